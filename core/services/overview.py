"""Counts for the Tổng quan page and the status bar: aggregates only, no personal data."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from core.auth import Perm
from core.store import Workspace


@dataclass(frozen=True)
class Overview:
    persons: int
    households: int
    hamlets: int
    vneid_by_state: dict[str, int] = field(default_factory=dict)
    pending_changes: int = 0  # outbox entries not yet pushed upstream


def overview(ws: Workspace) -> Overview:
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        def scalar(sql: str) -> int:
            return session.execute(text(sql)).scalar_one()

        # Deleted persons are few: excluding them beats joining 200k rows on the text id
        # (0.7 s instead of 5 s at 200k persons).
        by_state = dict(session.execute(text(
            "SELECT vneid_state, count(*) FROM digital_citizen_status WHERE deleted_at IS NULL "
            "AND person_id NOT IN (SELECT id FROM person WHERE deleted_at IS NOT NULL) "
            "GROUP BY vneid_state")).all())
        return Overview(
            persons=scalar("SELECT count(*) FROM person_rank"),
            households=scalar("SELECT count(*) FROM household WHERE deleted_at IS NULL"),
            hamlets=scalar("SELECT count(*) FROM hamlet WHERE active = 1"),
            vneid_by_state=by_state,
            pending_changes=scalar("SELECT count(*) FROM outbox WHERE pushed_at IS NULL"),
        )


def pending_changes(ws: Workspace) -> int:
    """Outbox entries not yet pushed (the status bar's figure; no personal data)."""
    with ws.db.read() as session:
        return session.execute(text("SELECT count(*) FROM outbox WHERE pushed_at IS NULL")
                               ).scalar_one()
