"""The push side of sync in the local database: the batch in flight and the hub's answers.

A new batch takes, for each row with changes the hub has not seen, one op carrying the row as
it is now: op id and sequence of the newest change, base version of the oldest, the other
changes' op ids as `supersedes`. It is signed (by the caller's `sign`, sync/client) and stored
in `sync_batch` in the same transaction that marks its outbox entries, before anything is sent:
whatever is killed when, the next attempt re-sends the very same bytes and the hub answers
"duplicate" for what it already applied. Answers are recorded per op (never all-or-nothing).
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session, select

from core import audit
from core.audit import canonical_json
from core.auth import Perm
from core.models import OutboxEntry, SyncBatch, db_value, utcnow
from core.outbox import row_hash
from core.services import _sync_rows as rows
from core.services.sync_state import check_can_sync
from core.store import Workspace

log = logging.getLogger(__name__)

MAX_OPS = 2000
MAX_BYTES = 8 * 1024 * 1024  # payload JSON of a batch, before gzip
_OP_OVERHEAD = 420  # bytes of an op around its payload (ids, hashes, field names)

APPLIED, DUPLICATE, MISMATCH = "applied", "duplicate", "mismatch"
REJECTED, CONFLICT, HELD = "rejected", "conflict", "held"


@dataclass(frozen=True)
class OpDraft:
    """One op of a new batch, as plain values (sync.protocol.Op is built by the caller)."""

    op_id: str
    seq: int
    entity: str
    entity_id: str
    op: str
    base_version: int
    version: int
    payload: dict
    payload_hash: str
    data_domain: str
    supersedes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredBatch:
    batch_id: str
    body: bytes
    op_count: int
    created: bool  # False: the batch already in flight


@dataclass
class ResultCounts:
    by_status: Counter = field(default_factory=Counter)
    review_items: int = 0
    already_recorded: bool = False


def in_flight(ws: Workspace) -> SyncBatch | None:
    """The batch stored but not answered yet (sent or not): re-send it before anything else."""
    with ws.db.read() as session:
        return session.exec(select(SyncBatch).where(SyncBatch.answered_at.is_(None))).first()


def get_batch(ws: Workspace, batch_id: str) -> SyncBatch | None:
    with ws.db.read() as session:
        return session.get(SyncBatch, batch_id)


def _selected_entities(conn, max_ops: int) -> list[tuple[str, str]]:
    """Rows with unbatched changes, in the order of their first change (creations come before
    what refers to them), at most max_ops."""
    return [(e, i) for e, i in conn.execute(
        "SELECT entity, entity_id FROM outbox WHERE pushed_at IS NULL AND batch_id IS NULL "
        "GROUP BY entity, entity_id ORDER BY min(seq) LIMIT ?", (max_ops,))]


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


@dataclass(frozen=True)
class _Entry:
    seq: int
    op_id: str
    op: str
    base_version: int
    version: int
    payload_hash: str
    data_domain: str


_UNBATCHED = ("SELECT entity, entity_id, seq, op_id, op, base_version, version, payload_hash, "
              "data_domain FROM outbox WHERE pushed_at IS NULL AND batch_id IS NULL")


def _unbatched(conn, keys: list[tuple[str, str]]) -> dict[tuple[str, str], list[_Entry]]:
    """The unbatched entries of these rows, oldest first (one query per 500 rows)."""
    wanted = set(keys)
    out: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    for chunk in _chunks(sorted({i for _, i in keys})):
        marks = ", ".join("?" * len(chunk))  # placeholders only: values are bound
        sql = f"{_UNBATCHED} AND entity_id IN ({marks}) ORDER BY seq"  # noqa: S608
        for row in conn.execute(sql, chunk):
            if (row[0], row[1]) in wanted:
                out[row[0], row[1]].append(_Entry(*row[2:]))
    return out


def _current_rows(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """The rows as DB values, read straight from SQLite in chunks: what the ORM would give
    through core.models.row_of, at a third of the cost (no objects). `_draft` checks each row's
    hash against its outbox entry, so a representation that differed would be caught, not sent.
    """
    by_table: dict[str, list[str]] = defaultdict(list)
    for entity, entity_id in keys:
        by_table[entity].append(entity_id)
    conn = rows.driver(session)
    out = {}
    for table, ids in by_table.items():
        columns = rows.columns_of(table)
        select_list = ", ".join(f'"{c}"' for c in columns)
        for chunk in _chunks(ids):
            sql = (f"SELECT {select_list} FROM {table} "  # noqa: S608 - names from our models
                   f"WHERE id IN ({', '.join('?' * len(chunk))})")
            for values in conn.execute(sql, chunk):
                row = dict(zip(columns, values, strict=True))
                out[table, row["id"]] = row
    return out


def _draft(entity: str, entity_id: str, entries: list[_Entry],
           payload: dict | None) -> OpDraft | None:
    newest, oldest = entries[-1], entries[0]
    if payload is None:
        log.warning("outbox %s %s: row missing, not pushed", entity, entity_id)
        return None
    if row_hash(payload) != newest.payload_hash or payload.get("version") != newest.version:
        # Every write appends its entry in the same transaction, so this means the row was
        # changed outside the app: keep the changes queued for a person to look at.
        log.warning("outbox %s %s: row differs from its newest change, not pushed",
                    entity, entity_id)
        return None
    return OpDraft(op_id=newest.op_id, seq=newest.seq, entity=entity, entity_id=entity_id,
                   op=newest.op, base_version=oldest.base_version, version=newest.version,
                   payload=payload, payload_hash=newest.payload_hash,
                   data_domain=newest.data_domain,
                   supersedes=tuple(e.op_id for e in entries[:-1]))


def store_new_batch(ws: Workspace, sign: Callable[[list[OpDraft]], tuple[str, bytes]], *,
                    max_ops: int = MAX_OPS, max_bytes: int = MAX_BYTES) -> StoredBatch | None:
    """The batch in flight if there is one, else build, sign and store the next batch (None
    when nothing waits). `sign(drafts) -> (batch_id, signed bytes)` runs inside the write
    transaction, so the batch and the marks on its entries commit together."""
    check_can_sync(ws)
    with ws.db.write() as session:
        current = session.exec(select(SyncBatch).where(SyncBatch.answered_at.is_(None))).first()
        if current is not None:
            return StoredBatch(current.id, current.body, current.op_count, False)
        conn = rows.driver(session)
        keys = _selected_entities(conn, max_ops)
        entries = _unbatched(conn, keys)
        payloads = _current_rows(session, keys)
        drafts: list[OpDraft] = []
        seqs: list[int] = []
        size = 0
        for key in keys:
            draft = _draft(*key, entries[key], payloads.get(key)) if entries.get(key) else None
            if draft is None:
                continue
            op_size = len(canonical_json(draft.payload)) + _OP_OVERHEAD
            if drafts and size + op_size > max_bytes:
                break
            size += op_size
            drafts.append(draft)
            seqs.extend(e.seq for e in entries[key])
        if not drafts:
            return None
        drafts.sort(key=lambda d: d.seq)  # a batch's ops go up in device sequence
        batch_id, body = sign(drafts)
        session.add(SyncBatch(id=batch_id, body=body, op_count=len(drafts)))
        for chunk in _chunks(seqs):
            conn.execute(f"UPDATE outbox SET batch_id = ? WHERE seq IN "  # noqa: S608
                         f"({', '.join('?' * len(chunk))})", (batch_id, *chunk))
        audit.append_event(session, ws.actor.user_id, "sync.batch", details={
            "batch_id": batch_id, "ops": len(drafts), "changes": len(seqs)})
    return StoredBatch(batch_id, body, len(drafts), True)


def mark_sent(ws: Workspace, batch_id: str, *, exported: bool = False) -> None:
    check_can_sync(ws)
    with ws.db.write() as session:
        batch = session.get(SyncBatch, batch_id)
        if batch is not None and batch.answered_at is None:
            if exported:
                batch.exported_at = batch.exported_at or utcnow()
                audit.append_event(session, ws.actor.user_id, "sync.bundle_export",
                                   details={"batch_id": batch_id, "ops": batch.op_count})
            else:
                batch.sent_at = batch.sent_at or utcnow()
            session.add(batch)


def _outcome(result: dict) -> str:
    """What happened to the op: a duplicate replays its first answer."""
    status = result["status"]
    return (result.get("original_status") or status) if status == DUPLICATE else status


_MESSAGES = {
    CONFLICT: "Máy chủ đã có bản mới hơn của mục này (do máy khác sửa). Hãy so sánh hai bản "
              "và chọn giữ bản nào.",
    REJECTED: "Máy chủ không nhận thay đổi này vì dữ liệu chưa hợp lệ (xem lỗi từng trường).",
    MISMATCH: "Máy chủ đã nhận một thay đổi cùng mã nhưng khác nội dung; thay đổi này không "
              "được áp dụng. Hãy kiểm tra và lưu lại mục này.",
}


def _review(session: Session, ws: Workspace, batch_id: str, outcome: str, result: dict,
            entries: list[OutboxEntry]) -> None:
    newest = entries[-1]
    kind = "sync_conflict" if outcome == CONFLICT else "sync_rejection"
    rows.upsert_item(session, ws, kind, newest.entity, newest.entity_id, {
        "direction": "push", "status": outcome, "batch_id": batch_id, "op_id": newest.op_id,
        "local_version": newest.version,
        "local_row": rows.local_row(session, newest.entity, newest.entity_id),
        "server_version": result.get("server_version"), "server_row": result.get("server_row"),
        "errors": result.get("errors") or {}, "message": _MESSAGES[outcome]})


def record_results(ws: Workspace, batch_id: str, results: list[dict], via: str) -> ResultCounts:
    """Record the hub's answers (OpResult dicts, one per op in op order) for a stored batch.

    A batch already answered (a replayed ack, or the answer to a re-send) changes nothing.
    """
    check_can_sync(ws)
    counts = ResultCounts()
    with ws.db.write() as session:
        batch = session.get(SyncBatch, batch_id)
        if batch is None or batch.answered_at is not None:
            counts.already_recorded = True
            return counts
        entries = list(session.exec(select(OutboxEntry).where(
            OutboxEntry.batch_id == batch_id, OutboxEntry.pushed_at.is_(None))
            .order_by(OutboxEntry.seq)))
        by_row: dict[tuple[str, str], list[OutboxEntry]] = defaultdict(list)
        for entry in entries:
            by_row[entry.entity, entry.entity_id].append(entry)
        by_op = {group[-1].op_id: group for group in by_row.values()}
        now = utcnow()
        done: dict[str, list[int]] = defaultdict(list)  # outcome -> entry seqs
        again: list[int] = []
        for result in results:
            group = by_op.get(result["op_id"])
            if group is None:
                log.warning("batch %s: answer for an op it does not hold", batch_id)
                continue
            outcome = _outcome(result)
            counts.by_status[result["status"]] += 1
            if outcome == HELD:  # waiting on the hub for something else: send again later
                again.extend(e.seq for e in group)
                continue
            done[outcome].extend(e.seq for e in group)
            if outcome != APPLIED:
                _review(session, ws, batch_id, outcome, result, group)
                counts.review_items += 1
        conn = rows.driver(session)
        stamp = db_value(now)
        for outcome, seqs in done.items():
            for chunk in _chunks(seqs):
                conn.execute("UPDATE outbox SET pushed_at = ?, result = ? WHERE seq IN "  # noqa: S608
                             f"({', '.join('?' * len(chunk))})", (stamp, outcome, *chunk))
        for chunk in _chunks(again):
            conn.execute("UPDATE outbox SET batch_id = NULL WHERE seq IN "  # noqa: S608
                         f"({', '.join('?' * len(chunk))})", chunk)
        batch.answered_at, batch.answered_via, batch.body = now, via, None
        batch.summary = json.dumps(dict(counts.by_status), sort_keys=True)
        session.add(batch)
        audit.append_event(session, ws.actor.user_id, "sync.push", details={
            "batch_id": batch_id, "via": via, "counts": dict(counts.by_status)})
    return counts


def discard_in_flight(ws: Workspace, batch_id: str) -> None:
    """Forget a stored batch the hub refused as a whole (e.g. signed with a revoked key): its
    changes go back to the queue, to be sent in a new batch once the cause is fixed."""
    ws.actor.require(Perm.SYNC_ADMIN)
    with ws.db.write() as session:
        batch = session.get(SyncBatch, batch_id)
        if batch is None or batch.answered_at is not None:
            return
        for entry in session.exec(select(OutboxEntry).where(OutboxEntry.batch_id == batch_id,
                                                            OutboxEntry.pushed_at.is_(None))):
            entry.batch_id = None
            session.add(entry)
        session.delete(batch)
        audit.append_event(session, ws.actor.user_id, "sync.batch_discarded",
                           details={"batch_id": batch_id})


__all__ = ["APPLIED", "CONFLICT", "DUPLICATE", "HELD", "MAX_BYTES", "MAX_OPS", "MISMATCH",
           "REJECTED", "OpDraft", "ResultCounts", "StoredBatch", "discard_in_flight",
           "get_batch", "in_flight", "mark_sent", "record_results", "store_new_batch"]
