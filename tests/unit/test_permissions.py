"""The permission matrix is enforced by core services, whatever the caller."""

from __future__ import annotations

import pytest

from core.auth import PERMISSIONS, Perm, Role
from core.errors import PermissionDenied
from core.services import households, maintenance, persons, records, vneid


def test_matrix_is_monotonic():
    assert PERMISSIONS[Role.VIEWER] < PERMISSIONS[Role.MEMBER] < PERMISSIONS[Role.OFFICER]
    assert PERMISSIONS[Role.OFFICER] < PERMISSIONS[Role.ADMIN] == frozenset(Perm)


@pytest.fixture
def someone(admin_ws):
    return persons.create_person(admin_ws, {"full_name": "Vũ Thị Mai", "dob": "1990",
                                            "ethnicity": "Mường", "religion": "Không"}).person


def test_viewer_reads_but_cannot_write(login, someone):
    viewer = login(Role.VIEWER)
    assert persons.search(viewer, "mai")
    with pytest.raises(PermissionDenied, match="thêm hoặc sửa cư dân"):
        persons.create_person(viewer, {"full_name": "Hồ Văn Nam"})
    with pytest.raises(PermissionDenied):
        persons.update_person(viewer, someone.id, {"full_name": "Vũ Thị Mai Anh"})
    with pytest.raises(PermissionDenied):
        vneid.set_status(viewer, someone.id, "level1")
    with pytest.raises(PermissionDenied):
        maintenance.backup_now(viewer)
    with pytest.raises(PermissionDenied):
        maintenance.verify_audit(viewer)


def test_member_writes_people_but_cannot_delete_or_see_sensitive(login, someone):
    member = login(Role.MEMBER)
    persons.update_person(member, someone.id, {"place_of_origin": "Quảng Ngọc"})
    households.create_household(member, someone.id)
    with pytest.raises(PermissionDenied, match="xóa cư dân"):
        persons.delete_person(member, someone.id, "chuyển đi")
    with pytest.raises(PermissionDenied):
        records.create_record(member, "birth", {})
    view = persons.get_person(member, someone.id)
    assert view.ethnicity is None and view.religion is None  # sensitive: hidden by role
    assert view.full_name == "Vũ Thị Mai"


def test_member_saving_a_form_with_hidden_fields_keeps_them(login, admin_ws, someone):
    member = login(Role.MEMBER)
    view = persons.get_person(member, someone.id)
    persons.update_person(member, someone.id, {"full_name": "Vũ Thị Mai Anh", "ethnicity": "",
                                               "religion": "Phật giáo"}, view.version)
    stored = persons.get_person(admin_ws, someone.id)
    assert stored.full_name == "Vũ Thị Mai Anh"
    assert (stored.ethnicity, stored.religion) == ("Mường", "Không")  # unseen, so unchanged


def test_officer_deletes_and_sees_sensitive(login, someone):
    officer = login(Role.OFFICER)
    view = persons.get_person(officer, someone.id)
    assert view.ethnicity == "Mường"
    persons.delete_person(officer, someone.id, "Trùng hồ sơ")
    assert persons.search(officer, "mai") == []
    with pytest.raises(PermissionDenied):
        maintenance.restore(officer, "whatever.db")

