"""A data-subject access request: everything held about one person in one .xlsx, audited."""

from __future__ import annotations

import openpyxl
import pytest

from core.auth import Role
from core.errors import PermissionDenied
from core.services import households, persons, records, subject_access, vneid

STAY = {"guest_name": "Trần Thị Bích", "guest_personal_number": "001196012345",
        "reason": "Thăm người thân", "from_date": "01/11/2026", "to_date": "05/11/2026",
        "host_name": "Lê Văn Hùng", "host_address": "Số 3, Thôn Đông", "host_hamlet": "Thôn Đông"}


def _sheet(book, name) -> list[list]:
    return [[c if c is not None else "" for c in row]
            for row in book[name].iter_rows(min_row=2, values_only=True)]


def test_everything_about_the_person_and_who_accessed_it(admin_ws, tmp_path):
    host = persons.create_person(admin_ws, {
        "full_name": "Lê Văn Hùng", "dob": "12/05/1970", "sex": "Nam", "ethnicity": "Kinh",
        "religion": "Không"}).person
    other = persons.create_person(admin_ws, {"full_name": "Người Khác", "dob": "1990"}).person
    persons.set_contact_phone(admin_ws, host.id, "0912345678", "verbal", "Lê Văn Hùng")
    households.create_household(admin_ws, host.id)
    vneid.set_status(admin_ws, host.id, "level1")
    records.create_record(admin_ws, "stay", STAY, [("host", host.id)])
    persons.get_person(admin_ws, host.id)  # a view, to appear among the accesses

    out = tmp_path / "le-van-hung.xlsx"
    subject_access.export_subject_data(admin_ws, host.id, out)
    book = openpyxl.load_workbook(out)
    fields = {row[0]: row[1] for row in _sheet(book, "Thông tin cá nhân")}
    assert fields["Họ và tên"] == "Lê Văn Hùng" and fields["Ngày sinh"] == "12/05/1970"
    assert fields["Dân tộc"] == "Kinh" and fields["Số điện thoại"] == "0912345678"
    assert fields["Giới tính"] == "Nam"
    assert len(_sheet(book, "Hộ gia đình")) == 1
    assert any(row[1] == "Mức 1" for row in _sheet(book, "Định danh điện tử"))
    assert _sheet(book, "Đồng ý")[0][2] == "Lê Văn Hùng"
    stay = _sheet(book, "Hồ sơ")
    assert len(stay) == 1 and "Thăm người thân" in stay[0][5]
    actions = [row[2] for row in _sheet(book, "Lịch sử truy cập")]
    assert "person.view" in actions and actions[-1] == "person.subject_export"
    everything = str([_sheet(book, name) for name in book.sheetnames])
    assert "Người Khác" not in everything and other.id not in everything


def test_only_roles_that_export_and_see_sensitive_data(login, admin_ws, tmp_path):
    person = persons.create_person(admin_ws, {"full_name": "Vũ Thị Mai", "dob": "1990"}).person
    member = login(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        subject_access.export_subject_data(member, person.id, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
    officer = login(Role.OFFICER)
    subject_access.export_subject_data(officer, person.id, tmp_path / "y.xlsx")
    assert (tmp_path / "y.xlsx").is_file()
