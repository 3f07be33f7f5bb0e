"""Tổng quan: the commune's dashboard — KPI tiles, level-2 coverage per hamlet and month by
month against the target, the work waiting, how fresh the upstream copy is. Every figure is
computed off the GUI thread (core.reports.dashboard) and clicks through to the list behind it
(`navigate(page, filters)`, which the main window follows)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.dates import show_iso
from core.reports.dashboard import Dashboard, dashboard
from core.services import vneid
from core.store import Workspace
from ui.background import run_in_background
from ui.charts import BarChart
from ui.i18n import tr
from ui.kpi_tile import KpiTile


def count_text(value: int | None) -> str:
    return "—" if value is None else f"{value:,}".replace(",", ".")  # Vietnamese thousands


def pct_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", ",")


class OverviewPage(QWidget):
    navigate = Signal(str, object)  # page key, filters for that page (dict)
    report_requested = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None,
                 today: date | None = None):
        super().__init__(parent)
        self.ws, self.today = ws, today  # None: the day of each refresh
        self.data: Dashboard | None = None
        self.tiles: dict[str, KpiTile] = {}
        main = [
            ("persons", tr("Cư dân"), "residents", {}),
            ("households", tr("Hộ gia đình"), "households", {}),
            ("coverage", tr("Có định danh mức 2 (từ 14 tuổi)"), "vneid", {"tab": "coverage"}),
            ("month.collected", tr("Thu nhận mức 2 trong tháng"), "residents",
             {"vneid_state": "submitted"}),
            ("month.activated", tr("Kích hoạt trong tháng"), "residents",
             {"vneid_state": "activated"}),
            ("overdue", tr("Việc quá hạn"), "vneid", {"tab": "worklist"}),
            ("due_soon", tr("Việc đến hạn trong 7 ngày"), "vneid", {"tab": "worklist"}),
            ("review", tr("Rà soát chưa xử lý"), "review", {}),
            ("pending", tr("Thay đổi chưa đồng bộ"), "sync", {}),
            ("hamlets", tr("Thôn, tổ dân phố"), "settings", {}),
        ]
        grid = QGridLayout()
        for i, (key, title, page, filters) in enumerate(main):
            grid.addWidget(self._tile(key, title, page, filters), i // 5, i % 5)
        states = QGridLayout()
        for i, (state, label) in enumerate(vneid.STATE_LABELS.items()):
            states.addWidget(self._tile(f"vneid.{state}", "VNeID: " + tr(label), "residents",
                                        {"vneid_state": state}, small=True), 0, i)
        self.coverage_chart = BarChart(tr("Tỷ lệ có định danh mức 2 theo thôn (từ 14 tuổi)"))
        self.coverage_chart.bar_clicked.connect(self._hamlet_clicked)
        self.progress_chart = BarChart(tr("Tiến độ từng tháng so với chỉ tiêu"))
        self.progress_chart.bar_clicked.connect(
            lambda _i: self.navigate.emit("vneid", {"tab": "coverage"}))
        charts = QHBoxLayout()
        charts.addWidget(self.coverage_chart, 3)
        charts.addWidget(self.progress_chart, 2)

        self.refresh_button = QPushButton(tr("Làm mới"))
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button = QPushButton(tr("Lập báo cáo…"))
        self.report_button.clicked.connect(self.report_requested)
        heading = QHBoxLayout()
        heading.addWidget(QLabel(f"<h2>{tr('Tổng quan')}</h2>"))
        heading.addStretch(1)
        heading.addWidget(self.refresh_button)
        heading.addWidget(self.report_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(grid)
        column.addLayout(states)
        column.addLayout(charts, 1)
        column.addWidget(self.message)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(scroll, 1)

    def _tile(self, key: str, title: str, page: str, filters: dict,
              small: bool = False) -> KpiTile:
        tile = KpiTile(title, small=small)
        tile.setObjectName(f"tile-{key}")
        tile.clicked.connect(lambda: self.navigate.emit(page, dict(filters)))
        self.tiles[key] = tile
        return tile

    def _hamlet_clicked(self, index: int) -> None:
        if self.data and 0 <= index < len(self.data.coverage):
            self.navigate.emit("residents", {"hamlet_id": self.data.coverage[index].hamlet_id})

    def refresh(self) -> None:
        self.message.setText(tr("Đang tính…"))
        ws, today = self.ws, self.today
        self._job = run_in_background(lambda: dashboard(ws, today), self._show,
                                      self.message.setText)

    def _show(self, data: Dashboard) -> None:
        self.data = data
        counts = data.counts
        total_eligible = sum(r.eligible for r in data.coverage)
        total_level2 = sum(r.level2 for r in data.coverage)
        share = round(100 * total_level2 / total_eligible, 1) if total_eligible else None
        month = tr("Kỳ {start} – {end}").format(start=show_iso(data.month.start.isoformat()),
                                                end=show_iso(data.month.end.isoformat()))
        target = (tr("chỉ tiêu {target}").format(target=pct_text(data.coverage_target))
                  if data.coverage_target is not None else "")
        oldest = ""
        if data.oldest_pending_days is not None:
            oldest = tr("cũ nhất {n} ngày trước").format(n=data.oldest_pending_days)
        values = {
            "persons": (count_text(counts.persons), ""),
            "households": (count_text(counts.households), ""),
            "hamlets": (count_text(counts.hamlets), ""),
            "coverage": (pct_text(share), tr("{n}/{of} người; {target}").format(
                n=count_text(total_level2), of=count_text(total_eligible), target=target)),
            "month.collected": (count_text(data.month_funnel["collected"]), month),
            "month.activated": (count_text(data.month_funnel["activated"]), month),
            "overdue": (count_text(data.overdue), ""),
            "due_soon": (count_text(data.due_soon), ""),
            "review": (count_text(data.review_backlog), ""),
            "pending": (count_text(data.pending_changes), oldest),
        }
        values |= {f"vneid.{s}": (count_text(counts.vneid_by_state.get(s, 0)), "")
                   for s in vneid.STATE_LABELS}
        for key, (text, note) in values.items():
            self.tiles[key].set_value(text, note)
        self.coverage_chart.set_data([r.hamlet for r in data.coverage],
                                     [r.coverage_pct for r in data.coverage],
                                     target=data.coverage_target, unit="%", maximum=100)
        self.progress_chart.set_data([tr("T{month}").format(month=int(p.label[5:]))
                                      for p in data.months],
                                     [p.coverage_pct for p in data.months],
                                     target=data.coverage_target, unit="%", maximum=100)
        self.message.setText(tr("Số liệu đến ngày {day}. Bấm vào một số để xem danh sách.")
                             .format(day=show_iso(data.today.isoformat())))
