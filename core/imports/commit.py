"""Committing a previewed plan: one transaction, all-or-nothing unless told "valid rows only"."""

from __future__ import annotations

from core import audit
from core.errors import ValidationError
from core.gc_pause import gc_paused
from core.i18n import QT_TR_NOOP, Msg
from core.imports.plan import Plan
from core.imports.targets import target_module
from core.progress import NO_PROGRESS, Progress
from core.services import sync_guard
from core.store import Workspace


def commit(ws: Workspace, plan: Plan, valid_only: bool = False,
           progress: Progress = NO_PROGRESS) -> dict[str, int]:
    """Write the plan. With errors and without `valid_only`, nothing is written.

    Cancelling (progress raises Cancelled) or any failure rolls the whole import back; so does
    a kill: it is one SQLite transaction. A row changed by someone else since the preview
    (StaleVersion) aborts the import too: preview again.
    """
    counts = plan.counts()
    if counts["error"] and not valid_only:
        raise ValidationError({"": Msg(QT_TR_NOOP(
            "Còn {n} dòng lỗi nên chưa nhập gì. Hãy sửa tệp theo báo cáo lỗi, hoặc chọn “Chỉ "
            "nhập các dòng hợp lệ”."), n=counts["error"])})
    if counts["new"]:
        sync_guard.check_new_work(ws)
    module = target_module(plan.target)
    options = module.write_options(ws, plan)
    defer = options.pop("defer_indexes", False)
    with gc_paused(), ws.db.write(**options) as session:
        module.commit_rows(ws, session, plan, progress, defer_indexes=defer)
        progress.uncancellable().step(1, 1)
        audit.append_event(session, ws.actor.user_id, "import.commit", details={
            "target": plan.target, "counts": counts, "valid_only": valid_only})
    return {"new": counts["new"], "updated": counts["update"], "unchanged": counts["unchanged"],
            "review": counts["review"], "errors": counts["error"]}
