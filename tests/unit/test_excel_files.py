"""core.excel: opening files (and refusing bad ones), header detection, cell conversion, writer."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from python_calamine import CalamineWorkbook

from core.errors import Cancelled
from core.excel import cells
from core.excel.header import detect_header, header_key
from core.excel.workbook import SpreadsheetError, open_workbook, trim_rows
from core.excel.writer import DATE, ERROR, Sheet, Styled, column_letter, write_xlsx
from core.progress import Progress
from tests import soffice

KNOWN = {header_key(n) for n in ("Họ và tên", "Ngày sinh", "Giới tính", "Số định danh",
                                 "Thôn", "Nam", "Nữ")}


# -- opening ----------------------------------------------------------------------------------

def test_bad_files_are_refused_with_a_clear_message(tmp_path):
    missing = tmp_path / "khong-co.xlsx"
    with pytest.raises(SpreadsheetError, match="Không tìm thấy"):
        open_workbook(missing)
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(SpreadsheetError, match="rỗng"):
        open_workbook(empty)
    text = tmp_path / "danh-sach.xlsx"
    text.write_text("Họ và tên,Ngày sinh\nA,1990\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError, match="không phải bảng tính"):
        open_workbook(text)


def test_a_truncated_file_is_refused(tmp_path):
    good = tmp_path / "good.xlsx"
    write_xlsx(good, [Sheet("A", ["Họ và tên"], ([f"Người {i}"] for i in range(5000)))])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(SpreadsheetError, match="bị hỏng hoặc chưa chép xong"):
        open_workbook(cut).rows(0)


def test_a_password_protected_file_is_refused(tmp_path):
    """Encrypted with Office's own agile encryption (msoffcrypto-tool), as Excel saves it."""
    plain = tmp_path / "plain.xlsx"
    write_xlsx(plain, [Sheet("A", ["Họ và tên"], [["Đặng Văn Đức"]])])
    locked = tmp_path / "mat-khau.xlsx"
    with plain.open("rb") as source, locked.open("wb") as out:
        OOXMLFile(source).encrypt("mat-khau", out)
    with pytest.raises(SpreadsheetError, match="đặt mật khẩu"):
        open_workbook(locked)


def test_a_missing_sheet_names_the_sheets_there_are(tmp_path):
    path = tmp_path / "a.xlsx"
    write_xlsx(path, [Sheet("Danh sách", ["Họ và tên"], [["A"]]), Sheet("Ghi chú", ["x"], [])])
    book = open_workbook(path)
    assert book.sheet_names == ["Danh sách", "Ghi chú"]
    with pytest.raises(SpreadsheetError, match="Danh sách, Ghi chú"):
        book.rows("Trang 3")


def test_rows_keep_sheet_row_numbers_and_trailing_blank_rows_go(tmp_path):
    path = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"] = "Họ và tên"
    ws["C4"] = "Đặng Văn Đức"
    ws["C40"] = ""
    wb.save(path)
    rows = trim_rows(open_workbook(path).rows(0))
    assert rows[2][2] == "Họ và tên" and rows[3][2] == "Đặng Văn Đức" and len(rows) == 4


# -- header -----------------------------------------------------------------------------------

def test_header_under_titles_with_merged_two_row_header_and_numbering():
    rows = [
        ["UBND XÃ QUẢNG NGỌC", "", "", "", "", ""],
        ["DANH SÁCH NGƯỜI DÂN THÔN ĐÔNG HÒA", "", "", "", "", ""],
        ["", "", "", "", "", ""],
        ["STT", "Họ và tên", "Ngày sinh", "", "Số định danh", "Thôn"],
        ["", "", "Nam", "Nữ", "", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [1.0, "Đặng Văn Đức", "02/09/1975", "", "038075000123", "Đông Hòa"],
    ]
    header = detect_header(rows, KNOWN)
    assert header.row == 4 and header.first_data_row == 6
    assert header.columns == ["STT", "Họ và tên", "Ngày sinh Nam", "Ngày sinh Nữ",
                              "Số định danh", "Thôn"]


def test_header_with_numbers_row_unmerged_and_no_titles():
    rows = [["Họ và tên", "Giới tính", "Ngày sinh"], [1, 2, 3], ["A", "Nam", "1990"]]
    header = detect_header(rows, KNOWN)
    assert (header.row, header.first_data_row) == (0, 2)
    assert header.columns == ["Họ và tên", "Giới tính", "Ngày sinh"]


def test_a_data_row_is_not_taken_for_a_subheader():
    rows = [["Họ và tên", "Ngày sinh"], ["Đặng Văn Đức", "02/09/1975"]]
    header = detect_header(rows, KNOWN)
    assert header.first_data_row == 1 and header.columns == ["Họ và tên", "Ngày sinh"]


def test_no_table_no_header():
    assert detect_header([["Báo cáo"], [""], ["Ký tên"]], KNOWN) is None


def test_header_key_folds_and_drops_notes():
    assert header_key("Họ và tên (viết in hoa)") == "ho va ten"
    assert header_key("  Số CCCD/ĐDCN ") == "so cccd ddcn"


# -- cells ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (date(1975, 9, 2), "02/09/1975"),
    (datetime(1975, 9, 2, 0, 0), "02/09/1975"),
    (27639.0, "02/09/1975"),  # an Excel serial in an unformatted cell
    (1975.0, "1975"),  # a birth year, not 1905-05-28
    (2091975.0, "02091975"),  # ddmmyyyy typed as a number: the leading 0 came back
    ("02/09/1975", "02/09/1975"),
    ("", None),
    (None, None),
])
def test_date_cells(value, expected):
    assert cells.date_text(value)[0] == expected


@pytest.mark.parametrize("value, expected, note", [
    (38075000123.0, "038075000123", "leading_zero"),  # 0 lost in a number cell
    (138075000123.0, "138075000123", None),
    ("'038075000123", "038075000123", None),
    ("3.8075E+10", "3.8075E+10", "scientific"),
    (" 038 075 000 123 ", "038 075 000 123", None),  # spaces are for the ID checker to drop
])
def test_id_cells(value, expected, note):
    assert cells.id_text(value) == (expected, note)


def test_text_cells_are_nfc_and_single_spaced():
    assert cells.text("Nguye\u0302\u0303n   Văn\tĐức ") == "Nguyễn Văn Đức"
    assert cells.text(12.0) == "12" and cells.text(True) == "Có" and cells.text("  ") is None


# -- writer -----------------------------------------------------------------------------------

def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def _sample(path):
    rows = [["Đặng Văn Đức", date(1975, 9, 2), 38075000123, "<a & b>", Styled("sai", ERROR)],
            ["  khoảng trắng ", "1975", 1.5, "tab\x01bad", None]]
    write_xlsx(path, [Sheet("Cư dân: 1/2", ["Họ và tên", "Ngày sinh", "Số", "Ghi", "Lỗi"], rows)])


def test_writer_output_reads_back_in_calamine_and_openpyxl(tmp_path):
    path = tmp_path / "out.xlsx"
    _sample(path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows[1][:4] == ["Đặng Văn Đức", date(1975, 9, 2), 38075000123.0, "<a & b>"]
    assert rows[2][0] == "  khoảng trắng " and rows[2][3] == "tabbad"
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws.title == "Cư dân  1 2"
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b and ws["B2"].number_format == "dd/mm/yyyy"
    assert ws["E2"].fill.fgColor.rgb == "FFF8D7DA"
    assert ws.auto_filter.ref == "A1:E3"
    assert DATE == 2


def test_writer_output_opens_in_libreoffice(tmp_path):
    path = tmp_path / "out.xlsx"
    _sample(path)
    csv = soffice.convert(path, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "lo",
                          tmp_path / "profile")
    text = csv.read_text(encoding="utf-8")
    assert "Đặng Văn Đức" in text and "02/09/1975" in text


def test_a_cancelled_write_leaves_no_file(tmp_path):
    path = tmp_path / "out.xlsx"
    rows = ([f"Người {i}"] for i in range(10_000))
    with pytest.raises(Cancelled):
        write_xlsx(path, [Sheet("A", ["Họ và tên"], rows)], Progress(None, lambda: True))
    assert list(tmp_path.iterdir()) == []


def test_written_file_is_a_valid_zip(tmp_path):
    path = tmp_path / "out.xlsx"
    _sample(path)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        assert "xl/styles.xml" in zf.namelist()
