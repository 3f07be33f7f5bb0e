"""What the desktop UI (and the CLI) call for sync: one small facade over sync/client.

    status(ws) -> SyncStatus                         the Đồng bộ page and the status bar
    is_due(status) -> bool                           the timer: interval, backoff after failures
    enroll(ws, hub_url, code, device_name=None)      admin only (Perm.SYNC_ADMIN)
    run_cycle(ws, progress=None, cancel=None, *, hub_url=None) -> CycleReport
    describe(report) -> str                          one Vietnamese line for a cycle or an ack
    problems(ws) -> list[SyncProblem]                conflicts / rejections, rows side by side
    resolve_conflict(ws, item_id, keep="mine"|"hub")
    guard(ws) -> Guard;  check_new_work(ws)          the unsynced-work guard
    export_bundle(ws, out_dir) -> Path;  import_ack(ws, path) -> AckReport   (USB)

Everything runs off the GUI thread (ui.background): `progress` is a core Progress
(report(done, total), total 0 while unknown; is_cancelled stops between batches and pages).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from core.i18n import QT_TR_NOOP, Msg
from core.services import sync_pull, sync_push, sync_state
from core.services.sync_guard import Guard, check_new_work
from core.services.sync_guard import evaluate as guard
from core.services.sync_review import SyncProblem, problems, resolve_conflict
from core.store import Workspace
from sync.client.bundles import AckReport, export_bundle, import_ack
from sync.client.cycle import SKEW_WARNING, CycleReport, run_cycle, seconds_until_due
from sync.client.enroll import enroll

MAX_CLOCK_SKEW_S = SKEW_WARNING
AUTO_INTERVAL = timedelta(minutes=10)  # background sync when nothing failed
# Columns the side-by-side view leaves out: bookkeeping and derived search keys.
HIDDEN_FIELDS = frozenset({"id", "version", "created_at", "updated_at", "updated_by",
                           "name_folded", "name_key", "sort_key", "title_folded"})


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    is_demo: bool
    hub_url: str | None
    device_id: str | None
    device_name: str | None
    commune_code: str | None
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    pending: int  # outbox entries the hub has not answered
    oldest_pending_at: datetime | None
    oldest_pending_age_days: float | None
    clock_skew: float | None  # seconds, hub minus this PC
    skew_warning: bool
    guard_level: str  # ok / warn / block
    guard_message: str | None
    in_flight_batch: str | None
    in_flight_exported: bool
    open_problems: int
    parked: int  # pulled rows waiting for a row they reference
    next_attempt_in: float  # seconds before the timer may retry (backoff), 0 = now
    next_attempt_at: datetime | None  # set after a retryable failure
    guard_days: int

    @property
    def last_success(self) -> datetime | None:
        return self.last_success_at

    @property
    def guard(self) -> str:
        return self.guard_level

    def as_dict(self) -> dict:
        return asdict(self)


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _open_problems(ws: Workspace) -> int:
    with ws.db.read() as session:
        return session.execute(text(
            "SELECT count(*) FROM review_item WHERE status = 'open' "
            "AND kind IN ('sync_conflict', 'sync_rejection')")).scalar_one()


def status(ws: Workspace) -> SyncStatus:
    """Where sync stands (no personal data: counts, times, ids of this PC)."""
    current = sync_state.get_state(ws)
    checked = guard(ws)
    batch = sync_push.in_flight(ws)
    skew = current.clock_skew if current else None
    return SyncStatus(
        enrolled=current is not None, is_demo=ws.is_demo,
        hub_url=current.hub_url if current else None,
        device_id=current.device_id if current else None,
        device_name=current.device_name if current else None,
        commune_code=sync_state.commune_code(ws),
        last_attempt_at=_aware(current.last_attempt_at) if current else None,
        last_success_at=_aware(current.last_success_at) if current else None,
        last_error=current.last_error if current else None,
        pending=checked.pending, oldest_pending_at=checked.oldest_at,
        oldest_pending_age_days=checked.age_days, clock_skew=skew,
        skew_warning=skew is not None and abs(skew) > SKEW_WARNING,
        guard_level=checked.level, guard_message=checked.message,
        in_flight_batch=batch.id if batch else None,
        in_flight_exported=bool(batch and batch.exported_at),
        open_problems=_open_problems(ws), parked=sync_pull.parked_count(ws),
        next_attempt_in=seconds_until_due(ws) if current else 0.0,
        next_attempt_at=_aware(current.next_attempt_at) if current else None,
        guard_days=checked.days)


def is_due(current: SyncStatus, now: datetime | None = None) -> bool:
    """Whether the background timer should start a cycle now."""
    if not current.enrolled or current.is_demo:
        return False
    now = now or datetime.now(UTC)
    if current.next_attempt_at is not None:
        return now >= current.next_attempt_at
    return current.last_attempt_at is None or now - current.last_attempt_at >= AUTO_INTERVAL


def _counts(counts: dict) -> str:
    return ", ".join(f"{n} {STATUS_WORDS.get(k, k)}" for k, n in sorted(counts.items()) if n)


STATUS_WORDS = {"applied": QT_TR_NOOP("đã nhận"), "duplicate": QT_TR_NOOP("đã nhận trước đó"),
                "conflict": QT_TR_NOOP("xung đột"), "rejected": QT_TR_NOOP("bị từ chối"),
                "mismatch": QT_TR_NOOP("trùng mã khác nội dung"),
                "held": QT_TR_NOOP("máy chủ chờ gửi lại")}


def describe(report: CycleReport | AckReport) -> str:
    """One Vietnamese sentence for the result of a cycle or of an imported USB ack."""
    if isinstance(report, AckReport):
        if report.already_recorded:
            return Msg(QT_TR_NOOP("Tệp xác nhận này đã được ghi nhận trước đó; không có gì "
                                  "thay đổi."))
        return Msg(QT_TR_NOOP("Đã ghi nhận trả lời của máy chủ: {counts}."),
                   counts=_counts(report.results) or "0")
    if report.cancelled or not report.ok:
        return report.error or ""
    sent = _counts(report.results)
    pulled = report.pulled.get("written", 0)
    text = Msg(QT_TR_NOOP("Đồng bộ xong. Gửi: {sent}. Nhận: {pulled} thay đổi."),
               sent=sent or "0", pulled=pulled)
    if report.review_items:
        text = Msg(QT_TR_NOOP("{text} Có {n} thay đổi cần xem lại."), text=text,
                   n=report.review_items)
    if report.skew_warning:
        text = Msg(QT_TR_NOOP("{text} Đồng hồ máy này lệch máy chủ {seconds} giây."),
                   text=text, seconds=round(report.clock_skew or 0))
    for note in report.notes:  # e.g. the report figures could not be sent this time
        text = Msg(QT_TR_NOOP("{text} {note}"), text=text, note=note)
    return text


__all__ = ["AUTO_INTERVAL", "HIDDEN_FIELDS", "MAX_CLOCK_SKEW_S", "AckReport", "CycleReport",
           "Guard", "SyncProblem", "SyncStatus", "check_new_work", "describe", "enroll",
           "export_bundle", "guard", "import_ack", "is_due", "problems", "resolve_conflict",
           "run_cycle", "seconds_until_due", "status"]
