"""The printed forms as HTML for QTextDocument (values escaped; layout for A4)."""

from __future__ import annotations

from html import escape

from core.dates import show_iso
from core.services import collection
from core.services.forms import AttendeeSheet, Tk01

_STYLE = """
<style>
 body { font-family: 'Noto Sans'; font-size: 11pt; }
 .center { text-align: center; }
 .title { font-size: 13pt; font-weight: bold; text-align: center; }
 td.label { width: 42%; }
 table.grid { border-collapse: collapse; width: 100%; }
 table.grid td, table.grid th { border: 1px solid #444; padding: 3px; font-size: 10pt; }
</style>
"""


def _line(label: str, value: str) -> str:
    shown = escape(value) if value else "…" * 16
    return f"<tr><td class='label'>{escape(label)}</td><td><b>{shown}</b></td></tr>"


def tk01_html(form: Tk01) -> str:
    """Mẫu TK01 (Nghị định 69/2024/NĐ-CP): the application for an e-ID account, level 2."""
    lines = "".join(_line(label, value) for label, value in (
        ("1. Họ, chữ đệm và tên:", form.full_name),
        ("2. Ngày, tháng, năm sinh:", form.dob),
        ("3. Giới tính:", form.sex),
        ("4. Số định danh cá nhân:", form.personal_number),
        ("5. Quốc tịch:", form.nationality),
        ("6. Số điện thoại di động (chính chủ):", form.phone),
        ("7. Địa chỉ thư điện tử:", ""),
        ("8. Nơi cư trú:", form.residence),
    ))
    return f"""<html><head>{_STYLE}</head><body>
<p class='center'><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/>
<b>Độc lập - Tự do - Hạnh phúc</b></p>
<p style='text-align:right'><i>Mẫu TK01</i></p>
<p class='title'>PHIẾU ĐỀ NGHỊ CẤP TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ</p>
<p class='center'>Kính gửi: {escape(form.police_unit) or '…' * 20}</p>
<table width='100%'>{lines}</table>
<p>9. Đề nghị cấp tài khoản định danh điện tử: ☐ Mức độ 1 &nbsp; ☒ Mức độ 2</p>
<p>10. Đề nghị tích hợp thông tin: ☐ Thẻ bảo hiểm y tế &nbsp; ☐ Giấy phép lái xe &nbsp;
☐ Mã số thuế &nbsp; ☐ Khác: …………</p>
<p>Tôi xin cam đoan những thông tin trên là đúng sự thật.</p>
<table width='100%'><tr><td width='50%'></td>
<td class='center'><i>{escape(form.commune)}, ngày {escape(form.printed_on)}</i><br/>
<b>NGƯỜI ĐỀ NGHỊ</b><br/><i>(Ký, ghi rõ họ tên)</i><br/><br/><br/><br/>
<b>{escape(form.full_name)}</b></td></tr></table>
<p style='font-size:8pt'>Phiếu được điền sẵn bởi Xã Số từ dữ liệu của xã; người đề nghị kiểm tra
lại trước khi ký. Không ghi mật khẩu, mã OTP hay passcode lên phiếu.</p>
</body></html>"""


def attendee_sheet_html(sheet: AttendeeSheet) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td style='white-space: nowrap'>{escape(r.full_name)}</td>"
        f"<td>{escape(show_iso(r.dob))}</td>"
        f"<td>{escape(r.personal_number or '')}</td><td>{escape(r.hamlet)}</td>"
        f"<td>{escape(collection.OUTCOMES[r.outcome])}</td><td></td></tr>"
        for i, r in enumerate(sheet.rows, start=1))
    return f"""<html><head>{_STYLE}</head><body>
<p class='title'>DANH SÁCH CÔNG DÂN THAM GIA ĐỢT THU NHẬN<br/>HỒ SƠ ĐỊNH DANH ĐIỆN TỬ MỨC 2</p>
<p class='center'>{escape(sheet.commune)} — ngày {escape(sheet.held_on)} — {escape(sheet.place)}</p>
<table class='grid' width='100%'><tr><th width='5%'>STT</th><th width='27%'>Họ và tên</th>
<th width='12%'>Ngày sinh</th><th width='16%'>Số định danh</th><th width='14%'>Thôn</th>
<th width='14%'>Kết quả</th><th width='12%'>Ký nhận</th></tr>{rows}</table>
<p>Tổng số: {len(sheet.rows)} người.</p>
</body></html>"""
