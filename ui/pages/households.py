"""Hộ gia đình: every household by head's name (a page at a time, by hamlet) or found by any
member; its members and their relationship to the head; add, remove (with a reason) or move a
member, correct a relationship, change the head, split (tách hộ) or merge (nhập hộ) with
confirmation. Every query and change runs off the GUI thread."""

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
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.dates import show_iso
from core.services import hamlets, households, persons
from core.services import household_changes as changes
from core.store import Workspace
from ui.background import run_in_background
from ui.household_dialogs import HeadDialog, MergeDialog, SplitDialog, relationship_combo
from ui.i18n import tr

DEBOUNCE_MS = 200
PAGE = 200  # households fetched at a time while scrolling



class PickDialog(QDialog):
    """Search and pick one item (a resident or a household) off the GUI thread."""

    def __init__(self, title: str, search, describe, parent: QWidget | None = None,
                 relationship: bool = True):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._search, self._describe = search, describe
        self.query = QLineEdit(placeholderText=tr("Gõ tên (không dấu cũng được) hoặc số định danh"))
        self.results = QListWidget()
        self.relationship = relationship_combo("con")
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
        self.hamlet = QComboBox()
        self.hamlet.addItem(tr("Mọi thôn"), None)
        self.hamlet.currentIndexChanged.connect(lambda _i: self.search())
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
        self.relationship_button = QPushButton(tr("Sửa quan hệ…"))
        self.head_button = QPushButton(tr("Đổi chủ hộ…"))
        self.split_button = QPushButton(tr("Tách hộ…"))
        self.merge_button = QPushButton(tr("Nhập vào hộ khác…"))
        self.new_button = QPushButton(tr("Lập hộ mới…"))
        member_buttons, household_buttons = QHBoxLayout(), QHBoxLayout()
        for row, button, slot in (
                (member_buttons, self.add_button, self.ask_add),
                (member_buttons, self.remove_button, self.ask_remove),
                (member_buttons, self.move_button, self.ask_move),
                (member_buttons, self.relationship_button, self.ask_relationship),
                (household_buttons, self.head_button, self.ask_change_head),
                (household_buttons, self.split_button, self.ask_split),
                (household_buttons, self.merge_button, self.ask_merge),
                (household_buttons, self.new_button, self.ask_new)):
            button.clicked.connect(slot)
            button.setEnabled(ws.actor.can(Perm.HOUSEHOLD_WRITE))
            row.addWidget(button)
        member_buttons.addStretch(1)
        household_buttons.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.count = QLabel()
        self.total = 0
        self._generation = 0
        self._loaded = False
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.hamlet)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('Hộ gia đình')}</h2>"))
        layout.addLayout(top)
        layout.addWidget(self.households, 1)
        layout.addWidget(QLabel(tr("Thành viên")))
        layout.addWidget(self.members, 1)
        layout.addLayout(member_buttons)
        layout.addLayout(household_buttons)
        layout.addWidget(self.status)
        self.rows: list[households.HouseholdRow] = []
        self.member_rows: list = []
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.households.currentCellChanged.connect(lambda row, *_: self._load_members(row))
        self.households.verticalScrollBar().valueChanged.connect(self._maybe_fetch_more)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self._hamlets_job = run_in_background(lambda: hamlets.list_hamlets(self.ws),
                                                  self._show_hamlets, self.status.setText)
            self.search()

    def _show_hamlets(self, rows) -> None:
        for hamlet in rows:
            self.hamlet.addItem(hamlet.name, hamlet.id)

    # -- finding ---------------------------------------------------------------------------

    def search(self) -> None:
        """The typed query, or (empty box) every household of the chosen hamlet."""
        text, hamlet_id = self.query.text().strip(), self.hamlet.currentData()
        self._generation += 1
        self._more_job = None
        generation = self._generation

        def current(show):  # a slower, older search must not overwrite a newer one
            return lambda result: show(result) if generation == self._generation else None

        if text:
            self._job = run_in_background(lambda: households.find_households(self.ws, text),
                                          current(self._show_households), self.status.setText)
        else:
            self._job = run_in_background(
                lambda: households.list_households(self.ws, hamlet_id, 0, PAGE),
                current(self._show_page), self.status.setText)

    def _show_page(self, result) -> None:
        self.total, rows = result
        self._show_households(rows)
        self.count.setText(tr("{n} hộ").format(n=self.total))

    def _maybe_fetch_more(self, value: int) -> None:
        bar = self.households.verticalScrollBar()
        if (self.query.text().strip() or len(self.rows) >= self.total or value < bar.maximum()
                or getattr(self, "_more_job", None) is not None):
            return
        hamlet_id, offset, generation = self.hamlet.currentData(), len(self.rows), self._generation
        self._more_job = run_in_background(
            lambda: households.list_households(self.ws, hamlet_id, offset, PAGE),
            lambda result: self._append_page(result, generation), self.status.setText)

    def _append_page(self, result, generation: int) -> None:
        if generation != self._generation:
            return
        self._more_job = None
        _total, rows = result
        start = len(self.rows)
        self.rows = self.rows + rows
        self.households.setRowCount(len(self.rows))
        for r, row in enumerate(rows, start=start):
            self._fill_row(r, row)

    def _fill_row(self, r: int, row) -> None:
        values = (row.head_name or "", row.hamlet or "", row.address or "", str(row.members))
        for c, value in enumerate(values):
            self.households.setItem(r, c, QTableWidgetItem(value))

    def _show_households(self, rows) -> None:
        self.rows = rows
        self.households.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self._fill_row(r, row)
        self.households.resizeColumnsToContents()  # one page: cheap, and no header is cut
        self.count.setText(tr("{n} hộ").format(n=len(rows)) if rows
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
        self._members_for = household_id  # answers for another household are stale

        def show(pairs) -> None:
            if self._members_for == household_id:
                self._show_members(pairs)

        self._members_job = run_in_background(lambda: households.members(self.ws, household_id),
                                              show, self.status.setText)

    def _show_members(self, pairs) -> None:
        self.member_rows = pairs
        row = self.households.currentRow()
        if 0 <= row < self.households.rowCount():
            self.households.setItem(row, 3, QTableWidgetItem(str(len(pairs))))
        self.members.setRowCount(len(pairs))
        for r, (member, person) in enumerate(pairs):
            dob = show_iso(person.dob)
            for c, value in enumerate((person.full_name, tr(member.relationship), dob)):
                self.members.setItem(r, c, QTableWidgetItem(value))
        self.members.resizeColumnsToContents()

    def selected_person_id(self) -> str | None:
        row = self.members.currentRow()
        return self.member_rows[row][1].id if 0 <= row < len(self.member_rows) else None

    # -- changing --------------------------------------------------------------------------

    def ask_new(self) -> None:
        dialog = PickDialog(tr("Lập hộ mới: chọn chủ hộ"),
                            lambda q: persons.search(self.ws, q, limit=30),
                            lambda hit: f"{hit.full_name} — {hit.dob or '?'} — "
                                        f"{hit.personal_number or ''}", self, relationship=False)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen_id():
            self.new_household(dialog.chosen_id())

    def new_household(self, head_id: str) -> None:
        """A household headed by a resident who is in none; its address is where they live."""
        self._change(lambda: households.create_household(self.ws, head_id),
                     tr("Đã lập hộ mới."), reload_list=True)

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

    def head_id(self) -> str | None:
        return next((p.id for m, p in self.member_rows if m.relationship == households.HEAD),
                    None)

    def ask_relationship(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None or person_id == self.head_id():
            return
        labels = [tr(v) for v in households.RELATIONSHIPS[1:]]
        label, ok = QInputDialog.getItem(self, tr("Sửa quan hệ"), tr("Quan hệ với chủ hộ"),
                                         labels, 0, False)
        if ok:
            self.set_relationship(person_id, households.RELATIONSHIPS[1 + labels.index(label)])

    def set_relationship(self, person_id: str, relationship: str) -> None:
        self._change(lambda: changes.set_relationship(self.ws, person_id, relationship),
                     tr("Đã sửa quan hệ."))

    def ask_change_head(self) -> None:
        if self.current() is None or len(self.member_rows) < 2:
            return
        dialog = HeadDialog(self.member_rows, self.head_id(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.change_head(dialog.new_head.currentData(), dialog.old_head.currentData())

    def change_head(self, new_head_id: str, old_head_relationship: str) -> None:
        household_id = self.current().id
        self._change(lambda: changes.change_head(self.ws, household_id, new_head_id,
                                                 old_head_relationship),
                     tr("Đã đổi chủ hộ."), reload_list=True)

    def ask_split(self) -> None:
        if self.current() is None or len(self.member_rows) < 2:
            return
        dialog = SplitDialog(self.member_rows, self.head_id(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        head, others = dialog.choices()
        if self._confirm(tr("Tách {n} người thành hộ mới do {name} làm chủ hộ?").format(
                n=len(others) + 1, name=dialog.new_head.currentText())):
            self.split(head, others, dialog.reason.text(), dialog.address.text())

    def split(self, new_head_id: str, others: dict[str, str], reason: str,
              address_text: str = "") -> None:
        household_id = self.current().id
        self._change(lambda: changes.split_household(self.ws, household_id, new_head_id, others,
                                                     reason, address_text=address_text or None),
                     tr("Đã tách hộ."), reload_list=True)

    def ask_merge(self) -> None:
        source = self.current()
        if source is None:
            return
        pick = PickDialog(tr("Nhập vào hộ"), lambda q: [
            row for row in households.find_households(self.ws, q) if row.id != source.id],
            lambda row: f"{row.head_name} — {row.hamlet or ''} — {row.address or ''}", self,
            relationship=False)
        if pick.exec() != QDialog.DialogCode.Accepted or not pick.chosen_id():
            return
        target_name = pick.results.currentItem().text().split(" — ")[0]
        dialog = MergeDialog(self.member_rows, target_name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if self._confirm(tr("Nhập cả {n} người của hộ {source} vào hộ {target}? Hộ {source} "
                            "sẽ được đóng.").format(n=len(self.member_rows),
                                                     source=source.head_name,
                                                     target=target_name)):
            self.merge(pick.chosen_id(), dialog.relationships(), dialog.reason.text())

    def merge(self, target_id: str, relationships: dict[str, str], reason: str) -> None:
        source_id = self.current().id
        self._change(lambda: changes.merge_households(self.ws, source_id, target_id,
                                                      relationships, reason),
                     tr("Đã nhập hộ."), reload_list=True)

    def _confirm(self, question: str) -> bool:
        return QMessageBox.question(self, tr("Xác nhận"), question) == \
            QMessageBox.StandardButton.Yes

    def _change(self, fn, done_message: str, reload_list: bool = False) -> None:
        self.status.setText(tr("Đang lưu…"))

        def done(_result) -> None:
            self.status.setText(done_message)
            if reload_list:
                self.search()
            else:
                self._load_members(self.households.currentRow())  # the same household

        self._change_job = run_in_background(fn, done, lambda m: self.status.setText(tr(m)))
