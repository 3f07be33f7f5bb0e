"""A QR scanner typing a card's payload anywhere in the app opens the matching person; a person
typing is left alone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from core.services import persons
from ui.person_dialog import PersonDialog
from ui.shell import MainWindow

PAYLOAD = "038190012345||Nguyễn Thị Hoà|17051990|Nữ|Thôn Đông, Xã Quảng Ngọc, Thanh Hóa|01062021"


def _press(widget, char: str) -> None:
    key = Qt.Key.Key_Return if char == "\r" else Qt.Key.Key_unknown
    text = "" if char == "\r" else char
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key,
                                             Qt.KeyboardModifier.NoModifier, text))


def _open_dialogs():
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, PersonDialog) and w.isVisible()]


def test_a_scanned_card_opens_its_person(qtbot, admin_ws):
    person = persons.create_person(admin_ws, {
        "full_name": "Nguyễn Thị Hoà", "personal_number": "038190012345",
        "dob": "17/05/1990", "sex": "Nữ"}).person
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    window.show()
    window.show_page("residents")
    box = window.pages["residents"].query
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    for char in PAYLOAD + "\r":  # a scanner: every key within a millisecond or two
        _press(box, char)
    qtbot.waitUntil(lambda: bool(_open_dialogs()), timeout=10000)
    dialog = _open_dialogs()[0]
    assert dialog.person_id == person.id
    assert box.text() == ""  # nothing of the payload is left in the search box
    dialog.close()


def test_an_unknown_card_goes_to_the_card_desk_and_typing_is_left_alone(qtbot, admin_ws):
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    window.show()
    window.show_page("residents")
    box = window.pages["residents"].query
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    for char in "nguyen thi hoa 1990 thon dong":  # a person: tens of ms between keys
        _press(box, char)
        qtbot.wait(45)
    _press(box, "\r")
    assert box.text() == "nguyen thi hoa 1990 thon dong"
    box.clear()
    for char in PAYLOAD + "\r":
        _press(box, char)
    qtbot.waitUntil(lambda: window.current_page() == "card", timeout=10000)
    desk = window.pages["card"]
    qtbot.waitUntil(lambda: desk.card is not None, timeout=5000)
    assert desk.card["full_name"] == "Nguyễn Thị Hoà" and desk.card["source"] == "qr"
    assert desk.outcome.text() == "Chưa có trong dữ liệu"
    assert "mã QR" in desk.step.text()
