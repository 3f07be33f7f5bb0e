"""Review queue: items a person must resolve (conflicts, duplicates, ID warnings, rejections)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from core import audit
from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP
from core.models import Person, ReviewItem, utcnow
from core.services._change import load_for_update, save_entity
from core.store import Workspace
from core.text import nfc

RESOLUTIONS = ("resolved", "dismissed")


def open_items(ws: Workspace, kind: str | None = None) -> list[ReviewItem]:
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        query = select(ReviewItem).where(ReviewItem.status == "open")
        if kind:
            query = query.where(ReviewItem.kind == kind)
        return list(session.exec(query.order_by(ReviewItem.created_at)))


def resolve(ws: Workspace, item_id: str, status: str, resolution: str) -> None:
    ws.actor.require(Perm.REVIEW_RESOLVE)
    if status not in RESOLUTIONS or not nfc(resolution or ""):
        raise ValidationError({"resolution": QT_TR_NOOP("Cần chọn cách xử lý và ghi rõ lý do.")})
    with ws.db.write() as session:
        item = load_for_update(session, ReviewItem, item_id, QT_TR_NOOP("mục rà soát"))
        item.status, item.resolution = status, nfc(resolution)
        item.resolved_by, item.resolved_at = ws.actor.user_id, utcnow()
        save_entity(session, ws, item, "review.resolve", "population", {"status": status})


@dataclass(frozen=True)
class ReviewRow:
    item_id: str
    kind: str
    person_id: str | None
    full_name: str | None
    message: str
    created_at: datetime
    others: tuple[str, ...] = ()  # for a possible duplicate: the records it may repeat


def review_rows(ws: Workspace, limit: int = 500) -> list[ReviewRow]:
    """Open items, oldest first, with the resident's name (audited as one read of a list)."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.write() as session:
        rows = session.exec(
            select(ReviewItem, Person.full_name)
            .join(Person, (Person.id == ReviewItem.entity_id) & (ReviewItem.entity == "person"),
                  isouter=True)
            .where(ReviewItem.status == "open")
            .order_by(ReviewItem.created_at).limit(limit)).all()
        audit.append_event(session, ws.actor.user_id, "review.list",
                           details={"rows": len(rows)})
    result = []
    for item, name in rows:
        details = json.loads(item.details or "{}")
        result.append(ReviewRow(item.id, item.kind,
                                item.entity_id if item.entity == "person" else None, name,
                                details.get("message") or details.get("code") or "",
                                item.created_at, tuple(details.get("others", ()))))
    return result
