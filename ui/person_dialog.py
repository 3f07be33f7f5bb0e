"""Create or edit one resident: validation messages beside each field, a duplicate warning
before creating, ID-number consistency warnings after saving, soft delete with a reason.

Every service call runs in the background; a validation error comes back as a value so the
field messages survive the trip across threads.
"""

from __future__ import annotations

import json
from datetime import UTC

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.dates import show_iso
from core.errors import ValidationError
from core.models import Person
from core.services import hamlets, persons, subject_access
from core.services import vneid as vneid_labels
from core.services.person_profile import PersonProfile, person_profile
from core.store import Workspace
from ui.background import run_in_background
from ui.consent_box import ContactBox
from ui.i18n import current_language, message_text, tr

FIELDS = [  # (field, label, placeholder)
    ("full_name", QT_TR_NOOP("Họ và tên *"), QT_TR_NOOP("Ví dụ: Nguyễn Thị Hoà")),
    ("personal_number", QT_TR_NOOP("Số định danh (12 số)"), ""),
    ("old_id_number", QT_TR_NOOP("Số CMND cũ"), ""),
    ("dob", QT_TR_NOOP("Ngày sinh"), QT_TR_NOOP("dd/mm/yyyy, mm/yyyy hoặc yyyy")),
    ("nationality", QT_TR_NOOP("Quốc tịch"), QT_TR_NOOP("Việt Nam")),
    ("ethnicity", QT_TR_NOOP("Dân tộc"), ""),
    ("religion", QT_TR_NOOP("Tôn giáo"), ""),
    ("place_of_origin", QT_TR_NOOP("Quê quán"), ""),
    ("place_of_birth", QT_TR_NOOP("Nơi đăng ký khai sinh"), ""),
]
SEX_CHOICES = [("", "—"), ("Nam", QT_TR_NOOP("Nam")), ("Nữ", QT_TR_NOOP("Nữ"))]
SOURCE_LABELS = {"manual": QT_TR_NOOP("nhập tay"), "chip": QT_TR_NOOP("đọc từ chip"),
                 "qr": QT_TR_NOOP("mã QR"), "paper": QT_TR_NOOP("giấy tờ"),
                 "declared": QT_TR_NOOP("người dân khai"), "import": QT_TR_NOOP("nhập từ Excel")}
ACTION_LABELS = {"person.create": QT_TR_NOOP("Tạo"), "person.update": QT_TR_NOOP("Sửa"),
                 "person.view": QT_TR_NOOP("Xem"), "person.delete": QT_TR_NOOP("Xóa")}



def _in(label: dict, language: str) -> str:
    return label.get(language) or label.get("vi", "")


def describe_profile(profile: PersonProfile) -> str:
    """Household, VNeID status and records, one line each (plain text)."""
    home = profile.household
    lines = [tr("Hộ: {head} — {relationship} — {hamlet}").format(
        head=home.head_name or "?", relationship=tr(profile.relationship or ""),
        hamlet=home.hamlet or "—") if home else tr("Hộ: chưa thuộc hộ nào")]
    if profile.vneid_state:
        vneid = tr("VNeID: {state} (mức {level})").format(
            state=tr(vneid_labels.STATE_LABELS.get(profile.vneid_state, profile.vneid_state)),
            level=profile.vneid_level)
        if profile.failure_reason:
            vneid += tr(" — vướng: {reason}").format(reason=tr(vneid_labels.FAILURE_LABELS.get(
                profile.failure_reason, profile.failure_reason)))
        lines.append(vneid)
    else:
        lines.append(tr("VNeID: chưa có thông tin"))
    if profile.records:
        language = current_language()
        lines.append(tr("Hồ sơ:"))
        lines += [f"  • {_in(r.type_label, language)} ({_in(r.role_label, language)}) — "
                  f"{r.created_at[:10]}" for r in profile.records]
    else:
        lines.append(tr("Hồ sơ: chưa có"))
    return "\n".join(lines)


def _checked(fn):
    """Run a service call; a ValidationError becomes a value (its field messages)."""
    def call():
        try:
            return "ok", fn()
        except ValidationError as err:
            return "invalid", err.errors
    return call


class PersonDialog(QDialog):
    saved = Signal(str)  # person id
    deleted = Signal(str)

    def __init__(self, ws: Workspace, person_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.person_id = ws, person_id
        self.version: int | None = None
        self.setWindowTitle(tr("Sửa thông tin cư dân") if person_id else tr("Thêm cư dân"))
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label, placeholder in FIELDS:
            edit = QLineEdit(placeholderText=tr(placeholder) if placeholder else "")
            edit.setObjectName(name)
            self.inputs[name] = edit
            self._add_row(form, name, tr(label), edit)
        # Fields this role cannot see are shown empty and locked, and never sent back.
        self.hidden = set() if ws.actor.can(Perm.SENSITIVE_READ) else set(persons.SENSITIVE)
        for name in self.hidden:
            if name in self.inputs:
                self.inputs[name].setEnabled(False)
                self.inputs[name].setPlaceholderText(tr("Vai trò này không xem được"))
        self.sex = QComboBox()
        for value, label in SEX_CHOICES:
            self.sex.addItem(tr(label), value)
        self._add_row(form, "sex", tr("Giới tính"), self.sex)
        # Where the person lives: the hamlet every per-hamlet figure counts them in.
        self.hamlet = QComboBox()
        self.hamlet.addItem(tr("— chưa rõ —"), None)
        self._add_row(form, "hamlet", tr("Thôn, tổ dân phố"), self.hamlet)
        self.address = QLineEdit(placeholderText=tr("Số nhà, ngõ, đường…"))
        self._add_row(form, "address", tr("Địa chỉ"), self.address)
        self._residence = persons.Residence(None, None)  # as stored, to save only a change
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Lưu"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Đóng"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.delete_button = QPushButton(tr("Xóa…"))
        self.delete_button.clicked.connect(self.ask_delete)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        # A resident's request to see their data (personal-data law): everything in one file.
        self.export_button = QPushButton(tr("Xuất dữ liệu của người này…"))
        self.export_button.clicked.connect(self.ask_export)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        # After addButton, which shows the buttons it takes.
        self.delete_button.setVisible(bool(person_id) and ws.actor.can(Perm.PERSON_DELETE))
        self.export_button.setVisible(bool(person_id) and ws.actor.can(Perm.PERSON_EXPORT)
                                      and ws.actor.can(Perm.SENSITIVE_READ))
        self.history = QListWidget()
        self.history.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.profile = QLabel()
        self.profile.setObjectName("profile")
        self.profile.setWordWrap(True)
        self.profile.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if person_id:
            layout.addWidget(self.profile)
            self.contact = ContactBox(ws, person_id)
            can_write = ws.actor.can(Perm.PERSON_WRITE)
            self.contact.add_button.setEnabled(can_write)
            self.contact.withdraw_button.setVisible(can_write)
            layout.addWidget(self.contact)
            layout.addWidget(QLabel(tr("Lịch sử (từ nhật ký; không lưu giá trị)")))
            layout.addWidget(self.history)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.confirm_duplicates = True
        self._hamlets_loaded = False
        self._hamlets_job = run_in_background(lambda: hamlets.list_hamlets(ws, True),
                                              self._show_hamlets, lambda _message: None)
        if person_id:
            self._set_busy(True, tr("Đang tải…"))
            self._job = run_in_background(
                lambda: (persons.get_person(ws, person_id), persons.history(ws, person_id),
                         person_profile(ws, person_id), persons.residence_of(ws, person_id)),
                self._loaded, self._failed)

    def _add_row(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        error = QLabel()
        error.setObjectName(f"error-{name}")
        error.setStyleSheet("color: #b00020")
        error.setVisible(False)
        self.errors[name] = error
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label, box)

    # -- loading and saving ----------------------------------------------------------------

    def _show_hamlets(self, rows) -> None:
        for hamlet in rows:  # a retired hamlet stays listed: people may still live there
            name = hamlet.name if hamlet.active else tr("{name} (ngừng dùng)").format(
                name=hamlet.name)
            self.hamlet.addItem(name, hamlet.id)
        self._hamlets_loaded = True
        self._select_hamlet()

    def _select_hamlet(self) -> None:
        index = self.hamlet.findData(self._residence.hamlet_id)
        self.hamlet.setCurrentIndex(max(0, index))

    def residence(self) -> persons.Residence:
        return persons.Residence(self.hamlet.currentData(), self.address.text().strip() or None)

    def _changed_residence(self) -> persons.Residence | None:
        if not self._hamlets_loaded:  # saved before the list came: keep what is stored
            return None
        chosen = self.residence()
        return None if chosen == self._residence else chosen

    def _loaded(self, result: tuple[Person, list, PersonProfile, object]) -> None:
        person, history, profile, residence = result
        self._set_busy(False)
        self._residence = residence or persons.Residence(None, None)
        self.address.setText(self._residence.free_text or "")
        self._select_hamlet()
        self.profile.setText(describe_profile(profile))
        self.version = person.version
        provenance = json.loads(person.provenance or "{}")
        for name, widget in [*self.inputs.items(), ("sex", self.sex)]:
            stamp = provenance.get(name)
            if stamp:  # where each value came from, on hover
                widget.setToolTip(tr("Nguồn: {source}, {at}").format(
                    source=tr(SOURCE_LABELS.get(stamp.get("source"), stamp.get("source", ""))),
                    at=str(stamp.get("at", ""))[:16].replace("T", " ")))
        self.history.clear()
        for entry in history:
            at = entry.at.replace(tzinfo=entry.at.tzinfo or UTC).astimezone()
            fields = ", ".join(entry.fields)
            self.history.addItem(f"{at:%d/%m/%Y %H:%M} — {entry.username or '?'} — "
                                 f"{tr(ACTION_LABELS.get(entry.action, entry.action))}"
                                 + (f": {fields}" if fields else ""))
        for name, edit in self.inputs.items():
            value = show_iso(person.dob) if name == "dob" else getattr(person, name)
            edit.setText(value or "")
        sex = persons.SEX_LABELS.get(person.sex or "", "")
        self.sex.setCurrentIndex(max(0, self.sex.findData(sex)))

    def values(self) -> dict:
        data = {name: edit.text().strip() for name, edit in self.inputs.items()
                if name not in self.hidden}
        data["sex"] = self.sex.currentData() or ""
        return data

    def save(self) -> None:
        self._show_errors({})
        data = self.values()
        if not data["full_name"]:
            self._show_errors({"full_name": tr("Cần nhập họ và tên.")})
            return
        ws = self.ws
        self._set_busy(True, tr("Đang lưu…"))
        if self.person_id:
            person_id, version, residence = self.person_id, self.version, self._changed_residence()
            fn = _checked(lambda: persons.update_person(ws, person_id, data, version,
                                                        residence=residence))
            self._job = run_in_background(fn, self._saved, self._failed)
        elif self.confirm_duplicates:
            fn = _checked(lambda: persons.find_duplicates(ws, data))
            self._job = run_in_background(fn, self._duplicates_checked, self._failed)
        else:
            self._create(data)

    def _duplicates_checked(self, result) -> None:
        status, value = result
        if status == "invalid":
            self._set_busy(False)
            self._show_errors(value)
            return
        if value:
            no_number = tr("chưa có số định danh")
            lines = "\n".join(f"• {p.full_name} — {show_iso(p.dob) or '?'} — "
                              f"{p.personal_number or no_number}" for p in value)
            answer = QMessageBox.question(
                self, tr("Có thể trùng"),
                tr("Đã có {n} cư dân giống người này:\n{lines}\n\nVẫn thêm người mới?").format(
                    n=len(value), lines=lines),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self._set_busy(False, tr("Chưa lưu: hãy kiểm tra người đã có."))
                return
        self._create(self.values())

    def _create(self, data: dict) -> None:
        ws, residence = self.ws, self._changed_residence()
        fn = _checked(lambda: persons.create_person(ws, data, residence=residence))
        self._job = run_in_background(fn, self._saved, self._failed)

    def _saved(self, result) -> None:
        status, value = result
        self._set_busy(False)
        if status == "invalid":
            self._show_errors(value)
            return
        self.person_id, self.version = value.person.id, value.person.version
        if value.warnings:
            QMessageBox.information(self, tr("Đã lưu, cần xem lại"),
                                    "\n".join(message_text(w) for w in value.warnings))
        self.saved.emit(self.person_id)
        self.accept()

    def ask_delete(self) -> None:
        reason, ok = QInputDialog.getText(self, tr("Xóa cư dân"), tr(
            "Lý do xóa (ví dụ: nhập trùng, chuyển đi nơi khác). Người này không còn trong danh "
            "sách; việc xóa và lý do được ghi vào nhật ký:"))
        if not ok:
            return
        self.delete_with_reason(reason)

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Xuất dữ liệu của người này"), "du-lieu-ca-nhan.xlsx", "Excel (*.xlsx)")
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str) -> None:
        ws, person_id = self.ws, self.person_id
        self._set_busy(True, tr("Đang xuất…"))
        self._job = run_in_background(
            lambda: subject_access.export_subject_data(ws, person_id, path),
            lambda done: self._set_busy(False, tr(
                "Đã ghi {path}. Tệp chứa dữ liệu cá nhân: giao tận tay người yêu cầu, không gửi "
                "qua mạng xã hội, xóa khỏi máy sau khi giao.").format(path=done.path)),
            self._failed)

    def delete_with_reason(self, reason: str) -> None:
        ws, person_id = self.ws, self.person_id
        self._set_busy(True, tr("Đang xóa…"))
        fn = _checked(lambda: persons.delete_person(ws, person_id, reason))
        self._job = run_in_background(fn, self._deleted, self._failed)

    def _deleted(self, result) -> None:
        status, value = result
        self._set_busy(False)
        if status == "invalid":
            self.message.setText("; ".join(message_text(m) for m in value.values()))
            return
        self.deleted.emit(self.person_id)
        self.accept()

    # -- state -----------------------------------------------------------------------------

    def _failed(self, message: str) -> None:
        self._set_busy(False, message)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.buttons.setEnabled(not busy)
        self.message.setText(message)

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.setText(message_text(errors[name]) if name in errors else "")
            label.setVisible(name in errors)
        other = [message_text(msg) for name, msg in errors.items() if name not in self.errors]
        self.message.setText("; ".join(other))
        first = next((n for n in self.inputs if n in errors), None)
        if first:
            self.inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
