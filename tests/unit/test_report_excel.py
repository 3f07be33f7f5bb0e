"""Reports as .xlsx: the built-in template reopened with openpyxl, a province's own template
(made here) mapped once and filled, the export audited without personal data."""

from __future__ import annotations

import json
import zipfile
from datetime import date

import openpyxl
import pytest
from sqlalchemy import text

from core.auth import Role
from core.errors import PermissionDenied, ValidationError
from core.reports import overrides, templates
from core.reports.export import export_report
from core.reports.periods import CALENDAR, parse_period
from tests.report_commune import TODAY, province_template, seed

NOV = parse_period("2026-11", CALENDAR)


@pytest.fixture
def commune(admin_ws):
    return seed(admin_ws)


def row_of(sheet, name: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == name)


def test_default_template_written_and_reopened(commune, tmp_path):
    overrides.set_override(commune.ws, NOV, "vneid_activated", 4,
                           "Thêm 1 tài khoản kích hoạt tại công an tỉnh")
    out = tmp_path / "bao-cao-thang-11.xlsx"
    exported = export_report(commune.ws, "default", NOV, out, today=TODAY)
    assert exported.path == out and not list(tmp_path.glob("*.tmp"))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Báo cáo", "Theo thôn"]
    sheet = book["Báo cáo"]
    assert sheet["A2"].value == "Xã Quảng Ngọc, Tỉnh Thanh Hóa"
    assert sheet["A4"].value == "Kỳ báo cáo: 01/11/2026 – 30/11/2026"
    row = row_of(sheet, "Số hồ sơ định danh điện tử mức 2 đã thu nhận")
    assert [sheet.cell(row, c).value for c in (3, 4, 5)] == ["hồ sơ", 3, 5]
    row = row_of(sheet, "Tỷ lệ công dân từ đủ 14 tuổi có tài khoản định danh điện tử mức 2")
    assert [sheet.cell(row, c).value for c in (4, 5, 6, 7)] == [71.4, None, 80, 89.3]
    row = row_of(sheet, "Số tài khoản định danh điện tử mức 2 đã kích hoạt")
    assert sheet.cell(row, 4).value == 4  # the adjusted figure, with why and the computed one
    assert "công an tỉnh" in sheet.cell(row, 8).value and "3" in sheet.cell(row, 8).value
    row = row_of(sheet, "Có tổ chức thu nhận hồ sơ định danh lưu động trong kỳ")
    assert sheet.cell(row, 4).value == "Không"
    # every mapped cell of the template definition holds its figure
    definition = templates.default_template()
    for key in ("vneid_collected", "vneid_collected@ytd", "quality_g3"):
        _, coordinate = templates.split_cell(definition.cells[key])
        assert sheet[coordinate].value == {"vneid_collected": 3, "vneid_collected@ytd": 5,
                                           "quality_g3": 4}[key]
    hamlets = book["Theo thôn"]
    assert [c.value for c in hamlets[1]][2:] == ["Thôn Đông", "Thôn Tây", "—", "Toàn xã"]
    coverage = next(r for r in hamlets.iter_rows(values_only=True)
                    if r[0] == "Tỷ lệ công dân từ đủ 14 tuổi có tài khoản định danh điện tử "
                                "mức 2")
    assert coverage[2:6] == (75.0, 50.0, 100.0, 71.4)
    with zipfile.ZipFile(out) as archive:  # openpyxl reads charts back only as drawings
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "barChart" in chart and "lineChart" in chart  # coverage per hamlet vs the target
    text_of_book = " ".join(str(c.value) for s in book for r in s.iter_rows() for c in r
                            if c.value is not None)
    for person in commune.people.values():  # aggregates only
        assert person.full_name not in text_of_book
        assert not person.personal_number or person.personal_number not in text_of_book


def test_export_is_audited_and_needs_permission(commune, login, tmp_path):
    with pytest.raises(PermissionDenied):
        export_report(login(Role.VIEWER), "default", NOV, tmp_path / "x.xlsx", today=TODAY)
    assert not (tmp_path / "x.xlsx").exists()
    export_report(commune.ws, "default", NOV, tmp_path / "r.xlsx", commune.east.id, TODAY)
    with commune.ws.db.read() as session:
        details = session.execute(text(
            "SELECT details FROM audit_event WHERE action = 'report.export'")).scalar_one()
    details = json.loads(details)
    assert details.pop("computed_at").startswith(str(date.today().year))
    assert details == {"template": "default", "period": "2026-11-01..2026-11-30",
                       "kind": "month", "hamlet_id": commune.east.id, "indicators": 41,
                       "overrides": 0}
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Báo cáo"]
    assert sheet["A3"].value == "Thôn, tổ dân phố: Thôn Đông"
    assert sheet.cell(row_of(sheet, "Số công dân từ đủ 14 tuổi"), 4).value == 4


def test_province_template_scan_map_once_and_fill(commune, tmp_path):
    content = province_template()
    scan = templates.scan_template(content)
    assert scan.sheets == ["Biểu 01"]
    assert scan.placeholders == {"_commune": "'Biểu 01'!A1", "_period": "'Biểu 01'!A2",
                                 "vneid_coverage_14": "'Biểu 01'!C6"}
    assert scan.suggestions == {"vneid_activated": "'Biểu 01'!C5",
                                "vneid_activated@ytd": "'Biểu 01'!D5",
                                "stay_notifications": "'Biểu 01'!C7",
                                "stay_notifications@ytd": "'Biểu 01'!D7"}
    assert any("Biểu đồ" in w for w in scan.warnings)
    cells = scan.cells | {"vneid_collected": "'Biểu 01'!$C$8"}  # the officer adds one
    with pytest.raises(ValidationError, match="hai lần"):
        templates.save_template(commune.ws, "Mẫu tỉnh", content,
                                cells | {"vneid_issued": "'Biểu 01'!C8"})
    with pytest.raises(ValidationError, match="không có trang"):
        templates.save_template(commune.ws, "Mẫu tỉnh", content, {"vneid_issued": "Biểu 2!C8"})
    with pytest.raises(ValidationError, match="không phải"):
        templates.save_template(commune.ws, "Mẫu tỉnh", content, {"bogus": "'Biểu 01'!C3"})
    saved = templates.save_template(commune.ws, "Mẫu Sở Nội vụ tỉnh", content, cells)
    assert saved.id == "mau-so-noi-vu-tinh"
    assert saved.cells["vneid_collected"] == "'Biểu 01'!C8"
    again = templates.save_template(commune.ws, "Mẫu Sở Nội vụ tỉnh", content, cells)
    assert again.id == "mau-so-noi-vu-tinh-2"  # a second upload never replaces the first
    templates.delete_template(commune.ws, again.id)
    listed = templates.list_templates(commune.ws)
    assert [t.id for t in listed] == ["default", "mau-so-noi-vu-tinh"]

    out = tmp_path / "bieu-01.xlsx"
    export_report(commune.ws, saved.id, NOV, out, today=TODAY)  # a later month: same cells
    book = openpyxl.load_workbook(out)
    sheet = book["Biểu 01"]
    assert sheet["A1"].value == "BÁO CÁO TIẾN ĐỘ ĐỀ ÁN 06 – Xã Quảng Ngọc, Tỉnh Thanh Hóa"
    assert sheet["A2"].value == "Kỳ: 01/11/2026 – 30/11/2026"
    assert (sheet["C5"].value, sheet["D5"].value) == (3, 3)
    assert sheet["C6"].value == 71.4
    assert (sheet["C7"].value, sheet["D7"].value) == (0, 0)
    assert sheet["C8"].value == 3
    assert sheet["C9"].value == "=C5+C8"  # the province's formula is kept
    assert book.calculation.fullCalcOnLoad
    assert sheet["B5"].value == "Số tài khoản định danh điện tử mức 2 đã kích hoạt"


def test_templates_survive_a_reopen_and_refuse_bad_files(commune, store):
    from tests.conftest import ADMIN_PASSWORD

    content = province_template()
    saved = templates.save_template(commune.ws, "Mẫu tỉnh", content,
                                    {"vneid_activated": "'Biểu 01'!C5"})
    commune.ws.close()
    ws = store.unlock("admin", ADMIN_PASSWORD)
    try:
        loaded = templates.get_template(ws, saved.id)
        assert (loaded.cells, loaded.workbook) == ({"vneid_activated": "'Biểu 01'!C5"}, content)
        with pytest.raises(ValidationError, match="Không đọc được"):
            templates.save_template(ws, "Hỏng", b"not a workbook", {})
        with pytest.raises(ValidationError, match="ít nhất một chỉ tiêu"):
            templates.save_template(ws, "Trống", content, {"_period": "'Biểu 01'!A2"})
        with pytest.raises(ValidationError):
            templates.update_mapping(ws, "default", {"vneid_activated": "'Báo cáo'!D1"})
    finally:
        ws.close()
