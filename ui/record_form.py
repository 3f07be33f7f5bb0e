"""One generic form for every record type (core.record_types): the type's fields in order in a
keyboard-first QFormLayout, and for each role of the type a person picker placed just above the
role's own fields (picking a resident fills the role's empty name / ID / date-of-birth fields).

Widgets by field type: text → QLineEdit (max_length); date → QLineEdit taking dd/mm/yyyy,
mm/yyyy or yyyy (checked by core on save, the message shown under the field); int / number →
QLineEdit; choice → QComboBox (an empty first entry unless required); bool → QCheckBox;
personal_id → QLineEdit of up to 12 digits; admin_unit → AdminUnitEdit (a completer over the
2025 and 2004 commune names; an old commune that was split shows its new communes to choose
from — never guessed). Required fields are marked with *.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QStringListModel, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.admin_units import SYSTEM_2004, SYSTEM_2025, default_units
from core.dates import show_iso
from core.record_types import (
    DATA_DOMAINS,
    FieldDef,
    RecordType,
    RoleDef,
    admin_unit_name,
    display_value,
    resolve_admin_unit,
)
from core.store import Workspace
from ui.i18n import current_language, message_text, tr
from ui.person_picker import ChosenPerson, PersonPicker

ERROR_RED = "#b00020"
DATE_HINT = "dd/mm/yyyy, mm/yyyy, yyyy"
COMPLETIONS = 15
_CODE = Qt.ItemDataRole.UserRole


# -- labels and values in the UI language -----------------------------------------------------

def in_language(label: dict) -> str:
    """A definition's {"vi", "en"} label in the UI language (Vietnamese when missing)."""
    return label.get(current_language()) or label.get("vi") or ""


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def type_label(record_type: RecordType) -> str:
    return record_type.label_text(current_language())


def field_label(spec: FieldDef) -> str:
    text = capitalised(spec.label_text(current_language()))
    return f"{text} *" if spec.required else text


def role_label(role: RoleDef) -> str:
    text = capitalised(role.label_text(current_language()))
    return f"{text} *" if role.required else text


def domain_label(domain: str) -> str:
    return in_language(DATA_DOMAINS.get(domain, {"vi": domain}))


def shown_value(record_type: RecordType | None, name: str, value) -> str:
    """A stored value as people read it (dates dd/mm/yyyy, Có/Không translated, unit names)."""
    if record_type is None:
        return "" if value in (None, "") else str(value)
    text = display_value(record_type, name, value)
    spec = record_type.field(name)
    return tr(text) if spec is not None and spec.type == "bool" and text else text


def edit_text(spec: FieldDef, value) -> str:
    """A stored value as typed into its input (numbers without grouping, so they read back)."""
    if value in (None, ""):
        return ""
    if spec.type == "date":
        return show_iso(str(value))
    if spec.type == "int":
        return str(int(value))
    if spec.type == "number":
        number = float(value)
        return str(int(number)) if number.is_integer() else str(number).replace(".", ",")
    return str(value)


# -- the admin-unit input ---------------------------------------------------------------------

class AdminUnitEdit(QWidget):
    """A commune name or code with completions over the 2025 and 2004 lists. `check()` resolves
    what was typed: one commune → kept; an old commune split into several (or a name several
    communes share) → the candidates are listed and the officer picks one."""

    candidates_shown = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(placeholderText=tr("Tên hoặc mã xã/phường (mới hoặc cũ)"))
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edit.setCompleter(self.completer)
        self.candidates = QListWidget()
        self.candidates.setMaximumHeight(100)
        self.candidates.setVisible(False)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.candidates)
        self.setFocusProxy(self.edit)
        self._code: str | None = None  # a 2025 commune chosen or loaded, while the text shows it
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self.check)
        self.completer.activated.connect(lambda _text: self.check())
        self.candidates.itemActivated.connect(lambda item: self.choose(self.candidates.row(item)))

    def _typed(self, text: str) -> None:
        self._code = None
        self._hide_candidates()
        units = default_units()
        found = units.search(text, SYSTEM_2025, level="commune", limit=COMPLETIONS)
        found += units.search(text, SYSTEM_2004, level="commune", limit=COMPLETIONS)
        self._names.setStringList([u.full_name for u in found[:2 * COMPLETIONS]])

    def value(self) -> str:
        """The chosen 2025 commune code, else the text as typed (core resolves or refuses it)."""
        text = self.edit.text().strip()
        if self._code and text == admin_unit_name(self._code):
            return self._code
        return text

    def set_value(self, code: str | None) -> None:
        self._hide_candidates()
        self._code = code or None
        self.edit.setText(admin_unit_name(code) if code else "")

    def check(self) -> None:
        """Resolve the typed text: one commune is kept, several are offered to choose from."""
        text = self.edit.text().strip()
        if not text or (self._code and text == admin_unit_name(self._code)):
            self._hide_candidates()
            return
        match = resolve_admin_unit(text)
        if match.unit is not None:
            self._hide_candidates()
            self._code = match.unit.code
            self.edit.setText(match.unit.full_name)
            return
        if not match.candidates:
            self._hide_candidates()
            return  # core's message on save says it is unknown
        self.candidates.clear()
        for unit in match.candidates:
            item = QListWidgetItem(f"{unit.full_name} ({unit.code})")
            item.setData(_CODE, unit.code)
            self.candidates.addItem(item)
        self.candidates.setCurrentRow(0)
        self.hint.setText(tr("“{value}” là đơn vị cũ nay thuộc nhiều xã/phường: hãy chọn một.")
                          .format(value=text) if match.split else
                          tr("Có nhiều xã/phường tên “{value}”: hãy chọn một.").format(value=text))
        self.hint.setVisible(True)
        self.candidates.setVisible(True)
        self.candidates_shown.emit()

    def candidate_codes(self) -> list[str]:
        return [self.candidates.item(i).data(_CODE) for i in range(self.candidates.count())]

    def choose(self, row: int) -> None:
        if 0 <= row < self.candidates.count():
            self.set_value(self.candidates.item(row).data(_CODE))
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hide_candidates(self) -> None:
        self.candidates.clear()
        self.candidates.setVisible(False)
        self.hint.setVisible(False)


# -- the form ---------------------------------------------------------------------------------

class RecordForm(QWidget):
    """The inputs of one record type. `values()` gives the payload as typed (core validates and
    normalises it), `persons()` the [(role, person_id)] links; `set_values(payload)` shows a
    stored payload and remembers it, so `changed_values()` gives only what the officer changed
    (what a correction of a legal record needs)."""

    def __init__(self, ws: Workspace, record_type: RecordType, parent: QWidget | None = None,
                 *, with_roles: bool = True):
        super().__init__(parent)
        self.ws, self.record_type = ws, record_type
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.pickers: dict[str, PersonPicker] = {}
        self._initial: dict[str, object] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        roles = list(record_type.roles) if with_roles else []
        before: dict[str, list[RoleDef]] = {}  # field name -> roles whose picker goes above it
        for role in roles:
            own = {role.name_field, role.id_field, role.dob_field} - {None}
            first = next((f.name for f in record_type.fields if f.name in own), "")
            before.setdefault(first, []).append(role)
        for spec in record_type.fields:
            for role in before.get(spec.name, []):
                self._add_picker(role)
            widget = self._make_input(spec)
            widget.setObjectName(spec.name)
            self.inputs[spec.name] = widget
            self._add_row(spec.name, field_label(spec), widget)
        for role in before.get("", []):  # roles without fields of their own
            self._add_picker(role)
        self.other_errors = self._error_label("error-other")
        self.layout_.addRow(self.other_errors)
        focusable = []
        for name in self._order:
            if name.startswith("role:"):
                focusable.append(self.pickers[name[5:]].query)
            else:
                widget = self.inputs[name]
                focusable.append(widget.edit if isinstance(widget, AdminUnitEdit) else widget)
        for first, second in zip(focusable, focusable[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._initial = self._raw_values()

    # -- building --------------------------------------------------------------------------

    @property
    def _order(self) -> list[str]:
        return list(self.errors)

    def _make_input(self, spec: FieldDef) -> QWidget:
        if spec.type == "choice":
            combo = QComboBox()
            if not spec.required:
                combo.addItem("", None)
            for choice in spec.choices:
                combo.addItem(choice, choice)
            if spec.required:  # nothing chosen until the officer chooses
                combo.setPlaceholderText(tr("— chọn —"))
                combo.setCurrentIndex(-1)
            return combo
        if spec.type == "bool":
            return QCheckBox()
        if spec.type == "admin_unit":
            return AdminUnitEdit()
        edit = QLineEdit()
        if spec.type == "text" and spec.max_length:
            edit.setMaxLength(spec.max_length)
        elif spec.type == "date":
            edit.setPlaceholderText(DATE_HINT)
            edit.setMaxLength(10)
        elif spec.type == "personal_id":
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), edit))
            edit.setMaxLength(12)
            edit.setPlaceholderText(tr("12 chữ số"))
        elif spec.type in ("int", "number"):
            edit.setValidator(QRegularExpressionValidator(
                QRegularExpression(r"-?[0-9., ]*" if spec.type == "number" else r"-?[0-9. ]*"),
                edit))
        return edit

    def _error_label(self, name: str) -> QLabel:
        error = QLabel()
        error.setObjectName(name)
        error.setStyleSheet(f"color: {ERROR_RED}")
        error.setWordWrap(True)
        error.setVisible(False)
        return error

    def _add_row(self, key: str, label: str, widget: QWidget) -> None:
        error = self._error_label(f"error-{key}")
        self.errors[key] = error
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(widget)
        box.addWidget(error)
        title = QLabel(label)
        title.setBuddy(widget)
        self.layout_.addRow(title, box)

    def _add_picker(self, role: RoleDef) -> None:
        picker = PersonPicker(self.ws, role.max)
        picker.setObjectName(f"role-{role.role}")
        picker.picked.connect(lambda person, role=role: self.fill_from_person(role, person))
        self.pickers[role.role] = picker
        self._add_row(f"role:{role.role}", role_label(role), picker)

    # -- values ----------------------------------------------------------------------------

    def _raw_values(self) -> dict:
        out: dict = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                out[name] = widget.currentData() if widget.currentIndex() >= 0 else None
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif isinstance(widget, AdminUnitEdit):
                out[name] = widget.value()
            else:
                out[name] = widget.text().strip()
        return out

    def values(self) -> dict:
        """The payload as typed; empty inputs are left out (an unticked box is False)."""
        return {name: value for name, value in self._raw_values().items()
                if value not in (None, "")}

    def changed_values(self) -> dict:
        """Fields whose input differs from what set_values showed ("" clears a value)."""
        now = self._raw_values()
        return {name: ("" if now[name] is None else now[name]) for name in now
                if now[name] != self._initial.get(name)}

    def set_values(self, payload: dict) -> None:
        for spec in self.record_type.fields:
            widget, value = self.inputs[spec.name], payload.get(spec.name)
            if isinstance(widget, QComboBox):
                index = widget.findData(value) if value not in (None, "") else -1
                if index < 0 and value not in (None, ""):  # a value the definition dropped
                    widget.addItem(str(value), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(index if index >= 0 else (-1 if spec.required else 0))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, AdminUnitEdit):
                widget.set_value(value)
            else:
                widget.setText(edit_text(spec, value))
        self._initial = self._raw_values()

    def set_input(self, name: str, text) -> None:
        """Type `text` into one field (as the officer would; for choices: the choice)."""
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(text))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(text))
        elif isinstance(widget, AdminUnitEdit):
            widget.edit.setText(str(text))
            widget._code = None
        else:
            widget.setText(str(text))

    def lock(self, names) -> None:
        """Make these fields read-only (a bổ sung only fills what is still empty)."""
        for name in names:
            widget = self.inputs[name]
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(True)
            else:
                widget.setEnabled(False)

    def filled(self) -> list[str]:
        return [name for name, value in self._raw_values().items()
                if value not in (None, "", False)]

    # -- persons ---------------------------------------------------------------------------

    def persons(self) -> list[tuple[str, str]]:
        return [(role, pid) for role, picker in self.pickers.items()
                for pid in picker.person_ids()]

    def set_persons(self, linked) -> None:
        """Show linked persons (records.LinkedPerson) in their roles' pickers."""
        for role, picker in self.pickers.items():
            picker.set_persons([p for p in linked if p.role == role])

    def fill_from_person(self, role: RoleDef, person: ChosenPerson) -> None:
        """A resident picked for `role` fills the role's empty name / ID / birth-date fields."""
        for field_name, value in ((role.name_field, person.full_name),
                                  (role.id_field, person.personal_number),
                                  (role.dob_field, show_iso(person.dob) if person.dob else None)):
            widget = self.inputs.get(field_name) if field_name else None
            if isinstance(widget, QLineEdit) and value and not widget.text().strip():
                widget.setText(value)

    # -- errors ----------------------------------------------------------------------------

    def show_errors(self, errors: dict) -> None:
        """Core's messages ({field or "role:<role>": Msg}) under their inputs; the rest below
        the form. The first field in error gets the focus."""
        for name, label in self.errors.items():
            label.setText(message_text(errors[name]) if name in errors else "")
            label.setVisible(name in errors)
        other = [message_text(msg) for name, msg in errors.items() if name not in self.errors]
        self.other_errors.setText("\n".join(other))
        self.other_errors.setVisible(bool(other))
        first = next((name for name in self._order if name in errors), None)
        if first and first.startswith("role:"):
            self.pickers[first[5:]].query.setFocus(Qt.FocusReason.OtherFocusReason)
        elif first:
            self.inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
        for name in errors:  # an admin unit core could not resolve: offer the candidates
            widget = self.inputs.get(name)
            if isinstance(widget, AdminUnitEdit):
                widget.check()

    def error_text(self, name: str) -> str:
        label = self.errors.get(name)
        return label.text() if label is not None and label.isVisibleTo(self) else ""
