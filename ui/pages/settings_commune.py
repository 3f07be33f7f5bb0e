"""Settings page sections: general (language, auto-lock, hub address) and the commune's hamlets.

The language is this PC's preference (saved before anyone logs in next time); auto-lock and
the hub address are commune settings in the encrypted store and need SETTINGS_MANAGE, as do
the hamlets. Every read and write runs off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.errors import ValidationError
from core.services import digital_citizen, hamlets, settings
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import LANGUAGES, current_language, message_text, tr


def _first_error(exc: ValidationError) -> str:
    return message_text(next(iter(exc.errors.values())))


class GeneralBox(QGroupBox):
    """Language, auto-lock delay, hub address and the unsynced-work guard."""

    language_chosen = Signal(str)
    settings_saved = Signal(object)  # CommuneSettings

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(tr("Chung"), parent)
        self.ws = ws
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(self.language.currentData()))
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(*settings.AUTO_LOCK_RANGE)
        self.auto_lock.setSuffix(tr(" phút"))
        self.hub_url = QLineEdit()
        self.hub_url.setPlaceholderText("https://")
        self.guard_days = QSpinBox()
        self.guard_days.setRange(*settings.SYNC_GUARD_DAYS_RANGE)
        self.guard_days.setSuffix(tr(" ngày"))
        self.guard_block = QCheckBox(tr("Tạm dừng nhập mới khi quá hạn (cho đến khi đồng bộ)"))
        guard_row = QHBoxLayout()
        guard_row.addWidget(self.guard_days)
        guard_row.addWidget(self.guard_block)
        guard_row.addStretch(1)
        self.criteria = {key: QCheckBox(tr(label))
                         for key, label in digital_citizen.CRITERIA.items()}
        criteria_row = QHBoxLayout()
        for box in self.criteria.values():
            criteria_row.addWidget(box)
        criteria_row.addStretch(1)
        self.save_button = QPushButton(tr("Lưu cài đặt"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        editable = ws.actor.can(Perm.SETTINGS_MANAGE)
        for widget in (self.auto_lock, self.hub_url, self.guard_days, self.guard_block,
                       self.save_button, *self.criteria.values()):
            widget.setEnabled(editable)
        form = QFormLayout(self)
        form.addRow(tr("Ngôn ngữ"), self.language)
        form.addRow(tr("Tự khóa màn hình sau"), self.auto_lock)
        form.addRow(tr("Máy chủ đồng bộ"), self.hub_url)
        form.addRow(tr("Cảnh báo khi thay đổi chưa gửi quá"), guard_row)
        form.addRow(tr("Tiêu chí công dân số"), criteria_row)
        form.addRow(self.save_button)
        form.addRow(self.message)

    def load(self) -> None:
        self._job = run_in_background(lambda: settings.get_settings(self.ws), self._show,
                                      self.message.setText)
        self._criteria_job = run_in_background(
            lambda: digital_citizen.enabled_criteria(self.ws), self._show_criteria,
            self.message.setText)

    def _show_criteria(self, keys: list[str]) -> None:
        self._criteria_loaded = True
        for key, box in self.criteria.items():
            box.setChecked(key in keys)

    def _show(self, current: settings.CommuneSettings) -> None:
        self.auto_lock.setValue(current.auto_lock_minutes)
        self.hub_url.setText(current.hub_url or "")
        self.guard_days.setValue(current.sync_guard_days)
        self.guard_block.setChecked(current.sync_guard_block)

    def save(self) -> None:
        ws, minutes, url = self.ws, self.auto_lock.value(), self.hub_url.text()
        guard_days, guard_block = self.guard_days.value(), self.guard_block.isChecked()
        try:
            settings.check_hub_url(url)  # pure check: say it before any work starts
        except ValidationError as exc:
            self.message.setText(_first_error(exc))
            self.hub_url.setFocus()
            return
        self.message.setText(tr("Đang lưu…"))
        criteria = [key for key, box in self.criteria.items() if box.isChecked()]
        if not getattr(self, "_criteria_loaded", False):
            criteria = None  # not shown yet: leave the commune's criteria as they are
        elif not criteria:
            self.message.setText(tr("Chọn ít nhất một tiêu chí trong danh mục."))
            return

        def work():
            current = settings.update_settings(ws, auto_lock_minutes=minutes, hub_url=url,
                                               sync_guard_days=guard_days,
                                               sync_guard_block=guard_block)
            if criteria is not None and criteria != digital_citizen.enabled_criteria(ws):
                digital_citizen.set_enabled_criteria(ws, criteria)
            return current

        self._job = run_in_background(work, self._saved,
                                      lambda message: self.message.setText(tr(message)))

    def _saved(self, current: settings.CommuneSettings) -> None:
        self._show(current)
        self.message.setText(tr("Đã lưu cài đặt."))
        self.settings_saved.emit(current)


class HamletsBox(QGroupBox):
    """The commune's hamlets: add, rename (F2), retire/restore, reorder (Ctrl+Up/Down)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(tr("Thôn / tổ dân phố"), parent)
        self.ws = ws
        self.list = QListWidget()
        self.list.setMaximumHeight(220)
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Tên thôn/tổ dân phố mới, Enter để thêm"))
        self.name.returnPressed.connect(self.add)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, label, slot in (("add", tr("Thêm"), self.add),
                                 ("rename", tr("Đổi tên…"), self.ask_rename),
                                 ("retire", tr("Ngừng dùng / dùng lại"), self.toggle_active),
                                 ("up", tr("Lên"), lambda: self.move(-1)),
                                 ("down", tr("Xuống"), lambda: self.move(1))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.list)
        column.addWidget(self.name)
        column.addLayout(buttons)
        column.addWidget(self.message)
        QShortcut(QKeySequence("F2"), self.list, activated=self.ask_rename)
        QShortcut(QKeySequence("Ctrl+Up"), self.list, activated=lambda: self.move(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self.list, activated=lambda: self.move(1))
        self.rows: list = []

    def load(self, select_id: str | None = None) -> None:
        self._job = run_in_background(
            lambda: hamlets.list_hamlets(self.ws, include_retired=True),
            lambda rows: self._show(rows, select_id), self.message.setText)

    def _show(self, rows, select_id: str | None) -> None:
        self.rows = rows
        self.list.clear()
        for hamlet in rows:
            text = hamlet.name if hamlet.active else tr("{name} (ngừng dùng)").format(
                name=hamlet.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, hamlet.id)
            if not hamlet.active:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
            if hamlet.id == select_id:
                self.list.setCurrentItem(item)

    def selected(self):
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _run(self, fn, done_text: str, select_id: str | None = None) -> None:
        def done(result) -> None:
            self.message.setText(done_text)
            self.load(select_id or getattr(result, "id", None))

        self._job = run_in_background(fn, done, lambda message: self.message.setText(tr(message)))

    def add(self) -> None:
        name = self.name.text()
        if not name.strip():
            return
        self.name.clear()
        self._run(lambda: hamlets.add_hamlet(self.ws, name), tr("Đã thêm thôn/tổ dân phố."))

    def ask_rename(self) -> None:
        hamlet = self.selected()
        if hamlet is None:
            return
        name, ok = QInputDialog.getText(self, tr("Đổi tên"), tr("Tên mới"), text=hamlet.name)
        if ok:
            self.rename(hamlet.id, name)

    def rename(self, hamlet_id: str, name: str) -> None:
        self._run(lambda: hamlets.rename_hamlet(self.ws, hamlet_id, name), tr("Đã đổi tên."))

    def toggle_active(self) -> None:
        hamlet = self.selected()
        if hamlet is not None:
            self._run(lambda: hamlets.set_hamlet_active(self.ws, hamlet.id, not hamlet.active),
                      tr("Đã dùng lại.") if not hamlet.active else
                      tr("Đã ngừng dùng; người đang ở thôn này vẫn giữ nguyên địa chỉ."))

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        if not 0 <= row + step < len(self.rows) or row < 0:
            return
        ids = [h.id for h in self.rows]
        ids[row], ids[row + step] = ids[row + step], ids[row]
        moved = ids[row + step]
        self._run(lambda: hamlets.reorder_hamlets(self.ws, ids), tr("Đã đổi thứ tự."), moved)
