"""Hash-chained audit trail.

Each event stores the hash of the previous one; its own hash covers its sequence number, time,
user, action, target and details. `verify_chain` recomputes the chain and names the first event
that was edited, deleted or moved. The head (last seq + hash) is also kept in `app_meta`, so
cutting events off the end is caught too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, select

from core.i18n import QT_TR_NOOP, Msg
from core.models import AppMeta, AuditEvent, new_id, utcnow

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


# One encoder for every call: json.dumps with options builds a new one each time (~20% of a
# row hash, which bulk imports compute 100k times).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                              default=str)


def canonical_json(value) -> str:
    return _CANONICAL.encode(value)


def _event_hash(seq: int, event_id: str, at: datetime, user_id, action, entity, entity_id,
                details: str, prev_hash: str) -> str:
    body = canonical_json([seq, event_id, at.isoformat(), user_id, action, entity, entity_id,
                           details, prev_hash])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append_event(session: Session, user_id: str | None, action: str, entity: str | None = None,
                 entity_id: str | None = None, details: dict | None = None) -> AuditEvent:
    """Append one event inside the caller's write transaction (BEGIN IMMEDIATE: serial)."""
    head = session.get(AppMeta, HEAD_KEY)
    if head is None:
        last_seq, prev_hash = 0, GENESIS
    else:
        last_seq_text, prev_hash = head.value.split(":")
        last_seq = int(last_seq_text)
    # AUTOINCREMENT never reuses numbers; read the next one so the hash can cover it.
    row = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name='audit_event'")).first()
    seq = max(last_seq, row[0] if row else 0) + 1
    event = AuditEvent(seq=seq, id=new_id(), at=utcnow(), user_id=user_id, action=action,
                       entity=entity, entity_id=entity_id,
                       details=canonical_json(details or {}), prev_hash=prev_hash, hash="")
    event.hash = _event_hash(seq, event.id, event.at, user_id, action, entity, entity_id,
                             event.details, prev_hash)
    session.add(event)
    if head is None:
        session.add(AppMeta(key=HEAD_KEY, value=f"{seq}:{event.hash}"))
    else:
        head.value = f"{seq}:{event.hash}"
        session.add(head)
    session.flush()
    return event


@dataclass
class ChainReport:
    ok: bool
    events: int
    problems: list[str]  # Vietnamese, for people (core.i18n.Msg: the UI translates them)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "events": self.events, "problems": self.problems}


def verify_chain(session: Session) -> ChainReport:
    problems: list[str] = []
    prev_hash, prev_seq, count = GENESIS, 0, 0
    for event in session.exec(select(AuditEvent).order_by(AuditEvent.seq)):
        count += 1
        if event.seq != prev_seq + 1:
            problems.append(Msg(QT_TR_NOOP("Thiếu sự kiện số {first}–{last} (đã bị xóa)."),
                                first=prev_seq + 1, last=event.seq - 1))
        if event.prev_hash != prev_hash:
            problems.append(Msg(QT_TR_NOOP("Sự kiện số {seq} không nối với sự kiện trước "
                                           "(bị xóa hoặc đảo thứ tự)."), seq=event.seq))
        expected = _event_hash(event.seq, event.id, event.at, event.user_id, event.action,
                               event.entity, event.entity_id, event.details, event.prev_hash)
        if expected != event.hash:
            problems.append(Msg(QT_TR_NOOP("Sự kiện số {seq} đã bị sửa nội dung."),
                                seq=event.seq))
        prev_hash, prev_seq = event.hash, event.seq
    head = session.get(AppMeta, HEAD_KEY)
    if head is not None:
        head_seq, head_hash = head.value.split(":")
        if int(head_seq) != prev_seq or head_hash != prev_hash:
            problems.append(Msg(QT_TR_NOOP(
                "Cuối nhật ký bị cắt hoặc sửa: phải kết thúc ở sự kiện số {expected}, "
                "nhưng chỉ còn đến số {last}."), expected=head_seq, last=prev_seq))
    elif count:
        problems.append(QT_TR_NOOP("Thiếu dấu kết thúc của nhật ký."))
    return ChainReport(ok=not problems, events=count, problems=problems)
