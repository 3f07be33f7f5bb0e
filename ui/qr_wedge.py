"""A USB QR scanner anywhere in the app: it "types" the card's QR payload as a burst of keys.

An application-wide event filter feeds every key press to card_reader's WedgeBurstDetector.
Once the keys look like a scanner (several within a few milliseconds) they are held back from
the focused widget; the first few that got through before that are taken back out of a line
edit. A completed burst is emitted as `scanned(payload)`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLineEdit

from card_reader.qr import WedgeBurstDetector


class QrWedge(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.detector = WedgeBurstDetector()
        self._leaked = 0  # keys of the current burst that reached a widget before detection

    def start(self) -> None:
        QCoreApplication.instance().installEventFilter(self)

    def stop(self) -> None:
        QCoreApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress:
            return False
        # A key event reaches the window, then the focus widget, then maybe its parents:
        # count it once, where it is meant to land.
        if watched is not (QApplication.focusWidget() or QApplication.activeWindow()):
            return False
        key = event.key()
        char = "\r" if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) else event.text()
        if not char:
            return False
        was_burst = self.detector.in_burst
        payload = self.detector.feed(char, time.monotonic() * 1000)
        if payload is not None:
            self._take_back_leaked_keys()
            self.scanned.emit(payload)
            return True
        if self.detector.in_burst:
            if not was_burst:
                self._leaked = 3  # the keys before this one went through
            return True
        self._leaked = 0
        return False

    def _take_back_leaked_keys(self) -> None:
        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit) and self._leaked:
            for _ in range(min(self._leaked, len(widget.text()))):
                widget.backspace()
        self._leaked = 0
