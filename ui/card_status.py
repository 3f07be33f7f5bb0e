"""Card-reader state for the status bar: the self-healing monitor's events as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from card_reader.monitor import CardEvent, ReaderMonitor
from ui.i18n import tr


class CardStatus(QObject):
    """Emits `changed(text)` on the GUI thread (queued across threads by Qt)."""

    changed = Signal(str)
    _summary = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.text = tr("Đầu đọc: đang kiểm tra…")
        self._summary.connect(self._show)  # queued: emitted from the monitor thread
        self._monitor = ReaderMonitor(self._summarise)

    def start(self) -> None:
        self._monitor.start()

    def stop(self) -> None:
        self._monitor.stop()

    def _summarise(self, _event: CardEvent) -> None:
        """Runs on the monitor thread, the only one that changes its reader table."""
        monitor = self._monitor
        if not monitor.service_up:
            text = tr("Đầu đọc: dịch vụ thẻ không chạy")
        elif not monitor.readers:
            text = tr("Đầu đọc: chưa cắm")
        elif any(atr is not None for atr in monitor.readers.values()):
            text = tr("Đầu đọc: có thẻ")
        else:
            text = tr("Đầu đọc: sẵn sàng")
        self._summary.emit(text)

    def _show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.changed.emit(text)
