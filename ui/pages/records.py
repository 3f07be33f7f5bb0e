"""Hồ sơ: the records of one type (khai sinh, bảo trợ xã hội, lưu trú…), newest first, fetched
200 at a time as the list scrolls (never all: a commune may keep 300k), with a debounced
diacritic-insensitive search (a name typed without accents, or an ID / certificate number) and
a key-date range. Thêm (Ctrl+N) and Mở (Enter / double-click) open the record dialog; Excel
export and import work on the chosen type. Every query runs off the GUI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.dates import parse_partial_date
from core.errors import ValidationError
from core.imports.export import export_list
from core.record_types import DefinitionError, RecordType, load_record_types
from core.services import records
from core.services.records import STATUS_LABELS, RecordRow
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import current_language, message_text, tr
from ui.progress_dialog import run_long
from ui.record_dialog import RecordDialog
from ui.record_form import capitalised, shown_value, type_label
from ui.table_model import ROOT, ListTableModel

PAGE = 200
DEBOUNCE_MS = 250
_CODE = Qt.ItemDataRole.UserRole
# The chooser's groups in order, by the types' data_domain (others go last, under "Khác").
GROUPS = ("justice", "social", "labour", "police", "land", "association")


def _group_label(domain: str) -> str:
    labels = {"justice": tr("Hộ tịch"), "social": tr("An sinh xã hội"),
              "labour": tr("Lao động"), "police": tr("Lưu trú"), "land": tr("Đất đai"),
              "association": tr("Đoàn thể")}
    return labels.get(domain, tr("Khác"))


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def date_bound(text: str, end: bool) -> str | None:
    """A typed filter date (dd/mm/yyyy, mm/yyyy or yyyy) as the ISO bound of the key date:
    the first day it can mean, or with `end` the last ("2024" → "2024-12-31"). Raises
    ValidationError for a date that is not one."""
    text = text.strip()
    if not text:
        return None
    value = parse_partial_date(text, "date", today=date.max)
    parts = value.iso().split("-")
    if end:
        return "-".join(parts + ["12", "31"][len(parts) - 1:2])
    return "-".join(parts + ["01"] * (3 - len(parts)))


class RecordListModel(ListTableModel):
    """One type's records, a page at a time (canFetchMore / fetchMore by offset); columns are
    the type's list_fields shown with display_value (plus the status of legal records)."""

    fetch_failed = Signal(str)
    page_loaded = Signal()

    def __init__(self, ws: Workspace):
        super().__init__()
        self.ws = ws
        self.record_type: RecordType | None = None
        self.filters: dict = {}
        self.columns: list[str] = []
        self.headers: list[str] = []
        self.cell_cache: list[tuple[str, ...]] = []
        self._more = False
        self._fetching = False
        self._generation = 0

    def load(self, record_type: RecordType, query: str = "", date_from: str | None = None,
             date_to: str | None = None) -> None:
        self._generation += 1
        self.beginResetModel()
        self.record_type = record_type
        self.filters = {"query": query, "date_from": date_from, "date_to": date_to}
        self.columns = list(record_type.list_fields or record_type.title_field)
        self.headers = [capitalised(record_type.field(n).label_text(current_language()))
                        for n in self.columns]
        if record_type.legal:
            self.headers.append(tr("Tình trạng"))
        self.rows, self.cell_cache = [], []
        self._more, self._fetching = True, False
        self.endResetModel()
        self._fetch()

    def _fetch(self) -> None:
        self._fetching = True
        ws, code, offset, filters = self.ws, self.record_type.code, len(self.rows), self.filters
        generation = self._generation
        self._job = run_in_background(
            lambda: records.list_records(ws, code, filters["query"],
                                         date_from=filters["date_from"],
                                         date_to=filters["date_to"], offset=offset, limit=PAGE),
            lambda page: self._append(generation, page), self._failed)

    def _append(self, generation: int, page: list[RecordRow]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._more = len(page) == PAGE
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.cell_cache.extend(self._cells(row) for row in page)
            self.endInsertRows()
        self.page_loaded.emit()

    def _failed(self, message: str) -> None:
        self._fetching = False
        self._more = False
        self.fetch_failed.emit(message)

    def _cells(self, row: RecordRow) -> tuple[str, ...]:
        values = [shown_value(self.record_type, name, row.summary.get(name))
                  for name in self.columns]
        if self.record_type.legal:
            values.append(tr(STATUS_LABELS.get(row.status, row.status)))
        return tuple(values)

    @property
    def busy(self) -> bool:
        return self._fetching

    # -- Qt model API ----------------------------------------------------------------------

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.headers)):
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_cache[index.row()][index.column()]
        if (role == Qt.ItemDataRole.ForegroundRole and self.rows[index.row()].status == "revoked"):
            return QColor("#b00020")
        return None

    def cells(self, row: RecordRow) -> tuple[str, ...]:
        return self._cells(row)

    def canFetchMore(self, parent=ROOT) -> bool:  # noqa: N802 - Qt API
        return (not parent.isValid() and self.record_type is not None and self._more
                and not self._fetching)

    def fetchMore(self, parent=ROOT) -> None:  # noqa: N802 - Qt API
        if self.canFetchMore(parent):
            self._fetch()


class RecordsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        try:
            self.types = load_record_types()
            broken = ""
        except DefinitionError as exc:  # a broken definition file: say so, list nothing
            self.types, broken = {}, str(exc)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("record-type")
        self._fill_types()
        self.query = QLineEdit(placeholderText=tr(
            "Tìm theo họ tên (gõ không dấu cũng được) hoặc số định danh, số giấy tờ…"))
        self.query.setClearButtonEnabled(True)
        self.date_from = QLineEdit(placeholderText=tr("Từ ngày"))
        self.date_to = QLineEdit(placeholderText=tr("Đến ngày"))
        for edit in (self.date_from, self.date_to):
            edit.setMaxLength(10)
            edit.setToolTip(tr("dd/mm/yyyy, mm/yyyy hoặc yyyy"))
            edit.setMaximumWidth(130)
            edit.editingFinished.connect(self._dates_edited)
        self.model = RecordListModel(ws)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        # Enter and double-click (Qt emits `activated` for both; doubleClicked too would open
        # the record twice).
        self.table.activated.connect(lambda index: self.open_record(index.row()))
        self.count = QLabel()
        self.count.setObjectName("count")
        self.status = QLabel(broken)
        self.status.setWordWrap(True)

        self.new_button = QPushButton(tr("Thêm (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_record)
        self.open_button = QPushButton(tr("Mở"))
        self.open_button.clicked.connect(lambda: self.open_record(self.table.currentIndex().row()))
        self.export_button = QPushButton(tr("Xuất Excel…"))
        self.export_button.clicked.connect(self.ask_export)
        self.import_button = QPushButton(tr("Nhập từ Excel…"))
        self.import_button.clicked.connect(self.open_import)
        self.can_write = ws.actor.can(Perm.RECORD_WRITE)
        self.can_export = ws.actor.can(Perm.PERSON_EXPORT) and ws.actor.can(Perm.RECORD_READ)
        self.new_button.setVisible(self.can_write)
        self.import_button.setVisible(self.can_write)
        self.export_button.setVisible(self.can_export)

        heading = QHBoxLayout()
        heading.addWidget(QLabel(f"<h2>{tr('Hồ sơ')}</h2>"))
        heading.addStretch(1)
        for button in (self.import_button, self.export_button, self.open_button,
                       self.new_button):
            heading.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Loại hồ sơ")))
        filters.addWidget(self.type_combo)
        filters.addWidget(self.query, 1)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self.query.returnPressed.connect(self.search)
        self.type_combo.currentIndexChanged.connect(lambda _i: self.search())
        self.model.fetch_failed.connect(self._show_error)
        self.model.page_loaded.connect(self._page_loaded)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, activated=self.new_record)
        self.dialog: RecordDialog | None = None
        self.import_wizard = None
        self.notice: QMessageBox | None = None
        self.total: int | None = None
        self._count_generation = 0
        self._loaded = False

    # -- the type chooser ------------------------------------------------------------------

    def _fill_types(self) -> None:
        model = QStandardItemModel(self.type_combo)
        order = list(GROUPS)
        domains = sorted({t.data_domain for t in self.types.values()},
                         key=lambda d: order.index(d) if d in order else len(order))
        bold = QFont()
        bold.setBold(True)
        for domain in domains:
            header = QStandardItem(_group_label(domain))
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a group heading, not a choice
            header.setFont(bold)
            model.appendRow(header)
            for code, record_type in self.types.items():
                if record_type.data_domain == domain:
                    item = QStandardItem("    " + type_label(record_type))
                    item.setData(code, _CODE)
                    model.appendRow(item)
        self.type_combo.setModel(model)
        first = next((r for r in range(model.rowCount()) if model.item(r).data(_CODE)), -1)
        self.type_combo.setCurrentIndex(first)

    def type_code(self) -> str | None:
        return self.type_combo.currentData(_CODE)

    def record_type(self) -> RecordType | None:
        return self.types.get(self.type_code() or "")

    def set_type(self, code: str) -> None:
        index = self.type_combo.findData(code, _CODE)
        if index >= 0:
            self.type_combo.setCurrentIndex(index)

    # -- listing ---------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.search()

    def _dates_edited(self) -> None:
        """Leaving a date box reloads only when the range really changed."""
        if not self._loaded:
            return
        try:
            bounds = (date_bound(self.date_from.text(), False),
                      date_bound(self.date_to.text(), True))
        except ValidationError:
            bounds = None  # search() says what is wrong
        if bounds != (self.model.filters.get("date_from"), self.model.filters.get("date_to")):
            self.search()

    def filters(self) -> tuple[str, str | None, str | None] | None:
        """(query, date_from, date_to), or None (with the message shown) for a wrong date."""
        try:
            return (self.query.text().strip(), date_bound(self.date_from.text(), False),
                    date_bound(self.date_to.text(), True))
        except ValidationError as exc:
            self._show_error("; ".join(message_text(m) for m in exc.errors.values()))
            return None

    def search(self) -> None:
        """(Re)load the list for the chosen type, query and dates; the count comes apart."""
        self._debounce.stop()
        self._loaded = True
        record_type, filters = self.record_type(), self.filters()
        if record_type is None or filters is None:
            return
        query, date_from, date_to = filters
        self.status.setText(tr("Đang tải…"))
        self.status.setStyleSheet("")
        self.total = None
        self.count.setText("")
        self.model.load(record_type, query, date_from, date_to)
        self._count_generation += 1
        generation, ws, code = self._count_generation, self.ws, record_type.code

        def counted(n: int) -> None:
            if generation == self._count_generation:
                self.total = n
                self.count.setText(tr("{n} hồ sơ").format(n=_count(n)))

        self._count_job = run_in_background(
            lambda: records.count_records(ws, code, query, date_from=date_from, date_to=date_to),
            counted, self._show_error)

    def _page_loaded(self) -> None:
        self.status.setText("" if self.model.rows or self.model.busy else (
            tr("Không tìm thấy hồ sơ nào.") if self.model.filters.get("query")
            or self.model.filters.get("date_from") or self.model.filters.get("date_to")
            else tr("Chưa có hồ sơ loại này.")))
        if len(self.model.rows) <= PAGE:
            self.table.resizeColumnsToContents()  # the first page only: cheap
            for column in range(self.model.columnCount()):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 320))

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #b00020")
        self.status.setText(message)

    # -- records ---------------------------------------------------------------------------

    def new_record(self) -> RecordDialog | None:
        if not self.can_write or self.record_type() is None:
            return None
        return self._open_dialog(self.type_code(), None)

    def open_record(self, row: int) -> RecordDialog | None:
        if 0 <= row < len(self.model.rows):
            return self._open_dialog(self.type_code(), self.model.rows[row].id)
        return None

    def _open_dialog(self, code: str | None, record_id: str | None) -> RecordDialog:
        dialog = RecordDialog(self.ws, code, record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.search())
        dialog.deleted.connect(lambda _id: self.search())
        self.dialog = dialog
        dialog.open()  # window-modal, does not block the event loop
        return dialog

    # -- Excel -----------------------------------------------------------------------------

    def open_import(self):
        """The Excel import wizard for the chosen type; the list reloads once rows are
        written."""
        if not self.can_write or self.record_type() is None:
            return None
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.ws, self.type_code(), self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda _counts: self.search())
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def ask_export(self) -> None:
        record_type = self.record_type()
        if not self.can_export or record_type is None:
            return
        folder = (QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                  or str(Path.home()))
        default = Path(folder) / f"ho-so-{record_type.code}-{date.today().isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Xuất danh sách hồ sơ {type}").format(type=type_label(record_type)),
            str(default), tr("Bảng tính Excel (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str | Path) -> None:
        """Every record of the chosen type to `path` (.xlsx), with progress and Dừng."""
        record_type = self.record_type()
        if not self.can_export or record_type is None:
            return
        self.export_button.setEnabled(False)
        ws, code = self.ws, record_type.code

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self._notify(QMessageBox.Icon.Information, tr(
                "Đã xuất {n} hồ sơ vào tệp “{path}”.").format(n=_count(count), path=path))

        def failed(message: str) -> None:
            self.export_button.setEnabled(True)
            self._notify(QMessageBox.Icon.Warning,
                         tr("Chưa xuất được danh sách: {error}").format(error=message))

        self._export_job = run_long(self, tr("Đang xuất danh sách hồ sơ…"),
                                    lambda progress: export_list(ws, code, path, progress),
                                    done, failed)

    def _notify(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, tr("Xuất Excel"), text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notice = box
        box.open()
