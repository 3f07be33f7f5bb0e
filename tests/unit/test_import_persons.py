"""Importing residents from messy spreadsheets: preview, commit, error report, round trip."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from sqlmodel import func, select

from core.auth import Role
from core.errors import Cancelled, PermissionDenied, ValidationError
from core.excel.workbook import SpreadsheetError
from core.imports import commit, mapping, service
from core.imports.export import export_persons
from core.imports.persons import TARGET
from core.imports.report import ERROR_COLUMN, ROW_COLUMN, write_error_report
from core.models import AuditEvent, OutboxEntry, Person, ReviewItem
from core.progress import Progress
from core.services import persons
from tests import soffice

HEAD = ["STT", "Họ và tên", "Ngày sinh", "", "Số CCCD/ĐDCN", "Giới tính", "Thôn", "Dân tộc"]
SUB = ["", "", "Nam", "Nữ", "", "", "", ""]


def _messy(path, rows, title=True, sub=True):
    """Titles above, a two-row merged header (date of birth under Nam / Nữ), a numbering row,
    like the lists communes keep."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS nhân khẩu"
    if title:
        ws.append(["UBND XÃ QUẢNG NGỌC"])
        ws.append(["DANH SÁCH NHÂN KHẨU THÔN ĐÔNG HÒA"])
        ws.append([])
    ws.append(HEAD)
    top = ws.max_row
    ws.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
    if sub:
        ws.append(SUB)
    ws.append([f"({i})" for i in range(1, 9)])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _count(ws, model):
    with ws.db.read() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _plan(ws, path, **kw):
    return service.plan(ws, "person", service.prepare(ws, "person", path, **kw))


def test_messy_sheet_preview_commit_and_statuses(commune, tmp_path):
    ws = commune
    stored = persons.create_person(ws, {"full_name": "Đặng Văn Đức", "dob": "02/09/1975",
                                        "sex": "Nam", "personal_number": "038075000123"}).person
    twin = persons.create_person(ws, {"full_name": "Lê Thị Hoa", "dob": "1980",
                                      "sex": "Nữ"}).person
    path = _messy(tmp_path / "ds.xlsx", [
        # same ID, same person, spelled with other tone placement; adds the hamlet → update
        [1, "Đặng Văn Đức", date(1975, 9, 2), "", "038075000123", "Nam", "Đông Hoà", "Kinh"],
        # new; ID typed as a number (leading zero lost), Excel date serial, "thôn 3"
        [2, "Nguyễn Thị Lan", "", 33239, 38190000456, "nữ", "thôn 3", "Kinh"],
        # same ID as row 1 of the stored data but another name → conflict → review
        [3, "Trần Văn Nam", "02/09/1975", "", "038075000123", "Nam", "Thôn 3", ""],
        # same folded name + year only as the stored "Lê Thị Hoa" → weak → review
        [4, "Le Thi Hoa", "", "1980", "", "Nữ", "", ""],
        # errors: bad date, unknown hamlet
        [5, "Phạm Văn Bình", "31/02/1990", "", "", "Nam", "Thôn 99", ""],
        # the same person twice in the file
        [6, "Nguyễn Thị Lan", "", "01/01/1991", "038190000456", "Nữ", "Thôn 3", ""],
        [7, "", "", "", "", "", "", ""],  # numbered empty row: skipped
    ])
    plan = _plan(ws, path)
    assert plan.table.header.row == 4 and plan.table.sheet == "DS nhân khẩu"
    assert plan.table.columns[2:4] == ["Ngày sinh Nam", "Ngày sinh Nữ"]
    by_row = {r.sheet_row: r for r in plan.rows}
    assert sorted(by_row) == [7, 8, 9, 10, 11, 12]
    assert by_row[7].status == "update" and by_row[7].target_id == stored.id
    assert set(by_row[7].diff) == {"hamlet_id", "ethnicity"}
    lan = by_row[8]
    assert lan.status == "new" and lan.values["personal_number"] == "038190000456"
    assert lan.values["dob"] == "1991-01-01" and lan.values["sex"] == "F"
    assert any("số 0" in str(n) for n in lan.notes)
    assert by_row[9].status == "review" and by_row[9].outcome == "conflict"
    assert by_row[10].status == "review" and by_row[10].outcome == "weak"
    assert by_row[10].target_id == twin.id
    bad = by_row[11]
    assert bad.status == "error" and set(bad.errors) == {"dob_male", "hamlet"}
    assert "Thôn 99" in bad.errors["hamlet"]
    assert by_row[12].status == "error" and "dòng 8" in by_row[12].errors[""]
    assert plan.counts() == {"new": 1, "update": 1, "unchanged": 0, "review": 2, "error": 2}

    before = _count(ws, Person)
    with pytest.raises(ValidationError, match="2 dòng lỗi"):
        commit.commit(ws, plan)
    assert _count(ws, Person) == before  # all-or-nothing: nothing written

    result = commit.commit(ws, plan, valid_only=True)
    assert result == {"new": 1, "updated": 1, "unchanged": 0, "review": 2, "errors": 2}
    assert _count(ws, Person) == before + 1
    with ws.db.read() as session:
        duc = session.get(Person, stored.id)
        assert duc.ethnicity == "Kinh" and duc.version == 2
        assert json.loads(duc.provenance)["ethnicity"]["source"] == "import"
        new = session.exec(select(Person).where(Person.personal_number == "038190000456")).one()
        assert new.full_name == "Nguyễn Thị Lan" and new.residence_address_id
        reviews = session.exec(select(ReviewItem).where(
            ReviewItem.kind == "cleaning_mismatch")).all()
        assert {r.entity_id for r in reviews} == {stored.id, twin.id}
        assert all(json.loads(r.details)["sheet_row"] in (9, 10) for r in reviews)
        assert {json.loads(r.details)["message"].split(":")[0] for r in reviews} == {
            "Nhập từ tệp ds.xlsx, dòng 9", "Nhập từ tệp ds.xlsx, dòng 10"}
        outbox = session.exec(select(OutboxEntry.entity_id)).all()
        assert new.id in outbox
        events = session.exec(select(AuditEvent.details).where(
            AuditEvent.action == "import.commit")).all()
        assert len(events) == 1 and json.loads(events[0])["counts"]["new"] == 1

    again = _plan(ws, path)  # importing the same file again duplicates nobody
    assert again.counts()["new"] == 0
    assert {r.sheet_row: r.status for r in again.rows}[8] == "unchanged"


def test_every_validation_error_is_explained(commune, tmp_path):
    path = tmp_path / "loi.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Số CMND", "Thôn",
               "Mã hệ thống"])
    ws.append(["", "01/01/1990", "Nam", "", "", "", ""])  # no name
    ws.append(["A", "1/13/1990", "Nam", "", "", "", ""])  # month 13
    ws.append(["B", "01/01/2999", "Nam", "", "", "", ""])  # in the future
    ws.append(["C", "01/01/1990", "Bê đê", "", "", "", ""])  # sex unknown
    ws.append(["D", "01/01/1990", "Nam", "03807500012", "", "", ""])  # 11 digits as text
    ws.append(["E", "01/01/1990", "Nam", "3.8075E+10", "", "", ""])  # scientific notation
    ws.append(["F", "01/01/1990", "Nam", "", "1234", "", ""])  # old CMND too short
    ws.append(["G", "01/01/1990", "Nam", "", "", "Xóm Mới", ""])  # unknown hamlet
    ws.append(["H", "01/01/1990", "Nam", "", "", "", "0190-not-ours"])  # unknown system id
    wb.save(path)
    plan = _plan(commune, path)
    errors = [r.errors for r in plan.rows]
    assert [next(iter(e)) for e in errors] == [
        "full_name", "dob", "dob", "sex", "personal_number", "personal_number",
        "old_id_number", "hamlet", "id"]
    assert "số mũ" in errors[5]["personal_number"]
    assert all(r.status == "error" for r in plan.rows)
    first = plan.first_errors(3)
    assert [e["row"] for e in first] == [2, 3, 4]


def test_error_report_explains_and_imports_back_when_fixed(commune, tmp_path):
    path = _messy(tmp_path / "ds.xlsx", [
        [1, "Phạm Văn Bình", "31/02/1990", "", "", "Nam", "Thôn 3", ""],
        [2, "Hoàng Thị Mai", "", "05/06/1992", "038192000777", "Nữ", "Thôn 99", ""],
        [3, "Vũ Văn Tú", "1988", "", "", "Nam", "Thôn 3", ""],
    ])
    plan = _plan(commune, path)
    report = tmp_path / "loi.xlsx"
    assert write_error_report(plan, report) == 2
    wb = openpyxl.load_workbook(report)
    sheet = wb.active
    header = [c.value for c in sheet[1]]
    assert header[-2:] == [ERROR_COLUMN, ROW_COLUMN]
    assert "Ngày sinh Nam" in header
    first, second = list(sheet.iter_rows(min_row=2, values_only=True))
    assert "không có trên lịch" in first[-2] and first[-1] == 7
    assert "Thôn 99" in second[-2] and second[4] == "038192000777"  # the ID stays text
    assert sheet.cell(2, 3).fill.fgColor.rgb == "FFF8D7DA"  # the wrong cell is highlighted
    # The officer fixes both rows in the report itself and imports it.
    sheet.cell(2, 3).value = "28/02/1990"
    sheet.cell(3, 7).value = "Thôn Đông Hòa"
    wb.save(report)
    fixed = _plan(commune, report)
    assert fixed.counts() == {"new": 2, "update": 0, "unchanged": 0, "review": 0, "error": 0}
    commit.commit(commune, fixed)
    assert {p.full_name for p in persons.search(commune, "binh")} >= {"Phạm Văn Bình"}


def test_export_edit_import_round_trip_updates_the_same_rows(commune, tmp_path):
    ws = commune
    for i, name in enumerate(("Đặng Văn Đức", "Lê Thị Thuý Hoà", "Nguyễn Minh Khôi")):
        persons.create_person(ws, {"full_name": name, "dob": f"0{i + 1}/05/19{70 + i}",
                                   "sex": "Nam" if i != 1 else "Nữ"})
    exported = tmp_path / "cu-dan.xlsx"
    assert export_persons(ws, exported) == 3
    wb = openpyxl.load_workbook(exported)
    sheet = wb.active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    header = [c.value for c in sheet[1]]
    assert header[-1] == str(TARGET.field("id").label)
    assert sheet.cell(2, header.index("Ngày sinh") + 1).number_format == "dd/mm/yyyy"
    # Edited in Excel: one place of birth filled in, nothing else.
    sheet.cell(2, header.index("Nơi sinh") + 1).value = "Quảng Ngọc"
    wb.save(exported)
    # ... and saved once more by LibreOffice, as an officer without Excel would.
    resaved = soffice.convert(exported, "xlsx", tmp_path / "lo", tmp_path / "profile")
    for path in (exported, resaved):
        plan = _plan(ws, path)
        assert plan.counts() == {"new": 0, "update": 1, "unchanged": 2, "review": 0, "error": 0}
        assert [r.outcome for r in plan.rows] == ["system_id"] * 3
    commit.commit(ws, _plan(ws, resaved))
    assert _count(ws, Person) == 3
    with ws.db.read() as session:
        assert session.exec(select(func.count()).select_from(Person).where(
            Person.place_of_birth == "Quảng Ngọc")).one() == 1
        exports = session.exec(select(AuditEvent).where(
            AuditEvent.action == "person.export")).all()
        assert json.loads(exports[0].details)["rows"] == 3


def test_libreoffice_files_from_csv_and_ods(commune, tmp_path):
    """Files an office suite wrote: dates typed dd/mm/yyyy on a Vietnamese PC become real
    date cells, ID numbers become numbers (leading zero lost)."""
    csv = tmp_path / "ds.csv"
    csv.write_text("DANH SÁCH CÔNG DÂN\n\nSTT,Họ và tên,Ngày sinh,Giới tính,Số định danh\n"
                   "1,Đặng Văn Đức,02/09/1975,Nam,038075000123\n"
                   "2,Lê Thị Hoa,15/12/1980,Nữ,038180000555\n", encoding="utf-8")
    xlsx = soffice.convert(csv, "xlsx", tmp_path / "x", tmp_path / "p", soffice.CSV_FILTER)
    ods = soffice.convert(csv, "ods", tmp_path / "o", tmp_path / "p", soffice.CSV_FILTER)
    for path in (xlsx, ods):
        plan = _plan(commune, path)
        assert plan.counts()["new"] == 2, plan.first_errors()
        duc = plan.rows[0].values
        assert duc["dob"] == "1975-09-02" and duc["personal_number"] == "038075000123"


def test_legacy_tcvn3_sheet_is_converted(commune, tmp_path):
    path = tmp_path / "cu.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Hä vµ tªn", "Ngµy sinh"])  # the header is legacy too: mapped after conversion?
    ws.append(["Họ và tên", "Ngày sinh"])
    for name in ("NguyÔn ThÞ H\u00ad¬ng", "TrÇn V¨n Hïng", "§Æng Quèc B¶o", "Ph¹m §øc Th¾ng"):
        ws.append([name, "1990"])
    wb.save(path)
    plan = _plan(commune, path)
    assert plan.table.legacy == "tcvn3" and plan.convert_legacy
    assert [r.values["full_name"] for r in plan.rows] == [
        "Nguyễn Thị Hương", "Trần Văn Hùng", "Đặng Quốc Bảo", "Phạm Đức Thắng"]
    kept = service.plan(commune, "person", service.prepare(commune, "person", path),
                        convert_legacy=False)
    assert kept.rows[0].values["full_name"] == "NguyÔn ThÞ H\u00ad¬ng"


@pytest.mark.parametrize("case", ["not_zip", "truncated", "empty", "wrong_sheet", "no_table"])
def test_malformed_files_write_nothing(commune, tmp_path, case):
    path = tmp_path / "x.xlsx"
    good = _messy(tmp_path / "good.xlsx", [[1, "A", "1990", "", "", "Nam", "", ""]] * 500)
    if case == "not_zip":
        path.write_bytes(b"<html>not a workbook</html>")
    elif case == "truncated":
        path.write_bytes(good.read_bytes()[:2000])
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "no_table":
        wb = openpyxl.Workbook()
        wb.active.append(["Báo cáo tháng 11"])
        wb.save(path)
    else:
        path = good
    before = (_count(commune, Person), _count(commune, AuditEvent))
    with pytest.raises(SpreadsheetError) as caught:
        service.prepare(commune, "person", path,
                        sheet="Trang 2" if case == "wrong_sheet" else None)
    assert str(caught.value)  # a Vietnamese sentence, not a traceback
    assert (_count(commune, Person), _count(commune, AuditEvent)) == before


def test_the_right_sheet_is_found_after_a_cover_sheet(commune, tmp_path):
    path = tmp_path / "nhieu-trang.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Bìa"
    wb.active.append(["BÁO CÁO DANH SÁCH"])
    data = wb.create_sheet("Danh sách")
    data.append(["Họ và tên", "Năm sinh"])
    data.append(["Bùi Văn Tùng", 1966])
    wb.save(path)
    plan = _plan(commune, path)
    assert plan.table.sheet == "Danh sách" and plan.rows[0].values["dob"] == "1966"


def test_mappings_are_suggested_saved_and_reused(commune, tmp_path):
    columns = ["STT", "Họ và tên công dân (viết hoa)", "Ngày, tháng, năm sinh", "Số CCCD",
               "Tổ dân phố", "Ghi chú"]
    suggested = mapping.suggest(columns, TARGET)
    assert suggested == {1: "full_name", 2: "dob", 3: "personal_number", 4: "hamlet"}
    custom = {1: "full_name", 2: "dob", 5: "place_of_birth"}  # an officer's own choice
    mapping.save_mapping(commune, "person", "Mẫu công an xã", columns, custom)
    path = tmp_path / "m.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(columns)
    wb.active.append([1, "Bùi Văn Tùng", "1966", "", "", "Quảng Ngọc"])
    wb.save(path)
    prepared = service.prepare(commune, "person", path)  # found by the layout's fingerprint
    assert prepared.mapping_name == "Mẫu công an xã" and prepared.mapping == custom
    plan = service.plan(commune, "person", prepared)
    assert plan.rows[0].values["place_of_birth"] == "Quảng Ngọc"
    with pytest.raises(ValidationError, match="Chưa có cách ghép"):
        service.prepare(commune, "person", path, mapping_name="không có")
    with pytest.raises(ValidationError, match="Họ và tên"):
        service.plan(commune, "person", service.Prepared(prepared.table, {2: "dob"}, None))


def test_cancel_during_commit_rolls_everything_back(commune, tmp_path):
    path = _messy(tmp_path / "ds.xlsx", [[i, f"Người Số {i}", "1990", "", "", "Nam", "Thôn 3",
                                           ""] for i in range(1, 301)])
    plan = _plan(commune, path)
    with pytest.raises(Cancelled):
        commit.commit(commune, plan, progress=Progress(None, lambda: True))
    assert _count(commune, Person) == 0


def test_roles(commune, login, tmp_path):
    path = _messy(tmp_path / "ds.xlsx", [[1, "A B", "1990", "", "", "Nam", "", ""]])
    with pytest.raises(PermissionDenied):
        _plan(login(Role.VIEWER), path)  # a preview shows stored values: importers only
    persons.create_person(commune, {"full_name": "A B", "dob": "01/01/1990", "sex": "Nam",
                                    "ethnicity": "Mường"})
    member = login(Role.MEMBER)  # may import, may not read ethnicity or religion
    plan = _plan(member, _messy(tmp_path / "ds2.xlsx",
                                [[1, "A B", "01/01/1990", "", "", "Nam", "", "Kinh"]]))
    assert plan.rows[0].diff["ethnicity"] == ("•••", "Kinh")
    with pytest.raises(PermissionDenied):
        export_persons(member, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_a_big_file_checked_in_two_processes_plans_exactly_like_one(commune, tmp_path,
                                                                    monkeypatch):
    """Above PARALLEL_FROM rows a spawned helper checks the last rows; duplicates across the
    split, errors and blank rows must come out as in a single-process plan."""
    from core.imports import persons as person_import
    from tests.people_files import people_rows

    rows = people_rows(60)
    rows[50] = list(rows[5])  # the same person again, on the helper's side of the split
    rows[40][2] = "31/02/1990"  # an error there; row 46 will be blank but for its number
    cells = [[r[0], r[1], *((r[2], "") if r[3] == "Nam" else ("", r[2])), r[4], r[3], "Thôn 3",
              r[6]] for r in rows]
    cells[45] = [46] + [""] * 7
    path = _messy(tmp_path / "big.xlsx", cells, title=False)
    single = _plan(commune, path)
    monkeypatch.setattr(person_import, "PARALLEL_FROM", 10)
    double = _plan(commune, path)
    summary = [(r.sheet_row, r.status, r.outcome, sorted(r.errors), r.values) for r in single.rows]
    assert summary == [(r.sheet_row, r.status, r.outcome, sorted(r.errors), r.values)
                       for r in double.rows]
    assert single.counts()["error"] == 2 and len(single.rows) == 59
    assert all(r.raw is not None and r.raw[1] for r in double.rows)
