"""Nhật ký page: filtered list of real events and the chain check, intact and tampered."""

from __future__ import annotations

from core.services import persons
from ui.pages.audit_log import AuditPage


def test_events_filters_and_chain_check(qtbot, admin_ws):
    for name in ("Trần Văn An", "Lê Thị Bình"):
        persons.create_person(admin_ws, {"full_name": name})
    page = AuditPage(admin_ws)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    actions = {page.model.events[i].action for i in range(page.model.rowCount())}
    assert "person.create" in actions
    assert all("Trần" not in page.model.data(page.model.index(r, 5))  # no personal values
               for r in range(page.model.rowCount()))
    page.action.setCurrentIndex(page.action.findData("person.create"))
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert page.model.data(page.model.index(0, 2)) == "admin"
    assert "2 sự kiện" in page.status.text()

    page.verify()
    qtbot.waitUntil(lambda: "nguyên vẹn" in page.status.text(), timeout=5000)

    conn = admin_ws.db.raw_connection()  # an attacker holding the key edits an event
    conn.execute("DROP TRIGGER audit_event_no_update")
    conn.execute("UPDATE audit_event SET details = '{\"x\":1}' WHERE seq = 3")
    conn.close()
    page.verify()
    qtbot.waitUntil(lambda: "CAN THIỆP" in page.status.text(), timeout=5000)
    assert "số 3" in page.status.text()
