"""Contact phone kept only with the resident's consent (personal-data law): who agreed, how and
when; withdrawing the consent erases the number."""

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

from core.services import persons
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr


class ConsentDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Số điện thoại liên lạc (có đồng ý)"))
        self.phone = QLineEdit(placeholderText="09…")
        self.given_by = QLineEdit(placeholderText=tr("Người đồng ý, ví dụ: chính chủ"))
        self.method = QLineEdit(placeholderText=tr("Ví dụ: đồng ý bằng lời, có ký phiếu"))
        form = QFormLayout(self)
        form.addRow(QLabel(tr("Chỉ lưu số điện thoại để liên lạc nhắc việc VNeID khi người "
                              "dân đồng ý; có thể rút lại bất cứ lúc nào.")))
        form.addRow(tr("Số điện thoại"), self.phone)
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
        self.add_button = QPushButton(tr("Ghi số điện thoại…"))
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
        if self.consent and person.phone:
            self.summary.setText(tr("{phone} — {who} đồng ý ({how}), {day}").format(
                phone=person.phone, who=self.consent.given_by, how=self.consent.method,
                day=self.consent.given_at.strftime("%d/%m/%Y")))
        else:
            self.summary.setText(tr("Chưa lưu số điện thoại (cần người dân đồng ý)."))
        self.withdraw_button.setEnabled(self.consent is not None)

    def ask(self) -> None:
        dialog = ConsentDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record(dialog.phone.text(), dialog.method.text(), dialog.given_by.text())

    def record(self, phone: str, method: str, given_by: str) -> None:
        self._job = run_in_background(
            lambda: persons.set_contact_phone(self.ws, self.person_id, phone, method, given_by),
            lambda _c: self._done(), self.summary.setText)

    def withdraw(self) -> None:
        if self.consent is not None:
            consent_id = self.consent.id
            self._job = run_in_background(
                lambda: persons.withdraw_consent(self.ws, consent_id), lambda _r: self._done(),
                self.summary.setText)

    def _done(self) -> None:
        self.load()
        self.changed.emit()
