"""The dashboard's words: Vietnamese is the source text, English a small dictionary (?lang=en).

Figures are written the way each language writes them (1.234,5 in Vietnamese, 1,234.5 in
English); times are Vietnam's (UTC+7, no daylight saving), the hub's users all live there.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone

LANGS = ("vi", "en")
VIETNAM = timezone(timedelta(hours=7))

EN = {
    "Bảng điều khiển": "Dashboard",
    "Xã Số – máy chủ tỉnh": "Xã Số – province hub",
    "Đăng nhập": "Log in",
    "Đăng xuất": "Log out",
    "Tên đăng nhập": "Username",
    "Mật khẩu": "Password",
    "Sai tên đăng nhập hoặc mật khẩu.": "Wrong username or password.",
    "Phiên đăng nhập đã hết hạn hoặc biểu mẫu không hợp lệ; hãy thử lại.":
        "The session expired or the form is not valid; please try again.",
    "Quá nhiều lần đăng nhập; hãy thử lại sau {seconds} giây.":
        "Too many login attempts; try again in {seconds} seconds.",
    "Tổng quan": "Overview",
    "Báo cáo tỉnh": "Province report",
    "Báo cáo": "Report",
    "Xã": "Commune",
    "Mã xã": "Code",
    "Tên xã": "Commune",
    "Tiến độ": "Progress",
    "Đồng bộ gần nhất": "Last sync",
    "Số máy": "Devices",
    "Chưa đồng bộ": "Pending",
    "Bị từ chối": "Rejected",
    "Xung đột": "Conflicts",
    "Báo cáo gần nhất": "Latest report",
    "Kỳ báo cáo": "Period",
    "Xem": "Show",
    "Tải báo cáo Excel": "Download the Excel report",
    "Chỉ tiêu": "Indicator",
    "Đơn vị": "Unit",
    "Kỳ này": "This period",
    "Lũy kế": "Since January",
    "Mục tiêu": "Target",
    "Đạt": "Reached",
    "Số xã đã gửi": "Communes reporting",
    "Toàn tỉnh": "Province",
    "Theo xã": "By commune",
    "Chưa gửi": "Not sent",
    "chưa gửi": "not sent",
    "Chưa có báo cáo nào được gửi lên.": "No commune has sent a report yet.",
    "Máy": "Device",
    "Mã máy": "Device id",
    "Đăng ký lúc": "Enrolled",
    "Gửi lên gần nhất": "Last push",
    "Nhận về gần nhất": "Last pull",
    "Báo cáo gần nhất của máy": "Last report",
    "Trạng thái": "State",
    "Đang dùng": "Active",
    "Đã thu hồi": "Revoked",
    "Phiên bản": "Version",
    "Chưa có máy nào được đăng ký.": "No device enrolled yet.",
    "Các máy của xã": "Devices of the commune",
    "Số liệu báo cáo": "Report figures",
    "Có": "Yes",
    "Không": "No",
    "xã": "communes",
    "Tài khoản của bạn chỉ xem được xã của mình.": "Your account sees its own commune only.",
    "Không có xã này trên máy chủ.": "This commune is not on the hub.",
    "Kỳ": "Period",
    "Các xã tính kỳ này theo ngày khác nhau.": "Communes count this period over different dates.",
    "Tỷ lệ có tài khoản định danh mức 2 (từ 14 tuổi) so với mục tiêu":
        "Level-2 e-ID coverage (aged 14+) against the target",
    "tỉnh": "province",
    "chưa có": "never",
    "Số liệu là số tổng hợp, không có thông tin cá nhân.":
        "Figures are aggregates; no personal data.",
    "Tuần": "Week",
    "Tháng": "Month",
    "Về tổng quan": "Back to the overview",
    "Tính lúc": "Computed",
    "số xã có": "communes with yes",
    "Lập lúc": "Generated",
    "STT": "No.",
    "Loại": "Kind",
    "số lượng": "count",
    "tỷ lệ": "ratio",
    "có/không": "yes/no",
    "Tổng hợp": "Summary",
    "BÁO CÁO TỔNG HỢP ĐỀ ÁN 06": "PROJECT 06 SUMMARY REPORT",
}


def pick(lang: str | None) -> str:
    return lang if lang in LANGS else "vi"


def translate(text: str, lang: str) -> str:
    """The text in `lang` (NFC, as every text the app shows)."""
    out = EN.get(text, text) if lang == "en" else text
    return unicodedata.normalize("NFC", out)


def number(value, lang: str, decimals: int = 0) -> str:
    """1.234 / 62,5 in Vietnamese; 1,234 / 62.5 in English; "–" for nothing."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return translate("Có" if value else "Không", lang)
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,d}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def figure(value, kind: str, lang: str) -> str:
    if kind == "ratio":
        return "–" if value is None else number(value, lang, 1) + " %"
    if kind == "yesno" and isinstance(value, bool | type(None)):
        return number(value, lang)
    if isinstance(value, float) and not value.is_integer():
        return number(value, lang, 1)
    return number(value, lang)


def when(value: datetime | None, lang: str) -> str:
    if value is None:
        return translate("chưa có", lang)
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(VIETNAM)
    return local.strftime("%d/%m/%Y %H:%M")


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "–"


__all__ = ["EN", "LANGS", "VIETNAM", "day", "figure", "number", "pick", "translate", "when"]
