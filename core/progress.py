"""Progress and cancellation for long work, without Qt: the UI passes callbacks in.

`progress.step(done, total)` reports and is also the cancellation point: it raises
`Cancelled` once the person has asked to stop, so work stops between two safe steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.errors import Cancelled


@dataclass(frozen=True)
class Progress:
    report: Callable[[int, int], None] | None = None
    is_cancelled: Callable[[], bool] | None = None

    def step(self, done: int, total: int) -> None:
        if self.is_cancelled is not None and self.is_cancelled():
            raise Cancelled()
        if self.report is not None:
            self.report(done, total)

    def uncancellable(self) -> Progress:
        """The same reports, for a step that must run to its end once started."""
        return Progress(self.report, None)


NO_PROGRESS = Progress()
