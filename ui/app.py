"""Desktop app start-up: first-run wizard or login, then the main window (ui/shell.py), with
auto-lock and switch user.

All database work runs off the GUI thread.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from core import logs
from core.store import Store, Workspace
from ui.background import wait_for_background
from ui.card_status import CardStatus
from ui.login import SWITCH_USER, IdleLock, LockDialog, LoginDialog
from ui.setup_wizard import SetupWizard
from ui.shell import MainWindow

IDLE_MINUTES = 10  # auto-lock after this long without keyboard or mouse input


def _login(store: Store) -> Workspace | None:
    dialog = LoginDialog(store)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.workspace


def _session(app: QApplication, store: Store, ws: Workspace,
             card_status: CardStatus) -> Workspace | None:
    """One user's session: the main window until quit (None) or "switch user" (next login).

    After IDLE_MINUTES without input the window hides and only the same user's password (or a
    switch of user) brings it back: nothing personal stays on an unattended screen."""
    window = MainWindow(ws, card_status=card_status)
    idle = IdleLock(minutes=IDLE_MINUTES)
    switching = False

    def lock() -> None:
        nonlocal switching
        window.hide()
        result = LockDialog(store, ws.actor.username).exec()
        if result == SWITCH_USER:
            switching = True
            app.exit(0)
            return
        window.show()
        idle.resume()

    idle.locked.connect(lock)
    idle.start()
    window.show()
    try:
        app.exec()
    finally:
        idle.stop()
        window.close()
        wait_for_background()
        ws.close()
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
        QMessageBox.information(None, "Xã Số", QCoreApplication.translate(
            "App", "Xã Số đang mở với thư mục dữ liệu này trên máy. Hãy dùng cửa sổ đang mở."))
        return 1
    if store.data_dir.exists():
        logs.configure(store.data_dir)
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
