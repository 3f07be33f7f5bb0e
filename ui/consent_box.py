"""Extra follow-up data (a contact phone, follow-up notes) kept only with the resident's consent
(personal-data law): who agreed, how and when; withdrawing the consent erases that data."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from core.services import consent, persons
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr


class ConsentDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Đồng ý lưu thông tin theo dõi"))
        self.phone = QLineEdit(placeholderText="09…")
        self.given_by = QLineEdit(placeholderText=tr("Người đồng ý, ví dụ: chính chủ"))
        self.method = QLineEdit(placeholderText=tr("Ví dụ: đồng ý bằng lời, có ký phiếu"))
        form = QFormLayout(self)
        form.addRow(QLabel(tr("Số điện thoại và ghi chú theo dõi (nhắc việc VNeID) chỉ được "
                              "lưu khi người dân đồng ý; rút lại thì xóa.")))
        form.addRow(tr("Số điện thoại (không bắt buộc)"), self.phone)
        form.addRow(tr("Người đồng ý"), self.given_by)
        form.addRow(tr("Cách đồng ý"), self.method)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ContactBox(QGroupBox):
    changed = Signal()

    def __init__(self, ws: Workspace, person_id: str, parent: QWidget | None = None):
        super().__init__(tr("Liên lạc"), parent)
        self.ws, self.person_id = ws, person_id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.add_button = QPushButton(tr("Ghi nhận đồng ý…"))
        self.add_button.clicked.connect(self.ask)
        self.withdraw_button = QPushButton(tr("Rút lại đồng ý"))
        self.withdraw_button.clicked.connect(self.withdraw)
        row = QHBoxLayout(self)
        row.addWidget(self.summary, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.withdraw_button)
        self.consent = None
        self.load()

    def load(self) -> None:
        ws, person_id = self.ws, self.person_id
        self._job = run_in_background(
            lambda: (persons.active_consent(ws, person_id), persons.get_person(ws, person_id)),
            self._show, self.summary.setText)

    def _show(self, result) -> None:
        self.consent, person = result
        if self.consent:
            self.summary.setText(tr("{phone} — {who} đồng ý ({how}), {day}").format(
                phone=person.phone or tr("không có số điện thoại"), who=self.consent.given_by,
                how=self.consent.method, day=self.consent.given_at.strftime("%d/%m/%Y")))
        else:
            self.summary.setText(tr("Chưa có đồng ý: không lưu số điện thoại hay ghi chú theo "
                                    "dõi."))
        self.withdraw_button.setEnabled(self.consent is not None)

    def ask(self) -> None:
        dialog = ConsentDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record(dialog.phone.text(), dialog.method.text(), dialog.given_by.text())

    def record(self, phone: str, method: str, given_by: str) -> None:
        ws, person_id = self.ws, self.person_id

        def work():
            if phone.strip():
                return persons.set_contact_phone(ws, person_id, phone, method, given_by)
            return consent.give_consent(ws, person_id, method, given_by)

        self._job = run_in_background(work, lambda _c: self._done(), self.summary.setText)

    def withdraw(self) -> None:
        if self.consent is not None:
            consent_id = self.consent.id
            self._job = run_in_background(
                lambda: persons.withdraw_consent(self.ws, consent_id), lambda _r: self._done(),
                self.summary.setText)

    def _done(self) -> None:
        self.load()
        self.changed.emit()
