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


def _row_of(page, head_name):
    return next(i for i, row in enumerate(page.rows) if row.head_name == head_name)


def test_browse_split_merge_and_change_head(qtbot, admin_ws, monkeypatch):
    from ui.household_dialogs import SplitDialog

    east = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    west = hamlets.add_hamlet(admin_ws, "Thôn Tây")

    def person(name):
        return persons.create_person(admin_ws, {"full_name": name}).person

    head, son, dil = person("Trần Văn Bình"), person("Trần Văn Cường"), person("Phạm Thị Dung")
    home = households.create_household(admin_ws, head.id, east.id, "Số 5")
    households.add_member(admin_ws, home.id, son.id, "con")
    households.add_member(admin_ws, home.id, dil.id, "con dâu")
    lone = person("Ngô Thị Mai")
    households.create_household(admin_ws, lone.id, west.id, "Số 9")

    page = HouseholdsPage(admin_ws)
    qtbot.addWidget(page)
    page.show()  # an empty search box lists every household, by head's given name
    qtbot.waitUntil(lambda: len(page.rows) == 2 and page.hamlet.count() == 3, timeout=5000)
    assert [r.head_name for r in page.rows] == ["Trần Văn Bình", "Ngô Thị Mai"]
    assert page.count.text() == "2 hộ"
    page.hamlet.setCurrentIndex(page.hamlet.findData(west.id))
    qtbot.waitUntil(lambda: [r.head_name for r in page.rows] == ["Ngô Thị Mai"], timeout=5000)
    page.hamlet.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=5000)
    # Pages of one household: the next page comes when the list is scrolled to its end.
    monkeypatch.setattr("ui.pages.households.PAGE", 1)
    page.search()
    qtbot.waitUntil(lambda: len(page.rows) == 1 and page.total == 2, timeout=5000)
    page._maybe_fetch_more(page.households.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=5000)
    assert [r.head_name for r in page.rows] == ["Trần Văn Bình", "Ngô Thị Mai"]
    monkeypatch.undo()

    # Split: the dialog offers every member but the head; the new head is one of the ticked.
    page.households.setCurrentCell(_row_of(page, "Trần Văn Bình"), 0)
    qtbot.waitUntil(lambda: len(_names(page)) == 3, timeout=5000)
    dialog = SplitDialog(page.member_rows, page.head_id())
    qtbot.addWidget(dialog)
    assert set(dialog.rows) == {son.id, dil.id}
    dialog.rows[son.id][0].setChecked(True)
    dialog.rows[dil.id][0].setChecked(True)
    dialog.rows[dil.id][1].setCurrentIndex(dialog.rows[dil.id][1].findData("vợ"))
    dialog.new_head.setCurrentIndex(dialog.new_head.findData(son.id))
    dialog._check()
    assert dialog.result() == 0 and "lý do" in dialog.message.text()  # a reason is required
    dialog.reason.setText("ra ở riêng")
    dialog._check()
    assert dialog.result() == 1 and dialog.choices() == (son.id, {dil.id: "vợ"})
    page.split(*dialog.choices(), dialog.reason.text(), "Số 7")
    qtbot.waitUntil(lambda: len(page.rows) == 3, timeout=5000)
    assert page.status.text() == "Đã tách hộ."
    page.households.setCurrentCell(_row_of(page, "Trần Văn Cường"), 0)
    qtbot.waitUntil(lambda: _names(page) == {"Trần Văn Cường": "chủ hộ",
                                             "Phạm Thị Dung": "vợ"}, timeout=5000)

    # Change of head inside the new household.
    page.change_head(dil.id, "chồng")
    qtbot.waitUntil(lambda: page.status.text() == "Đã đổi chủ hộ.", timeout=5000)
    qtbot.waitUntil(lambda: "Phạm Thị Dung" in [r.head_name for r in page.rows], timeout=5000)
    page.households.setCurrentCell(_row_of(page, "Phạm Thị Dung"), 0)
    qtbot.waitUntil(lambda: _names(page) == {"Phạm Thị Dung": "chủ hộ",
                                             "Trần Văn Cường": "chồng"}, timeout=5000)

    # Merge it into Ngô Thị Mai's household: the source household is closed.
    target = page.rows[_row_of(page, "Ngô Thị Mai")].id
    page.merge(target, {dil.id: "con", son.id: "con rể"}, "về ở chung")
    qtbot.waitUntil(lambda: page.status.text() == "Đã nhập hộ.", timeout=5000)
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=5000)
    assert {p.full_name: m.relationship for m, p in households.members(admin_ws, target)} == {
        "Ngô Thị Mai": "chủ hộ", "Phạm Thị Dung": "con", "Trần Văn Cường": "con rể"}


def test_a_new_household_for_a_resident_keeps_where_they_live(qtbot, admin_ws):
    tay = hamlets.add_hamlet(admin_ws, "Thôn Tây")
    loc = persons.create_person(admin_ws, {"full_name": "Đinh Văn Lộc"},
                                residence=persons.Residence(tay.id, "Số 9")).person
    page = HouseholdsPage(admin_ws)
    qtbot.addWidget(page)
    page.show()
    page.new_household(loc.id)
    qtbot.waitUntil(lambda: page.status.text() == "Đã lập hộ mới.", timeout=5000)
    page.query.insert("loc")
    qtbot.waitUntil(lambda: bool(page.rows) and page.rows[0].head_name == "Đinh Văn Lộc",
                    timeout=5000)
    assert page.rows[0].hamlet == "Thôn Tây"
    assert persons.residence_of(admin_ws, loc.id) == persons.Residence(tay.id, "Số 9")
    page.new_household(loc.id)  # already heads one: refused with the reason
    qtbot.waitUntil(lambda: "thành viên của một hộ" in page.status.text(), timeout=5000)
