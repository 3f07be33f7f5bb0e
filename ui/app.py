"""A first, minimal desktop window: login, then resident search over the unlocked commune.

The full shell (navigation, pages, set-up wizard) is its own issue; this is what `make run` needs
to open the demo commune. All database work runs off the GUI thread.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import (
    QAbstractTableModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import logs
from core.admin_units import default_units
from core.search import PersonHit
from core.services import persons
from core.store import Store, Workspace
from ui.background import run_in_background


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


class PersonTableModel(QAbstractTableModel):
    HEADERS = ("Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Thôn")

    def __init__(self):
        super().__init__()
        self.rows: list[PersonHit] = []

    def set_rows(self, rows: list[PersonHit]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        hit = self.rows[index.row()]
        dob = "/".join(reversed(hit.dob.split("-"))) if hit.dob else ""
        sex = {"M": "Nam", "F": "Nữ"}.get(hit.sex or "", "")
        return (hit.full_name, dob, sex, hit.personal_number or "", hit.hamlet or "")[index.column()]


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace):
        super().__init__()
        self.ws = workspace
        unit = default_units().by_code(workspace.meta("commune_code") or "")
        self.setWindowTitle(f"Xã Số — {unit.full_name if unit else ''}")
        self.query = QLineEdit(placeholderText="Tìm theo họ tên (không cần dấu), số định danh, CMND…")
        self.model = PersonTableModel()
        table = QTableView()
        table.setModel(self.model)
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(0, 260)  # full names are long; never truncate the name
        table.verticalHeader().setVisible(False)
        self.status = QLabel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.query)
        layout.addWidget(table)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Người dùng: {workspace.actor.username}")
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self._search)
        self.query.textChanged.connect(lambda _: self._debounce.start())
        self.resize(900, 600)

    def _search(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.model.set_rows([])
            self.status.clear()
            return
        self._job = run_in_background(lambda: persons.search(self.ws, text, limit=200),
                                      self._show, self._error)

    def _show(self, hits: list[PersonHit]) -> None:
        self.model.set_rows(hits)
        self.status.setText(f"{len(hits)} kết quả" + (" (hiển thị 200 đầu tiên)" if len(hits) == 200 else ""))

    def _error(self, message: str) -> None:
        QMessageBox.warning(self, "Xã Số", message)


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
    window = MainWindow(login.workspace)
    window.show()
    code = app.exec()
    login.workspace.close()
    return code
