"""The unsynced-work guard (pure core: services call `check_new_work`) (DESIGN.md "Sync", MOSIP-style): changes that have waited too long
for the hub first warn, then (when the commune switched "block" on) stop new work until a sync
or a USB bundle gets them out.

Setting (core.services.settings): `sync_guard_days` N (default 7) and `sync_guard_block`.
- block off: the oldest waiting change ≥ N days old → warn;
- block on: ≥ N−2 days → warn ("will block soon"), ≥ N days → block.
Changes sealed into an exported USB bundle count from the export (core.services.sync_state).
Demo data never syncs, so it is never guarded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from core.errors import XasoError
from core.i18n import QT_TR_NOOP, Msg
from core.services import settings, sync_state
from core.store import Workspace

OK, WARN, BLOCK = "ok", "warn", "block"
_WARN_AHEAD_DAYS = 2


@dataclass(frozen=True)
class Guard:
    level: str  # ok / warn / block
    pending: int
    oldest_at: datetime | None
    age_days: float | None
    days: int
    block_enabled: bool
    message: str | None  # Vietnamese, for a banner (None when ok)


class SyncOverdue(XasoError):
    """New work refused: the commune's rule says sync first."""

    def __init__(self, days: int):
        super().__init__(Msg(QT_TR_NOOP(
            "Có thay đổi chưa gửi lên máy chủ quá {days} ngày nên tạm dừng nhập mới. Hãy đồng "
            "bộ (hoặc gửi gói USB và nhập tệp xác nhận), rồi làm tiếp."), days=days))


def evaluate(ws: Workspace, now: datetime | None = None) -> Guard:
    prefs = settings.get_settings(ws)
    days, block = prefs.sync_guard_days, prefs.sync_guard_block
    if ws.is_demo:
        return Guard(OK, 0, None, None, days, block, None)
    figures = sync_state.pending_figures(ws)
    if figures.oldest_at is None:
        return Guard(OK, figures.count, None, None, days, block, None)
    age = ((now or datetime.now(UTC)) - figures.oldest_at).total_seconds() / 86400
    level, message = OK, None
    if block and age >= days:
        level, message = BLOCK, str(SyncOverdue(days))
    elif block and age >= max(1, days - _WARN_AHEAD_DAYS):
        level, message = WARN, Msg(QT_TR_NOOP(
            "Có thay đổi chưa gửi lên máy chủ đã {age} ngày; đủ {days} ngày máy sẽ tạm dừng "
            "nhập mới. Hãy đồng bộ sớm."), age=int(age), days=days)
    elif age >= days:
        level, message = WARN, Msg(QT_TR_NOOP(
            "Có thay đổi chưa gửi lên máy chủ đã {age} ngày. Hãy đồng bộ (hoặc gửi gói USB)."),
            age=int(age))
    return Guard(level, figures.count, figures.oldest_at, round(age, 3), days, block, message)


def check_new_work(ws: Workspace, now: datetime | None = None) -> None:
    """Raise SyncOverdue when the guard blocks. Services that start new work (a new resident,
    a new record, an import) call it first; edits, conflict resolution and sync itself do not,
    so the backlog can always be cleared."""
    if ws.is_demo or not settings.get_settings(ws).sync_guard_block:
        return  # the common case: one settings read, no outbox scan
    guard = evaluate(ws, now)
    if guard.level == BLOCK:
        raise SyncOverdue(guard.days)
