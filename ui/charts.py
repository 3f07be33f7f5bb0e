"""A small bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials).

Bars with their value on top, category labels underneath, an optional dashed target line;
a click on a bar emits its index, so every bar leads to the list behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.i18n import tr

BAR = QColor("#2f6fb0")
BAR_HOVER = QColor("#1d4f85")
TARGET = QColor("#c0392b")
GRID = QColor("#d0d0d0")


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")  # Vietnamese
    return text + unit


class BarChart(QWidget):
    bar_clicked = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.values: list[float | None] = []
        self.target: float | None = None
        self.unit = ""
        self.maximum: float | None = None
        self._hover = -1
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_data(self, labels: list[str], values: list[float | None], *,
                 target: float | None = None, unit: str = "", maximum: float | None = None
                 ) -> None:
        self.labels, self.values, self.target, self.unit = list(labels), list(values), target, unit
        self.maximum = maximum
        summary = ", ".join(f"{label}: {_number(value, unit)}"
                            for label, value in zip(labels, values, strict=True))
        if target is not None:
            summary += " — " + tr("chỉ tiêu {target}").format(target=_number(target, unit))
        self.setToolTip(summary)
        self.setAccessibleDescription(summary)
        self.update()

    # -- geometry --------------------------------------------------------------------------

    def _plot(self) -> QRectF:
        metrics = QFontMetrics(self.font())
        top = metrics.height() * 2 + 6
        bottom = metrics.height() * 2 + 8
        return QRectF(8, top, max(1, self.width() - 16), max(1, self.height() - top - bottom))

    def _scale(self) -> float:
        values = [v for v in self.values if v is not None]
        if self.target is not None:
            values.append(self.target)
        return self.maximum or max(values + [1]) * 1.1

    def _bar(self, index: int) -> QRectF:
        plot = self._plot()
        slot = plot.width() / max(1, len(self.values))
        value = self.values[index] or 0
        height = plot.height() * min(1.0, value / self._scale())
        return QRectF(plot.left() + slot * index + slot * 0.15, plot.bottom() - height,
                      slot * 0.7, height)

    def bar_at(self, x: float) -> int:
        plot = self._plot()
        if not self.values or not plot.left() <= x <= plot.right():
            return -1
        return min(len(self.values) - 1, int((x - plot.left()) / (plot.width() / len(self.values))))

    # -- events ----------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        index = self.bar_at(event.position().x())
        if index != self._hover:
            self._hover = index
            self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._hover = -1
        self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        index = self.bar_at(event.position().x())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.bar_clicked.emit(index)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(0, 0, self.width(), metrics.height() + 2),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self.font())
        plot = self._plot()
        painter.setPen(QPen(GRID))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.values:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, tr("Chưa có số liệu"))
            return
        slot = plot.width() / len(self.values)
        for index, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            bar = self._bar(index)
            painter.fillRect(bar, BAR_HOVER if index == self._hover else BAR)
            painter.setPen(QPen(self.palette().text().color()))
            shown = _number(value, self.unit)
            if metrics.horizontalAdvance(shown) > slot - 2:  # narrow bars: no unit
                shown = _number(value, "")
            painter.drawText(QRectF(bar.left() - slot * 0.15, bar.top() - metrics.height() - 2,
                                    slot, metrics.height()), Qt.AlignmentFlag.AlignCenter, shown)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            painter.drawText(QRectF(plot.left() + slot * index, plot.bottom() + 4, slot,
                                    metrics.height()), Qt.AlignmentFlag.AlignCenter, text)
        if self.target is not None:
            y = plot.bottom() - plot.height() * min(1.0, self.target / self._scale())
            pen = QPen(TARGET, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            label = tr("Chỉ tiêu {target}").format(target=_number(self.target, self.unit))
            box = QRectF(plot.right() - metrics.horizontalAdvance(label) - 6,
                         y - metrics.height() - 1, metrics.horizontalAdvance(label) + 6,
                         metrics.height())
            painter.fillRect(box, self.palette().window())  # legible over a bar
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
