"""The first window: login off the GUI thread, then as-you-type search (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from core.services import persons  # noqa: E402
from tests.conftest import ADMIN_PASSWORD  # noqa: E402
from ui.app import LoginDialog  # noqa: E402
from ui.shell import MainWindow  # noqa: E402


def _type(widget, text: str) -> None:
    # qtbot.keyClicks aborts on non-ASCII (ENGINEERING_NOTES); insert() is what an IME does.
    widget.insert(text)


def test_login_wrong_then_right_password(qtbot, store, admin_ws):
    admin_ws.close()
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("sai-mat-khau")
    dialog._submit()
    qtbot.waitUntil(lambda: "Sai tên đăng nhập" in dialog.message.text(), timeout=5000)
    assert dialog.workspace is None and dialog.password.text() == ""
    dialog.password.setText(ADMIN_PASSWORD)
    dialog._submit()
    qtbot.waitUntil(lambda: dialog.workspace is not None, timeout=5000)
    dialog.workspace.close()


def test_search_as_you_type_shows_folded_matches(qtbot, admin_ws):
    for name in ("Đặng Văn Đức", "Lê Thị Lan", "Nguyễn Đức Anh"):
        persons.create_person(admin_ws, {"full_name": name, "dob": "1980"})
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    window.show()
    assert "Quảng Ngọc" in window.windowTitle()
    page = window.pages["residents"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)  # the whole list first
    _type(page.query, "đuc")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    shown = {page.model.data(page.model.index(r, 0), Qt.ItemDataRole.DisplayRole)
             for r in range(2)}
    assert shown == {"Đặng Văn Đức", "Nguyễn Đức Anh"}
    assert page.model.data(page.model.index(0, 1), Qt.ItemDataRole.DisplayRole) == "1980"
    assert "2 kết quả" in page.status.text()
