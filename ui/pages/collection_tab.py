"""VNeID → Đợt thu nhận: collection sessions, their attendees (picked from the list or added by
scanning a card's QR code while the tab is open) and each attendee's outcome."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
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

from core.dates import show_iso
from core.services import collection, hamlets, persons, vneid
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr
from ui.pages.households import PickDialog


class NewSessionDialog(QDialog):
    def __init__(self, hamlet_rows, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Tạo đợt thu nhận"))
        self.held_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("dd/MM/yyyy")
        self.place = QLineEdit(placeholderText=tr("Ví dụ: Nhà văn hóa thôn Đông"))
        self.hamlet = QComboBox()
        self.hamlet.addItem(tr("Cả xã"), None)
        for hamlet in hamlet_rows:
            self.hamlet.addItem(hamlet.name, hamlet.id)
        form = QFormLayout(self)
        form.addRow(tr("Ngày"), self.held_on)
        form.addRow(tr("Địa điểm"), self.place)
        form.addRow(tr("Thôn"), self.hamlet)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class CollectionTab(QWidget):
    print_requested = Signal(str)  # session id

    def __init__(self, ws: Workspace, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.today = ws, today
        self.sessions = QListWidget()
        self.sessions.setMaximumWidth(300)
        self.sessions.currentRowChanged.connect(lambda _r: self.load_attendees())
        self.attendees = QTableWidget(0, 5)
        self.attendees.setHorizontalHeaderLabels([tr("Họ và tên"), tr("Ngày sinh"),
                                                  tr("Số định danh"), tr("Thôn"), tr("Kết quả")])
        self.attendees.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.attendees.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.attendees.horizontalHeader().setStretchLastSection(True)
        self.outcome = QComboBox()
        for code, label in collection.OUTCOMES.items():
            self.outcome.addItem(tr(label), code)
        self.reason = QComboBox()
        self.reason.addItem(tr("— lý do —"), None)
        for code, label in vneid.FAILURE_LABELS.items():
            self.reason.addItem(tr(label), code)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for label, slot in ((tr("Tạo đợt…"), self.ask_new_session),
                            (tr("Thêm người…"), self.ask_add),
                            (tr("In danh sách…"), self._print)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        outcome_row = QHBoxLayout()
        record = QPushButton(tr("Ghi kết quả"))
        record.clicked.connect(self.record_selected)
        for widget in (QLabel(tr("Kết quả")), self.outcome, self.reason, record):
            outcome_row.addWidget(widget)
        outcome_row.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.attendees, 1)
        right.addLayout(outcome_row)
        top = QHBoxLayout()
        top.addWidget(self.sessions)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Quét mã QR trên thẻ khi đang mở một đợt để thêm người "
                                   "vào danh sách.")))
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.rows: list = []
        self.hamlet_rows: list = []

    # -- sessions --------------------------------------------------------------------------

    def load_sessions(self, select_id: str | None = None) -> None:
        ws = self.ws
        self._job = run_in_background(
            lambda: (collection.list_sessions(ws), hamlets.list_hamlets(ws)),
            lambda result: self._show_sessions(*result, select_id), self.status.setText)

    def _show_sessions(self, rows, hamlet_rows, select_id: str | None) -> None:
        self.hamlet_rows = hamlet_rows
        current = select_id or self.session_id()
        self.sessions.clear()
        for item, count in rows:
            day = show_iso(item.held_on)
            entry = QListWidgetItem(tr("{day} — {place} ({n} người)").format(
                day=day, place=item.place, n=count))
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.sessions.addItem(entry)
            if item.id == current:
                self.sessions.setCurrentItem(entry)
        if self.sessions.currentRow() < 0 and self.sessions.count():
            self.sessions.setCurrentRow(0)

    def session_id(self) -> str | None:
        item = self.sessions.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def ask_new_session(self) -> None:
        dialog = NewSessionDialog(self.hamlet_rows, self.today, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create_session(dialog.held_on.date().toPython().isoformat(),
                                dialog.place.text(), dialog.hamlet.currentData())

    def create_session(self, held_on: str, place: str, hamlet_id: str | None = None) -> None:
        self._job = run_in_background(
            lambda: collection.create_session(self.ws, held_on, place, hamlet_id),
            lambda item: self.load_sessions(item.id), self.status.setText)

    # -- attendees -------------------------------------------------------------------------

    def load_attendees(self) -> None:
        session_id = self.session_id()
        if session_id is None:
            return
        self._attendees_job = run_in_background(
            lambda: collection.attendees(self.ws, session_id), self._show_attendees,
            self.status.setText)

    def _show_attendees(self, rows) -> None:
        self.rows = rows
        self.attendees.setRowCount(len(rows))
        for r, row in enumerate(rows):
            outcome = tr(collection.OUTCOMES[row.outcome])
            if row.failure_reason:
                outcome += f" — {tr(vneid.FAILURE_LABELS.get(row.failure_reason, ''))}"
            dob = show_iso(row.dob)
            for c, value in enumerate((row.full_name, dob, row.personal_number or "",
                                       row.hamlet, outcome)):
                self.attendees.setItem(r, c, QTableWidgetItem(value))
        self.attendees.resizeColumnsToContents()

    def ask_add(self) -> None:
        if self.session_id() is None:
            self.status.setText(tr("Hãy tạo hoặc chọn một đợt thu nhận trước."))
            return
        dialog = PickDialog(tr("Thêm người vào đợt"),
                            lambda q: persons.search(self.ws, q, limit=30),
                            lambda hit: f"{hit.full_name} — {hit.dob or '?'} — "
                                        f"{hit.personal_number or ''}", self, relationship=False)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen_id():
            self.add(dialog.chosen_id())

    def add(self, person_id: str) -> None:
        session_id = self.session_id()
        self._add_job = run_in_background(
            lambda: collection.add_attendee(self.ws, session_id, person_id),
            lambda _a: self._changed(tr("Đã thêm vào danh sách.")),
            lambda message: self.status.setText(tr(message)))

    def accept_card(self, card: dict, match) -> bool:
        """A scanned card while this tab is open: add its person to the chosen session."""
        if not self.isVisible() or self.session_id() is None:
            return False
        if match.person_id is None:
            self.status.setText(tr("Chưa xác định được người trên thẻ ({name}); hãy thêm từ "
                                   "danh sách.").format(name=card.get("full_name", "")))
        else:
            self.add(match.person_id)
        return True

    def record_selected(self) -> None:
        row = self.attendees.currentRow()
        if not 0 <= row < len(self.rows):
            return
        self.record(self.rows[row].attendee_id, self.outcome.currentData(),
                    self.reason.currentData())

    def record(self, attendee_id: str, outcome: str, reason: str | None = None) -> None:
        self._record_job = run_in_background(
            lambda: collection.set_outcome(self.ws, attendee_id, outcome, reason),
            lambda _a: self._changed(tr("Đã ghi kết quả.")), self.status.setText)

    def _changed(self, message: str) -> None:
        self.status.setText(message)
        self.load_sessions()
        self.load_attendees()

    def _print(self) -> None:
        if self.session_id():
            self.print_requested.emit(self.session_id())
