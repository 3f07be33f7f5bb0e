"""VNeID → Đợt thu nhận: create a session, add attendees from the list and by scanning a card's
QR code, record outcomes, see coverage move."""

from __future__ import annotations

from core.services import hamlets, households, persons, vneid_reports
from tests.ui.test_qr_wedge import PAYLOAD, _press
from ui.shell import MainWindow


def test_collection_session_flow(qtbot, admin_ws):
    east = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    hoa = persons.create_person(admin_ws, {"full_name": "Nguyễn Thị Hoà", "dob": "17/05/1990",
                                           "personal_number": "038190012345"}).person
    lan = persons.create_person(admin_ws, {"full_name": "Hà Thị Lan", "dob": "02/02/1958"}).person
    for person in (hoa, lan):
        households.create_household(admin_ws, person.id, east.id)
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    window.show()
    window.show_page("vneid")
    page = window.pages["vneid"]
    tab = page.sessions
    page.tabs.setCurrentWidget(tab)
    tab.create_session("2026-11-30", "Nhà văn hóa thôn Đông", east.id)
    qtbot.waitUntil(lambda: tab.sessions.count() == 1 and tab.session_id() is not None,
                    timeout=5000)
    tab.add(lan.id)
    qtbot.waitUntil(lambda: len(tab.rows) == 1, timeout=5000)

    tab.attendees.setFocus()  # a QR scan while the tab is open adds the card's person
    for char in PAYLOAD + "\r":
        _press(tab.attendees, char)
    qtbot.waitUntil(lambda: len(tab.rows) == 2, timeout=10000)
    assert {r.full_name for r in tab.rows} == {"Nguyễn Thị Hoà", "Hà Thị Lan"}
    # The session list (with its count) reloads in its own background job, after the rows.
    qtbot.waitUntil(lambda: "(2 người)" in tab.sessions.item(0).text(), timeout=5000)

    row = next(i for i, r in enumerate(tab.rows) if r.full_name == "Nguyễn Thị Hoà")
    tab.attendees.selectRow(row)
    tab.outcome.setCurrentIndex(tab.outcome.findData("collected"))
    tab.record_selected()
    qtbot.waitUntil(lambda: tab.status.text() == "Đã ghi kết quả.", timeout=5000)
    qtbot.waitUntil(lambda: any(r.outcome == "collected" for r in tab.rows), timeout=5000)
    from datetime import date

    total = vneid_reports.total(vneid_reports.coverage(admin_ws, date(2026, 12, 1)))
    assert total.collected == 1
