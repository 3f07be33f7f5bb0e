"""One resident's VNeID journey: state, coded failure reason, prerequisites, notes and an optional
follow-up task. There is deliberately no field for passwords, OTPs or passcodes (and notes that
look like one are refused by core)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QT_TR_NOOP, QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from core.dates import show_iso
from core.services import digital_citizen, forms, vneid, vneid_reports
from core.store import Workspace
from ui.background import run_in_background
from ui.forms_html import tk01_html
from ui.i18n import tr
from ui.printing import offer_document

ELIGIBILITY_LABELS = {
    "adult": QT_TR_NOOP("Từ 14 tuổi: đủ điều kiện định danh mức 2"),
    "child": QT_TR_NOOP("Từ 6 đến dưới 14 tuổi: làm cùng cha mẹ/người giám hộ"),
    "under6": QT_TR_NOOP("Dưới 6 tuổi: đăng ký qua tài khoản của cha mẹ"),
    "unknown": QT_TR_NOOP("Chưa rõ ngày sinh"),
}
LEVEL2_STATES = ("submitted", "issued", "activated")


class VneidDialog(QDialog):
    saved = Signal(str)  # person id

    def __init__(self, ws: Workspace, person_id: str, parent: QWidget | None = None,
                 today: date | None = None):
        super().__init__(parent)
        self.ws, self.person_id, self.today = ws, person_id, today or date.today()
        self.setWindowTitle(tr("Định danh điện tử (VNeID)"))
        self.name = QLabel()
        self.eligibility = QLabel()
        self.state = QComboBox()
        for code, label in vneid.STATE_LABELS.items():
            self.state.addItem(tr(label), code)
        self.failure = QComboBox()
        self.failure.addItem(tr("— không vướng —"), None)
        for code, label in vneid.FAILURE_LABELS.items():
            self.failure.addItem(tr(label), code)
        self.prerequisites = {key: QCheckBox(tr(label))
                              for key, label in vneid_reports.PREREQUISITES.items()}
        self.digital = {key: QCheckBox(tr(label)) for key, label in digital_citizen.CRITERIA.items()
                        if key not in digital_citizen.DERIVED}
        self.notes = QLineEdit(placeholderText=tr("Ghi chú (không ghi mật khẩu, OTP, passcode)"))
        self.follow_up = QLineEdit(placeholderText=tr("Việc cần làm tiếp, ví dụ: hẹn đi chụp ảnh"))
        self.due = QDateEdit(QDate(*(self.today + timedelta(days=7)).timetuple()[:3]))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.name)
        form.addRow(self.eligibility)
        form.addRow(tr("Trạng thái"), self.state)
        form.addRow(tr("Vướng mắc"), self.failure)
        for box in self.prerequisites.values():
            form.addRow(box)
        form.addRow(QLabel(tr("Công dân số:")))
        for box in self.digital.values():
            form.addRow(box)
        form.addRow(tr("Ghi chú"), self.notes)
        form.addRow(tr("Việc tiếp theo"), self.follow_up)
        form.addRow(tr("Hạn"), self.due)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.tk01_button = buttons.addButton(tr("Phiếu TK01…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.tk01_button.clicked.connect(self.print_tk01)
        form.addRow(buttons)
        self.setEnabled(False)
        self._job = run_in_background(
            lambda: (vneid_reports.journey(ws, person_id, self.today),
                     digital_citizen.person_criteria(ws, person_id)), self._loaded,
            self.message.setText)

    def _loaded(self, result) -> None:
        journey, criteria = result
        for key, box in self.digital.items():
            box.setChecked(criteria[key])
        self.setEnabled(True)
        self.journey = journey
        dob = show_iso(journey.dob)
        self.name.setText(f"<b>{journey.full_name}</b> — {dob}")
        self.eligibility.setText(tr(ELIGIBILITY_LABELS[journey.eligibility]))
        self.state.setCurrentIndex(max(0, self.state.findData(journey.state)))
        self.failure.setCurrentIndex(max(0, self.failure.findData(journey.failure_reason)))
        for key, box in self.prerequisites.items():
            box.setChecked(journey.prerequisites[key])
        self.notes.setText(journey.notes or "")

    def save(self) -> None:
        state = self.state.currentData()
        if state in LEVEL2_STATES and self.journey.eligibility in ("under6", "unknown"):
            self.message.setText(tr("Người dưới 6 tuổi (hoặc chưa rõ ngày sinh) chưa làm "
                                    "định danh mức 2 riêng."))
            return
        ws, person_id = self.ws, self.person_id
        failure, notes = self.failure.currentData(), self.notes.text()
        prerequisites = {key: box.isChecked() for key, box in self.prerequisites.items()}
        prerequisites |= {key: box.isChecked() for key, box in self.digital.items()}
        task, due = self.follow_up.text().strip(), self.due.date().toPython().isoformat()

        def work():
            vneid.set_status(ws, person_id, state, failure, notes or None, prerequisites)
            if task:
                vneid.add_follow_up(ws, person_id, task, due)
            return person_id

        self.message.setText(tr("Đang lưu…"))
        self._job = run_in_background(work, self._saved, self.message.setText)

    def print_tk01(self) -> None:
        ws, person_id, today = self.ws, self.person_id, self.today
        self._print_job = run_in_background(lambda: forms.tk01(ws, person_id, today),
                                            self._offer_tk01, self.message.setText)

    def _offer_tk01(self, form) -> None:
        offer_document(self, tr("Phiếu TK01"), tk01_html(form), f"TK01-{form.full_name}.pdf")

    def _saved(self, person_id: str) -> None:
        self.saved.emit(person_id)
        self.accept()
