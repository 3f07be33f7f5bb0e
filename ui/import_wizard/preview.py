"""Step 3 of the import wizard: check and match every row, then show what would happen —
a table model over the plan's rows (no widget per row), the table, and a row's detail."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from core.imports import service
from core.imports.plan import STATUS_LABELS, STATUSES, Plan, RowPlan
from core.imports.report import write_error_report
from core.services import hamlets
from ui.background import run_in_background
from ui.i18n import tr
from ui.import_wizard.common import ERROR_RED, PERSON, _count
from ui.import_wizard.row_text import RowText
from ui.progress_dialog import run_long
from ui.table_model import ROOT

if TYPE_CHECKING:
    from ui.import_wizard.wizard import ImportWizard

_CHIP_COLOURS = {  # background, text
    "new": ("#e6f4ea", "#1e6b34"), "update": ("#e8f0fe", "#1a4d8f"),
    "unchanged": ("#f1f3f4", "#3c4043"), "review": ("#fff3c4", "#5c4400"),
    "error": ("#fbe3e4", ERROR_RED),
}


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
