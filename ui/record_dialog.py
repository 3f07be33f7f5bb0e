"""One record: a new one (the type's form + the persons of its roles; likely duplicates are shown
before anything is saved, with "Vẫn lưu"), or an existing one (its values, linked persons, the
paper-book reference, its status, the history of a civil-status record, attachments).

Changes follow core's rules: a non-legal record is edited in place (with the version it was
read at); a legal (civil-status) record never is — instead "Cải chính…", "Bổ sung…",
"Ghi chú bên lề…" and "Hủy hồ sơ…" each append a history entry with a required legal basis.
Delete (non-legal, with a reason) needs the right to delete records. A viewer sees no write
button. Every service call runs off the GUI thread; validation errors come back as values so
each message lands under its field.
"""

from __future__ import annotations

import html
import json
from datetime import UTC

from PySide6.QtCore import QT_TR_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.errors import ValidationError
from core.record_types import RecordType, check_payload, load_record_types
from core.services import records, users
from core.services.records import (
    ACTION_LABELS,
    STATUS_LABELS,
    DuplicateRecord,
    RecordView,
)
from core.store import Workspace
from ui.attachments_box import AttachmentsBox
from ui.background import run_in_background
from ui.i18n import current_language, message_text, tr
from ui.person_picker import PersonPicker
from ui.record_form import ERROR_RED, RecordForm, capitalised, role_label, shown_value, type_label

_ID = Qt.ItemDataRole.UserRole
ACTION_TITLES = {  # the legal actions' buttons and form titles
    "correct": (QT_TR_NOOP("Cải chính…"), QT_TR_NOOP("Cải chính hộ tịch: sửa các thông tin sai")),
    "supplement": (QT_TR_NOOP("Bổ sung…"),
                   QT_TR_NOOP("Bổ sung hộ tịch: điền các thông tin còn trống")),
    "annotate": (QT_TR_NOOP("Ghi chú bên lề…"), QT_TR_NOOP("Ghi chú bên lề")),
    "revoke": (QT_TR_NOOP("Hủy hồ sơ…"),
               QT_TR_NOOP("Hủy việc đăng ký: hồ sơ được giữ lại với tình trạng “đã hủy”")),
}


def _checked(fn):
    """Run a service call; a likely duplicate or a ValidationError becomes a value."""
    def call():
        try:
            return "ok", fn()
        except DuplicateRecord as err:
            return "duplicate", err.duplicates
        except ValidationError as err:
            return "invalid", err.errors
    return call


def _local(at) -> str:
    if at is None:
        return ""
    return f"{at.replace(tzinfo=at.tzinfo or UTC).astimezone():%d/%m/%Y %H:%M}"


def describe_record(record_type: RecordType | None, record) -> str:
    """A stored record in one line: its title, key date and book reference."""
    parts = [record.title or "?"]
    if record.key_date:
        parts.append(shown_value(record_type, record_type.key_date_field, record.key_date)
                     if record_type else record.key_date)
    if record.book_ref:
        parts.append(record.book_ref)
    return " — ".join(parts)


class LinkDialog(QDialog):
    """Link a resident to a record: the role, then the person."""

    def __init__(self, ws: Workspace, record_type: RecordType, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Gắn cư dân vào hồ sơ"))
        self.role = QComboBox()
        for role in record_type.roles:
            self.role.addItem(role_label(role), role.role)
        self.picker = PersonPicker(ws, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Vai trò"), self.role)
        form.addRow(tr("Cư dân"), self.picker)
        form.addRow(buttons)

    def choice(self) -> tuple[str, str] | None:
        ids = self.picker.person_ids()
        return (self.role.currentData(), ids[0]) if ids else None


class RecordDialog(QDialog):
    saved = Signal(str)  # record id: created, edited, corrected, linked
    deleted = Signal(str)

    def __init__(self, ws: Workspace, type_code: str | None = None,
                 record_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.record_id = ws, record_id
        self.record_type: RecordType | None = load_record_types().get(type_code or "")
        self.view: RecordView | None = None
        self.mode = "new" if record_id is None else "view"
        self.form: RecordForm | None = None
        self.duplicates: list = []
        self.users: dict[str, str] = {}
        self.detail_values: dict[str, str] = {}
        self._loaded_message = ""
        self.can_write = ws.actor.can(Perm.RECORD_WRITE)
        self.can_delete = ws.actor.can(Perm.RECORD_DELETE)
        self.resize(760, 760)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("record-status")
        self.status_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_view_page())
        self.stack.addWidget(self._build_form_page())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")

        self.edit_button = QPushButton(tr("Sửa"))
        self.edit_button.clicked.connect(self.start_edit)
        self.action_buttons: dict[str, QPushButton] = {}
        for action, (label, _title) in ACTION_TITLES.items():
            button = QPushButton(tr(label))
            button.clicked.connect(lambda _c=False, a=action: self.start_action(a))
            self.action_buttons[action] = button
        self.delete_button = QPushButton(tr("Xóa…"))
        self.delete_button.clicked.connect(self.ask_delete)
        self.save_button = QPushButton(tr("Lưu"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        self.cancel_button = QPushButton(tr("Thôi"))
        self.cancel_button.clicked.connect(self.cancel_change)
        self.close_button = QPushButton(tr("Đóng"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.edit_button, *self.action_buttons.values(), self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.save_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        if record_id is None:
            if self.record_type is None:
                raise ValueError(f"unknown record type {type_code!r}")
            self.setWindowTitle(tr("Thêm hồ sơ: {type}").format(type=type_label(self.record_type)))
            new_record = tr("Hồ sơ mới")
            self.heading.setText(f"<h3>{html.escape(new_record)}: "
                                 f"{html.escape(type_label(self.record_type))}</h3>")
            self._show_form(RecordForm(ws, self.record_type))
        else:
            self.setWindowTitle(tr("Hồ sơ"))
            self.load()
        self._update_buttons()

    # -- building --------------------------------------------------------------------------

    def _build_view_page(self) -> QWidget:
        page = QWidget()
        self.details = QFormLayout()
        self.persons_list = QListWidget()
        self.persons_list.setMaximumHeight(100)
        self.link_button = QPushButton(tr("Gắn cư dân…"))
        self.link_button.clicked.connect(self.ask_link)
        self.unlink_button = QPushButton(tr("Bỏ liên kết…"))
        self.unlink_button.clicked.connect(self.ask_unlink)
        persons_box = QGroupBox(tr("Người liên quan"))
        persons_layout = QVBoxLayout(persons_box)
        persons_layout.addWidget(self.persons_list)
        row = QHBoxLayout()
        row.addWidget(self.link_button)
        row.addWidget(self.unlink_button)
        row.addStretch(1)
        persons_layout.addLayout(row)
        self.history_box = QGroupBox(tr("Lịch sử đăng ký, cải chính, bổ sung"))
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels([tr("Việc"), tr("Ngày"), tr("Người thực hiện"),
                                                tr("Căn cứ, ghi chú")])
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().setVisible(False)
        self.history.setMinimumHeight(110)
        QVBoxLayout(self.history_box).addWidget(self.history)
        self.attachments = AttachmentsBox(self.ws, self.record_id)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(self.details)
        layout.addWidget(persons_box)
        layout.addWidget(self.history_box)
        layout.addWidget(self.attachments)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        return page

    def _build_form_page(self) -> QWidget:
        page = QWidget()
        self.form_title = QLabel()
        self.form_title.setWordWrap(True)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.note = QLineEdit(placeholderText=tr("Số, ngày của văn bản hoặc quyết định; "
                                                 "nội dung ghi chú"))
        self.note.setObjectName("note")
        self.note_error = QLabel()
        self.note_error.setStyleSheet(f"color: {ERROR_RED}")
        self.note_error.setWordWrap(True)
        self.note_error.setVisible(False)
        self.note_box = QWidget()
        note_layout = QFormLayout(self.note_box)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_box = QVBoxLayout()
        note_box.setSpacing(0)
        note_box.addWidget(self.note)
        note_box.addWidget(self.note_error)
        note_layout.addRow(tr("Căn cứ, ghi chú *"), note_box)
        self.duplicates_box = QGroupBox(tr("Có thể trùng với hồ sơ đã có"))
        self.duplicates_list = QListWidget()
        self.duplicates_list.setMaximumHeight(110)
        self.duplicates_list.itemActivated.connect(
            lambda item: self.open_record(item.data(_ID)))
        self.duplicates_text = QLabel()
        self.duplicates_text.setWordWrap(True)
        self.save_anyway_button = QPushButton(tr("Vẫn lưu"))
        self.save_anyway_button.clicked.connect(lambda: self.save(allow_duplicate=True))
        self.open_duplicate_button = QPushButton(tr("Mở hồ sơ đã có"))
        self.open_duplicate_button.clicked.connect(self._open_selected_duplicate)
        duplicates_layout = QVBoxLayout(self.duplicates_box)
        duplicates_layout.addWidget(self.duplicates_text)
        duplicates_layout.addWidget(self.duplicates_list)
        row = QHBoxLayout()
        row.addWidget(self.open_duplicate_button)
        row.addWidget(self.save_anyway_button)
        row.addStretch(1)
        duplicates_layout.addLayout(row)
        self.duplicates_box.setVisible(False)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form_title)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.note_box)
        layout.addWidget(self.duplicates_box)
        return page

    def _show_form(self, form: RecordForm | None, title: str = "",
                   with_note: bool = False) -> None:
        old = self.form_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.form = form
        if form is not None:
            self.form_scroll.setWidget(form)
        self.form_scroll.setVisible(form is not None)
        self.form_title.setText(title)
        self.form_title.setVisible(bool(title))
        self.note.clear()
        self.note_error.setVisible(False)
        self.note_box.setVisible(with_note)
        self.duplicates_box.setVisible(False)
        self.stack.setCurrentIndex(1)
        if with_note and form is None:
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        ws, record_id = self.ws, self.record_id
        wants_users = ws.actor.can(Perm.USER_MANAGE)

        def work():
            view = records.get_record(ws, record_id)
            names = {u.id: u.username for u in users.list_users(ws)} if wants_users else {}
            return view, names

        self._set_busy(True, tr("Đang tải…"))
        self._job = run_in_background(work, self._loaded, self._failed)

    def _loaded(self, result) -> None:
        view, names = result
        self.view, self.users = view, names
        self.record_type = view.type
        self.mode = "view"
        self._set_busy(False)
        kind = type_label(view.type) if view.type else view.record.type_code
        self.setWindowTitle(tr("Hồ sơ {type}: {title}").format(type=kind,
                                                               title=view.record.title or ""))
        self.heading.setText(f"<h3>{html.escape(kind)}: {html.escape(view.record.title or '')}"
                             "</h3>")
        status = [tr("Tình trạng: {status}").format(status=tr(STATUS_LABELS.get(view.status,
                                                                                 view.status)))]
        if view.record.book_ref:
            status.append(tr("Sổ: {ref}").format(ref=self.book_text(view)))
        self.status_label.setText(" — ".join(status))
        self.status_label.setStyleSheet(f"color: {ERROR_RED}; font-weight: bold"
                                        if view.status == "revoked" else "")
        self._fill_details(view)
        self.persons_list.clear()
        for person in view.persons:
            spec = view.type.role(person.role) if view.type else None
            role = capitalised(spec.label_text(current_language())) if spec else person.role
            item = QListWidgetItem(f"{role}: {person.full_name}"
                                   + (f" — {person.personal_number}"
                                      if person.personal_number else ""))
            item.setData(_ID, (person.role, person.person_id))
            self.persons_list.addItem(item)
        if not view.persons:
            self.persons_list.addItem(tr("Chưa gắn cư dân nào."))
        self._fill_history(view)
        self.attachments.set_record(view.record.id, view.attachments)
        self.stack.setCurrentIndex(0)
        self._update_buttons()
        self.message.setText(self._loaded_message)
        self._loaded_message = ""

    def book_text(self, view: RecordView) -> str:
        """"quyển số 01/2026, trang 12, số 34" from the payload's book / page / entry."""
        parts = []
        for name in ("book", "page", "entry"):
            value = view.payload.get(name)
            spec = view.type.field(name) if view.type else None
            if value not in (None, "") and spec is not None:
                parts.append(f"{spec.label_text(current_language())} {shown_value(view.type, name, value)}")
        return ", ".join(parts) or (view.record.book_ref or "")

    def _fill_details(self, view: RecordView) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        self.detail_values: dict[str, str] = {}
        if view.type is None:
            names = sorted(view.payload)
            labels = dict.fromkeys(names)
        else:
            names = [f.name for f in view.type.fields]
            labels = {f.name: capitalised(f.label_text(current_language())) for f in view.type.fields}
        for name in names:
            value = view.payload.get(name)
            if value in (None, ""):
                continue
            text = shown_value(view.type, name, value)
            self.detail_values[name] = text
            label = QLabel(text)
            label.setWordWrap(True)
            label.setObjectName(f"value-{name}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(labels[name] or name, label)

    def _fill_history(self, view: RecordView) -> None:
        legal = bool(view.record.legal or (view.type and view.type.legal))
        self.history_box.setVisible(legal)
        rows = view.history if legal else []
        self.history.setRowCount(len(rows))
        previous: dict = {}
        for r, entry in enumerate(rows):
            payload = json.loads(entry.payload or "{}")
            action = capitalised(tr(ACTION_LABELS.get(entry.action, entry.action)))
            changed = sorted(k for k in set(previous) | set(payload)
                             if previous.get(k) != payload.get(k)) if r else []
            if changed and view.type is not None:
                names = [view.type.field(k).label_text(current_language()) if view.type.field(k)
                         else k for k in changed]
                action += f" ({', '.join(names)})"
            previous = payload
            who = (self.ws.actor.username if entry.by and entry.by == self.ws.actor.user_id
                   else self.users.get(entry.by or "", "—"))
            for c, text in enumerate((action, _local(entry.at), who, entry.note or "")):
                self.history.setItem(r, c, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()

    def history_rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.history.item(r, c).text() for c in range(4))
                for r in range(self.history.rowCount())]

    # -- modes -----------------------------------------------------------------------------

    @property
    def legal(self) -> bool:
        if self.view is not None:
            return bool(self.view.record.legal or (self.view.type and self.view.type.legal))
        return bool(self.record_type and self.record_type.legal)

    def _update_buttons(self) -> None:
        viewing = self.mode == "view" and self.view is not None
        known = self.record_type is not None
        revoked = self.view is not None and self.view.status == "revoked"
        self.edit_button.setVisible(viewing and known and self.can_write and not self.legal)
        for action, button in self.action_buttons.items():
            button.setVisible(viewing and known and self.can_write and self.legal
                              and (action == "annotate" or not revoked))
        self.delete_button.setVisible(viewing and self.can_delete and not self.legal)
        changing = self.mode not in ("view",)
        self.save_button.setVisible(changing and self.can_write)
        self.cancel_button.setVisible(changing and self.mode != "new")
        has_roles = known and bool(self.record_type.roles)
        self.link_button.setVisible(self.can_write and has_roles)
        self.unlink_button.setVisible(self.can_write and has_roles)

    def start_edit(self) -> None:
        """Non-legal record: the form, prefilled; Lưu replaces the payload."""
        if self.view is None or self.legal or not self.can_write or self.record_type is None:
            return
        form = RecordForm(self.ws, self.record_type, with_roles=False)
        form.set_values(self.view.payload)
        self.mode = "edit"
        self._show_form(form, tr("Sửa hồ sơ"))
        self._update_buttons()
        self.message.setText("")

    def start_action(self, action: str) -> None:
        """Legal record: cải chính / bổ sung (the form prefilled) or ghi chú bên lề / hủy (a
        note only); each needs the legal basis."""
        if self.view is None or not self.legal or not self.can_write or self.record_type is None:
            return
        form = None
        if action in ("correct", "supplement"):
            form = RecordForm(self.ws, self.record_type, with_roles=False)
            form.set_values(self.view.payload)
            if action == "supplement":
                form.lock(form.filled())
        self.mode = action
        self._show_form(form, tr(ACTION_TITLES[action][1]), with_note=True)
        self._update_buttons()
        self.message.setText("")

    def cancel_change(self) -> None:
        if self.mode == "new":
            self.reject()
            return
        self.mode = "view"
        self._show_form(None)
        self.stack.setCurrentIndex(0)
        self.message.setText("")
        self._update_buttons()

    # -- saving ----------------------------------------------------------------------------

    def save(self, allow_duplicate: bool = False) -> None:
        if not self.can_write:
            return
        ws = self.ws
        if self.form is not None:
            self.form.show_errors({})
        self.note_error.setVisible(False)
        if self.mode == "new":
            code, payload, links = self.record_type.code, self.form.values(), self.form.persons()
            record_type = self.record_type

            def create():
                record = records.create_record(ws, code, payload, links,
                                               allow_duplicate=allow_duplicate)
                return record, check_payload(record_type, payload)[1]

            fn = _checked(create)
        elif self.mode == "edit":
            record_id, version = self.record_id, self.view.record.version
            payload, record_type = self.form.values(), self.record_type

            def update():
                record = records.update_record(ws, record_id, payload, expected_version=version)
                return record, check_payload(record_type, payload)[1]

            fn = _checked(update)
        elif self.mode in ACTION_TITLES:
            action, note = self.mode, self.note.text().strip()
            changes = self.form.changed_values() if self.form is not None else {}
            record_id, version = self.record_id, self.view.record.version
            fn = _checked(lambda: (records.correct_record(ws, record_id, changes, note, action,
                                                          expected_version=version), {}))
        else:
            return
        self._set_busy(True, tr("Đang lưu…"))
        self._job = run_in_background(fn, self._saved, self._failed)

    def _saved(self, result) -> None:
        status, value = result
        self._set_busy(False)
        if status == "duplicate":
            self._show_duplicates(value)
            return
        if status == "invalid":
            self._show_errors(value)
            return
        record, warnings = value
        self.record_id = record.id
        self.duplicates_box.setVisible(False)
        self.saved.emit(record.id)
        notes = [message_text(w) for w in warnings.values()]
        self._loaded_message = "\n".join([tr("Đã lưu."), *notes])
        self.load()  # the saved record: its details, history, and files can be attached now

    def _show_errors(self, errors: dict) -> None:
        errors = dict(errors)
        note = errors.pop("note", None)
        if note is not None:
            self.note_error.setText(message_text(note))
            self.note_error.setVisible(True)
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.form is not None:
            in_form = {k: v for k, v in errors.items() if k in self.form.errors}
            self.form.show_errors(in_form)
            rest = [message_text(v) for k, v in errors.items() if k not in in_form]
        else:
            rest = [message_text(v) for v in errors.values()]
        self.message.setStyleSheet(f"color: {ERROR_RED}" if rest else "")
        self.message.setText("\n".join(rest) if rest else tr("Chưa lưu: hãy sửa các ô báo lỗi."))

    def _show_duplicates(self, duplicates: list) -> None:
        self.duplicates = duplicates
        self.duplicates_list.clear()
        for record in duplicates:
            item = QListWidgetItem(describe_record(self.record_type, record))
            item.setData(_ID, record.id)
            self.duplicates_list.addItem(item)
        if duplicates:
            self.duplicates_list.setCurrentRow(0)
        self.duplicates_text.setText(tr(
            "Đã có {n} hồ sơ giống hồ sơ này. Hãy mở ra kiểm tra; nếu đúng là hồ sơ khác, chọn "
            "“Vẫn lưu”.").format(n=len(duplicates)))
        self.duplicates_box.setVisible(True)
        self.message.setText(tr("Chưa lưu: có thể trùng."))
        self.save_anyway_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_selected_duplicate(self) -> None:
        item = self.duplicates_list.currentItem()
        if item is not None:
            self.open_record(item.data(_ID))

    def open_record(self, record_id: str) -> RecordDialog:
        dialog = RecordDialog(self.ws, None, record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.other = dialog
        dialog.open()
        return dialog

    # -- delete, links ---------------------------------------------------------------------

    def ask_delete(self) -> None:
        reason, ok = QInputDialog.getText(self, tr("Xóa hồ sơ"), tr(
            "Lý do xóa (ví dụ: nhập trùng, nhập nhầm loại hồ sơ). Bản ghi được giữ lại trong "
            "nhật ký:"))
        if ok:
            self.delete_with_reason(reason)

    def delete_with_reason(self, reason: str) -> None:
        if self.legal or not self.can_delete:
            return
        ws, record_id = self.ws, self.record_id

        def deleted(result) -> None:
            status, value = result
            self._set_busy(False)
            if status == "invalid":
                self._show_errors(value)
                return
            self.deleted.emit(record_id)
            self.accept()

        self._set_busy(True, tr("Đang xóa…"))
        self._job = run_in_background(_checked(lambda: records.delete_record(ws, record_id,
                                                                             reason)),
                                      deleted, self._failed)

    def ask_link(self) -> None:
        if self.record_type is None:
            return
        dialog = LinkDialog(self.ws, self.record_type, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.choice():
            self.link(*dialog.choice())

    def link(self, role: str, person_id: str) -> None:
        ws, record_id = self.ws, self.record_id
        self._change(_checked(lambda: records.link_person(ws, record_id, role, person_id)))

    def ask_unlink(self) -> None:
        item = self.persons_list.currentItem()
        if item is None or item.data(_ID) is None:
            return
        reason, ok = QInputDialog.getText(self, tr("Bỏ liên kết cư dân"), tr(
            "Lý do bỏ liên kết (ví dụ: gắn nhầm người):"))
        if ok:
            self.unlink(*item.data(_ID), reason)

    def unlink(self, role: str, person_id: str, reason: str) -> None:
        ws, record_id = self.ws, self.record_id
        self._change(_checked(lambda: records.unlink_person(ws, record_id, role, person_id,
                                                            reason)))

    def _change(self, fn) -> None:
        def done(result) -> None:
            status, value = result
            self._set_busy(False)
            if status != "ok":
                self._show_errors(value if isinstance(value, dict) else {})
                return
            self.saved.emit(self.record_id)
            self.load()

        self._set_busy(True, tr("Đang lưu…"))
        self._job = run_in_background(fn, done, self._failed)

    # -- state -----------------------------------------------------------------------------

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.message.setStyleSheet(f"color: {ERROR_RED}")
        self.message.setText(message)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        for button in (self.save_button, self.edit_button, self.delete_button,
                       self.save_anyway_button, *self.action_buttons.values()):
            button.setEnabled(not busy)
        self.message.setStyleSheet("")
        self.message.setText(message)
