"""Báo cáo: pick a period (week, month, year or dates), the whole commune or one hamlet and a
template; see every indicator computed from the data; adjust a figure with its reason; write
the .xlsx in one click (with progress). The province's own form is set up once
(ui.report_template_dialog); period rules and targets in ui.report_settings_dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.auth import Perm
from core.dates import show_iso
from core.reports import settings
from core.reports.compute import Report, compute_report
from core.reports.export import export_report
from core.reports.periods import (
    Period,
    PeriodRules,
    containing,
    custom,
    following,
    previous,
)
from core.reports.templates import list_templates
from core.services import hamlets
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import current_language, tr
from ui.progress_dialog import run_long

KINDS = (("week", QT_TR_NOOP("Tuần")), ("month", QT_TR_NOOP("Tháng")),
         ("year", QT_TR_NOOP("Năm")), ("custom", QT_TR_NOOP("Tùy chọn")))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def figure_text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return tr("Có") if value else tr("Không")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


class ReportsPage(QWidget):
    COLUMNS = (QT_TR_NOOP("Chỉ tiêu"), QT_TR_NOOP("Kỳ này"), QT_TR_NOOP("Lũy kế từ đầu năm"),
               QT_TR_NOOP("Chỉ tiêu giao"), QT_TR_NOOP("% đạt"), QT_TR_NOOP("Ghi chú"))

    def __init__(self, ws: Workspace, parent: QWidget | None = None,
                 today: date | None = None):
        super().__init__(parent)
        self.ws, self.today = ws, today or date.today()
        self.rules = PeriodRules()
        self.report: Report | None = None
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(tr(label), key)
        self.kind.setCurrentIndex(1)  # monthly: what most provinces ask for
        self.day = QDateEdit(calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.day.setToolTip(tr("Một ngày bất kỳ trong kỳ báo cáo"))
        self.until = QDateEdit(calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.until_label = QLabel(tr("đến"))
        self.back = QToolButton(text="◀", toolTip=tr("Kỳ trước"))
        self.forward = QToolButton(text="▶", toolTip=tr("Kỳ sau"))
        self.hamlet = QComboBox()
        self.hamlet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.hamlet.addItem(tr("Toàn xã"), None)
        self.template = QComboBox()
        self.period_label = QLabel()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.adjust_selected())
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.compute_button = QPushButton(tr("Tính lại"))
        self.compute_button.clicked.connect(self.compute)
        self.adjust_button = QPushButton(tr("Điều chỉnh số liệu…"))
        self.adjust_button.clicked.connect(self.adjust_selected)
        self.template_button = QPushButton(tr("Mẫu báo cáo của tỉnh…"))
        self.template_button.clicked.connect(self.open_template_dialog)
        self.settings_button = QPushButton(tr("Kỳ báo cáo và chỉ tiêu giao…"))
        self.settings_button.clicked.connect(self.open_settings_dialog)
        self.export_button = QPushButton(tr("Lập báo cáo…"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.ask_export)
        can_export = ws.actor.can(Perm.REPORT_EXPORT)
        for button in (self.adjust_button, self.template_button, self.export_button):
            button.setEnabled(can_export)
        self.settings_button.setEnabled(ws.actor.can(Perm.SETTINGS_MANAGE))

        pickers = QHBoxLayout()
        pickers.addWidget(QLabel(tr("Kỳ")))
        pickers.addWidget(self.kind)
        pickers.addWidget(self.back)
        pickers.addWidget(self.day)
        pickers.addWidget(self.until_label)
        pickers.addWidget(self.until)
        pickers.addWidget(self.forward)
        pickers.addSpacing(12)
        pickers.addWidget(QLabel(tr("Phạm vi")))
        pickers.addWidget(self.hamlet)
        pickers.addSpacing(12)
        pickers.addWidget(QLabel(tr("Mẫu")))
        pickers.addWidget(self.template, 1)
        buttons = QHBoxLayout()
        for button in (self.compute_button, self.adjust_button, self.template_button,
                       self.settings_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('Báo cáo')}</h2>"))
        layout.addLayout(pickers)
        layout.addWidget(self.period_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.day.dateChanged.connect(lambda _d: self._period_changed())
        self.until.dateChanged.connect(lambda _d: self._period_changed())
        self.hamlet.currentIndexChanged.connect(lambda _i: self.compute())
        self.back.clicked.connect(lambda: self.step(-1))
        self.forward.clicked.connect(lambda: self.step(1))
        self._loaded = False
        self._quiet = True  # no computing while the pickers are being filled
        self.dialog = None
        self.notice: QMessageBox | None = None

    # -- set-up ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.load()

    def load(self) -> None:
        ws = self.ws

        def work():
            return (settings.period_rules(ws), hamlets.list_hamlets(ws), list_templates(ws))

        self.status.setText(tr("Đang tải…"))
        self._job = run_in_background(work, self._loaded_setup, self.status.setText)

    def _loaded_setup(self, result) -> None:
        self.rules, hamlet_rows, templates = result
        self._quiet = True
        current = self.template.currentData()
        self.template.clear()
        for template in templates:
            name = tr("Mẫu chung của Xã Số") if template.builtin else template.name
            self.template.addItem(name, template.id)
        self.template.setCurrentIndex(max(0, self.template.findData(current)))
        if self.hamlet.count() == 1:
            for hamlet in hamlet_rows:
                self.hamlet.addItem(hamlet.name, hamlet.id)
        if not self.report:
            self._set_default_day()
        self._quiet = False
        self._kind_changed()

    def _set_default_day(self) -> None:
        """The last complete period: a report is sent after its period ends."""
        kind = self.kind.currentData()
        if kind == "custom":
            self.day.setDate(_qdate(self.today.replace(day=1)))
            self.until.setDate(_qdate(self.today))
            return
        last = previous(containing(self.today, kind, self.rules), self.rules)
        self.day.setDate(_qdate(last.end))

    # -- the period ------------------------------------------------------------------------

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == "custom":
            return custom(_day(self.day.date()), _day(self.until.date()))
        return containing(_day(self.day.date()), kind, self.rules)

    def set_period(self, kind: str, day: date, until: date | None = None) -> None:
        self._quiet = True
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.day.setDate(_qdate(day))
        if until:
            self.until.setDate(_qdate(until))
        self._quiet = False
        self._kind_changed()

    def step(self, direction: int) -> None:
        period = self.period()
        target = (previous if direction < 0 else following)(period, self.rules)
        self._quiet = True
        self.day.setDate(_qdate(target.start if period.kind == "custom" else target.end))
        if period.kind == "custom":
            self.until.setDate(_qdate(target.end))
        self._quiet = False
        self._period_changed()

    def _kind_changed(self) -> None:
        is_custom = self.kind.currentData() == "custom"
        self.until.setVisible(is_custom)
        self.until_label.setVisible(is_custom)
        self._period_changed()

    def _period_changed(self) -> None:
        if self._quiet:
            return
        try:
            period = self.period()
        except Exception as exc:  # noqa: BLE001 - a custom range ending before it starts
            from ui.i18n import error_text

            self.period_label.setText(error_text(exc))
            return
        self.period_label.setText(tr("Kỳ báo cáo: {start} – {end} ({days} ngày)").format(
            start=show_iso(period.start.isoformat()), end=show_iso(period.end.isoformat()),
            days=period.days))
        self.compute()

    # -- computing -------------------------------------------------------------------------

    def compute(self) -> None:
        if self._quiet or not self._loaded:
            return
        try:
            period = self.period()
        except Exception:  # noqa: BLE001 - shown by _period_changed
            return
        ws, hamlet_id, today = self.ws, self.hamlet.currentData(), self.today
        self.status.setText(tr("Đang tính…"))
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation
        self._job = run_in_background(lambda: compute_report(ws, period, hamlet_id, today),
                                      lambda report: self._show(generation, report),
                                      self.status.setText)

    def _show(self, generation: int, report: Report) -> None:
        if generation != self._generation:  # the period changed meanwhile
            return
        self.report = report
        lang = current_language()
        self.table.setRowCount(len(report.values))
        for row, value in enumerate(report.values):
            indicator = value.indicator
            unit = indicator.unit_in(lang)
            notes = []
            if value.override or value.cumulative_override:
                notes.append(tr("Đã điều chỉnh (số tính từ dữ liệu: {n})").format(
                    n=figure_text(value.computed if value.override
                                  else value.computed_cumulative)))
                notes += [o.note for o in (value.override, value.cumulative_override) if o]
            cells = [indicator.name_in(lang), figure_text(value.value),
                     figure_text(value.cumulative) if indicator.cumulative else "",
                     figure_text(value.target) if value.target is not None else "",
                     figure_text(value.progress) if value.progress is not None else "",
                     " ".join(notes)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, value.code)
                if column in (1, 2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                          Qt.AlignmentFlag.AlignVCenter)
                    if unit and text and column < 4:
                        item.setToolTip(unit)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()  # headers included: nothing cut
        self.status.setText(tr("Tính đến hết ngày {day}; lũy kế từ {start}.").format(
            day=show_iso(report.as_of.isoformat()), start=show_iso(report.ytd.start.isoformat())))

    def row_of(self, code: str) -> int:
        return next(r for r in range(self.table.rowCount())
                    if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == code)

    # -- adjusting, templates, settings ----------------------------------------------------

    def adjust_selected(self):
        from ui.report_dialogs import OverrideDialog

        row = self.table.currentRow()
        if self.report is None or row < 0 or not self.ws.actor.can(Perm.REPORT_EXPORT):
            return None
        value = self.report.values[row]
        self.dialog = OverrideDialog(self.ws, self.report.period, value,
                                     self.hamlet.currentData(), self)
        self.dialog.saved.connect(self.compute)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        return self.dialog

    def open_template_dialog(self):
        from ui.report_template_dialog import ReportTemplateDialog

        self.dialog = ReportTemplateDialog(self.ws, self)
        self.dialog.saved.connect(lambda _id: self.load())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        return self.dialog

    def open_settings_dialog(self):
        from ui.report_dialogs import ReportSettingsDialog

        self.dialog = ReportSettingsDialog(self.ws, self)
        self.dialog.saved.connect(lambda: (setattr(self, "report", None), self.load()))
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        return self.dialog

    # -- export ----------------------------------------------------------------------------

    def ask_export(self) -> None:
        try:
            period = self.period()
        except Exception:  # noqa: BLE001 - the label already says what is wrong
            return
        name = f"bao-cao-{period.label.replace('..', '_den_')}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu báo cáo"),
                                              str(Path.home() / name), tr("Excel (*.xlsx)"))
        if path:
            self.export_to(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_to(self, path: str | Path):
        period, hamlet_id = self.period(), self.hamlet.currentData()
        template_id = self.template.currentData() or "default"
        ws, today, lang = self.ws, self.today, current_language()
        shown = self.report  # what the table shows is what the file gets (same period/hamlet)
        self.export_button.setEnabled(False)

        def done(exported) -> None:
            self.export_button.setEnabled(True)
            self.exported = exported
            self._show(self._generation, exported.report)  # the figures the file holds
            self.status.setText(tr("Đã lưu báo cáo: {path}").format(path=exported.path))

        def failed(message: str) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(message)
            self.notice = QMessageBox(QMessageBox.Icon.Warning, "Xã Số", message,
                                      parent=self)
            self.notice.show()

        self._generation = getattr(self, "_generation", 0) + 1
        self._export_job = run_long(
            self, tr("Đang lập báo cáo…"),
            lambda progress: export_report(ws, template_id, period, Path(path), hamlet_id,
                                           today, progress, lang, shown),
            done, failed)
        return self._export_job
