"""Sync problems a person resolves: rows the hub answered with a conflict, a rejection or a
mismatch (and hub rows this PC could not write), shown with the local and the hub's row side by
side. Nothing is ever merged automatically, least of all a civil-status record.

Resolving:
- keep "mine": this PC's row becomes a new version based on the hub's, queued for the next push
  (the hub applies it on top of its own version);
- keep "hub": the hub's row is written here as it is (no outbox: it is already the hub's), and
  the local changes the hub did not take are dropped from the queue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from core import audit
from core.auth import Perm
from core.errors import NotFound, ValidationError, XasoError
from core.i18n import QT_TR_NOOP
from core.models import (
    SYNCED_ENTITIES,
    OutboxEntry,
    Record,
    RecordAction,
    ReviewItem,
    SyncParked,
    utcnow,
)
from core.services import _sync_rows as rows
from core.services._change import load_for_update, save_entity
from core.store import Workspace

KEEP = ("mine", "hub")
ENTITY_LABELS = {
    "hamlet": QT_TR_NOOP("thôn, tổ dân phố"), "address": QT_TR_NOOP("địa chỉ"),
    "person": QT_TR_NOOP("cư dân"), "consent": QT_TR_NOOP("đồng ý của cư dân"),
    "household": QT_TR_NOOP("hộ gia đình"), "household_member": QT_TR_NOOP("thành viên hộ"),
    "card_read": QT_TR_NOOP("lần đọc thẻ"),
    "digital_citizen_status": QT_TR_NOOP("tình trạng VNeID"),
    "follow_up": QT_TR_NOOP("việc cần theo dõi"), "record": QT_TR_NOOP("hồ sơ"),
    "record_person": QT_TR_NOOP("liên kết cư dân với hồ sơ"),
    "collection_session": QT_TR_NOOP("buổi thu nhận hồ sơ"),
    "collection_attendee": QT_TR_NOOP("người tham gia buổi thu nhận"),
    "record_attachment": QT_TR_NOOP("tệp đính kèm hồ sơ"),
    "record_action": QT_TR_NOOP("lịch sử hồ sơ hộ tịch"),
}
_NAME_COLUMNS = ("full_name", "title", "name", "place", "task")


@dataclass(frozen=True)
class SyncProblem:
    item_id: str
    kind: str  # sync_conflict / sync_rejection
    status: str  # conflict / rejected / mismatch / refused_here
    direction: str  # push / pull
    entity: str
    entity_id: str
    message: str
    local_version: int | None
    local_row: dict | None  # the row here now
    server_version: int | None
    server_row: dict | None  # the hub's row (conflicts), None when the hub has none
    errors: dict
    legal: bool  # a civil-status record: resolve by looking at both, never merged
    created_at: datetime
    resolvable: bool  # False while the row is in a batch still waiting for the hub's answer
    entity_label: str  # e.g. "cư dân Hà Văn Sơn" (what the list shows)

    @property
    def hub_row(self) -> dict | None:
        return self.server_row


def _label(table: str, local: dict | None, server: dict | None) -> str:
    label = ENTITY_LABELS.get(table, table)
    for row in (local, server):
        for column in _NAME_COLUMNS:
            if row and isinstance(row.get(column), str) and row[column]:
                return f"{label} {row[column]}"
    return label


class ChangeInFlight(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Mục này đang nằm trong một gói đồng bộ chưa có trả lời của máy chủ. Hãy đồng bộ "
            "xong (hoặc nhập tệp xác nhận USB) rồi xử lý."))


def _legal(session: Session, table: str, entity_id: str, row: dict | None) -> bool:
    if table == "record":
        record = session.get(Record, entity_id)
        return bool(record.legal) if record else bool((row or {}).get("legal"))
    return table == RecordAction.__tablename__


def problems(ws: Workspace) -> list[SyncProblem]:
    """Open sync problems, oldest first (their rows hold personal data: the read is audited)."""
    ws.actor.require(Perm.PERSON_READ)
    out = []
    with ws.db.write() as session:
        items = session.exec(select(ReviewItem).where(
            ReviewItem.kind.in_(rows.SYNC_KINDS), ReviewItem.status == "open")
            .order_by(ReviewItem.created_at)).all()
        conn = rows.driver(session)
        for item in items:
            details = json.loads(item.details or "{}")
            known = item.entity in SYNCED_ENTITIES
            local = rows.local_row(session, item.entity, item.entity_id) if known else None
            in_flight = known and conn.execute(
                "SELECT 1 FROM outbox WHERE entity_id = ? AND entity = ? AND pushed_at IS NULL "
                "AND batch_id IS NOT NULL LIMIT 1", (item.entity_id, item.entity)).fetchone()
            server = details.get("server_row")
            out.append(SyncProblem(
                item.id, item.kind, details.get("status", ""), details.get("direction", "push"),
                item.entity, item.entity_id, details.get("message", ""),
                local.get("version") if local else None, local,
                details.get("server_version"), server, details.get("errors") or {},
                _legal(session, item.entity, item.entity_id, server), item.created_at,
                resolvable=bool(known and not in_flight),
                entity_label=_label(item.entity, local, server)))
        audit.append_event(session, ws.actor.user_id, "sync.problems",
                           details={"rows": len(out)})
    return out


def _hub_version(conn, table: str, entity_id: str) -> int:
    """What this PC knows of the hub's version of a row: its last applied push, or the version
    its oldest local change was based on (a row pulled from the hub)."""
    applied = conn.execute("SELECT max(version) FROM outbox WHERE entity_id = ? AND entity = ? "
                           "AND result = 'applied'", (entity_id, table)).fetchone()[0]
    oldest = conn.execute("SELECT base_version FROM outbox WHERE entity_id = ? AND entity = ? "
                          "ORDER BY seq LIMIT 1", (entity_id, table)).fetchone()
    return max(applied or 0, oldest[0] if oldest else 0)


def _queued(session: Session, table: str, entity_id: str) -> list[OutboxEntry]:
    entries = list(session.exec(select(OutboxEntry).where(
        OutboxEntry.entity_id == entity_id, OutboxEntry.entity == table,
        OutboxEntry.pushed_at.is_(None)).order_by(OutboxEntry.seq)))
    if any(e.batch_id is not None for e in entries):
        raise ChangeInFlight()
    return entries


def _data_domain(session: Session, table: str, entity_id: str, obj) -> str:
    domain = getattr(obj, "data_domain", None)
    if domain:
        return domain
    last = session.exec(select(OutboxEntry.data_domain).where(
        OutboxEntry.entity_id == entity_id, OutboxEntry.entity == table)
        .order_by(OutboxEntry.seq.desc())).first()
    return last or "population"


def _keep_mine(session: Session, ws: Workspace, item: ReviewItem, details: dict) -> None:
    table, entity_id = item.entity, item.entity_id
    if table == RecordAction.__tablename__:
        return  # append-only: the same action can only be re-sent as it is
    conn = rows.driver(session)
    obj = session.get(rows.model_of(table), entity_id)
    if obj is None:
        raise NotFound(QT_TR_NOOP("mục cần đồng bộ"))
    if details.get("server_version") is not None:
        base = int(details["server_version"])
    else:
        base = _hub_version(conn, table, entity_id)
    domain = _data_domain(session, table, entity_id, obj)
    for entry in _queued(session, table, entity_id):  # folded into the new version
        entry.pushed_at, entry.result = utcnow(), "rebased"
        session.add(entry)
    obj.version = base  # save_entity makes it base + 1, on base
    save_entity(session, ws, obj, "sync.keep_mine", domain, {"item": item.id})


def _keep_hub(session: Session, ws: Workspace, item: ReviewItem, details: dict) -> None:
    table, entity_id = item.entity, item.entity_id
    conn = rows.driver(session)
    for entry in _queued(session, table, entity_id):
        entry.pushed_at, entry.result = utcnow(), "discarded"
        session.add(entry)
    server_row = details.get("server_row")
    if not server_row:
        return  # the hub has no row: the local one simply stays unsent
    session.flush()
    session.expunge_all()  # the row is rewritten in SQL below: no stale object may be flushed
    if rows.missing_reference(conn, table, server_row) is not None:
        session.merge(SyncParked(entity=table, entity_id=entity_id,
                               version=int(server_row["version"]),
                               payload=json.dumps(server_row, ensure_ascii=False),
                               cursor=0))
        return
    try:
        rows.write_row(conn, table, server_row)
    except rows.RowRefused as exc:
        raise XasoError(QT_TR_NOOP(
            "Không ghi được bản của máy chủ vào máy này (hồ sơ hộ tịch chỉ thay đổi qua lịch "
            "sử của nó). Hãy đồng bộ lại để nhận đủ lịch sử rồi thử lại.")) from exc


def resolve_conflict(ws: Workspace, item_id: str, keep: str) -> None:
    """Resolve an open sync problem by keeping this PC's row ("mine") or the hub's ("hub")."""
    ws.actor.require(Perm.REVIEW_RESOLVE)
    if keep not in KEEP:
        raise ValidationError({"keep": QT_TR_NOOP(
            "Chọn giữ bản trên máy này hoặc bản trên máy chủ.")})
    with ws.db.write() as session:
        item = load_for_update(session, ReviewItem, item_id, QT_TR_NOOP("mục rà soát"))
        if item.kind not in rows.SYNC_KINDS or item.status != "open":
            raise ValidationError({"item": QT_TR_NOOP(
                "Mục này không phải vấn đề đồng bộ đang chờ xử lý.")})
        details = json.loads(item.details or "{}")
        item_id_kept = item.id
        if keep == "mine":
            _keep_mine(session, ws, item, details)
        else:
            _keep_hub(session, ws, item, details)
        item = session.get(ReviewItem, item_id_kept)
        item.status, item.resolution = "resolved", keep
        item.resolved_by, item.resolved_at = ws.actor.user_id, utcnow()
        save_entity(session, ws, item, "review.resolve", "sync",
                    {"status": "resolved", "keep": keep, "entity": item.entity})
