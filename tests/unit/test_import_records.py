"""Importing and exporting sector records: beneficiaries (non-legal) and births (legal)."""

from __future__ import annotations

import json

import openpyxl
import pytest
from sqlmodel import select

from core.imports import commit, service
from core.imports.export import export_list
from core.models import Record, RecordAction, RecordPerson
from core.services import persons, records


def _plan(ws, code, path):
    return service.plan(ws, code, service.prepare(ws, code, path))


def _sheet(path, header, rows, title="DANH SÁCH ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI HƯỞNG TRỢ CẤP"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEADER = ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Đối tượng", "Mức trợ cấp",
          "Hình thức chi trả", "STK"]


def test_beneficiaries_preview_link_commit_and_reimport(admin_ws, tmp_path):
    ws = admin_ws
    duc = persons.create_person(ws, {"full_name": "Đặng Văn Đức", "dob": "02/09/1945",
                                     "sex": "Nam", "personal_number": "038045000123"}).person
    path = _sheet(tmp_path / "btxh.xlsx", HEADER, [
        [1, "Đặng Văn Đức", "02/09/1945", "038045000123", "NCT", "1.000.000", "Chuyển khoản",
         "0123456789"],
        [2, "Lê Thị Nở", "1950", "", "Người khuyết tật", 750000, "Tiền mặt", ""],
        [3, "Lê Thị Nở", "1950", "", "Khuyết tật", 750000, "Tiền mặt", ""],  # same again
        [4, "Trần Văn Mít", "1952", "", "Đối tượng lạ", 500000, "Tiền mặt", ""],  # bad category
    ])
    plan = _plan(ws, "social_protection", path)
    statuses = {r.sheet_row: r.status for r in plan.rows}
    assert statuses == {4: "new", 5: "new", 6: "error", 7: "error"}
    first = plan.rows[0]
    assert first.values["category"] == "Người cao tuổi"  # "NCT" spelled out
    assert first.values["monthly_allowance"] == 1_000_000
    assert first.values["payment_method"] == "Tài khoản"
    assert first.extra["links"] == [("beneficiary", duc.id)]
    assert "dòng 5" in plan.rows[2].errors[""]
    assert "category" in plan.rows[3].errors
    commit.commit(ws, plan, valid_only=True)
    with ws.db.read() as session:
        stored = session.exec(select(Record).where(Record.type_code == "social_protection")).all()
        assert len(stored) == 2
        links = session.exec(select(RecordPerson)).all()
        assert [(link.role, link.person_id) for link in links] == [("beneficiary", duc.id)]
    again = _plan(ws, "social_protection", path)  # found by the duplicate rule: no new rows
    assert [r.status for r in again.rows][:2] == ["unchanged", "unchanged"]


def test_record_export_edit_import_round_trip(admin_ws, tmp_path):
    ws = admin_ws
    path = _sheet(tmp_path / "btxh.xlsx", HEADER, [
        [1, "Lê Thị Nở", "1950", "", "Người khuyết tật", 750000, "Tiền mặt", ""],
        [2, "Hà Văn Tư", "1948", "", "Người cao tuổi", 500000, "Tiền mặt", ""],
    ])
    commit.commit(ws, _plan(ws, "social_protection", path))
    out = tmp_path / "export.xlsx"
    assert export_list(ws, "social_protection", out) == 2
    wb = openpyxl.load_workbook(out)
    sheet = wb.active
    header = [c.value for c in sheet[1]]
    column = header.index("hình thức chi trả") + 1
    row = next(r for r in range(2, 4) if sheet.cell(r, 1).value == "Hà Văn Tư")
    sheet.cell(row, column).value = "Tài khoản"
    wb.save(out)
    plan = _plan(ws, "social_protection", out)
    assert sorted(r.status for r in plan.rows) == ["unchanged", "update"]
    assert {r.outcome for r in plan.rows} == {"system_id"}
    commit.commit(ws, plan)
    rows = records.list_records(ws, "social_protection")
    assert len(rows) == 2


def test_a_birth_updated_from_a_file_gets_a_correction_in_its_history(admin_ws, tmp_path):
    ws = admin_ws
    path = _sheet(tmp_path / "ks.xlsx", ["Họ và tên trẻ", "Ngày sinh", "Giới tính",
                                         "Họ tên mẹ", "Ngày đăng ký", "Quyển số", "Trang",
                                         "Số"], [
        ["Đặng Minh Khôi", "03/04/2020", "Nam", "Lê Thị Hoà", "20/04/2020", "01/2020", 12, 34],
    ], title="SỔ ĐĂNG KÝ KHAI SINH")
    commit.commit(ws, _plan(ws, "birth", path))
    out = tmp_path / "ks-export.xlsx"
    export_list(ws, "birth", out)
    wb = openpyxl.load_workbook(out)
    sheet = wb.active
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("trang") + 1).value = 13
    wb.save(out)
    plan = _plan(ws, "birth", out)
    assert plan.rows[0].status == "update" and plan.rows[0].diff == {"page": (12, 13)}
    commit.commit(ws, plan)
    with ws.db.read() as session:
        record = session.exec(select(Record).where(Record.type_code == "birth")).one()
        actions = session.exec(select(RecordAction).where(
            RecordAction.record_id == record.id).order_by(RecordAction.at)).all()
    assert [a.action for a in actions] == ["create", "correct"]
    assert "ks-export.xlsx" in actions[1].note and json.loads(actions[0].payload)["page"] == 12
    assert json.loads(record.payload)["page"] == 13


def test_unknown_type_is_refused(admin_ws, tmp_path):
    from core.errors import ValidationError

    with pytest.raises(ValidationError, match="person"):
        service.prepare(admin_ws, "no_such_type", tmp_path / "x.xlsx")
