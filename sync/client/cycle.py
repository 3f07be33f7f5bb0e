"""One sync cycle: hello (clock), push every waiting batch, pull every new page, then the
commune's report figures when they are due (report_push; never fails the cycle).

The batch in flight is always sent first, byte for byte, and recorded before the next is
built. A retryable failure (no connection, timeout, 429, 5xx) schedules the next attempt with
exponential backoff and full jitter (1 s … 15 min); a refusal stops until a person acts.
Cancelling stops between batches or pages: what was sent or received stays recorded.
"""

from __future__ import annotations

import logging
import random
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta

from core.errors import Cancelled, XasoError
from core.i18n import QT_TR_NOOP
from core.progress import Progress
from core.services import sync_push, sync_state
from core.services.sync_pull import PullCounts
from core.store import Workspace
from sync.client import attachments, outbox_batches, report_push, results, state
from sync.client.errors import CycleCancelled, SyncFailure, WrongHub
from sync.client.pull import pull_all
from sync.client.transport import Hello, HubClient
from sync.protocol import ProtocolError

log = logging.getLogger(__name__)

BACKOFF_BASE = 1.0  # seconds
BACKOFF_CAP = 15 * 60.0
SKEW_WARNING = 300.0  # seconds: DESIGN.md "warn on clock skew > 5 min"
MAX_BATCHES = 100  # per cycle: 200,000 ops; the rest waits for the next cycle

_running = threading.Lock()  # one cycle at a time in this process (timer vs "Đồng bộ ngay")


class Steps:
    """Progress reports and the stop request, from a core Progress and/or a cancel callable
    (`report(done, total)`, total 0 while unknown; `check()` raises CycleCancelled)."""

    def __init__(self, progress: Progress | None, cancel: Callable[[], bool] | None):
        self._progress = progress or Progress()
        self._cancel = cancel

    def cancelled(self) -> bool:
        asked = self._progress.is_cancelled is not None and self._progress.is_cancelled()
        return asked or (self._cancel is not None and bool(self._cancel()))

    def check(self) -> None:
        if self.cancelled():
            raise CycleCancelled()

    def report(self, done: int, total: int = 0) -> None:
        if self._progress.report is not None:
            self._progress.report(done, total)


class AlreadyRunning(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP("Đang đồng bộ; hãy đợi lần này xong."))


@dataclass
class CycleReport:
    ok: bool = False
    results: dict[str, int] = field(default_factory=dict)  # count per result status
    batches: int = 0
    review_items: int = 0
    pulled: dict[str, int] = field(default_factory=lambda: asdict(PullCounts()))
    files_uploaded: int = 0
    files_downloaded: int = 0
    clock_skew: float | None = None
    skew_warning: bool = False
    error: str | None = None
    error_code: str | None = None
    retryable: bool = False
    next_attempt_in: float | None = None  # seconds, after a retryable failure
    cancelled: bool = False
    report_sent: bool = False  # the commune's report figures went to the hub (report_push)
    notes: list[str] = field(default_factory=list)  # what went wrong without failing the cycle

    def as_dict(self) -> dict:
        return asdict(self)


def backoff_delay(failures: int, rng: random.Random | None = None,
                  retry_after: float | None = None) -> float:
    """Full jitter: uniform in [0, min(cap, base·2^(n−1))], never before the hub's Retry-After."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, min(failures, 32) - 1))
    delay = (rng or random).uniform(0, ceiling)
    if retry_after:
        delay = max(delay, min(retry_after, BACKOFF_CAP))
    return delay


def _hello(ws: Workspace, client: HubClient, creds: state.Credentials,
           report: CycleReport) -> Hello:
    hello = client.hello()
    if hello.hub_id != creds.hub_id or hello.signing_key != state.public_text(creds):
        raise WrongHub()
    sync_state.record_skew(ws, hello.skew)
    client.skew = hello.skew
    report.clock_skew = round(hello.skew, 3)
    report.skew_warning = abs(hello.skew) > SKEW_WARNING
    if report.skew_warning:
        log.warning("clock skew with the hub: %.0f s", hello.skew)
    return hello


def _push(ws: Workspace, client: HubClient, creds: state.Credentials, hello: Hello,
          report: CycleReport, steps: Steps, max_ops: int) -> None:
    statuses: Counter = Counter()
    waiting = sync_state.pending_figures(ws).count
    for _ in range(MAX_BATCHES):
        steps.check()
        stored = outbox_batches.next_batch(ws, creds, max_body=hello.max_body, max_ops=max_ops)
        if stored is None:
            break
        batch = outbox_batches.open_stored(creds, stored.body)
        report.files_uploaded += attachments.upload_for_batch(ws, client, batch)
        sync_push.mark_sent(ws, stored.batch_id)
        answer = client.push(stored.body)
        counts = results.record(ws, batch, answer, "online")
        statuses.update(counts.by_status)
        report.batches += 1
        report.review_items += counts.review_items
        report.results = dict(statuses)
        steps.report(min(sum(statuses.values()), waiting), waiting)
        if set(counts.by_status) <= {sync_push.HELD}:
            break  # nothing final: the hub waits for something else; next cycle
    report.results = dict(statuses)


def run_cycle(ws: Workspace, progress: Progress | None = None,
              cancel: Callable[[], bool] | None = None, *, hub_url: str | None = None,
              max_ops: int = sync_push.MAX_OPS, client_options: dict | None = None) -> CycleReport:
    """One push/pull cycle. Failures are reported (and remembered in sync_state), not raised;
    permission, demo and enrollment problems are raised as XasoError.

    `progress`: a core Progress (report(done, total); its is_cancelled stops the cycle between
    batches or pages, like `cancel`). `max_ops`: smaller batches for a poor link."""
    sync_state.check_can_sync(ws)
    creds = state.load(ws)
    if not _running.acquire(blocking=False):
        raise AlreadyRunning()
    steps = Steps(progress, cancel)
    report = CycleReport()
    try:
        with state.client_for(creds, hub_url, **(client_options or {})) as client:
            sync_state.record_attempt(ws)
            try:
                steps.report(0, 0)
                hello = _hello(ws, client, creds, report)
                _push(ws, client, creds, hello, report, steps, max(1, int(max_ops)))
                pulled = pull_all(ws, client, progress=steps.report, cancel=steps.cancelled)
                report.pulled = asdict(pulled)
                _send_report(ws, client, report, steps)
            except (CycleCancelled, Cancelled) as exc:
                report.cancelled, report.error = True, str(CycleCancelled())
                report.error_code = getattr(exc, "code", "cancelled")
                return report
            except SyncFailure as exc:
                _failed(ws, report, str(exc), exc.code, exc.retryable, exc.retry_after)
                return report
            except ProtocolError as exc:  # our own stored batch or key unreadable
                _failed(ws, report, str(exc), exc.code, False, None)
                return report
            except XasoError as exc:  # a local refusal (rights, a damaged file): say it
                _failed(ws, report, str(exc), "local", False, None)
                return report
        report.ok = True
        moved = bool(report.results) or any(report.pulled.values())
        sync_state.record_success(ws, {"results": report.results, "pulled": report.pulled},
                                  moved=moved)
        return report
    finally:
        _running.release()


def _send_report(ws: Workspace, client: HubClient, report: CycleReport, steps: Steps) -> None:
    """The commune's report figures, when due; never fails the cycle (a note instead)."""
    if steps.cancelled():
        return
    changed = bool(report.results) or report.pulled.get("written", 0) > 0
    report.report_sent, note = report_push.send_if_due(ws, client, moved=changed)
    if note:
        report.notes.append(note)


def _failed(ws: Workspace, report: CycleReport, message: str, code: str, retryable: bool,
            retry_after: float | None) -> None:
    report.error, report.error_code, report.retryable = message, code, retryable
    failures = (sync_state.get_state(ws).failures or 0) + 1 if retryable else 0
    delay = backoff_delay(failures, retry_after=retry_after) if retryable else None
    report.next_attempt_in = round(delay, 3) if delay is not None else None
    when = datetime.now(UTC) + timedelta(seconds=delay) if delay is not None else None
    sync_state.record_failure(ws, message, retryable=retryable, next_attempt_at=when)
    log.warning("sync cycle failed (%s, retryable=%s)", code, retryable)


def seconds_until_due(ws: Workspace, now: datetime | None = None) -> float:
    """When the timer may start the next cycle (0: now); after failures, the backoff's time."""
    current = sync_state.get_state(ws)
    if current is None or current.next_attempt_at is None:
        return 0.0
    due = current.next_attempt_at
    due = due if due.tzinfo else due.replace(tzinfo=UTC)
    return max(0.0, (due - (now or datetime.now(UTC))).total_seconds())
