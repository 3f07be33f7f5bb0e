"""VNeID: the "Hôm nay" worklist (due and overdue follow-ups), level-2 coverage per hamlet with
the funnel collected → issued → activated, and who still lacks level 2. Every list loads off the
GUI thread; a row opens the resident's VNeID journey."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.dates import show_iso
from core.services import digital_citizen, forms, vneid, vneid_reports
from core.store import Workspace
from ui.background import run_in_background
from ui.forms_html import attendee_sheet_html
from ui.i18n import tr
from ui.pages.collection_tab import CollectionTab
from ui.printing import offer_document
from ui.vneid_dialog import VneidDialog


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple], ids: list[str | None]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            item.setData(Qt.ItemDataRole.UserRole, ids[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class VneidPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.ws, self.today = ws, today or date.today()
        self.worklist = _table([tr("Hạn"), tr("Họ và tên"), tr("Thôn"), tr("Việc cần làm"),
                                tr("Trạng thái VNeID")])
        self.coverage = _table([tr("Thôn"), tr("Từ 14 tuổi"), tr("Đã thu nhận"), tr("Đã cấp"),
                                tr("Đã kích hoạt"), tr("Độ phủ mức 2")])
        self.lacking = _table([tr("Họ và tên"), tr("Ngày sinh"), tr("Thôn"), tr("Trạng thái"),
                               tr("Vướng mắc")])
        self.funnel = QLabel()
        self.status = QLabel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.worklist, tr("Hôm nay"))
        coverage_tab = QWidget()
        column = QVBoxLayout(coverage_tab)
        column.addWidget(self.coverage)
        column.addWidget(self.funnel)
        self.tabs.addTab(coverage_tab, tr("Độ phủ theo thôn"))
        self.tabs.addTab(self.lacking, tr("Chưa có mức 2"))
        self.digital = _table([tr("Thôn"), tr("Từ 14 tuổi")])
        self.tabs.addTab(self.digital, tr("Công dân số"))
        self.sessions = CollectionTab(ws, self.today)
        self.sessions.print_requested.connect(self.print_sheet)
        self.tabs.addTab(self.sessions, tr("Đợt thu nhận"))
        self.done_button = QPushButton(tr("Đánh dấu đã xong"))
        self.done_button.clicked.connect(self.mark_done)
        self.open_button = QPushButton(tr("Cập nhật VNeID…"))
        self.open_button.clicked.connect(self.open_selected)
        refresh = QPushButton(tr("Làm mới"))
        refresh.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.done_button, refresh):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('VNeID')}</h2>"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        for table in (self.worklist, self.lacking):
            table.doubleClicked.connect(lambda _index: self.open_selected())
        self.work_items: list = []
        self._loaded = False

    def apply_filter(self, tab: str | None = None, **_ignored) -> None:
        """Open a tab (a dashboard figure's list): worklist, coverage or lacking."""
        widget = {"worklist": self.worklist, "lacking": self.lacking}.get(tab or "")
        if tab == "coverage":
            widget = self.coverage.parentWidget()
        if widget is not None:
            self.tabs.setCurrentWidget(widget)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        ws, today = self.ws, self.today

        def load():
            return (vneid_reports.worklist(ws, today), vneid_reports.coverage(ws, today),
                    vneid_reports.lacking_level2(ws, today), digital_citizen.tally(ws, today))

        self.status.setText(tr("Đang tải…"))
        self._job = run_in_background(load, self._show, self.status.setText)
        self.sessions.load_sessions()

    def print_sheet(self, session_id: str) -> None:
        self._print_job = run_in_background(
            lambda: forms.attendee_sheet(self.ws, session_id),
            lambda sheet: offer_document(self, tr("Danh sách đợt thu nhận"),
                                         attendee_sheet_html(sheet),
                                         f"dot-thu-nhan-{sheet.held_on.replace('/', '-')}.pdf"),
            self.status.setText)

    def accept_card(self, card: dict, match) -> bool:
        """A QR scan while the collection tab is open adds the person to the session."""
        return self.tabs.currentWidget() is self.sessions and self.sessions.accept_card(card,
                                                                                      match)

    def _show(self, result) -> None:
        items, coverage, lacking, digital = result
        self._show_digital(digital)
        self.work_items = items
        _fill(self.worklist, [(show_iso(i.due_date) + (tr(" (quá hạn)") if i.overdue else ""),
                               i.full_name, i.hamlet, i.task,
                               tr(vneid.STATE_LABELS.get(i.vneid_state or "no_account", "")))
                              for i in items], [i.person_id for i in items])
        total = vneid_reports.total(coverage)
        _fill(self.coverage, [(r.hamlet, r.eligible, r.collected, r.issued, r.activated,
                               f"{r.coverage_pct}%") for r in [*coverage, total]],
              [None] * (len(coverage) + 1))
        self.coverage.item(len(coverage), 0).setText(tr("Toàn xã"))
        self.funnel.setText(tr("Đã thu nhận {collected} → đã cấp {issued} → đã kích hoạt "
                               "{activated} (trên {eligible} người từ 14 tuổi)").format(
            collected=total.collected, issued=total.issued, activated=total.activated,
            eligible=total.eligible))
        _fill(self.lacking, [(r["full_name"], show_iso(r["dob"]), r["hamlet"],
                              tr(vneid.STATE_LABELS.get(r["vneid_state"], "")),
                              tr(vneid.FAILURE_LABELS.get(r["failure_reason"] or "", "")))
                             for r in lacking], [r["person_id"] for r in lacking])
        self.status.setText(tr("{n} việc đến hạn hôm nay hoặc quá hạn").format(n=len(items)))

    def _show_digital(self, rows) -> None:
        keys = list(rows[0].met) if rows else []
        headers = [tr("Thôn"), tr("Từ 14 tuổi"),
                   *(tr(digital_citizen.CRITERIA[k]) for k in keys), tr("Đủ mọi tiêu chí")]
        self.digital.setColumnCount(len(headers))
        self.digital.setHorizontalHeaderLabels(headers)

        def pct(n: int, of: int) -> str:
            return f"{n} ({round(100 * n / of, 1) if of else 0.0}%)"

        _fill(self.digital, [(r.hamlet, r.eligible, *(pct(r.met[k], r.eligible) for k in keys),
                              pct(r.all_met, r.eligible)) for r in rows], [None] * len(rows))

    def _selected_person(self) -> str | None:
        table = self.tabs.currentWidget()
        if not isinstance(table, QTableWidget) or table.currentRow() < 0:
            return None
        return table.item(table.currentRow(), 0).data(Qt.ItemDataRole.UserRole)

    def open_selected(self) -> None:
        person_id = self._selected_person()
        if person_id:
            self.open_journey(person_id)

    def open_journey(self, person_id: str) -> VneidDialog:
        dialog = VneidDialog(self.ws, person_id, self, self.today)
        dialog.saved.connect(lambda _id: self.refresh())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def mark_done(self) -> None:
        row = self.worklist.currentRow()
        if self.tabs.currentWidget() is not self.worklist or not 0 <= row < len(self.work_items):
            return
        item_id = self.work_items[row].follow_up_id
        self._job = run_in_background(lambda: vneid.complete_follow_up(self.ws, item_id),
                                      lambda _r: self.refresh(), self.status.setText)
