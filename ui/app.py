"""Desktop app start-up: login, then the main window (ui/shell.py).

All database work runs off the GUI thread.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
)

from core import logs
from core.store import Store, Workspace
from ui.background import run_in_background, wait_for_background
from ui.card_status import CardStatus
from ui.shell import MainWindow


class LoginDialog(QDialog):
    def __init__(self, store: Store):
        super().__init__()
        self.store, self.workspace = store, None
        self.setWindowTitle("Xã Số — Đăng nhập")
        self.username, self.password = QLineEdit(), QLineEdit()
        self.username.setText(os.environ.get("XASO_LOGIN_HINT", ""))  # demo launcher: "demo"
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đăng nhập")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Thoát")
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Tên đăng nhập", self.username)
        form.addRow("Mật khẩu", self.password)
        form.addRow(self.message)
        form.addRow(buttons)
        self._buttons = buttons

    def _submit(self) -> None:
        self._buttons.setEnabled(False)
        self.message.setText("Đang mở khóa dữ liệu…")
        user, password = self.username.text().strip(), self.password.text()
        self._job = run_in_background(lambda: self.store.unlock(user, password),
                                      self._unlocked, self._failed)

    def _unlocked(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.accept()

    def _failed(self, message: str) -> None:
        self._buttons.setEnabled(True)
        self.password.clear()
        self.message.setText(message)


def run_app(data_dir: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    store = Store(data_dir)
    if store.data_dir.exists():
        logs.configure(store.data_dir)
    if not store.is_initialised():
        QMessageBox.information(None, "Xã Số", "Chưa có dữ liệu. Hãy tạo xã mẫu bằng lệnh "
                                "`python main.py demo` hoặc thiết lập bằng `python main.py init`.")
        return 1
    login = LoginDialog(store)
    if login.exec() != QDialog.DialogCode.Accepted or login.workspace is None:
        return 0
    card_status = CardStatus()
    card_status.start()
    window = MainWindow(login.workspace, card_status=card_status)
    window.show()
    try:
        return app.exec()
    finally:
        card_status.stop()
        wait_for_background()
        login.workspace.close()
