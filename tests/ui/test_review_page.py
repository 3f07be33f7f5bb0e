"""Rà soát: a card conflict and an ID-number warning appear with the resident's name and are
closed with an audited decision; a reason is required."""

from __future__ import annotations

from sqlmodel import select

from core.models import AuditEvent
from core.services import card_desk, persons
from ui.pages.review import ReviewPage

CARD = {"id_number": "038190012345", "full_name": "Nguyễn Thị Hoà", "date_of_birth": "1990-05-17",
        "sex": "Nữ"}


def test_review_queue(qtbot, admin_ws):
    person = persons.create_person(admin_ws, {"full_name": "Nguyễn Thị Hồng",
                                              "personal_number": "038190012345"}).person
    card_desk.match_card(admin_ws, CARD)  # same number, another name: a conflict
    page = ReviewPage(admin_ws)
    qtbot.addWidget(page)
    opened = []
    page.open_person.connect(opened.append)
    page.show()
    qtbot.waitUntil(lambda: page.table.rowCount() >= 1, timeout=5000)
    row = next(i for i, r in enumerate(page.rows) if r.kind == "conflict")
    assert page.table.item(row, 0).text() == "Khác với thẻ"
    assert page.table.item(row, 1).text() == "Nguyễn Thị Hồng"
    assert "cùng số định danh" in page.table.item(row, 2).text()
    page.table.selectRow(row)
    page._open()
    assert opened == [person.id]
    item_id = page.rows[row].item_id
    page.close_item(item_id, "resolved", "")
    qtbot.waitUntil(lambda: "lý do" in page.status.text(), timeout=5000)
    count = len(page.rows)
    page.close_item(item_id, "resolved", "Công an đã đính chính họ tên trên hệ thống")
    qtbot.waitUntil(lambda: len(page.rows) == count - 1, timeout=5000)
    with admin_ws.db.read() as session:
        assert session.exec(select(AuditEvent).where(
            AuditEvent.action == "review.resolve")).one().entity_id == item_id


def test_a_possible_duplicate_is_merged_with_a_field_choice(qtbot, admin_ws):
    from PySide6.QtCore import Qt

    old = persons.create_person(admin_ws, {"full_name": "Lê Thị Thu", "dob": "05/06/1970"}).person
    new = persons.create_person(admin_ws, {"full_name": "Lê Thị Thu", "dob": "05/06/1970",
                                           "personal_number": "038170001234",
                                           "ethnicity": "Mường"}).person
    page = ReviewPage(admin_ws)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: any(r.kind == "duplicate" for r in page.rows), timeout=5000)
    row = next(i for i, r in enumerate(page.rows) if r.kind == "duplicate")
    assert page.table.item(row, 0).text() == "Có thể trùng"
    page.table.selectRow(row)
    dialog = page._merge()
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    assert set(dialog.chosen_fields()) == {"personal_number", "ethnicity"}  # filled the gaps
    r = next(i for i in range(dialog.table.rowCount())
             if dialog.table.item(i, 3).data(Qt.ItemDataRole.UserRole) == "ethnicity")
    dialog.table.item(r, 3).setCheckState(Qt.CheckState.Unchecked)
    dialog.reason.setText("cùng một người, nhập hai lần")
    dialog.merge()
    qtbot.waitUntil(lambda: not any(r.kind == "duplicate" for r in page.rows), timeout=5000)
    kept = persons.get_person(admin_ws, old.id)
    assert kept.personal_number == "038170001234" and kept.ethnicity is None
    assert [h.id for h in persons.search(admin_ws, "le thi thu", audit_it=False)] == [old.id]
    assert new.id != old.id
