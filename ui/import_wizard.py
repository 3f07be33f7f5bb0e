"""Nhập từ Excel: a wizard over core.imports — Tệp → Ghép cột → Xem trước → Nhập → summary.

Nothing is written before the Nhập step. Reading the file runs off the GUI thread; checking the
rows (the plan) and writing them run with the progress dialog and its Dừng button; stopping the
write rolls the whole import back (core.imports.commit is one transaction). The preview is a
table model over the plan's rows, filtered by a list of row indexes, so a file of 100k rows
costs no widget per row.
"""

from __future__ import annotations

import html
import importlib.util
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core.auth import PERM_LABELS, Perm
from core.dates import show_iso
from core.errors import PermissionDenied, ValidationError
from core.excel import cells, legacy_text
from core.excel.header import header_key
from core.excel.writer import column_letter
from core.i18n import Label
from core.imports import commit as import_commit
from core.imports import mapping as mappings
from core.imports import service
from core.imports.plan import STATUS_LABELS, STATUSES, Plan, RowPlan, check_required
from core.imports.report import write_error_report
from core.imports.targets import target_of
from core.matching import OUTCOME_LABELS
from core.record_types import DefinitionError, load_record_types
from core.services import hamlets
from core.services.persons import SEX_LABELS
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import error_text, message_text, tr
from ui.progress_dialog import run_long
from ui.table_model import ROOT

PERSON = "person"
SAMPLES = 3  # sample values shown per column on the mapping step
SPREADSHEET_SUFFIXES = ("*.xlsx", "*.xlsm", "*.xls", "*.ods")
ERROR_RED = "#b00020"
_CHIP_COLOURS = {  # background, text
    "new": ("#e6f4ea", "#1e6b34"), "update": ("#e8f0fe", "#1a4d8f"),
    "unchanged": ("#f1f3f4", "#3c4043"), "review": ("#fff3c4", "#5c4400"),
    "error": ("#fbe3e4", ERROR_RED),
}
_HIDDEN_VALUES = ("name_folded", "name_key", "sort_key", "dob_precision", "birth_year")


def _count(n: int) -> str:
    """12345 → "12.345", as Vietnamese write it."""
    return f"{n:,}".replace(",", ".")


def _red(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_RED}")
    return label


def field_label(spec) -> str:
    """A field's label in the UI language, capitalised as a column or list item (record type
    labels are written lower-case, to sit inside sentences)."""
    text = message_text(spec.label)
    return text[:1].upper() + text[1:]


def _no_permission(perm: Perm) -> str:
    return error_text(PermissionDenied(PERM_LABELS[perm]))


def target_choices() -> list[tuple[str, str]]:
    """(code, label) of everything that can be imported: residents, then each record type."""
    choices = [(PERSON, tr("Cư dân"))]
    try:
        types = load_record_types()
    except DefinitionError:  # a broken definition file: residents still import
        types = {}
    choices += [(code, message_text(Label(kind.label))) for code, kind in types.items()]
    return choices


def target_available(code: str) -> bool:
    """Record types import through core.imports.records (when this build has it)."""
    return code == PERSON or importlib.util.find_spec("core.imports.records") is not None


# -- how a planned row reads ------------------------------------------------------------------


class RowText:
    """The texts the preview shows for a planned row, in the UI language."""

    def __init__(self, plan: Plan, target, hamlet_names: dict[str, str] | None = None):
        self.plan, self.target = plan, target
        self.hamlet_names = hamlet_names or {}
        table = plan.table
        self.legacy = table.legacy if plan.convert_legacy else None
        # The column that names a row: the full name, else a record's first required text.
        if target.field("full_name") is not None:
            name_field = "full_name"
        else:
            name_field = next((f.name for f in target.fields
                               if f.required and f.kind == "text"), None)
        if name_field is None and plan.mapping:
            name_field = plan.mapping[min(plan.mapping)]
        self.name_field = name_field
        self.name_column = {name: i for i, name in plan.mapping.items()}.get(name_field)
        self.name_header = self.label(name_field) if name_field else tr("Họ và tên")

    def label(self, name: str) -> str:
        spec = self.target.field(name) or self.target.field(
            {"hamlet_id": "hamlet"}.get(name, ""))
        return field_label(spec) if spec else name

    def cell(self, row: RowPlan, index: int | None) -> str:
        if index is None or row.raw is None or index >= len(row.raw):
            return ""
        value = row.raw[index]
        text = cells.text(value) or ""
        if text and self.legacy and isinstance(value, str):
            text = legacy_text.convert_cell(text, self.legacy)
        return text

    def name(self, row: RowPlan) -> str:
        value = row.values.get(self.name_field) if self.name_field else None
        return str(value) if value else self.cell(row, self.name_column)

    def status(self, row: RowPlan) -> str:
        return tr(STATUS_LABELS.get(row.status, row.status))

    def outcome(self, row: RowPlan) -> str:
        if not row.outcome:
            return ""
        if row.outcome == "system_id":
            return tr("Khớp theo mã hệ thống")
        label = OUTCOME_LABELS.get(row.outcome)
        return tr(label) if label else row.outcome

    def value(self, name: str, value) -> str:
        if value is None or value == "":
            return tr("(trống)")
        if name == "hamlet_id":
            return self.hamlet_names.get(value, str(value))
        if name == "sex" and value in SEX_LABELS:
            return tr(SEX_LABELS[value])
        spec = self.target.field(name)
        if isinstance(value, str) and (name == "dob" or (spec and spec.kind == "date")):
            return show_iso(value)
        if isinstance(value, bool):
            return tr("Có") if value else tr("Không")
        return str(value)

    def error(self, name: str, message) -> str:
        text = message_text(message)
        label = self.label(name) if name else ""
        return f"{label}: {text}" if label and label not in text else text

    def errors(self, row: RowPlan) -> list[str]:
        return [self.error(name, message) for name, message in row.errors.items()]

    def diff(self, row: RowPlan) -> list[str]:
        return [f"{self.label(name)}: {self.value(name, old)} → {self.value(name, new)}"
                for name, (old, new) in row.diff.items()]

    def reasons(self, row: RowPlan) -> list[str]:
        return list(dict.fromkeys(message_text(r) for r in row.extra.get("reasons", ())))

    def notes(self, row: RowPlan) -> list[str]:
        return [message_text(note) for note in row.notes]

    def changes(self, row: RowPlan) -> str:
        """What the row changes (the diff), why it needs review, or its errors."""
        if row.status == "error":
            return "; ".join(self.errors(row))
        parts = (self.reasons(row) if row.status == "review" else []) + self.diff(row)
        return "; ".join(parts or self.notes(row))

    def detail_html(self, row: RowPlan) -> str:
        esc = html.escape
        out = [f"<h3>{esc(tr('Dòng {n}').format(n=row.sheet_row))} — "
               f"{esc(self.status(row))}</h3>"]
        if row.outcome:
            out.append(f"<p>{esc(tr('Đối chiếu'))}: {esc(self.outcome(row))}</p>")

        def table(title: str, pairs) -> None:
            pairs = list(pairs)
            if pairs:
                out.append(f"<h4>{esc(title)}</h4><table cellspacing='0' cellpadding='3'>")
                out.extend(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>"
                           for k, v in pairs)
                out.append("</table>")

        def listing(title: str, items: list[str]) -> None:
            if items:
                out.append(f"<h4>{esc(title)}</h4><ul>")
                out.extend(f"<li>{esc(item)}</li>" for item in items)
                out.append("</ul>")

        columns = self.plan.table.columns

        def source(index: int, name: str) -> str:
            title, label = columns[index] or column_letter(index), self.label(name)
            return label if header_key(title) == header_key(label) else f"{title} → {label}"

        table(tr("Trong tệp"), ((source(i, name), self.cell(row, i))
                                for i, name in sorted(self.plan.mapping.items())))
        fields = {f.name for f in self.target.fields} | {"hamlet_id"}
        table(tr("Sau khi kiểm tra"), (
            (self.label(name), self.value(name, value)) for name, value in row.values.items()
            if name in fields and name not in _HIDDEN_VALUES))
        listing(tr("Thay đổi"), self.diff(row))
        listing(tr("Lý do cần rà soát"), self.reasons(row))
        listing(tr("Ghi chú"), self.notes(row))
        listing(tr("Lỗi"), self.errors(row))
        return "".join(out)


# -- step 1: the file ---------------------------------------------------------------------------


class FilePage(QWizardPage):
    """What to import and from which file and sheet. Reading runs off the GUI thread."""

    def __init__(self):
        super().__init__()
        self.setTitle(tr("Tệp"))
        self.setSubTitle(tr("Chọn loại dữ liệu cần nhập và tệp bảng tính (.xlsx, .xlsm, .xls, "
                            ".ods). Các dòng tiêu đề phía trên bảng được tự động bỏ qua."))
        self.target = QComboBox()
        for code, label in target_choices():
            self.target.addItem(label, code)
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("Đường dẫn tệp bảng tính"))
        self.browse_button = QPushButton(tr("Chọn tệp…"))
        self.browse_button.setAutoDefault(False)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setVisible(False)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.error = _red(QLabel())
        pick = QHBoxLayout()
        pick.addWidget(self.path, 1)
        pick.addWidget(self.browse_button)
        form = QFormLayout(self)
        form.addRow(tr("Loại dữ liệu"), self.target)
        form.addRow(tr("Tệp"), pick)
        form.addRow(tr("Trang tính"), self.sheet)
        form.addRow(self.busy_bar)
        form.addRow(self.info)
        form.addRow(self.error)
        self.browse_button.clicked.connect(self.browse)
        self.path.returnPressed.connect(self._path_edited)
        self.path.editingFinished.connect(self._path_edited)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.busy = False
        self.read_path: str | None = None  # the path of the last read started
        self._generation = 0
        self._job = None

    def wizard(self) -> ImportWizard:
        return super().wizard()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.path.setFocus()

    def set_target(self, code: str) -> None:
        index = self.target.findData(code)
        if index >= 0:
            self.target.setCurrentIndex(index)

    def browse(self) -> None:
        start = str(Path(self.read_path).parent) if self.read_path else ""
        patterns = " ".join(SPREADSHEET_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Chọn tệp bảng tính"), start,
            tr("Bảng tính ({patterns})").format(patterns=patterns))
        if path:
            self.read(path)

    def _path_edited(self) -> None:
        text = self.path.text().strip()
        if text and text != self.read_path:
            self.read(text)

    def _target_changed(self, _index: int) -> None:
        if self.read_path:
            self.read(self.read_path)

    def _sheet_changed(self, _index: int) -> None:
        if self.read_path and self.sheet.currentText():
            self.read(self.read_path, self.sheet.currentText())

    def read(self, path: str | Path, sheet: str | None = None) -> None:
        """Read `path` (a sheet chosen by name, else the one whose table fits)."""
        text = str(path).strip()
        wizard = self.wizard()
        wizard.prepared = None
        self._generation += 1
        generation = self._generation
        self.error.clear()
        self.info.clear()
        if self.path.text().strip() != text:
            self.path.setText(text)
        if sheet is None:
            self._fill_sheets([], None)
        self.read_path = text or None
        code = self.target.currentData()
        if not text or not target_available(code):
            if text:
                self.error.setText(tr("Phiên bản này chưa nhập được “{what}” từ Excel.").format(
                    what=self.target.currentText()))
            self._set_busy(False)
            return
        ws = wizard.ws
        self._set_busy(True)
        self.info.setText(tr("Đang đọc tệp…"))

        def work():
            return service.prepare(ws, code, text, sheet), target_of(code)

        self._job = run_in_background(work, lambda result: self._read(generation, code, result),
                                      lambda message: self._failed(generation, message))

    def _read(self, generation: int, code: str, result) -> None:
        if generation != self._generation:
            return  # an older read (another file, sheet or target) answered late
        prepared, target = result
        wizard = self.wizard()
        wizard.prepared, wizard.target, wizard.target_code = prepared, target, code
        wizard.path = Path(self.read_path)
        table = prepared.table
        self._fill_sheets(table.sheet_names, table.sheet)
        rows = sum(1 for row in table.rows if any(not cells.is_empty(v) for v in row))
        self.info.setText(tr("Trang “{sheet}”: dòng tiêu đề {row}, {n} dòng dữ liệu.").format(
            sheet=table.sheet, row=table.header.row + 1, n=_count(rows)))
        self._set_busy(False)

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.info.clear()
        self.error.setText(message)
        self._set_busy(False)

    def _fill_sheets(self, names: list[str], current: str | None) -> None:
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(names)
        if current is not None:
            self.sheet.setCurrentText(current)
        self.sheet.setEnabled(len(names) > 1)
        self.sheet.blockSignals(False)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.busy and self.wizard() is not None and self.wizard().prepared is not None


# -- step 2: columns → fields -----------------------------------------------------------------


class MappingPage(QWizardPage):
    """One row per column of the file: its header, sample values and the field it fills."""

    def __init__(self):
        super().__init__()
        self.setTitle(tr("Ghép cột"))
        self.setSubTitle(tr("Mỗi cột của tệp được ghép với một trường dữ liệu hoặc bỏ qua. Xã Số "
                            "đã gợi ý theo tên cột; hãy kiểm tra lại. Trường có dấu * là bắt "
                            "buộc."))
        self.header_info = QLabel()
        self.header_info.setWordWrap(True)
        self.saved = QComboBox()
        self.save_button = QPushButton(tr("Lưu cách ghép cột…"))
        self.save_button.setAutoDefault(False)
        self.table = QTableWidget(0, SAMPLES + 2)
        self.table.setHorizontalHeaderLabels(
            [tr("Tiêu đề cột"), *[tr("Mẫu {n}").format(n=i + 1) for i in range(SAMPLES)],
             tr("Ghép với trường")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.legacy = QCheckBox(tr("Chuyển chữ TCVN3/VNI sang Unicode"))
        self.legacy.setChecked(True)
        self.legacy.setVisible(False)
        self.message = _red(QLabel())
        self.note = QLabel()
        self.note.setWordWrap(True)
        saved_row = QHBoxLayout()
        saved_row.addWidget(QLabel(tr("Cách ghép cột đã lưu")))
        saved_row.addWidget(self.saved, 1)
        saved_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_info)
        layout.addLayout(saved_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legacy)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        self.combos: list[QComboBox] = []
        self.missing = True
        self._built_for = None
        self._samples: list[list] = []
        self.saved.currentIndexChanged.connect(self._saved_chosen)
        self.save_button.clicked.connect(self.ask_save)
        self.legacy.toggled.connect(lambda _on: self._show_samples())

    def wizard(self) -> ImportWizard:
        return super().wizard()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        wizard = self.wizard()
        prepared = wizard.prepared
        if prepared is not self._built_for:  # a new file: otherwise keep the person's choices
            self._built_for = prepared
            self._build(prepared, wizard.target)
            self._load_saved(prepared.mapping_name)
        self.table.setFocus()
        self._check()

    def _build(self, prepared: service.Prepared, target) -> None:
        table = prepared.table
        self.header_info.setText(tr("Tệp “{file}”, trang “{sheet}” — Dòng tiêu đề: {row}").format(
            file=table.file_name, sheet=table.sheet, row=table.header.row + 1))
        self.legacy.blockSignals(True)
        self.legacy.setChecked(True)
        self.legacy.blockSignals(False)
        self.legacy.setVisible(bool(table.legacy))
        if table.legacy:
            self.legacy.setToolTip(tr("Chữ trong tệp có vẻ gõ bằng bảng mã cũ ({code}).").format(
                code=table.legacy.upper()))
        self._samples = []
        for row in table.rows:
            if any(not cells.is_empty(v) for v in row):
                self._samples.append(row)
                if len(self._samples) == SAMPLES:
                    break
        columns = table.columns
        self.table.setRowCount(len(columns))
        self.table.setVerticalHeaderLabels([column_letter(i) for i in range(len(columns))])
        self.combos = []
        for row, title in enumerate(columns):
            item = QTableWidgetItem(title or tr("(không có tiêu đề)"))
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(tr("— bỏ qua —"), None)
            for spec in target.fields:
                combo.addItem(field_label(spec) + (" *" if spec.required else ""),
                              spec.name)
            combo.currentIndexChanged.connect(lambda _i, r=row: self._changed(r))
            self.table.setCellWidget(row, SAMPLES + 1, combo)
            self.combos.append(combo)
        self._show_samples()
        self.set_mapping(prepared.mapping)
        self.table.resizeColumnsToContents()
        for column in range(SAMPLES + 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        self.note.clear()
        wizard = self.wizard()
        can_save = wizard.ws.actor.can(Perm.RECORD_WRITE)
        self.save_button.setEnabled(can_save)
        self.save_button.setToolTip("" if can_save else _no_permission(Perm.RECORD_WRITE))

    def _show_samples(self) -> None:
        table = self.wizard().prepared.table
        convert = table.legacy if table.legacy and self.legacy.isChecked() else None
        for row in range(len(table.columns)):
            for n in range(SAMPLES):
                value = (self._samples[n][row] if n < len(self._samples)
                         and row < len(self._samples[n]) else None)
                text = cells.text(value) or ""
                if text and convert and isinstance(value, str):
                    text = legacy_text.convert_cell(text, convert)
                self.table.setItem(row, 1 + n, QTableWidgetItem(text))

    # -- the mapping --

    def mapping(self) -> dict[int, str]:
        return {row: combo.currentData() for row, combo in enumerate(self.combos)
                if combo.currentData()}

    def set_mapping(self, mapping: dict[int, str]) -> None:
        for row, combo in enumerate(self.combos):
            combo.blockSignals(True)
            index = combo.findData(mapping.get(row)) if mapping.get(row) else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._check()

    def set_field(self, row: int, name: str | None) -> None:
        """Choose the field for one column (as picking it in its box does)."""
        combo = self.combos[row]
        combo.setCurrentIndex(combo.findData(name) if name else 0)

    def _changed(self, row: int) -> None:
        name = self.combos[row].currentData()
        if name:  # a field is filled from one column: the column it had before lets it go
            for other, combo in enumerate(self.combos):
                if other != row and combo.currentData() == name:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._check()

    def _check(self) -> None:
        wizard = self.wizard()
        self.missing = False
        self.message.clear()
        try:
            check_required(wizard.target, self.mapping())
        except ValidationError as exc:
            self.missing = True
            self.message.setText(" ".join(message_text(m) for m in exc.errors.values()))
        if not self.missing and not self.mapping():
            self.missing = True
            self.message.setText(tr("Hãy ghép ít nhất một cột."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return bool(self.combos) and not self.missing

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        self._check()
        return not self.missing

    def convert_legacy(self) -> bool | None:
        """None: the file needs no conversion; else whether to convert its legacy text."""
        if not self.wizard().prepared.table.legacy:
            return None
        return self.legacy.isChecked()

    # -- saved mappings --

    def _load_saved(self, select: str | None) -> None:
        wizard = self.wizard()
        ws, code = wizard.ws, wizard.target_code
        self._saved_job = run_in_background(lambda: mappings.list_mappings(ws, code),
                                            lambda rows: self._show_saved(rows, select),
                                            self.message.setText)

    def _show_saved(self, rows, select: str | None) -> None:
        self.saved.blockSignals(True)
        self.saved.clear()
        self.saved.addItem(tr("Gợi ý theo tên cột"), None)
        for row in rows:
            self.saved.addItem(row.name, row)
        if select:
            self.saved.setCurrentIndex(max(self.saved.findText(select), 0))
        self.saved.blockSignals(False)

    def _saved_chosen(self, _index: int) -> None:
        wizard = self.wizard()
        columns, saved = wizard.prepared.table.columns, self.saved.currentData()
        if saved is None:
            self.set_mapping(mappings.suggest(columns, wizard.target))
        else:
            self.set_mapping(mappings.apply_saved(saved, columns, wizard.target))

    def saved_name(self) -> str | None:
        saved = self.saved.currentData()
        return saved.name if saved is not None else None

    def ask_save(self) -> None:
        name, ok = QInputDialog.getText(
            self, tr("Lưu cách ghép cột"),
            tr("Tên cách ghép cột (ví dụ: Danh sách của công an xã):"),
            text=self.saved_name() or "")
        if ok and name.strip():
            self.save_as(name)

    def save_as(self, name: str) -> None:
        wizard = self.wizard()
        ws, code = wizard.ws, wizard.target_code
        columns, mapping = wizard.prepared.table.columns, self.mapping()
        self.note.setText(tr("Đang lưu…"))

        def saved(row) -> None:
            self.note.setText(tr("Đã lưu cách ghép cột “{name}”.").format(name=row.name))
            self._load_saved(row.name)

        def failed(message: str) -> None:
            self.note.clear()
            self.message.setText(message)

        self._save_job = run_in_background(
            lambda: mappings.save_mapping(ws, code, name, columns, mapping), saved, failed)


# -- step 3: the preview ----------------------------------------------------------------------


class PlanModel(QAbstractTableModel):
    """The planned rows, filtered by status through a list of row indexes."""

    COLUMNS = 5
    COLOURS = {"new": "#1e6b34", "update": "#1a4d8f", "review": "#7a5b00", "error": ERROR_RED}

    def __init__(self):
        super().__init__()
        self.rows: list[RowPlan] = []
        self.shown: list[int] | None = None  # None: every row
        self.text: RowText | None = None
        self.status_filter: str | None = None

    def set_plan(self, plan: Plan | None, text: RowText | None) -> None:
        self.beginResetModel()
        self.rows = plan.rows if plan is not None else []
        self.text = text
        self.shown = self._indexes(self.status_filter)
        self.endResetModel()

    def set_filter(self, status: str | None) -> None:
        self.beginResetModel()
        self.status_filter = status
        self.shown = self._indexes(status)
        self.endResetModel()

    def _indexes(self, status: str | None) -> list[int] | None:
        if status is None:
            return None
        return [i for i, row in enumerate(self.rows) if row.status == status]

    def row_at(self, position: int) -> RowPlan:
        return self.rows[position if self.shown is None else self.shown[position]]

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt API
        if parent.isValid():
            return 0
        return len(self.rows) if self.shown is None else len(self.shown)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        name = self.text.name_header if self.text else tr("Họ và tên")
        return (tr("Dòng"), tr("Kết quả"), tr("Đối chiếu"), name, tr("Thay đổi hoặc lỗi"))[section]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.text is None:
            return None
        row, column = self.row_at(index.row()), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.sheet_row) if role == Qt.ItemDataRole.DisplayRole else None
            if column == 1:
                return self.text.status(row)
            if column == 2:
                return self.text.outcome(row)
            if column == 3:
                return self.text.name(row)
            return self.text.changes(row)
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 4):
            colour = self.COLOURS.get(row.status)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RowTable(QTableView):
    """Double-click or Enter opens a row (Enter must not also press the wizard's Next)."""

    open_row = Signal(int)

    def __init__(self):
        super().__init__()
        self.doubleClicked.connect(lambda index: self.open_row.emit(index.row()))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_row.emit(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)


class RowDetailDialog(QDialog):
    """Everything about one planned row: the file's cells, the checked values, the changes,
    notes and errors."""

    def __init__(self, text: RowText, row: RowPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Dòng {n}").format(n=row.sheet_row))
        self.browser = QTextBrowser()
        self.browser.setHtml(text.detail_html(row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(620, 520)


class PreviewPage(QWizardPage):
    """Checks and matches every row (progress dialog, cancellable); shows what would happen."""

    def __init__(self):
        super().__init__()
        self.setTitle(tr("Xem trước"))
        self.setSubTitle(tr("Chưa có gì được ghi. Xem kết quả từng dòng; nhấn đúp hoặc Enter vào "
                            "một dòng để xem chi tiết."))
        self.chips: dict[str, QPushButton] = {}
        chips = QHBoxLayout()
        for status in STATUSES:
            chip = QPushButton()
            chip.setAutoDefault(False)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the filter box is the keyboard's way
            background, colour = _CHIP_COLOURS[status]
            chip.setStyleSheet(f"QPushButton {{ background: {background}; color: {colour}; "
                               "border: none; border-radius: 10px; padding: 4px 12px; }")
            chip.clicked.connect(lambda _c=False, s=status: self.set_filter(s))
            self.chips[status] = chip
            chips.addWidget(chip)
        chips.addStretch(1)
        self.filter = QComboBox()
        self.model = PlanModel()
        self.table = RowTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((60, 110, 190, 220)):
            self.table.setColumnWidth(column, width)
        self.report_button = QPushButton(tr("Lưu báo cáo lỗi…"))
        self.report_button.setAutoDefault(False)
        self.report_button.setEnabled(False)
        self.retry_button = QPushButton(tr("Kiểm tra lại"))
        self.retry_button.setAutoDefault(False)
        self.retry_button.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addLayout(chips, 1)
        top.addWidget(QLabel(tr("Hiện")))
        top.addWidget(self.filter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.retry_button)
        bottom.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(self.filter.currentData()))
        self.table.open_row.connect(self.show_row)
        self.report_button.clicked.connect(self.ask_report)
        self.retry_button.clicked.connect(self.run_plan)
        self.busy = False
        self.job = None
        self.text: RowText | None = None
        self.detail: RowDetailDialog | None = None
        self._generation = 0
        self._fill_filter(None)

    def wizard(self) -> ImportWizard:
        return super().wizard()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.run_plan()

    def cleanupPage(self) -> None:  # noqa: N802 - Qt API  (Back: the plan is for old choices)
        self._generation += 1
        if self.busy and self.job is not None:
            self.job.cancel()
        self.busy = False
        self.wizard().plan = None
        self.model.set_plan(None, None)

    def run_plan(self) -> None:
        wizard = self.wizard()
        wizard.plan = None
        self.model.set_plan(None, None)
        self._fill_filter(None)
        self.report_button.setEnabled(False)
        self.retry_button.setVisible(False)
        self._set_message(tr("Đang kiểm tra các dòng…"))
        prepared = service.Prepared(wizard.prepared.table, wizard.mapping_page.mapping(),
                                    wizard.mapping_page.saved_name())
        ws, code, convert = wizard.ws, wizard.target_code, wizard.mapping_page.convert_legacy()
        person = code == PERSON

        def work(progress):
            plan = service.plan(ws, code, prepared, convert, progress)
            names = ({h.id: h.name for h in hamlets.list_hamlets(ws, include_retired=True)}
                     if person else {})
            return plan, names

        self._generation += 1
        generation = self._generation
        self.busy = True
        self.completeChanged.emit()
        self.job = run_long(wizard, tr("Đang kiểm tra và đối chiếu {n} dòng…").format(
            n=_count(len(prepared.table.rows))), work,
            lambda result: self._planned(generation, result),
            lambda message: self._failed(generation, message))

    def _planned(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        plan, names = result
        wizard = self.wizard()
        wizard.plan = plan
        self.busy = False
        self.text = RowText(plan, wizard.target, names)
        self.model.set_plan(plan, self.text)
        counts = plan.counts()
        for status, chip in self.chips.items():
            chip.setText(f"{tr(STATUS_LABELS[status])} {_count(counts[status])}")
        self._fill_filter(counts)
        self.report_button.setEnabled(counts["error"] > 0)
        if not plan.rows:
            self._set_message(tr("Không có dòng dữ liệu nào để nhập."), error=True)
        elif counts["error"] == len(plan.rows):
            self._set_message(tr("Dòng nào cũng có lỗi: hãy lưu báo cáo lỗi, sửa tệp rồi nhập "
                                 "lại."), error=True)
        elif counts["error"]:
            self._set_message(tr("{n} dòng có lỗi. Có thể lưu báo cáo lỗi để sửa, hoặc ở bước "
                                 "sau chỉ nhập các dòng hợp lệ.").format(n=_count(counts["error"])))
        else:
            self._set_message(tr("Không có dòng lỗi."))
        self.table.setFocus()
        if plan.rows:
            self.table.selectRow(0)
        self.completeChanged.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.busy = False
        self._set_message(message, error=True)
        self.retry_button.setVisible(True)
        self.completeChanged.emit()

    def _set_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {ERROR_RED}" if error else "")

    def _fill_filter(self, counts: dict[str, int] | None) -> None:
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        total = sum(counts.values()) if counts else 0
        self.filter.addItem(tr("Tất cả ({n})").format(n=_count(total)), None)
        for status in STATUSES:
            n = counts[status] if counts else 0
            self.filter.addItem(f"{tr(STATUS_LABELS[status])} ({_count(n)})", status)
        self.filter.setCurrentIndex(max(self.filter.findData(current), 0))
        self.filter.blockSignals(False)
        self.model.set_filter(self.filter.currentData())
        for chip in self.chips.values():
            chip.setVisible(counts is not None)

    def set_filter(self, status: str | None) -> None:
        self.filter.setCurrentIndex(max(self.filter.findData(status), 0))

    def show_row(self, position: int) -> None:
        if self.text is None or not 0 <= position < self.model.rowCount():
            return
        self.detail = RowDetailDialog(self.text, self.model.row_at(position), self)
        self.detail.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.detail.open()

    def ask_report(self) -> None:
        wizard = self.wizard()
        if wizard.plan is None:
            return
        source = wizard.path
        default = source.with_name(f"{source.stem}-loi.xlsx") if source else Path("loi.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu báo cáo lỗi"), str(default),
                                              tr("Bảng tính Excel (*.xlsx)"))
        if path:
            self.save_report(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def save_report(self, path: str | Path) -> None:
        plan = self.wizard().plan
        self.report_button.setEnabled(False)
        self._set_message(tr("Đang lưu báo cáo lỗi…"))

        def saved(n: int) -> None:
            self.report_button.setEnabled(True)
            self._set_message(tr("Đã lưu {n} dòng lỗi vào “{path}”. Sửa ngay trong tệp đó rồi "
                                 "nhập lại tệp đó.").format(n=_count(n), path=path))

        def failed(message: str) -> None:
            self.report_button.setEnabled(True)
            self._set_message(tr("Chưa lưu được báo cáo lỗi: {error}").format(error=message),
                              error=True)

        self._report_job = run_in_background(lambda: write_error_report(plan, path), saved,
                                             failed)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        plan = self.wizard().plan if self.wizard() else None
        return (not self.busy and plan is not None
                and any(row.status != "error" for row in plan.rows))


# -- step 4: importing ------------------------------------------------------------------------


class CommitPage(QWizardPage):
    """All rows (only when none has errors) or the valid ones; one transaction, cancellable."""

    def __init__(self):
        super().__init__()
        self.setTitle(tr("Nhập"))
        self.setSubTitle(tr("Các dòng được ghi trong một lần: dừng giữa chừng thì không dòng nào "
                            "được ghi."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("Nhập"))
        self.all_rows = QRadioButton(tr("Nhập tất cả (chỉ khi không còn lỗi)"))
        self.valid_only = QRadioButton(tr("Chỉ nhập các dòng hợp lệ"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = _red(QLabel())
        layout = QVBoxLayout(self)
        layout.addWidget(self.all_rows)
        layout.addWidget(self.valid_only)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.busy = False
        self.job = None

    def wizard(self) -> ImportWizard:
        return super().wizard()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        counts = self.wizard().plan.counts()
        errors = counts["error"]
        self.all_rows.setEnabled(errors == 0)
        (self.valid_only if errors else self.all_rows).setChecked(True)
        text = tr("Sẽ thêm mới {new} dòng, cập nhật {update}, giữ nguyên {unchanged}, đưa "
                  "{review} dòng vào Rà soát.").format(
            **{status: _count(n) for status, n in counts.items() if status != "error"})
        if errors:
            text += " " + tr("{n} dòng lỗi sẽ không được nhập.").format(n=_count(errors))
        self.summary.setText(text)
        self.message.clear()
        (self.valid_only if errors else self.all_rows).setFocus()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        wizard = self.wizard()
        if wizard.result is not None:
            return True
        if not self.busy:
            self.start()
        return False  # the wizard moves on when the import has been written

    def start(self) -> None:
        wizard = self.wizard()
        ws, plan, valid_only = wizard.ws, wizard.plan, self.valid_only.isChecked()
        self.busy = True
        self.message.clear()
        self._set_buttons(False)
        self.completeChanged.emit()
        self.job = run_long(wizard, tr("Đang nhập {n} dòng…").format(n=_count(len(plan.rows))),
                            lambda progress: import_commit.commit(ws, plan, valid_only, progress),
                            self._done, self._failed)

    def _done(self, result: dict) -> None:
        self.busy = False
        self._set_buttons(True)
        wizard = self.wizard()
        wizard.result = result
        wizard.imported.emit(result)
        wizard.next()

    def _failed(self, message: str) -> None:
        self.busy = False
        self._set_buttons(True)
        self.message.setText(tr("Chưa nhập gì: {reason}").format(reason=message))

    def _set_buttons(self, enabled: bool) -> None:
        wizard = self.wizard()
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            wizard.button(which).setEnabled(enabled)
        self.all_rows.setEnabled(enabled and wizard.plan.counts()["error"] == 0)
        self.valid_only.setEnabled(enabled)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.busy


class SummaryPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(tr("Đã nhập xong"))
        self.setSubTitle(tr("Dữ liệu đã được ghi và có ngay trong danh sách."))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        wizard: ImportWizard = self.wizard()
        result = wizard.result or {}
        lines = [tr("Thêm mới: {n}").format(n=_count(result.get("new", 0))),
                 tr("Cập nhật: {n}").format(n=_count(result.get("updated", 0))),
                 tr("Không đổi: {n}").format(n=_count(result.get("unchanged", 0))),
                 tr("Cần rà soát: {n}").format(n=_count(result.get("review", 0))),
                 tr("Lỗi, chưa nhập: {n}").format(n=_count(result.get("errors", 0)))]
        out = [html.escape(tr("Tệp “{file}” đã được nhập.").format(
            file=wizard.prepared.table.file_name)), "<ul>"]
        out += [f"<li>{html.escape(line)}</li>" for line in lines]
        out.append("</ul>")
        if result.get("review"):
            out.append("<p>" + html.escape(tr(
                "{n} dòng giống một người đã có nhưng chưa chắc chắn: Xã Số chưa sửa gì ở những "
                "người đó mà đã đưa vào trang Rà soát để cán bộ quyết định.").format(
                n=_count(result["review"]))) + "</p>")
        if result.get("errors"):
            out.append("<p>" + html.escape(tr(
                "{n} dòng lỗi chưa được nhập: sửa theo báo cáo lỗi rồi nhập lại các dòng đó.")
                .format(n=_count(result["errors"]))) + "</p>")
        self.text.setText("".join(out))


# -- the wizard -------------------------------------------------------------------------------


class ImportWizard(QWizard):
    """`imported(counts)` is emitted once the rows are written (core.imports.commit's counts)."""

    FILE, MAPPING, PREVIEW, COMMIT, SUMMARY = range(5)
    imported = Signal(dict)

    def __init__(self, ws: Workspace, target_code: str = PERSON, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.target_code = target_code
        self.target = None  # core.imports.fields.Target of the file read
        self.path: Path | None = None
        self.prepared: service.Prepared | None = None
        self.plan: Plan | None = None
        self.result: dict | None = None
        self.setWindowTitle(tr("Nhập từ Excel"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.commit_page = CommitPage()
        self.summary_page = SummaryPage()
        for number, page in ((self.FILE, self.file_page), (self.MAPPING, self.mapping_page),
                             (self.PREVIEW, self.preview_page), (self.COMMIT, self.commit_page),
                             (self.SUMMARY, self.summary_page)):
            self.setPage(number, page)
        self.file_page.set_target(target_code)
        self.resize(1040, 700)

    def set_file(self, path: str | Path, sheet: str | None = None) -> None:
        """Read this file (what choosing it in the file dialog does)."""
        self.file_page.read(path, sheet)

    def mapping(self) -> dict[int, str]:
        return self.mapping_page.mapping()

    def reject(self) -> None:
        for page in (self.preview_page, self.commit_page):
            if page.busy and page.job is not None:
                page.job.cancel()  # a write still running rolls back
        super().reject()
