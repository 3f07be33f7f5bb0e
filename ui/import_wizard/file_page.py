"""Step 1 of the import wizard: what to import and from which file and sheet."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWizardPage,
)

from core.excel import cells
from core.i18n import Label
from core.imports import service
from core.imports.targets import target_of
from core.record_types import DefinitionError, load_record_types
from ui.background import run_in_background
from ui.i18n import message_text, tr
from ui.import_wizard.common import PERSON, _count, _red

if TYPE_CHECKING:
    from ui.import_wizard.wizard import ImportWizard

SPREADSHEET_SUFFIXES = ("*.xlsx", "*.xlsm", "*.xls", "*.ods")


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
