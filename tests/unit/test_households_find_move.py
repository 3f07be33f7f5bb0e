"""Finding households by a member, and moving a member between households (audited)."""

from __future__ import annotations

import pytest

from core.errors import ValidationError, XasoError
from core.services import hamlets, households, persons


@pytest.fixture
def two_homes(admin_ws):
    hamlet = hamlets.add_hamlet(admin_ws, "Thôn Đông Hòa")
    def person(name):
        return persons.create_person(admin_ws, {"full_name": name}).person
    a_head, a_son = person("Đặng Văn Đức"), person("Đặng Văn Nam")
    b_head = person("Lê Thị Hoa")
    home_a = households.create_household(admin_ws, a_head.id, hamlet.id, "Số 12")
    households.add_member(admin_ws, home_a.id, a_son.id, "con")
    home_b = households.create_household(admin_ws, b_head.id, hamlet.id, "Số 3")
    return admin_ws, home_a, home_b, a_head, a_son, b_head


def test_find_by_any_member(two_homes):
    ws, home_a, home_b, *_ = two_homes
    rows = households.find_households(ws, "nam")
    assert [r.id for r in rows] == [home_a.id]
    assert rows[0].head_name == "Đặng Văn Đức" and rows[0].members == 2
    assert rows[0].hamlet == "Thôn Đông Hòa" and rows[0].address == "Số 12"
    assert {r.id for r in households.find_households(ws, "dang")} == {home_a.id}
    assert households.find_households(ws, "khong ai") == []


def test_move_member_and_its_rules(two_homes):
    ws, home_a, home_b, a_head, a_son, _b_head = two_homes
    with pytest.raises(ValidationError):
        households.move_member(ws, a_son.id, home_b.id, households.HEAD, "")
    with pytest.raises(XasoError, match="chủ hộ"):
        households.move_member(ws, a_head.id, home_b.id, "chồng", "kết hôn")
    households.move_member(ws, a_son.id, home_b.id, "chồng", "kết hôn")
    assert {p.full_name for _m, p in households.members(ws, home_b.id)} == {
        "Lê Thị Hoa", "Đặng Văn Nam"}
    assert [p.full_name for _m, p in households.members(ws, home_a.id)] == ["Đặng Văn Đức"]
    with pytest.raises(XasoError, match="đã ở trong hộ"):
        households.move_member(ws, a_son.id, home_b.id, "chồng", "")
