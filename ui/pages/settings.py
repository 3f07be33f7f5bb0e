"""Cài đặt: general settings and hamlets (settings_commune.py), user accounts (admin), backups
(now, to a USB folder, restore), data folder, about (with the update check)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.auth import ROLE_LABELS, Perm, Role
from core.errors import ValidationError
from core.preferences import load_preferences, save_preference
from core.services import maintenance, users
from core.services.settings import check_hub_url
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import error_text, tr
from ui.pages.settings_commune import GeneralBox, HamletsBox
from ui.progress_dialog import run_long
from ui.update_notice import UpdateChecker


class _PasswordDialog(QDialog):
    """A form ending with a new password typed twice, a message line and OK/Cancel."""

    def __init__(self, parent: QWidget | None, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.form = QFormLayout(self)

    def _finish(self, password_label: str, again_label: str) -> None:
        self.form.addRow(password_label, self.password)
        self.form.addRow(again_label, self.again)
        self.form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def _problem(self) -> str | None:
        if self.password.text() != self.again.text():
            return tr("Hai lần nhập mật khẩu không khớp.")
        return None

    def _check(self) -> None:
        problem = self._problem()
        if problem:
            self.message.setText(problem)
        else:
            self.accept()


class UserDialog(_PasswordDialog):
    """New account (username, display name, role, password twice) or a password reset."""

    def __init__(self, parent: QWidget | None = None, *, reset_for: str | None = None):
        super().__init__(parent, tr("Đặt lại mật khẩu") if reset_for else tr("Thêm người dùng"))
        self.username = QLineEdit(reset_for or "")
        self.username.setReadOnly(bool(reset_for))
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(tr(ROLE_LABELS[role]), role.value)
        self.role.setCurrentIndex(self.role.findData(Role.MEMBER.value))
        self.form.addRow(tr("Tên đăng nhập"), self.username)
        if not reset_for:
            self.form.addRow(tr("Họ tên hiển thị"), self.display_name)
            self.form.addRow(tr("Vai trò"), self.role)
        self._finish(tr("Mật khẩu"), tr("Nhập lại mật khẩu"))

    def _problem(self) -> str | None:
        if not self.username.text().strip():
            return tr("Cần nhập tên đăng nhập.")
        return super()._problem()


class OwnPasswordDialog(_PasswordDialog):
    """The signed-in person changes their own password (the old one proves it is them)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, tr("Đổi mật khẩu của tôi"))
        self.old = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.form.addRow(tr("Mật khẩu hiện tại"), self.old)
        self._finish(tr("Mật khẩu mới"), tr("Nhập lại mật khẩu mới"))


class SettingsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.message = QLabel()
        self.message.setWordWrap(True)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(QLabel(f"<h2>{tr('Cài đặt')}</h2>"))
        self.general = GeneralBox(ws)
        self.language_chosen, self.settings_saved = (self.general.language_chosen,
                                                     self.general.settings_saved)
        layout.addWidget(self.general)
        self.hamlets = HamletsBox(ws) if ws.actor.can(Perm.SETTINGS_MANAGE) else None
        if self.hamlets is not None:
            layout.addWidget(self.hamlets)
        layout.addWidget(self._account_box())
        if ws.actor.can(Perm.USER_MANAGE):
            layout.addWidget(self._users_box())
        layout.addWidget(self._backup_box())
        layout.addWidget(self._about_box())
        layout.addWidget(self.message)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._loaded = False

    # -- my account ------------------------------------------------------------------------

    def _account_box(self) -> QGroupBox:
        box = QGroupBox(tr("Tài khoản của tôi"))
        row = QHBoxLayout(box)
        row.addWidget(QLabel(self.ws.actor.username))
        self.own_password_button = QPushButton(tr("Đổi mật khẩu của tôi…"))
        self.own_password_button.clicked.connect(self.ask_own_password)
        row.addWidget(self.own_password_button)
        row.addStretch(1)
        return box

    def ask_own_password(self) -> None:
        dialog = OwnPasswordDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.change_own_password(dialog.old.text(), dialog.password.text())

    def change_own_password(self, old: str, new: str) -> None:
        ws = self.ws
        self._run(lambda: users.change_own_password(ws, old, new),
                  lambda _r: self.message.setText(tr("Đã đổi mật khẩu của bạn.")))

    # -- users -----------------------------------------------------------------------------

    def _users_box(self) -> QGroupBox:
        box = QGroupBox(tr("Người dùng"))
        self.users_table = QTableWidget(0, 4)
        self.users_table.setHorizontalHeaderLabels(
            [tr("Tên đăng nhập"), tr("Họ tên"), tr("Vai trò"), tr("Trạng thái")])
        self.users_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.users_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.users_table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for label, slot in ((tr("Thêm…"), self.add_user), (tr("Vô hiệu hóa"), self.disable_user),
                            (tr("Đặt lại mật khẩu…"), self.reset_password)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(box)
        column.addWidget(self.users_table)
        column.addLayout(buttons)
        return box

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._loaded:
            return
        self._loaded = True
        self.general.load()
        if self.hamlets is not None:
            self.hamlets.load()
        if self.ws.actor.can(Perm.USER_MANAGE):
            self.refresh_users()

    def refresh_users(self) -> None:
        self._list_job = run_in_background(lambda: users.list_users(self.ws), self._show_users,
                                           self.message.setText)

    def _show_users(self, rows) -> None:
        self.users_table.setRowCount(len(rows))
        for r, user in enumerate(rows):
            state = tr("đã vô hiệu hóa") if user.disabled else tr("đang dùng")
            values = (user.username, user.display_name,
                      tr(ROLE_LABELS.get(Role(user.role), user.role)), state)
            for c, value in enumerate(values):
                self.users_table.setItem(r, c, QTableWidgetItem(value))

    def selected_username(self) -> str | None:
        row = self.users_table.currentRow()
        item = self.users_table.item(row, 0) if row >= 0 else None
        return item.text() if item else None

    def add_user(self) -> None:
        dialog = UserDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create_user(dialog.username.text().strip(), dialog.display_name.text().strip(),
                             Role(dialog.role.currentData()), dialog.password.text())

    def create_user(self, username: str, display_name: str, role: Role, password: str) -> None:
        ws = self.ws
        self._run(lambda: users.add_user(ws, username, display_name or username, role, password),
                  lambda _u: self._done(tr("Đã thêm người dùng {u}.").format(u=username)))

    def disable_user(self) -> None:
        username = self.selected_username()
        if username:
            self.disable(username)

    def disable(self, username: str) -> None:
        ws = self.ws
        self._run(lambda: users.disable_user(ws, username),
                  lambda _r: self._done(tr("Đã vô hiệu hóa {u}.").format(u=username)))

    def reset_password(self) -> None:
        username = self.selected_username()
        if not username:
            return
        dialog = UserDialog(self, reset_for=username)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_password(username, dialog.password.text())

    def set_password(self, username: str, password: str) -> None:
        ws = self.ws
        self._run(lambda: users.reset_password(ws, username, password),
                  lambda _r: self._done(tr("Đã đặt lại mật khẩu cho {u}.").format(u=username)))

    def _done(self, message: str) -> None:
        self.message.setText(message)
        self.refresh_users()

    # -- backups ---------------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(tr("Sao lưu"))
        row = QHBoxLayout(box)
        self.backup_button = QPushButton(tr("Sao lưu ngay"))
        self.backup_button.clicked.connect(self.backup_now)
        self.export_button = QPushButton(tr("Sao lưu ra thư mục (USB)…"))
        self.export_button.clicked.connect(self.ask_backup_folder)
        self.restore_button = QPushButton(tr("Khôi phục…"))
        self.restore_button.clicked.connect(self.ask_restore)
        for button, perm in ((self.backup_button, Perm.BACKUP_CREATE),
                             (self.export_button, Perm.BACKUP_CREATE),
                             (self.restore_button, Perm.BACKUP_RESTORE)):
            button.setEnabled(self.ws.actor.can(perm))
            row.addWidget(button)
        row.addStretch(1)
        return box

    def backup_now(self) -> None:
        self._run_long(tr("Đang sao lưu…"),
                       lambda progress: maintenance.backup_now(self.ws, progress=progress),
                       lambda paths: self.message.setText(tr("Đã sao lưu: {files}").format(
                           files=", ".join(p.name for p in paths))))

    def ask_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục (ví dụ ổ USB)"))
        if folder:
            self.backup_to(Path(folder))

    def backup_to(self, folder: Path) -> None:
        self._run_long(tr("Đang sao lưu ra thư mục…"),
                       lambda progress: maintenance.backup_to_folder(self.ws, folder, progress),
                       lambda path: self.message.setText(tr(
                           "Đã ghi bản sao lưu vào {path}. Bản sao được mã hóa; cần mật khẩu "
                           "hoặc khóa khôi phục để mở.").format(path=path)))

    def ask_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Chọn bản sao lưu"),
                                              str(self.ws.store.backups_dir))
        if not path:
            return
        answer = QMessageBox.warning(
            self, tr("Khôi phục"),
            tr("Dữ liệu hiện tại sẽ được thay bằng bản sao lưu (một bản an toàn của dữ liệu hiện "
               "tại được giữ lại). Tiếp tục?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> None:
        self._run_long(tr("Đang khôi phục…"),
                       lambda progress: maintenance.restore(self.ws, path, progress),
                       lambda safety: self.message.setText(tr(
                           "Đã khôi phục. Bản an toàn của dữ liệu trước đó: {name}").format(
                           name=safety.name)))

    # -- about -----------------------------------------------------------------------------

    def _about_box(self) -> QGroupBox:
        from importlib.metadata import PackageNotFoundError, version

        try:
            app_version = version("xaso")
        except PackageNotFoundError:
            app_version = "dev"
        box = QGroupBox(tr("Thông tin"))
        form = QFormLayout(box)
        folder = QLabel(str(self.ws.store.data_dir))
        folder.setObjectName("data-dir")
        form.addRow(tr("Thư mục dữ liệu"), folder)
        form.addRow(tr("Phiên bản"), QLabel(f"Xã Số {app_version}"))
        form.addRow(tr("Cập nhật"), self._updates_row())
        form.addRow(tr("Mã hóa"), QLabel(tr("SQLCipher, khóa 256 bit; mỗi người dùng một khóa "
                                            "bọc riêng")))
        return box

    def _updates_row(self) -> QWidget:
        """Where this PC looks for signed update notices (empty: the enrolled hub), and the
        check that always shows its outcome (ui/update_notice.py)."""
        self.update_url = QLineEdit(load_preferences(self.ws.store.data_dir).get("update_url", ""))
        self.update_url.setPlaceholderText(tr("Để trống: dùng máy chủ đồng bộ đã đăng ký"))
        self.update_url.setReadOnly(not self.ws.actor.can(Perm.SETTINGS_MANAGE))
        self.update_button = QPushButton(tr("Kiểm tra cập nhật"))
        self.update_button.clicked.connect(self.check_updates)
        self.update_checker = UpdateChecker(self.ws, self)
        self.update_checker.finished.connect(lambda _outcome: self._update_checked())
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.update_url, 1)
        line.addWidget(self.update_button)
        return row

    def check_updates(self) -> None:
        data_dir = self.ws.store.data_dir
        try:
            url = check_hub_url(self.update_url.text()) or ""
        except ValidationError as err:
            self.message.setText(error_text(err))
            return
        if url != load_preferences(data_dir).get("update_url", ""):
            save_preference(data_dir, "update_url", url)
        self.update_url.setText(url)
        self.update_button.setEnabled(False)
        self.message.setText(tr("Đang kiểm tra cập nhật…"))
        self.update_checker.check(interactive=True)

    def _update_checked(self) -> None:
        self.update_button.setEnabled(True)
        self.message.setText("")

    # -- plumbing --------------------------------------------------------------------------

    def _run_long(self, label: str, fn, on_done) -> None:
        self.message.setText(label)
        self._job = run_long(self, label, fn, on_done, self.message.setText)

    def _run(self, fn, on_done) -> None:
        self.message.setText(tr("Đang thực hiện…"))
        self._job = run_in_background(fn, on_done, self.message.setText)
