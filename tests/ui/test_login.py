"""Login, lockout, disabled accounts, idle auto-lock and the lock dialog (pytest-qt, offscreen).
Unlocking always runs in the background; the tests wait for its result."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog, QLineEdit  # noqa: E402
from sqlmodel import select  # noqa: E402

from core.auth import Role  # noqa: E402
from core.models import User  # noqa: E402
from core.services import users  # noqa: E402
from tests.conftest import ADMIN_PASSWORD  # noqa: E402
from ui.login import SWITCH_USER, IdleLock, LockDialog, LoginDialog  # noqa: E402


@pytest.fixture
def login_dialog(qtbot, store, admin_ws):
    admin_ws.close()
    dialog = LoginDialog(store, username="")
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    if dialog.workspace is not None:
        dialog.workspace.close()


def _attempt(qtbot, dialog, username: str, password: str) -> str:
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # Enter submits
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    return dialog.message.text()


def test_login_wrong_then_right_password(qtbot, login_dialog):
    message = _attempt(qtbot, login_dialog, "admin", "sai-mat-khau")
    assert "Sai tên đăng nhập hoặc mật khẩu" in message
    assert "Còn 4 lần thử" in message
    assert login_dialog.workspace is None and login_dialog.password.text() == ""
    assert login_dialog.isVisible()
    _attempt(qtbot, login_dialog, "admin", ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: login_dialog.workspace is not None, timeout=5000)
    assert login_dialog.result() == QDialog.DialogCode.Accepted
    assert login_dialog.workspace.actor.username == "admin"


def test_empty_fields_are_explained_without_unlocking(qtbot, login_dialog):
    assert "tên đăng nhập" in _attempt(qtbot, login_dialog, "", "x")
    assert "mật khẩu" in _attempt(qtbot, login_dialog, "admin", "")


def test_lockout_after_configured_failures_shows_minutes(qtbot, store, admin_ws):
    users.set_lockout_policy(admin_ws, max_failures=3, lock_minutes=2)
    admin_ws.close()
    dialog = LoginDialog(store, username="admin")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Còn 2 lần thử" in _attempt(qtbot, dialog, "admin", "sai-1")
    assert "Còn 1 lần thử" in _attempt(qtbot, dialog, "admin", "sai-2")
    message = _attempt(qtbot, dialog, "admin", "sai-3")
    assert "tạm khóa" in message and "2 phút" in message
    # Even the right password is refused until the lock expires.
    message = _attempt(qtbot, dialog, "admin", ADMIN_PASSWORD)
    assert "tạm khóa" in message and "2 phút" in message
    assert dialog.workspace is None


def test_disabled_user_is_told(qtbot, store, admin_ws):
    users.add_user(admin_ws, "canbo", "Cán bộ", Role.OFFICER, "password-canbo")
    with admin_ws.db.write() as session:  # disabled but still holding a key slot
        user = session.exec(select(User).where(User.username == "canbo")).one()
        user.disabled = True
        session.add(user)
    admin_ws.close()
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "vô hiệu hóa" in _attempt(qtbot, dialog, "canbo", "password-canbo")
    assert dialog.workspace is None


def test_escape_quits_login(qtbot, login_dialog):
    qtbot.keyClick(login_dialog.username, Qt.Key.Key_Escape)
    assert login_dialog.result() == QDialog.DialogCode.Rejected and not login_dialog.isVisible()


def test_idle_lock_fires_after_the_configured_interval(qtbot):
    idle = IdleLock(interval_ms=150)
    assert idle.interval_ms == 150 and IdleLock().interval_ms == 10 * 60_000
    with qtbot.waitSignal(idle.locked, timeout=3000):
        idle.start()
    assert idle.is_locked
    # While locked, input does not re-arm it; resume() does.
    with qtbot.waitSignal(idle.locked, timeout=3000):
        idle.resume()
    idle.stop()


def test_input_postpones_the_idle_lock(qtbot):
    box = QLineEdit()
    qtbot.addWidget(box)
    idle = IdleLock(interval_ms=3000)
    fired = []
    idle.locked.connect(lambda: fired.append(True))
    idle.start()
    try:
        qtbot.waitUntil(lambda: idle._timer.remainingTime() < 2500, timeout=3000)
        qtbot.keyClick(box, Qt.Key.Key_A)
        assert idle._timer.remainingTime() > 2500 and not fired
    finally:
        idle.stop()
    assert not idle._timer.isActive()


def test_lock_dialog_accepts_only_the_same_users_password(qtbot, store, admin_ws):
    dialog = LockDialog(store, "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    unlocked = []
    dialog.unlocked.connect(lambda: unlocked.append(True))
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)  # Esc does not unlock or close
    assert dialog.isVisible()
    dialog.password.setText("sai-mat-khau")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Mật khẩu không đúng" in dialog.message.text(), timeout=5000)
    assert "Còn 4 lần thử" in dialog.message.text()
    assert dialog.isVisible() and not unlocked and dialog.password.text() == ""
    dialog.password.setText(ADMIN_PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(unlocked), timeout=5000)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert store.keyslots.load()["failures"] == {}  # a success clears the failure count


def test_lock_dialog_switch_user(qtbot, store, admin_ws):
    dialog = LockDialog(store, "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.switch_user, timeout=1000):
        dialog.switch_button.click()
    assert dialog.result() == SWITCH_USER and not dialog.isVisible()
