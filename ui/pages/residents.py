"""Cư dân: every resident in Vietnamese order, fetched a page at a time as the list scrolls, and
as-you-type folded search (debounced). Never loads all rows; every query runs off the GUI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QT_TR_NOOP,
    QModelIndex,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
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

from core.auth import PERM_LABELS, Perm
from core.dates import show_iso
from core.errors import PermissionDenied
from core.imports.export import export_list
from core.search import PersonFilter, PersonHit
from core.services import hamlets, persons, vneid
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import error_text, tr
from ui.import_wizard import ImportWizard
from ui.person_dialog import PersonDialog
from ui.progress_dialog import run_long
from ui.table_model import ROOT, ListTableModel

PAGE = 200
SEARCH_LIMIT = 200
DEBOUNCE_MS = 40  # shorter than a pause between keystrokes; a search takes ~5–15 ms



class PersonListModel(ListTableModel):
    """Rows of PersonHit. In browse mode more rows are fetched lazily (canFetchMore/fetchMore)
    by keyset paging on the search rank; in search mode the model holds one result set."""

    HEADERS = (QT_TR_NOOP("Họ và tên"), QT_TR_NOOP("Ngày sinh"), QT_TR_NOOP("Giới tính"), QT_TR_NOOP("Số định danh"), QT_TR_NOOP("Thôn"))
    fetch_failed = Signal(str)

    def __init__(self, ws: Workspace):
        super().__init__()
        self.ws = ws
        self.total = 0
        self._last_rank: int | None = None
        self._browsing = False
        self._fetching = False
        self.searching = False  # the rows are a search result, not the whole list
        self.where: PersonFilter | None = None
        self._generation = 0  # answers of an older browse/search are dropped

    # -- filling ---------------------------------------------------------------------------

    def browse(self, where: PersonFilter | None = None) -> None:
        self._generation += 1
        self._browsing, self._fetching, self.searching = True, True, False
        self.where = where
        self._set([], 0)
        generation = self._generation
        self._job = run_in_background(lambda: persons.browse(self.ws, None, PAGE, where),
                                      lambda r: self._append(generation, r),
                                      self._failed)

    def show_results(self, hits: list[PersonHit]) -> None:
        self._generation += 1
        self._browsing, self.searching = False, True
        self._set(hits, len(hits))

    def _set(self, rows: list[PersonHit], total: int) -> None:
        self.beginResetModel()
        self.rows, self.total, self._last_rank = rows, total, None
        self.endResetModel()

    def _append(self, generation: int, result) -> None:
        self._fetching = False
        if generation != self._generation:
            return
        total, page = result
        self.total = total
        if not page:
            self._browsing = False
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.rows.extend(hit for _, hit in page)
        self._last_rank = page[-1][0]
        self.endInsertRows()

    def _failed(self, message: str) -> None:
        self._fetching = False
        self.fetch_failed.emit(message)

    # -- Qt model API ----------------------------------------------------------------------

    def canFetchMore(self, parent=ROOT) -> bool:  # noqa: N802 - Qt API
        return (not parent.isValid() and self._browsing and not self._fetching
                and self._last_rank is not None and len(self.rows) < self.total)

    def fetchMore(self, parent=ROOT) -> None:  # noqa: N802 - Qt API
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, after, where = self._generation, self._last_rank, self.where
        self._job = run_in_background(lambda: persons.browse(self.ws, after, PAGE, where),
                                      lambda r: self._append(generation, r), self._failed)

    def cells(self, hit: PersonHit) -> tuple[str, ...]:
        sex = tr(persons.SEX_LABELS.get(hit.sex or "", ""))
        return (hit.full_name, show_iso(hit.dob), sex, hit.personal_number or "", hit.hamlet or "")


AGE_BANDS = [  # (label, min age, max age)
    (QT_TR_NOOP("Mọi độ tuổi"), None, None), (QT_TR_NOOP("Dưới 6 tuổi"), 0, 5), (QT_TR_NOOP("6–13 tuổi"), 6, 13),
    (QT_TR_NOOP("14–17 tuổi"), 14, 17), (QT_TR_NOOP("18–59 tuổi"), 18, 59), (QT_TR_NOOP("Từ 60 tuổi"), 60, None),
]


class FilterBar(QWidget):
    """Hamlet, age band, sex, VNeID status, has-ID: `changed` whenever one changes."""

    changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.hamlet = QComboBox()
        self.hamlet.addItem(tr("Mọi thôn"), None)
        self.age = QComboBox()
        for label, low, high in AGE_BANDS:
            self.age.addItem(tr(label), (low, high))
        self.sex = QComboBox()
        for value, label in ((None, QT_TR_NOOP("Nam và nữ")), ("M", QT_TR_NOOP("Nam")),
                             ("F", QT_TR_NOOP("Nữ"))):
            self.sex.addItem(tr(label), value)
        self.vneid = QComboBox()
        self.vneid.addItem(tr("Mọi trạng thái VNeID"), None)
        for value, label in vneid.STATE_LABELS.items():
            self.vneid.addItem(tr(label), value)
        self.has_id = QComboBox()
        for value, label in ((None, QT_TR_NOOP("Có hoặc chưa có số định danh")),
                             (True, QT_TR_NOOP("Có số định danh")),
                             (False, QT_TR_NOOP("Chưa có số định danh"))):
            self.has_id.addItem(tr(label), value)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for combo in (self.hamlet, self.age, self.sex, self.vneid, self.has_id):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            row.addWidget(combo)
        row.addStretch(1)
        self._loaded = False
        self._pending_hamlet: str | None = None

    def load(self) -> None:
        if not self._loaded:
            self._loaded = True
            self._job = run_in_background(lambda: hamlets.list_hamlets(self.ws),
                                          self._fill_hamlets, lambda _m: None)

    def _fill_hamlets(self, hamlets) -> None:
        self.hamlet.blockSignals(True)
        for hamlet in hamlets:
            self.hamlet.addItem(hamlet.name, hamlet.id)
        self.hamlet.blockSignals(False)
        if self._pending_hamlet is not None:  # asked for before the hamlets were loaded
            self.select(hamlet_id=self._pending_hamlet)

    def select(self, *, hamlet_id: str | None = None, vneid_state: str | None = None,
               has_id: bool | None = None) -> None:
        """Set the filters at once (a dashboard figure opening its list): one `changed`."""
        self._pending_hamlet = hamlet_id if self.hamlet.findData(hamlet_id) < 0 else None
        combos = ((self.hamlet, hamlet_id), (self.age, (None, None)), (self.sex, None),
                  (self.vneid, vneid_state), (self.has_id, has_id))
        for combo, value in combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.changed.emit()

    def value(self) -> PersonFilter:
        low, high = self.age.currentData()
        year = date.today().year
        return PersonFilter(
            hamlet_id=self.hamlet.currentData(), sex=self.sex.currentData(),
            born_from=year - high if high is not None else None,
            born_to=year - low if low is not None else None,
            vneid_state=self.vneid.currentData(), has_id=self.has_id.currentData())


class ResidentsPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.query = QLineEdit(placeholderText=tr(
            "Tìm theo họ tên (gõ không dấu cũng được), số định danh, CMND, điện thoại…  (Ctrl+F)"))
        self.query.setClearButtonEnabled(True)
        self.model = PersonListModel(ws)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 280)  # full names are long; never cut the name
        self.table.verticalHeader().setVisible(False)
        self.status = QLabel()
        self.filters = FilterBar(ws)
        self.filters.changed.connect(self._search)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.filters)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        self.query.textChanged.connect(lambda _: self._debounce.start())
        self.query.returnPressed.connect(self._search)
        self.model.rowsInserted.connect(self._count_changed)
        self.model.modelReset.connect(self._count_changed)
        self.model.fetch_failed.connect(self.status.setText)
        self.table.doubleClicked.connect(lambda index: self.open_person(index.row()))
        self.table.activated.connect(lambda index: self.open_person(index.row()))  # Enter
        self.new_button = QPushButton(tr("Thêm cư dân (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_person)
        self.new_button.setEnabled(ws.actor.can(Perm.PERSON_WRITE))
        self.import_button = QPushButton(tr("Nhập từ Excel…"))
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton(tr("Xuất Excel…"))
        self.export_button.clicked.connect(self.ask_export)
        for button, perm in ((self.import_button, Perm.PERSON_WRITE),
                             (self.export_button, Perm.PERSON_EXPORT)):
            allowed = ws.actor.can(perm)
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip(error_text(PermissionDenied(PERM_LABELS[perm])))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_button, self.export_button, self.new_button):
            buttons.addWidget(button)
        layout.insertLayout(0, buttons)
        self.import_wizard: ImportWizard | None = None
        self.notice: QMessageBox | None = None
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, activated=self.new_person)
        self.dialog: PersonDialog | None = None
        self._shown_query = ""  # the query whose results are on screen
        self._generation = 0

    def new_person(self) -> None:
        if self.ws.actor.can(Perm.PERSON_WRITE):
            self._open_dialog(None)

    # -- Excel ----------------------------------------------------------------------------

    def open_import(self) -> None:
        """The import wizard for residents; the list reloads once rows are written."""
        if not self.ws.actor.can(Perm.PERSON_WRITE):
            return
        wizard = ImportWizard(self.ws, "person", self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda _counts: self._search())
        self.import_wizard = wizard
        wizard.open()  # window-modal, does not block the event loop

    def ask_export(self) -> None:
        if not self.ws.actor.can(Perm.PERSON_EXPORT):
            return
        folder = (QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                  or str(Path.home()))
        default = Path(folder) / f"cu-dan-{date.today().isoformat()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, tr("Xuất danh sách cư dân"), str(default),
                                              tr("Bảng tính Excel (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str | Path) -> None:
        """Every resident to `path` (.xlsx), off the GUI thread with progress and Dừng."""
        self.export_button.setEnabled(False)
        ws = self.ws

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self._notify(QMessageBox.Icon.Information, tr(
                "Đã xuất {n} cư dân vào tệp “{path}”.").format(
                n=f"{count:,}".replace(",", "."), path=path))

        def failed(message: str) -> None:
            self.export_button.setEnabled(True)
            self._notify(QMessageBox.Icon.Warning,
                         tr("Chưa xuất được danh sách: {error}").format(error=message))

        self._export_job = run_long(self, tr("Đang xuất danh sách cư dân…"),
                                    lambda progress: export_list(ws, "person", path, progress),
                                    done, failed)

    def _notify(self, icon: QMessageBox.Icon, text: str) -> None:
        """A message that does not block the event loop (window-modal)."""
        box = QMessageBox(icon, tr("Xuất Excel"), text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notice = box
        box.open()

    def open_person(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self._open_dialog(self.model.rows[row].id)

    def _open_dialog(self, person_id: str | None) -> None:
        self.dialog = PersonDialog(self.ws, person_id, self)
        self.dialog.saved.connect(lambda _id: self._search())
        self.dialog.deleted.connect(lambda _id: self._search())
        self.dialog.open()  # window-modal, does not block the event loop

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.model.rows and not self.query.text().strip():
            self.model.browse(self.filters.value())
        self.filters.load()

    def apply_filter(self, hamlet_id: str | None = None, vneid_state: str | None = None,
                     has_id: bool | None = None, **_ignored) -> None:
        """Show the list behind a dashboard figure: no query, just these filters."""
        self.query.blockSignals(True)
        self.query.clear()
        self.query.blockSignals(False)
        self.filters.load()
        self.filters.select(hamlet_id=hamlet_id, vneid_state=vneid_state, has_id=has_id)

    def _search(self) -> None:
        self._debounce.stop()
        text = self.query.text().strip()
        self._generation += 1
        where = self.filters.value()
        if not text:
            self.model.browse(where)
            return
        generation = self._generation
        self._job = run_in_background(
            lambda: persons.search_filtered(self.ws, text, SEARCH_LIMIT, where),
            lambda hits: self._results(generation, text, hits), self.status.setText)

    def _results(self, generation: int, text: str, hits: list[PersonHit]) -> None:
        if generation == self._generation:  # a newer keystroke already asked again
            self._shown_query = text
            self.model.show_results(hits)

    def _count_changed(self, *_args) -> None:
        model = self.model
        if model.searching:
            more = tr(" (hiển thị {n} đầu tiên; gõ thêm để thu hẹp)").format(n=SEARCH_LIMIT)
            self.status.setText(tr("{n} kết quả").format(n=len(model.rows))
                                + (more if len(model.rows) >= SEARCH_LIMIT else ""))
        else:
            self.status.setText(tr("{n} cư dân").format(n=f"{model.total:,}".replace(",", ".")))
