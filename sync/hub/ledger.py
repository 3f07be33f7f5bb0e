"""The hub's per-op apply logic (issue 7): idempotent, transactional per op, never all-or-nothing.

`apply_batch` answers every op of a verified batch (signature, format and hashes are checked by
`sync.protocol.decode_batch` before this is called) in op order, each op in its own SAVEPOINT:

- op id seen before, same device and payload hash → duplicate (stored result replayed);
  otherwise → mismatch (nothing changes, the first delivery stays authoritative);
- op not valid here (unknown entity, bad payload, hash not matching) → rejected with field errors;
- base version > 0 but the hub has no such row yet → held (waiting for the earlier change; not
  recorded, the device re-sends it);
- base version stale (stored version ≠ base version, or base 0 on an existing row) → conflict with
  the server version and row;
- otherwise the row is stored, a change appended (its id is the pull cursor) → applied.

Final answers (applied, rejected, conflict) are recorded in `op_ledger` so a retried push learns
what happened the first time. The caller owns the outer transaction and commits it.

Pull returns one commune's changes after a cursor; a change already superseded by a newer version
of the same row is skipped (the newer change comes later in the same stream).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from core.models import SYNCED_ENTITIES
from core.outbox import row_hash
from sync.hub.schema import change, device, entity_state, op_ledger
from sync.protocol import Batch, BatchResult, InvalidOp, Op, OpResult, classify_replay
from sync.protocol.results import DUPLICATE, FINAL_STATUSES

DEFAULT_PULL_LIMIT = 1000
MAX_PULL_LIMIT = 10_000
_RACE_RETRIES = 3


class Forbidden(PermissionError):
    """The device may not push this batch: nothing of it was applied."""

    code = "forbidden"

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(detail)


class CommuneMismatch(Forbidden):
    code = "commune_mismatch"


class DeviceRefused(Forbidden):
    """Unknown or revoked device, or a batch signed as another device."""

    code = "device_refused"


def _dumps(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def _now() -> datetime:
    return datetime.now(UTC)


def _check_device(conn: Connection, batch: Batch, device_id: str) -> None:
    if batch.device_id != device_id:
        raise DeviceRefused("batch.device_id: differs from the authenticated device")
    row = conn.execute(select(device.c.commune_code, device.c.revoked_at)
                       .where(device.c.id == device_id)).first()
    if row is None or row.revoked_at is not None:
        raise DeviceRefused("device: unknown or revoked")
    if row.commune_code != batch.commune_code:
        raise CommuneMismatch("batch.commune_code: not the device's commune")


def _validation_errors(op: Op) -> dict[str, str]:
    """Defence in depth: the decoder checks these too, but the ledger must never trust a caller."""
    if op.entity not in SYNCED_ENTITIES:
        return {"entity": "not a synced table"}
    try:
        op.check()
    except InvalidOp as e:
        place, _, message = (e.detail or "op: invalid").partition(": ")
        return {place.removeprefix("op.") or "op": message or "invalid"}
    if row_hash(op.payload) != op.payload_hash:
        return {"payload_hash": "does not match the payload"}
    return {}


def _replay(conn: Connection, batch: Batch, op: Op) -> OpResult | None:
    """The answer for an op id seen before, or None if it is new."""
    prior = conn.execute(select(op_ledger.c.device_id, op_ledger.c.commune_code,
                                op_ledger.c.payload_hash, op_ledger.c.result)
                         .where(op_ledger.c.op_id == op.op_id)).first()
    if prior is None:
        return None
    # Another device (or commune) reusing an op id is never told what happened to the first.
    same_sender = (prior.device_id, prior.commune_code) == (batch.device_id, batch.commune_code)
    if not same_sender or classify_replay(prior.payload_hash, op.payload_hash) != DUPLICATE:
        return OpResult.mismatch(op.op_id)
    stored = OpResult.from_dict(json.loads(prior.result))
    return OpResult.duplicate(stored)


def _record(conn: Connection, batch: Batch, op: Op, result: OpResult,
            server_seq: int | None) -> None:
    conn.execute(insert(op_ledger).values(
        op_id=op.op_id, commune_code=batch.commune_code, device_id=batch.device_id, seq=op.seq,
        entity=str(op.entity)[:64], entity_id=str(op.entity_id)[:36],
        payload_hash=str(op.payload_hash)[:64], status=result.status,
        result=_dumps(result.to_dict()), applied_at=_now(), server_seq=server_seq))


def _apply_new(conn: Connection, batch: Batch, op: Op) -> OpResult:
    """Decide and write one new op; raises IntegrityError if a concurrent push raced it."""
    errors = _validation_errors(op)
    if errors:
        result = OpResult.rejected(op.op_id, errors)
        _record(conn, batch, op, result, None)
        return result
    key = and_(entity_state.c.commune_code == batch.commune_code,
               entity_state.c.entity == op.entity, entity_state.c.entity_id == op.entity_id)
    current = conn.execute(select(entity_state.c.version, entity_state.c.row).where(key)).first()
    if current is None and op.base_version > 0:
        return OpResult.held(op.op_id, [f"{op.entity}:{op.entity_id}@{op.base_version}"])
    if current is not None and current.version != op.base_version:
        result = OpResult.conflict(op.op_id, current.version, json.loads(current.row))
        _record(conn, batch, op, result, None)
        return result
    cursor = conn.execute(insert(change).values(
        commune_code=batch.commune_code, entity=op.entity, entity_id=op.entity_id,
        version=op.version)).inserted_primary_key[0]
    values = {"version": op.version, "row": _dumps(op.payload), "data_domain": op.data_domain,
              "updated_server_seq": cursor}
    if current is None:
        conn.execute(insert(entity_state).values(
            commune_code=batch.commune_code, entity=op.entity, entity_id=op.entity_id, **values))
    else:
        # Compare-and-set: a concurrent writer that got there first makes this update a no-op.
        done = conn.execute(update(entity_state)
                            .where(key, entity_state.c.version == op.base_version)
                            .values(**values)).rowcount
        if done != 1:
            raise IntegrityError("entity_state", None, Exception("version changed concurrently"))
    result = OpResult.applied(op.op_id, op.version)
    _record(conn, batch, op, result, cursor)
    return result


def _apply_op(conn: Connection, batch: Batch, op: Op) -> OpResult:
    for _ in range(_RACE_RETRIES):
        with conn.begin_nested() as savepoint:
            replay = _replay(conn, batch, op)
            if replay is not None:
                return replay
            try:
                result = _apply_new(conn, batch, op)
            except IntegrityError:
                # A concurrent push took the op id or the row first: undo this op and look again.
                savepoint.rollback()
                continue
            if result.status not in FINAL_STATUSES:
                savepoint.rollback()  # held: nothing is written, the device re-sends it
            return result
    return OpResult.held(op.op_id, [f"{op.entity}:{op.entity_id}"])


def commune_cursor(conn: Connection, commune_code: str) -> int:
    """The newest change id of a commune (0 before its first change)."""
    value = conn.execute(select(func.max(change.c.id))
                         .where(change.c.commune_code == commune_code)).scalar()
    return int(value or 0)


def apply_batch(conn: Connection, batch: Batch, device_id: str) -> BatchResult:
    """Answer every op of a verified batch from `device_id`; the caller commits `conn`.

    Raises `Forbidden` (nothing applied) when the device is unknown, revoked, not the batch's
    device, or enrolled in another commune than the batch's.
    """
    _check_device(conn, batch, device_id)
    results = [_apply_op(conn, batch, op) for op in batch.ops]
    return BatchResult(batch_id=batch.batch_id, server_time=_now(), results=results,
                       cursor=commune_cursor(conn, batch.commune_code))


def pull(conn: Connection, commune_code: str, after_cursor: int,
         limit: int = DEFAULT_PULL_LIMIT) -> tuple[list[tuple[int, str, str, int, dict]], int]:
    """Changes of one commune after `after_cursor`, oldest first, at most `limit`.

    Returns ``([(cursor, entity, entity_id, version, row), …], next_cursor)``; pass next_cursor
    back to continue. A change superseded by a newer version of its row is skipped (the newer one
    follows), so each row arrives in its latest state.
    """
    if isinstance(after_cursor, bool) or not isinstance(after_cursor, int) or after_cursor < 0:
        raise ValueError("after_cursor: expected an integer >= 0")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PULL_LIMIT:
        raise ValueError(f"limit: expected 1..{MAX_PULL_LIMIT}")
    query = (select(change.c.id, change.c.entity, change.c.entity_id, change.c.version,
                    entity_state.c.row)
             .join(entity_state, and_(entity_state.c.commune_code == change.c.commune_code,
                                      entity_state.c.entity == change.c.entity,
                                      entity_state.c.entity_id == change.c.entity_id,
                                      entity_state.c.updated_server_seq == change.c.id))
             .where(change.c.commune_code == commune_code, change.c.id > after_cursor)
             .order_by(change.c.id).limit(limit))
    changes = [(int(r.id), r.entity, r.entity_id, int(r.version), json.loads(r.row))
               for r in conn.execute(query)]
    next_cursor = changes[-1][0] if changes else after_cursor
    return changes, next_cursor


__all__ = ["DEFAULT_PULL_LIMIT", "CommuneMismatch", "DeviceRefused", "Forbidden",
           "apply_batch", "commune_cursor", "pull"]
