"""Tổng quan: the commune's real counts (residents, households, VNeID journey, pending changes)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.services import vneid
from core.services.overview import Overview, overview
from core.store import Workspace
from ui.background import run_in_background
from ui.i18n import tr


class OverviewPage(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.tiles: dict[str, QLabel] = {}
        grid = QGridLayout()
        keys = [("persons", tr("Cư dân")), ("households", tr("Hộ gia đình")),
                ("hamlets", tr("Thôn, tổ dân phố")), ("pending", tr("Thay đổi chưa đồng bộ"))]
        keys += [(f"vneid.{state}", "VNeID: " + tr(label)) for state, label in vneid.STATE_LABELS.items()]
        for i, (key, label) in enumerate(keys):
            value = QLabel("…")
            value.setObjectName(f"tile-{key}")
            grid.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
            self.tiles[key] = value
        self.refresh_button = QPushButton(tr("Làm mới"))
        self.refresh_button.clicked.connect(self.refresh)
        self.message = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2>{tr('Tổng quan')}</h2>"))
        layout.addLayout(grid)
        layout.addWidget(self.refresh_button)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def refresh(self) -> None:
        self.message.clear()
        self._job = run_in_background(lambda: overview(self.ws), self._show, self.message.setText)

    def _show(self, data: Overview) -> None:
        values = {"persons": data.persons, "households": data.households,
                  "hamlets": data.hamlets, "pending": data.pending_changes}
        values |= {f"vneid.{s}": data.vneid_by_state.get(s, 0) for s in vneid.STATE_LABELS}
        for key, value in values.items():
            self.tiles[key].setText(f"{value:,}".replace(",", "."))  # Vietnamese thousands
