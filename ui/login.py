"""Login, idle auto-lock and the lock dialog.

- `LoginDialog(store)`: username + password; unlocking (argon2id + opening the database) runs off
  the GUI thread; after `accept()` the unlocked Workspace is `dialog.workspace`.
- `IdleLock`: an application-wide event filter; after N minutes without keyboard, mouse or
  touch input it emits `locked` once, until `resume()`. The caller hides every window showing
  personal data and shows a `LockDialog`.
- `LockDialog(store, username)`: the same user's password again, checked against that user's key
  slot (no second database is opened); emits `unlocked`, or `switch_user` for "Đổi người dùng".
  Esc does not dismiss it.

Wrong passwords count towards the key-slot lockout in both dialogs; messages are the texts of
core.errors (in the UI language) plus the attempts left before a lockout.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import LockedOut, WrongSecret, XasoError
from core.store import Store, Workspace
from ui.background import run_in_background
from ui.i18n import error_text, tr

DEFAULT_IDLE_MINUTES = 10
SWITCH_USER = 2  # LockDialog result code besides Accepted/Rejected



def _attempts_left(store: Store, username: str) -> int | None:
    """Wrong passwords still allowed before a lockout, None if unknown."""
    try:
        data = store.keyslots.load()
        count = data.get("failures", {}).get(username, {}).get("count", 0)
        return max(0, store.keyslots.policy().max_failures - count) if count else None
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _wrong_password(message: str, store: Store, username: str) -> XasoError:
    left = _attempts_left(store, username)
    if left:
        message += " " + tr("Còn {n} lần thử trước khi tài khoản bị tạm khóa.").format(n=left)
    return WrongSecret(message)


def _login(store: Store, username: str, password: str) -> Workspace:
    """Runs off the GUI thread."""
    try:
        return store.unlock(username, password)
    except LockedOut:
        raise
    except WrongSecret as exc:
        raise _wrong_password(error_text(exc), store, username) from None


def _verify(store: Store, username: str, password: str) -> bool:
    """Runs off the GUI thread: unwraps the user's key slot, opens nothing."""
    try:
        store.keyslots.unlock_with_password(username, password)
    except LockedOut:
        raise
    except WrongSecret:
        raise _wrong_password(tr("Mật khẩu không đúng."), store, username) from None
    return True


def _show_failure(dialog, message: str) -> None:
    """A refused password: say why, clear it, let the user type again."""
    dialog._set_busy(False)
    dialog.password.clear()
    dialog.message.setText(message)
    dialog.password.setFocus()


class LoginDialog(QDialog):
    """Offline login. Enter submits, Esc quits."""

    def __init__(self, store: Store, username: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.workspace: Workspace | None = None
        self.busy = False
        self._job = None
        self.setWindowTitle(tr("Xã Số — Đăng nhập"))
        self.username, self.password = QLineEdit(), QLineEdit()
        if username is None:
            username = os.environ.get("XASO_LOGIN_HINT", "")  # demo launcher: "demo"
        self.username.setText(username)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(320)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(tr("Đăng nhập"))
        self.login_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Thoát"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Tên đăng nhập"), self.username)
        form.addRow(tr("Mật khẩu"), self.password)
        form.addRow(self.message)
        form.addRow(self.buttons)
        QWidget.setTabOrder(self.username, self.password)
        QWidget.setTabOrder(self.password, self.login_button)
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        user, password = self.username.text().strip(), self.password.text()
        if not user:
            self.message.setText(tr("Hãy nhập tên đăng nhập."))
            self.username.setFocus()
            return
        if not password:
            self.message.setText(tr("Hãy nhập mật khẩu."))
            self.password.setFocus()
            return
        self._set_busy(True)
        self.message.setText(tr("Đang mở khóa dữ liệu…"))
        self._job = run_in_background(lambda: _login(self.store, user, password),
                                      self._unlocked, self._failed)

    _submit = submit  # the name ui/app.py's dialog used

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.setEnabled(not busy)
        self.username.setReadOnly(busy)
        self.password.setReadOnly(busy)

    def _unlocked(self, workspace: Workspace) -> None:
        self._set_busy(False)
        self.password.clear()
        self.workspace = workspace
        self.accept()

    def _failed(self, message: str) -> None:
        _show_failure(self, message)

    def reject(self) -> None:
        if self.busy:  # the database may be opening: let it finish rather than leak it
            return
        super().reject()


class IdleLock(QObject):
    """Emits `locked` after `minutes` without user input anywhere in the application.

    Fires once, then waits for `resume()` (after a successful unlock). `minutes <= 0` disables
    it. Tests pass `interval_ms` for short intervals.
    """

    locked = Signal()
    _ACTIVITY = frozenset({
        QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
        QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
    })

    def __init__(self, minutes: float = DEFAULT_IDLE_MINUTES, parent: QObject | None = None,
                 *, interval_ms: int | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self.is_locked = False
        self._running = False
        self.set_interval(minutes, interval_ms=interval_ms)

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    def set_interval(self, minutes: float, *, interval_ms: int | None = None) -> None:
        self._interval_ms = int(interval_ms if interval_ms is not None else minutes * 60_000)
        self._timer.setInterval(max(1, self._interval_ms))
        if self._running and not self.is_locked:
            self._restart()

    def start(self) -> None:
        """Watch the whole application for input."""
        if not self._running:
            QCoreApplication.instance().installEventFilter(self)
            self._running = True
        self.is_locked = False
        self._restart()

    def stop(self) -> None:
        if self._running:
            QCoreApplication.instance().removeEventFilter(self)
            self._running = False
        self._timer.stop()

    def resume(self) -> None:
        """After unlocking: count idle time again."""
        self.is_locked = False
        if self._running:
            self._restart()

    def lock_now(self) -> None:
        """Lock on request (e.g. a "Khóa màn hình" action)."""
        if self._running and not self.is_locked:
            self._fire()

    def _restart(self) -> None:
        if self._interval_ms > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def _fire(self) -> None:
        self._timer.stop()
        self.is_locked = True
        self.locked.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.is_locked and event.type() in self._ACTIVITY:
            self._timer.start()
        return False


class LockDialog(QDialog):
    """The screen is locked: only the same user's password opens it again."""

    unlocked = Signal()
    switch_user = Signal()

    def __init__(self, store: Store, username: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.username = store, username
        self.busy = False
        self._job = None
        self.setWindowTitle(tr("Xã Số — Đã khóa"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setModal(True)
        heading = QLabel(tr("Xã Số đã khóa do lâu không thao tác."))
        who = QLabel(tr("Người dùng: {username}. Nhập mật khẩu để tiếp tục.")
                     .format(username=username))
        who.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Mật khẩu"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(320)
        self.unlock_button = QPushButton(tr("Mở khóa"))
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(tr("Đổi người dùng"))
        self.switch_button.setAutoDefault(False)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.unlock_button.clicked.connect(self.submit)
        self.switch_button.clicked.connect(self._switch)
        form = QFormLayout()
        form.addRow(tr("Mật khẩu"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.password, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.switch_button)
        self.password.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        password = self.password.text()
        if not password:
            self.message.setText(tr("Hãy nhập mật khẩu."))
            self.password.setFocus()
            return
        self._set_busy(True)
        self.message.setText(tr("Đang kiểm tra mật khẩu…"))
        store, username = self.store, self.username
        self._job = run_in_background(lambda: _verify(store, username, password),
                                      self._verified, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.buttons.setEnabled(not busy)
        self.password.setReadOnly(busy)

    def _verified(self, _ok: bool) -> None:
        self._set_busy(False)
        self.password.clear()
        self.message.clear()
        self.unlocked.emit()
        self.accept()

    def _failed(self, message: str) -> None:
        _show_failure(self, message)

    def _switch(self) -> None:
        if self.busy:
            return
        self.password.clear()
        self.switch_user.emit()
        self.done(SWITCH_USER)

    def reject(self) -> None:
        """Esc and the window's close button do nothing: the screen stays locked."""
