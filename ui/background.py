"""Run work off the GUI thread; results come back to the GUI thread by signal.

Database work must never run on the GUI thread (DESIGN.md): every page calls
`run_in_background(fn, on_done, on_failed)`; a failure arrives as a Vietnamese message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.errors import XasoError
from core.progress import Progress
from ui.i18n import error_text, tr


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object]):
        super().__init__()
        self.fn, self.signals = fn, _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except XasoError as exc:
            self._emit(self.signals.failed, error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a silent crash
            self._emit(self.signals.failed,
                       tr("Lỗi không mong đợi: {error}").format(error=type(exc).__name__))
            return
        self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down: nobody is left to tell
            pass


# Jobs still running or not yet delivered: a caller may drop its reference (a newer search
# replaces an older one) and the job's signal object must outlive the worker's emit.
_running: set[_Job] = set()


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """Before closing the workspace: let running database jobs finish."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def run_in_background(fn, on_done, on_failed) -> _Job:
    return _start(_Job(fn), on_done, on_failed)


def _forgiving(callback):
    """Results of work that outlived its page: a closure over a widget that has been deleted
    meanwhile (the person switched page, closed a dialog) has nobody left to show them to."""
    def deliver(value) -> None:
        try:
            callback(value)
        except RuntimeError as exc:
            if "already deleted" not in str(exc):
                raise
    return deliver


def _start(job: _Job, on_done, on_failed) -> _Job:
    job.signals.done.connect(_forgiving(on_done))
    job.signals.failed.connect(_forgiving(on_failed))
    job.signals.done.connect(lambda _result: _running.discard(job))
    job.signals.failed.connect(lambda _message: _running.discard(job))
    _running.add(job)
    QThreadPool.globalInstance().start(job)
    return job


def run_with_progress(fn, on_done, on_failed, on_progress) -> _Job:
    """Long work: `fn(progress)` gets a core `Progress` whose reports arrive by signal
    (`on_progress(done, total)`), and `job.cancel()` makes its next step raise Cancelled."""
    stop = threading.Event()
    job = _Job(lambda: fn(Progress(report=job.signals.progress.emit, is_cancelled=stop.is_set)))
    job.signals.progress.connect(on_progress)
    job.cancel = stop.set
    return _start(job, on_done, on_failed)
