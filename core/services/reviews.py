"""Review queue: items a person must resolve (conflicts, duplicates, ID warnings, rejections)."""

from __future__ import annotations

from sqlmodel import select

from core.auth import Perm
from core.errors import ValidationError
from core.models import ReviewItem, utcnow
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
        raise ValidationError({"resolution": "Cần chọn cách xử lý và ghi rõ lý do."})
    with ws.db.write() as session:
        item = load_for_update(session, ReviewItem, item_id, "mục rà soát")
        item.status, item.resolution = status, nfc(resolution)
        item.resolved_by, item.resolved_at = ws.actor.user_id, utcnow()
        save_entity(session, ws, item, "review.resolve", "population", {"status": status})
