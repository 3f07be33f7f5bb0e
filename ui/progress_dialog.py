"""Long work with a progress dialog and a Dừng (stop) button.

The dialog appears only when the work lasts over half a second; stopping asks the work to end
at its next safe step (core.progress), and the outcome still arrives through on_failed with the
Vietnamese "stopped" message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.background import run_with_progress
from ui.i18n import tr

SHOW_AFTER_MS = 500


def run_long(parent: QWidget, label: str, fn, on_done, on_failed):
    """Run `fn(progress)` off the GUI thread; returns the job (its dialog is `job.dialog`)."""
    dialog = QProgressDialog(label, tr("Dừng"), 0, 0, parent)
    dialog.setWindowTitle("Xã Số")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)

    def progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def finish(callback, value) -> None:
        dialog.canceled.disconnect(job.cancel)
        dialog.close()
        dialog.deleteLater()
        callback(value)

    job = run_with_progress(fn, lambda result: finish(on_done, result),
                            lambda message: finish(on_failed, message), progress)
    dialog.canceled.connect(job.cancel)
    job.dialog = dialog
    return job
