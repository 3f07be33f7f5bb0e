"""First-run set-up: province → commune (2025 list) → hamlets → admin account → the recovery key
(shown once) → optional hub address.

Nothing touches the disk until the admin page is committed: then `Store.initialise` and one
`add_hamlet` per hamlet run off the GUI thread. From that moment the wizard cannot go back or be
cancelled; it ends only after the user confirms the recovery key is stored safely. The key lives
in memory only (never logged); it reaches a file only when the user saves it.

After `accept()`: `wizard.workspace` is the unlocked Workspace (the caller closes it) and
`wizard.hub_url` the optional hub address (None when left blank), already saved in the commune
settings (core.services.settings) before the wizard closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core.admin_units import AdminUnit, AdminUnits, default_units
from core.errors import ValidationError
from core.services import hamlets, settings, users
from core.store import Store, Workspace
from core.text import fold_tokens, nfc, vn_sort_key
from ui.background import run_in_background
from ui.i18n import error_text, message_text, tr

PROVINCE_PAGE, COMMUNE_PAGE, HAMLET_PAGE, ADMIN_PAGE, RECOVERY_PAGE, HUB_PAGE = range(6)
# Mirrors core.services.users (which also checks it): lower-case ASCII, digits, . _ -, 2–32 chars.
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
_UNIT_ROLE = Qt.ItemDataRole.UserRole
_PREVIOUS_NAME_ROLE = Qt.ItemDataRole.UserRole + 1



def _search_words(text: str) -> list[str]:
    """Folded words; apostrophes dropped so "hleo" finds "H'Leo"."""
    return fold_tokens(text.replace("'", "").replace("\u2019", ""))


def _mono_font():
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


# -- picking a province or commune ------------------------------------------------------------


class UnitPicker(QWidget):
    """A search box over a list of admin units: folded word-prefix matching ("quang ngoc",
    "q ngoc"), best match selected; Up/Down/PageUp/PageDown in the box move the selection."""

    selection_changed = Signal()
    activated = Signal()  # double-click on a unit

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        self._units: list[tuple[list[str], str, AdminUnit]] = []
        self.search.textChanged.connect(self._refilter)
        self.search.installEventFilter(self)
        self.list.currentRowChanged.connect(lambda _row: self.selection_changed.emit())
        self.list.itemDoubleClicked.connect(lambda _item: self.activated.emit())
        self.setFocusProxy(self.search)

    def set_units(self, units: list[AdminUnit]) -> None:
        ordered = sorted(units, key=lambda u: (vn_sort_key(u.name), u.code))
        self._units = [(_search_words(u.display_name), " ".join(_search_words(u.name)), u)
                       for u in ordered]
        self.search.clear()
        self._refilter()

    def current_unit(self) -> AdminUnit | None:
        item = self.list.currentItem()
        return item.data(_UNIT_ROLE) if item is not None else None

    def select_code(self, code: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(_UNIT_ROLE).code == code:
                self.list.setCurrentRow(row)
                return

    def _refilter(self) -> None:
        query = _search_words(self.search.text())
        joined = " ".join(query)
        hits = []
        for words, name, unit in self._units:
            if all(any(w.startswith(q) for w in words) for q in query):
                # Exact name first, then names starting with the query, then the rest.
                rank = 0 if name == joined else 1 if name.startswith(joined) else 2
                hits.append((rank, unit))
        hits.sort(key=lambda h: h[0])  # stable: keeps Vietnamese order within a rank
        self.list.clear()
        for _rank, unit in hits:
            item = QListWidgetItem(unit.display_name)
            item.setData(_UNIT_ROLE, unit)
            self.list.addItem(item)
        if hits:
            self.list.setCurrentRow(0)
        self.count.setText(tr("Không tìm thấy đơn vị nào. Hãy gõ ít chữ hơn hoặc gõ không dấu.")
                           if not hits else tr("{n} đơn vị").format(n=len(hits)))
        self.selection_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            QCoreApplication.sendEvent(self.list, event)
            return True
        return super().eventFilter(watched, event)


class ProvincePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Chọn tỉnh, thành phố"))
        self.setSubTitle(tr("Theo danh mục đơn vị hành chính năm 2025 (34 tỉnh, thành phố). "
                            "Gõ tên, có dấu hay không dấu đều được, ví dụ: thanh hoa."))
        self.picker = UnitPicker(tr("Tìm tỉnh, thành phố…"))
        self.status = QLabel(tr("Đang tải danh mục đơn vị hành chính…"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.status)
        self.picker.selection_changed.connect(self.completeChanged)
        self.picker.activated.connect(lambda: self.wizard().next())
        self.units: AdminUnits | None = None

    def set_units(self, units: AdminUnits) -> None:
        self.units = units
        self.status.clear()
        self.picker.set_units(units.provinces())
        self.picker.search.setFocus()

    def set_load_error(self, message: str) -> None:
        self.status.setText(message)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.picker.search.setFocus()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.picker.current_unit() is not None


class CommunePage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Chọn xã, phường, đặc khu"))
        self.picker = UnitPicker(tr("Tìm xã, phường…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        self.picker.selection_changed.connect(self.completeChanged)
        self.picker.activated.connect(lambda: self.wizard().next())
        self._province_code: str | None = None

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        wizard: SetupWizard = self.wizard()
        province = wizard.province
        self.setSubTitle(tr("Các xã, phường, đặc khu của {province} (mã năm 2025). Gõ tên không "
                            "dấu để tìm, ví dụ: quang ngoc.").format(province=province.full_name))
        if province.code != self._province_code:
            self._province_code = province.code
            self.picker.set_units(wizard.units.communes_of(province.code))
        self.picker.search.setFocus()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.picker.current_unit() is not None


# -- hamlets ----------------------------------------------------------------------------------


class HamletPage(QWizardPage):
    """The commune's thôn/tổ dân phố in the order lists and reports use. Enter in the name box
    adds a hamlet; Enter on an empty box goes on. F2 renames, Delete removes, Ctrl+Up/Down
    moves the selected hamlet."""

    def __init__(self):
        super().__init__()
        self.setTitle(tr("Thôn, tổ dân phố"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Tên thôn/tổ dân phố, ví dụ: Thôn Đông, Tổ dân phố 3"))
        self.add_button = QPushButton(tr("Thêm"))
        self.add_button.setAutoDefault(False)
        self.list = QListWidget()
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.rename_button = QPushButton(tr("Đổi tên"))
        self.remove_button = QPushButton(tr("Xóa"))
        self.up_button = QPushButton(tr("Lên"))
        self.down_button = QPushButton(tr("Xuống"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        for button in (self.rename_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)

        entry = QHBoxLayout()
        entry.addWidget(self.name, 1)
        entry.addWidget(self.add_button)
        side = QVBoxLayout()
        for button in (self.rename_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self._add_from_box)
        self.rename_button.clicked.connect(self._rename)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.list.itemChanged.connect(self._renamed)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.name.installEventFilter(self)
        self.list.installEventFilter(self)
        for keys, slot in (("Ctrl+Up", lambda: self.move_current(-1)),
                           ("Ctrl+Down", lambda: self.move_current(1))):
            QShortcut(QKeySequence(keys), self.list, slot,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self._update_buttons()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        commune = self.wizard().commune
        self.setSubTitle(tr("Nhập các thôn, tổ dân phố của {commune} theo thứ tự thường dùng, "
                            "ít nhất một; nhấn Enter để thêm từng tên. Có thể sửa sau trong Cài "
                            "đặt.").format(commune=commune.display_name))
        self.name.setFocus()

    # -- editing --

    def hamlets(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _duplicate_of(self, name: str, skip_row: int = -1) -> str | None:
        key = _search_words(name)
        for row, other in enumerate(self.hamlets()):
            if row != skip_row and _search_words(other) == key:
                return other
        return None

    def add_hamlet(self, name: str) -> bool:
        name = nfc(name)
        if not name:
            self.message.setText(tr("Hãy nhập tên thôn/tổ dân phố."))
            return False
        duplicate = self._duplicate_of(name)
        if duplicate is not None:
            self.message.setText(tr("Đã có “{name}” trong danh sách.").format(name=duplicate))
            return False
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(_PREVIOUS_NAME_ROLE, name)
        self.list.blockSignals(True)  # itemChanged would treat the new item as a rename
        self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setCurrentItem(item)
        self.message.clear()
        self._update_buttons()
        self.completeChanged.emit()
        return True

    def _add_from_box(self) -> None:
        if self.add_hamlet(self.name.text()):
            self.name.clear()
        self.name.setFocus()

    def _rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.setFocus()
            self.list.editItem(item)

    def rename(self, row: int, name: str) -> None:
        """Programmatic rename (as if edited in place)."""
        self.list.item(row).setText(name)

    def _renamed(self, item: QListWidgetItem) -> None:
        previous = item.data(_PREVIOUS_NAME_ROLE)
        name = nfc(item.text())
        problem = None
        if not name:
            problem = tr("Tên thôn/tổ dân phố không được để trống.")
        elif (duplicate := self._duplicate_of(name, self.list.row(item))) is not None:
            problem = tr("Đã có “{name}” trong danh sách.").format(name=duplicate)
        self.list.blockSignals(True)
        if problem:
            item.setText(previous)
            self.message.setText(problem)
        else:
            item.setText(name)
            item.setData(_PREVIOUS_NAME_ROLE, name)
            self.message.clear()
        self.list.blockSignals(False)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._update_buttons()
            self.completeChanged.emit()

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(target)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.rename_button.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if watched is self.name and enter and self.name.text().strip():
                self._add_from_box()  # Enter adds; on an empty box it goes to the next page
                return True
            if watched is self.list and key == Qt.Key.Key_Delete and self.list.state() != \
                    QAbstractItemView.State.EditingState:
                self.remove_current()
                return True
        return super().eventFilter(watched, event)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.list.count() > 0

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        if self.list.count() == 0:
            self.message.setText(tr("Cần ít nhất một thôn hoặc tổ dân phố."))
            return False
        return True


# -- admin account and creating the store -------------------------------------------------------


@dataclass
class _Created:
    workspace: Workspace
    recovery_key: str
    hamlet_error: str | None = None


def _create_store(store: Store, commune_code: str, username: str, password: str,
                  display_name: str, hamlet_names: list[str]) -> _Created:
    """Runs off the GUI thread."""
    ws, recovery_key = store.initialise(commune_code, username, password, display_name)
    try:
        for position, name in enumerate(hamlet_names, start=1):
            hamlets.add_hamlet(ws, name, position=position)
    except Exception as exc:  # noqa: BLE001 - the store exists: the key must still be shown
        return _Created(ws, recovery_key, error_text(exc) or type(exc).__name__)
    return _Created(ws, recovery_key)


class AdminPage(QWizardPage):
    """The first administrator. Committing this page creates the data (in the background)."""

    def __init__(self):
        super().__init__()
        self.setTitle(tr("Tài khoản quản trị"))
        self.setSubTitle(tr("Người quản trị thêm người dùng, đặt lại mật khẩu và cấu hình Xã "
                            "Số. Mật khẩu mở khóa dữ liệu: không ai khôi phục được nếu quên, trừ "
                            "khi có khóa khôi phục."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("Tạo dữ liệu"))
        self.username = QLineEdit()
        self.username.setPlaceholderText(tr("ví dụ: nguyenvana"))
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(tr("ví dụ: Nguyễn Văn A"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            tr("ít nhất {n} ký tự").format(n=users.MIN_PASSWORD_LENGTH))
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator
        self.progress.setVisible(False)
        form = QFormLayout(self)
        form.addRow(tr("Tên đăng nhập"), self.username)
        form.addRow(tr("Họ và tên"), self.display_name)
        form.addRow(tr("Mật khẩu"), self.password)
        form.addRow(tr("Nhập lại mật khẩu"), self.password2)
        form.addRow(self.message)
        form.addRow(self.progress)
        QWidget.setTabOrder(self.username, self.display_name)
        QWidget.setTabOrder(self.display_name, self.password)
        QWidget.setTabOrder(self.password, self.password2)
        for edit in (self.username, self.display_name, self.password, self.password2):
            edit.textEdited.connect(lambda _text: self.message.clear())
        self.busy = False
        self.created: _Created | None = None
        self._job = None

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.username.setFocus()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.busy

    def check(self) -> str | None:
        """The first problem with the entered account, as a Vietnamese message, or None."""
        username = self.username.text().strip()
        if not username:
            return tr("Hãy nhập tên đăng nhập.")
        if not _USERNAME.match(username):
            return tr("Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch "
                      "ngang hoặc gạch dưới, dài 2–32 ký tự (ví dụ: nguyenvana).")
        if not nfc(self.display_name.text()):
            return tr("Hãy nhập họ và tên người quản trị.")
        if len(self.password.text()) < users.MIN_PASSWORD_LENGTH:
            return tr("Mật khẩu phải có ít nhất {n} ký tự.").format(n=users.MIN_PASSWORD_LENGTH)
        if self.password.text() != self.password2.text():
            return tr("Hai lần nhập mật khẩu không khớp. Hãy nhập lại mật khẩu lần hai.")
        return None

    def _focus_problem(self, problem: str) -> None:
        self.message.setText(problem)
        if not self.username.text().strip() or not _USERNAME.match(self.username.text().strip()):
            self.username.setFocus()
        elif not nfc(self.display_name.text()):
            self.display_name.setFocus()
        elif len(self.password.text()) < users.MIN_PASSWORD_LENGTH:
            self.password.selectAll()
            self.password.setFocus()
        else:
            self.password2.clear()
            self.password2.setFocus()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        if self.created is not None:
            return True
        if self.busy:
            return False
        problem = self.check()
        if problem:
            self._focus_problem(problem)
            return False
        wizard: SetupWizard = self.wizard()
        args = (wizard.store, wizard.commune.code, self.username.text().strip(),
                self.password.text(), nfc(self.display_name.text()), wizard.hamlets())
        self._set_busy(True)
        self.message.setText(tr("Đang tạo dữ liệu được mã hóa cho xã…"))
        self._job = run_in_background(lambda: _create_store(*args), self._created_ok,
                                      self._create_failed)
        return False  # the wizard moves on when the background work is done

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        for edit in (self.username, self.display_name, self.password, self.password2):
            edit.setReadOnly(busy)
        self.completeChanged.emit()
        wizard = self.wizard()
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            wizard.button(which).setEnabled(not busy)

    def _created_ok(self, created: _Created) -> None:
        self.created = created
        for edit in (self.password, self.password2):
            edit.clear()
        self.message.clear()
        self._set_busy(False)
        wizard: SetupWizard = self.wizard()
        wizard.workspace = created.workspace
        wizard.setOption(QWizard.WizardOption.NoCancelButton, True)
        wizard.next()

    def _create_failed(self, message: str) -> None:
        self._set_busy(False)
        self.message.setText(tr("Chưa tạo được dữ liệu: {error}").format(error=message))


# -- recovery key -------------------------------------------------------------------------------


def recovery_file_text(recovery_key: str, commune: str, when: datetime | None = None) -> str:
    when = when or datetime.now()
    return "\n".join([
        tr("XÃ SỐ — KHÓA KHÔI PHỤC DỮ LIỆU"),
        tr("Đơn vị: {commune}").format(commune=commune),
        tr("Ngày tạo: {date}").format(date=when.strftime("%d/%m/%Y %H:%M")),
        "",
        recovery_key,
        "",
        tr("Khóa này mở được toàn bộ dữ liệu của xã khi quên mật khẩu quản trị."),
        tr("Hãy in ra hoặc chép vào USB, cất ở nơi an toàn (tủ có khóa), rồi xóa tệp này khỏi "
           "máy tính."),
        tr("Không gửi khóa qua Zalo, thư điện tử hay mạng xã hội: ai có khóa đều đọc được dữ "
           "liệu."),
        "",
    ])


class RecoveryPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Khóa khôi phục"))
        self.setSubTitle(tr("Khóa này chỉ hiện một lần. Nếu quên mật khẩu quản trị, chỉ khóa "
                            "này mở lại được dữ liệu. Hãy lưu hoặc chép lại ngay."))
        self.key_label = QLabel()
        font = _mono_font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key_label.setAccessibleName(tr("Khóa khôi phục"))
        self.save_button = QPushButton(tr("Lưu ra tệp…"))
        self.copy_button = QPushButton(tr("Sao chép"))
        for button in (self.save_button, self.copy_button):
            button.setAutoDefault(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.confirm = QCheckBox(tr("Tôi đã cất giữ khóa khôi phục ở nơi an toàn"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addWidget(self.confirm)
        self.save_button.clicked.connect(self.save_to_file)
        self.copy_button.clicked.connect(self.copy)
        self.confirm.toggled.connect(self.completeChanged)
        QWidget.setTabOrder(self.save_button, self.copy_button)
        QWidget.setTabOrder(self.copy_button, self.confirm)

    def _key(self) -> str:
        created = self.wizard().created
        return created.recovery_key if created is not None else ""

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        created = self.wizard().created
        groups = created.recovery_key.split("-")
        half = (len(groups) + 1) // 2
        self.key_label.setText("-".join(groups[:half]) + "-\n" + "-".join(groups[half:]))
        if created.hamlet_error:
            self.warning.setText(tr("Đã tạo dữ liệu nhưng chưa lưu được danh sách thôn/tổ dân "
                                    "phố ({error}). Hãy nhập lại trong Cài đặt.")
                                 .format(error=created.hamlet_error))
        self.save_button.setFocus()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.confirm.isChecked()

    def choose_file(self) -> str:
        """Ask where to save (tests replace this)."""
        commune = self.wizard().commune
        words = "-".join(_search_words(commune.name)) or commune.code
        suggested = str(Path.home() / f"xaso-khoa-khoi-phuc-{words}.txt")
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Lưu khóa khôi phục"), suggested, tr("Tệp văn bản (*.txt)"))
        return path

    def save_to_file(self) -> None:
        path = self.choose_file()
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".txt":
            target = target.with_name(target.name + ".txt")
        try:
            target.write_text(recovery_file_text(self._key(), self.wizard().commune.full_name),
                              encoding="utf-8")
        except OSError as exc:
            self.status.setText(tr("Không lưu được tệp ({error}). Hãy chọn thư mục khác, ví dụ "
                                   "ổ USB.").format(error=exc.strerror or type(exc).__name__))
            return
        self.status.setText(tr("Đã lưu vào {path}. Hãy chép sang USB hoặc in ra, cất nơi an "
                               "toàn, rồi xóa tệp khỏi máy.").format(path=target))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._key())
        self.status.setText(tr("Đã sao chép khóa. Hãy dán vào nơi an toàn ngay."))

    def forget(self) -> None:
        """Drop the key from the screen and, if it is still there, from the clipboard."""
        clipboard = QGuiApplication.clipboard()
        if self._key() and clipboard.text() == self._key():
            clipboard.clear()
        self.key_label.clear()


# -- hub address --------------------------------------------------------------------------------


class HubPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Máy chủ đồng bộ (không bắt buộc)"))
        self.setSubTitle(tr("Địa chỉ máy chủ cấp trên để đồng bộ dữ liệu. Để trống nếu chưa có; "
                            "có thể nhập sau trong Cài đặt → Chung."))
        self.address = QLineEdit()
        self.address.setPlaceholderText("https://")
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(tr("Địa chỉ máy chủ"), self.address)
        form.addRow(self.message)
        self.address.textEdited.connect(lambda _text: self.message.clear())

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.address.setFocus()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        try:
            url = settings.check_hub_url(self.address.text())
        except ValidationError as exc:
            self.message.setText(message_text(exc.errors["hub_url"]))
            self.address.setFocus()
            return False
        self.wizard().hub_url = url
        return True


# -- the wizard ---------------------------------------------------------------------------------


class SetupWizard(QWizard):
    """First-run set-up. After `accept()`: `workspace` (unlocked, caller closes it) and
    `hub_url` (str | None)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.workspace: Workspace | None = None
        self.hub_url: str | None = None
        self._hub_saved = False
        self.units: AdminUnits | None = None
        self.setWindowTitle(tr("Xã Số — Thiết lập lần đầu"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for which, text in ((QWizard.WizardButton.BackButton, tr("< Quay lại")),
                            (QWizard.WizardButton.NextButton, tr("Tiếp >")),
                            (QWizard.WizardButton.FinishButton, tr("Hoàn tất")),
                            (QWizard.WizardButton.CancelButton, tr("Hủy")),
                            (QWizard.WizardButton.HelpButton, tr("Trợ giúp"))):
            self.setButtonText(which, text)
        self.province_page = ProvincePage()
        self.commune_page = CommunePage()
        self.hamlet_page = HamletPage()
        self.admin_page = AdminPage()
        self.recovery_page = RecoveryPage()
        self.hub_page = HubPage()
        for page_id, page in ((PROVINCE_PAGE, self.province_page),
                              (COMMUNE_PAGE, self.commune_page),
                              (HAMLET_PAGE, self.hamlet_page), (ADMIN_PAGE, self.admin_page),
                              (RECOVERY_PAGE, self.recovery_page), (HUB_PAGE, self.hub_page)):
            self.setPage(page_id, page)
        self.setStartId(PROVINCE_PAGE)
        self.resize(640, 520)
        self._units_job = run_in_background(default_units, self._units_loaded,
                                            self.province_page.set_load_error)

    def _units_loaded(self, units: AdminUnits) -> None:
        self.units = units
        self.province_page.set_units(units)

    # -- what was chosen --

    @property
    def province(self) -> AdminUnit | None:
        return self.province_page.picker.current_unit()

    @property
    def commune(self) -> AdminUnit | None:
        return self.commune_page.picker.current_unit()

    def hamlets(self) -> list[str]:
        return self.hamlet_page.hamlets()

    @property
    def created(self) -> _Created | None:
        return self.admin_page.created

    # -- closing --

    def reject(self) -> None:
        # Once the data exists the wizard ends only through the recovery key confirmation;
        # while it is being created there is nothing to cancel safely.
        if self.admin_page.busy or self.workspace is not None:
            return
        super().reject()

    def accept(self) -> None:
        # QWizard.accept() validates the last page itself, but the address must be known
        # (and saved) before the wizard closes.
        if not self.validateCurrentPage():
            return
        if self.hub_url and self.workspace is not None and not self._hub_saved:
            ws, url = self.workspace, self.hub_url
            self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
            self._hub_job = run_in_background(
                lambda: settings.update_settings(ws, hub_url=url), self._hub_url_saved,
                self._hub_url_failed)
            return
        self._close_accepted()

    def _hub_url_saved(self, _settings) -> None:
        self._hub_saved = True
        self._close_accepted()

    def _hub_url_failed(self, message: str) -> None:
        self.hub_page.message.setText(tr(message))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)

    def _close_accepted(self) -> None:
        self.recovery_page.forget()
        if self.admin_page.created is not None:
            self.admin_page.created.recovery_key = ""  # shown once: not kept in memory
        super().accept()
