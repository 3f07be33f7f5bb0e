"""Hộ gia đình page: find by a member, members with relationships, add / move / remove."""

from __future__ import annotations

from core.services import hamlets, households, persons
from ui.pages.households import HouseholdsPage


def _names(page):
    return {page.members.item(r, 0).text(): page.members.item(r, 1).text()
            for r in range(page.members.rowCount())}


def test_find_and_change_members(qtbot, admin_ws):
    hamlet = hamlets.add_hamlet(admin_ws, "Thôn Đông Hòa")
    head = persons.create_person(admin_ws, {"full_name": "Đặng Văn Đức"}).person
    wife = persons.create_person(admin_ws, {"full_name": "Lê Thị Hoà"}).person
    other_head = persons.create_person(admin_ws, {"full_name": "Trần Văn Bảy"}).person
    newcomer = persons.create_person(admin_ws, {"full_name": "Đặng Thị Út"}).person
    home = households.create_household(admin_ws, head.id, hamlet.id, "Số 12")
    other = households.create_household(admin_ws, other_head.id, hamlet.id, "Số 3")
    households.add_member(admin_ws, home.id, wife.id, "vợ")

    page = HouseholdsPage(admin_ws)
    qtbot.addWidget(page)
    page.query.insert("hoa")  # the wife's name, without diacritics
    qtbot.waitUntil(lambda: bool(page.rows and _names(page)), timeout=5000)
    assert page.rows[0].head_name == "Đặng Văn Đức" and page.rows[0].hamlet == "Thôn Đông Hòa"
    assert _names(page) == {"Đặng Văn Đức": "chủ hộ", "Lê Thị Hoà": "vợ"}

    page.add(newcomer.id, "con")
    qtbot.waitUntil(lambda: "Đặng Thị Út" in _names(page), timeout=5000)
    assert page.status.text() == "Đã thêm thành viên."

    page.move(newcomer.id, other.id, "cháu", "ở với ông bà")
    qtbot.waitUntil(lambda: "Đặng Thị Út" not in _names(page), timeout=5000)
    assert {p.full_name: m.relationship for m, p in households.members(admin_ws, other.id)} == {
        "Trần Văn Bảy": "chủ hộ", "Đặng Thị Út": "cháu"}

    page.remove(head.id, "")  # the head cannot leave
    qtbot.waitUntil(lambda: page.status.text() != "Đang lưu…", timeout=5000)
    assert "chủ hộ" in page.status.text(), page.status.text()
    page.remove(wife.id, "chuyển đi")
    qtbot.waitUntil(lambda: _names(page) == {"Đặng Văn Đức": "chủ hộ"}, timeout=5000)
