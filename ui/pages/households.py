"""Hộ gia đình: find a household by any member, see its members and their relationship to the
head, add a resident to it, remove one (with a reason) or move one to another household."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.services import households, persons
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr

DEBOUNCE_MS = 200



class PickDialog(QDialog):
    """Search and pick one item (a resident or a household) off the GUI thread."""

    def __init__(self, title: str, search, describe, parent: QWidget | None = None,
                 relationship: bool = True):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._search, self._describe = search, describe
        self.query = QLineEdit(placeholderText=tr("Gõ tên (không dấu cũng được) hoặc số định danh"))
        self.results = QListWidget()
        self.relationship = QComboBox()
        for value in households.RELATIONSHIPS[1:]:  # never a second head
            self.relationship.addItem(tr(value), value)
        form = QFormLayout(self)
        form.addRow(self.query)
        form.addRow(self.results)
        if relationship:
            form.addRow(tr("Quan hệ với chủ hộ"), self.relationship)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())

    def run_search(self) -> None:
        text = self.query.text().strip()
        if text:
            self._job = run_in_background(lambda: self._search(text), self._show, lambda m: None)

    def _show(self, items) -> None:
        self.results.clear()
        for item in items:
            entry = QListWidgetItem(self._describe(item))
            entry.setData(256, item.id)
            self.results.addItem(entry)
        if items:
            self.results.setCurrentRow(0)

    def chosen_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(256) if item else None


class HouseholdsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.query = QLineEdit(placeholderText=tr("Tìm hộ theo tên hoặc số định danh của một "
                                                  "thành viên"))
        self.households = QTableWidget(0, 4)
        self.households.setHorizontalHeaderLabels(
            [tr("Chủ hộ"), tr("Thôn"), tr("Địa chỉ"), tr("Số thành viên")])
        self.members = QTableWidget(0, 3)
        self.members.setHorizontalHeaderLabels([tr("Họ và tên"), tr("Quan hệ với chủ hộ"),
                                                tr("Ngày sinh")])
        for table in (self.households, self.members):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(tr("Thêm thành viên…"))
        self.remove_button = QPushButton(tr("Bỏ khỏi hộ…"))
        self.move_button = QPushButton(tr("Chuyển sang hộ khác…"))
        buttons = QHBoxLayout()
        for button, slot in ((self.add_button, self.ask_add), (self.remove_button, self.ask_remove),
                             (self.move_button, self.ask_move)):
            button.clicked.connect(slot)
            button.setEnabled(ws.actor.can(Perm.HOUSEHOLD_WRITE))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = QLabel(tr("Gõ tên một thành viên để tìm hộ."))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('Hộ gia đình')}</h2>"))
        layout.addWidget(self.query)
        layout.addWidget(self.households, 1)
        layout.addWidget(QLabel(tr("Thành viên")))
        layout.addWidget(self.members, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.rows: list[households.HouseholdRow] = []
        self.member_rows: list = []
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.households.currentCellChanged.connect(lambda row, *_: self._load_members(row))

    # -- finding ---------------------------------------------------------------------------

    def search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        self._job = run_in_background(lambda: households.find_households(self.ws, text),
                                      self._show_households, self.status.setText)

    def _show_households(self, rows) -> None:
        self.rows = rows
        self.households.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (row.head_name or "", row.hamlet or "", row.address or "", str(row.members))
            for c, value in enumerate(values):
                self.households.setItem(r, c, QTableWidgetItem(value))
        self.status.setText(tr("{n} hộ").format(n=len(rows)) if rows
                            else tr("Không tìm thấy hộ nào."))
        if rows:
            self.households.setCurrentCell(0, 0)
            self._load_members(0)
        else:
            self.members.setRowCount(0)

    def current(self) -> households.HouseholdRow | None:
        row = self.households.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _load_members(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        household_id = self.rows[row].id
        self._members_job = run_in_background(lambda: households.members(self.ws, household_id),
                                              self._show_members, self.status.setText)

    def _show_members(self, pairs) -> None:
        self.member_rows = pairs
        row = self.households.currentRow()
        if 0 <= row < self.households.rowCount():
            self.households.setItem(row, 3, QTableWidgetItem(str(len(pairs))))
        self.members.setRowCount(len(pairs))
        for r, (member, person) in enumerate(pairs):
            dob = "/".join(reversed(person.dob.split("-"))) if person.dob else ""
            for c, value in enumerate((person.full_name, tr(member.relationship), dob)):
                self.members.setItem(r, c, QTableWidgetItem(value))

    def selected_person_id(self) -> str | None:
        row = self.members.currentRow()
        return self.member_rows[row][1].id if 0 <= row < len(self.member_rows) else None

    # -- changing --------------------------------------------------------------------------

    def ask_add(self) -> None:
        home = self.current()
        if home is None:
            return
        dialog = PickDialog(tr("Thêm thành viên vào hộ {name}").format(name=home.head_name),
                            lambda q: persons.search(self.ws, q, limit=30),
                            lambda hit: f"{hit.full_name} — {hit.dob or '?'} — "
                                        f"{hit.personal_number or ''}", self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen_id():
            self.add(dialog.chosen_id(), dialog.relationship.currentData())

    def add(self, person_id: str, relationship: str) -> None:
        household_id = self.current().id
        self._change(lambda: households.add_member(self.ws, household_id, person_id,
                                                   relationship), tr("Đã thêm thành viên."))

    def ask_remove(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            return
        reason, ok = QInputDialog.getText(self, tr("Bỏ khỏi hộ"), tr(
            "Lý do (ví dụ: chuyển đi nơi khác, đã mất):"))
        if ok:
            self.remove(person_id, reason)

    def remove(self, person_id: str, reason: str) -> None:
        self._change(lambda: households.remove_member(self.ws, person_id, reason),
                     tr("Đã bỏ khỏi hộ."))

    def ask_move(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            return
        dialog = PickDialog(tr("Chuyển sang hộ khác"),
                            lambda q: households.find_households(self.ws, q),
                            lambda row: f"{row.head_name} — {row.hamlet or ''} — "
                                        f"{row.address or ''}", self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen_id():
            self.move(person_id, dialog.chosen_id(), dialog.relationship.currentData(), "")

    def move(self, person_id: str, household_id: str, relationship: str, reason: str) -> None:
        self._change(lambda: households.move_member(self.ws, person_id, household_id,
                                                    relationship, reason),
                     tr("Đã chuyển sang hộ khác."))

    def _change(self, fn, done_message: str) -> None:
        self.status.setText(tr("Đang lưu…"))

        def done(_result) -> None:
            self.status.setText(done_message)
            self._load_members(self.households.currentRow())  # the same household, reloaded

        self._change_job = run_in_background(fn, done, self.status.setText)
