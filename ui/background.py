"""Run work off the GUI thread; results come back to the GUI thread by signal.

Database work must never run on the GUI thread (DESIGN.md): every page calls
`run_in_background(fn, on_done, on_failed)`; a failure arrives as a Vietnamese message.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.errors import XasoError


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object]):
        super().__init__()
        self.fn, self.signals = fn, _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except XasoError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a silent crash
            self.signals.failed.emit(f"Lỗi không mong đợi: {type(exc).__name__}")
            return
        self.signals.done.emit(result)


def run_in_background(fn, on_done, on_failed) -> _Job:
    job = _Job(fn)
    job.signals.done.connect(on_done)
    job.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(job)
    return job
