"""Step 2 of the import wizard: each column of the file → the field it fills, and saved
mappings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from core.auth import PERM_LABELS, Perm
from core.errors import PermissionDenied, ValidationError
from core.excel import cells, legacy_text
from core.excel.writer import column_letter
from core.imports import mapping as mappings
from core.imports import service
from core.imports.plan import check_required
from ui.background import run_in_background
from ui.i18n import error_text, message_text, tr
from ui.import_wizard.common import _red, field_label

if TYPE_CHECKING:
    from ui.import_wizard.wizard import ImportWizard

SAMPLES = 3  # sample values shown per column on the mapping step


def _no_permission(perm: Perm) -> str:
    return error_text(PermissionDenied(PERM_LABELS[perm]))



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
