"""Desktop app start-up: first-run wizard or login, then the main window (ui/shell.py), with
auto-lock and switch user.

All database work runs off the GUI thread.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from core import logs
from core.preferences import load_preferences, save_preference
from core.services import maintenance, settings
from core.store import Store, Workspace
from ui.background import run_in_background, wait_for_background
from ui.card_status import CardStatus
from ui.i18n import install_language, tr
from ui.login import SWITCH_USER, IdleLock, LockDialog, LoginDialog
from ui.setup_wizard import SetupWizard
from ui.shell import MainWindow

STARTUP_PROBE = "XASO_STARTUP_PROBE"  # benchmarks/bench_package.py: time to the login window


def _login(store: Store) -> Workspace | None:
    dialog = LoginDialog(store)
    if os.environ.get(STARTUP_PROBE) == "1":  # say when the window is up, then leave
        QTimer.singleShot(0, lambda: (print("xaso: login window shown", flush=True),
                                      dialog.reject()))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.workspace


class Session(QObject):
    """One user's main window, its auto-lock and its language.

    After the commune's auto-lock delay without input the window hides and only the same user's
    password (or a switch of user) brings it back: nothing personal stays on an unattended
    screen. A change of language rebuilds the window in the new language, on the same page."""

    switch_user = Signal()

    def __init__(self, store: Store, ws: Workspace, card_status: CardStatus | None):
        super().__init__()
        self.store, self.ws, self.card_status = store, ws, card_status
        self.window: MainWindow | None = None
        self.idle = IdleLock(minutes=settings.AUTO_LOCK_DEFAULT)
        self.idle.locked.connect(self.lock)
        self.build_window()
        self._settings_job = run_in_background(lambda: settings.get_settings(ws),
                                               self.apply_settings, lambda _message: None)
        # Once a day, in the background: a failure (full disk) must not stop the work.
        self._backup_job = run_in_background(lambda: maintenance.daily_backup_if_due(ws),
                                             lambda _written: None, self._backup_failed)
        self.idle.start()

    def _backup_failed(self, message: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(
                tr("Chưa sao lưu tự động được hôm nay: {reason}").format(reason=message), 15000)

    def apply_settings(self, current: settings.CommuneSettings) -> None:
        self.idle.set_interval(current.auto_lock_minutes)

    def build_window(self, page: str | None = None) -> None:
        old = self.window
        self.window = window = MainWindow(self.ws, card_status=self.card_status)
        window.language_changed.connect(self.switch_language)
        window.settings_changed.connect(self.apply_settings)
        window.lock_requested.connect(self.idle.lock_now)
        if page:
            window.show_page(page)
        if old is not None:
            window.setGeometry(old.geometry())
        window.show()  # before the old one closes: closing the last window would quit
        if old is not None:
            old.close()
            old.deleteLater()

    def switch_language(self, language: str) -> None:
        save_preference(self.store.data_dir, "language", install_language(language))
        self.build_window(self.window.current_page())

    def lock(self) -> None:
        self.window.hide()
        if LockDialog(self.store, self.ws.actor.username).exec() == SWITCH_USER:
            self.switch_user.emit()
            return
        self.window.show()
        self.idle.resume()

    def close(self) -> None:
        self.idle.stop()
        self.window.close()
        wait_for_background()
        self.ws.close()


def _session(app: QApplication, store: Store, ws: Workspace,
             card_status: CardStatus) -> Workspace | None:
    """Run one user's session until quit (None) or "switch user" (the next login)."""
    session = Session(store, ws, card_status)
    switching = False

    def switch() -> None:
        nonlocal switching
        switching = True
        app.exit(0)

    session.switch_user.connect(switch)
    try:
        app.exec()
    finally:
        session.close()
    return _login(store) if switching else None


def single_instance_lock(data_dir: Path) -> QLockFile | None:
    """One app per data folder: two would fight over the one writer and the session marker.
    Returns the held lock, or None when another running instance holds it (a stale lock left
    by a crash is taken over by QLockFile)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / "xaso.lock"))
    lock.setStaleLockTime(0)  # only a live process holds it
    return lock if lock.tryLock(100) else None


def run_app(data_dir: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    store = Store(data_dir)
    instance = single_instance_lock(store.data_dir)
    if instance is None:
        QMessageBox.information(None, "Xã Số", tr(
            "Xã Số đang mở với thư mục dữ liệu này trên máy. Hãy dùng cửa sổ đang mở."))
        return 1
    if store.data_dir.exists():
        logs.configure(store.data_dir)
    install_language(os.environ.get("XASO_LANG") or load_preferences(store.data_dir)["language"])
    if store.is_initialised():
        ws = _login(store)
    else:  # first run: set up the commune, the admin account and the recovery key
        wizard = SetupWizard(store)
        ws = wizard.workspace if wizard.exec() == QDialog.DialogCode.Accepted else None
        if ws is not None:
            logs.configure(store.data_dir)
    card_status = CardStatus()
    card_status.start()
    try:
        while ws is not None:
            ws = _session(app, store, ws, card_status)
    finally:
        card_status.stop()
        instance.unlock()
    return 0
