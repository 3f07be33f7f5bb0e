"""The hub's per-op apply logic (issue 7): idempotent, per-op outcomes, never all-or-nothing.

`apply_batch` answers every op of a verified batch (signature, format and hashes are checked by
`sync.protocol.decode_batch` before this is called) in op order:

- op id seen before, same device and payload hash → duplicate (stored result replayed);
  otherwise → mismatch (nothing changes, the first delivery stays authoritative);
- op not valid here (unknown entity, bad payload, hash not matching) → rejected with field errors;
- base version > 0 but the hub has no such row yet → held (waiting for the earlier change; not
  recorded, the device re-sends it);
- base version stale (stored version ≠ base version, or base 0 on an existing row) → conflict with
  the server version and row;
- otherwise the row is stored, a change appended with the commune's next sequence number (the
  pull cursor) → applied.

Final answers (applied, rejected, conflict) are recorded in `op_ledger` so a retried push learns
what happened the first time. The caller owns the outer transaction and commits it.

Ordering and speed: the batch first takes its commune's row lock (`UPDATE commune … RETURNING
last_seq`, held until commit), so one commune's batches are applied one after the other and
their sequence numbers commit in order. Under that lock nobody else writes the commune's rows,
so the whole batch is decided in memory from two prefetches (ledger rows of its op ids, current
rows of its entities) and written with one multi-row insert per table; the counter moves once
per batch. Only an op id taken concurrently by another commune (a unique violation) sends the
batch down the slow path: each op alone in its own SAVEPOINT, so one bad op never undoes others.

Pull returns one commune's rows changed after a cursor, in cursor order, each in its latest
state (a change superseded by a newer version of the same row is not repeated).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import String, any_, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from core.models import SYNCED_ENTITIES
from core.outbox import row_hash
from sync.hub.schema import change, commune, device, entity_state, op_ledger
from sync.protocol import Batch, BatchResult, InvalidOp, Op, OpResult, classify_replay
from sync.protocol.results import APPLIED, DUPLICATE

DEFAULT_PULL_LIMIT = 1000
MAX_PULL_LIMIT = 10_000
_RACE_RETRIES = 3
_IN_CHUNK = 500  # bound parameters per IN (...) list


class Forbidden(PermissionError):
    """The device may not push this batch: nothing of it was applied."""

    code = "forbidden"

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(detail)


class CommuneMismatch(Forbidden):
    code = "commune_mismatch"


class DeviceRefused(Forbidden):
    """Unknown device, or a batch signed as another device."""

    code = "device_refused"


class DeviceRevoked(DeviceRefused):
    code = "device_revoked"


# One encoder for every call (json.dumps with options builds a new one each time).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                            allow_nan=False)
_dumps = _ENCODER.encode


def _result_text(result: OpResult) -> str:
    if result.status == APPLIED:  # most ops: the canonical JSON without building a dict
        return ('{"errors":{},"op_id":"' + result.op_id + '","original_status":null,'
                '"server_row":null,"server_version":' + str(result.server_version)
                + ',"status":"applied","waiting_for":[]}')
    return _dumps(result.to_dict())


def _now() -> datetime:
    return datetime.now(UTC)


def _check_device(conn: Connection, batch: Batch, device_id: str) -> None:
    if batch.device_id != device_id:
        raise DeviceRefused("batch.device_id: differs from the authenticated device")
    row = conn.execute(select(device.c.commune_code, device.c.revoked_at)
                       .where(device.c.id == device_id)).first()
    if row is None:
        raise DeviceRefused("device: unknown")
    if row.revoked_at is not None:
        raise DeviceRevoked("device: revoked")
    if row.commune_code != batch.commune_code:
        raise CommuneMismatch("batch.commune_code: not the device's commune")


def _lock_commune(conn: Connection, commune_code: str) -> int:
    """Take the commune's row lock until commit and return its last sequence number."""
    value = conn.execute(update(commune).where(commune.c.code == commune_code)
                         .values(last_seq=commune.c.last_seq)
                         .returning(commune.c.last_seq)).scalar()
    if value is None:
        raise CommuneMismatch("batch.commune_code: unknown commune")
    return int(value)


def _validation_errors(op: Op, verified: bool) -> dict[str, str]:
    """Defence in depth: the decoder checks these too, but the ledger must never trust a caller.

    `verified`: the op comes straight from `decode_batch`, which already ran `op.check()` and
    the payload hash on these very objects; only the hub's own rules are checked again.
    """
    if op.entity not in SYNCED_ENTITIES:
        return {"entity": "not a synced table"}
    if not verified:
        try:
            op.check()
        except InvalidOp as e:
            place, _, message = (e.detail or "op: invalid").partition(": ")
            return {place.removeprefix("op.") or "op": message or "invalid"}
    # Ids are UUIDs on every device: control characters or spaces could not be stored everywhere.
    if not op.entity_id.isprintable() or any(c.isspace() for c in op.entity_id):
        return {"entity_id": "control characters or spaces are not allowed"}
    if not verified and row_hash(op.payload) != op.payload_hash:
        return {"payload_hash": "does not match the payload"}
    return {}


def _in(conn: Connection, column, values: Sequence[str]) -> Iterable:
    """`column IN values` as one or more conditions, the fast way for each engine.

    PostgreSQL gets one array parameter (`= ANY(%s)`): an IN list of hundreds of parameters is
    planned as a filter that compares every row of the commune with every value.
    """
    if conn.dialect.name == "postgresql":
        yield column == any_(bindparam(None, list(values), type_=ARRAY(String)))
        return
    for start in range(0, len(values), _IN_CHUNK):
        yield column.in_(values[start:start + _IN_CHUNK])


class _Prior(NamedTuple):
    device_id: str
    commune_code: str
    payload_hash: str
    result: str


class _State(NamedTuple):
    version: int
    row: str  # canonical JSON text


@dataclass
class _Plan:
    """Every answer of a set of ops and the rows that make them true, decided in memory."""

    results: list[OpResult] = field(default_factory=list)
    ledger_rows: list[dict] = field(default_factory=list)
    change_rows: list[dict] = field(default_factory=list)
    new_states: dict[tuple[str, str], dict] = field(default_factory=dict)
    changed_states: dict[tuple[str, str], dict] = field(default_factory=dict)
    last_seq: int = 0


def _prefetch_ledger(conn: Connection, op_ids: list[str]) -> dict[str, _Prior]:
    found: dict[str, _Prior] = {}
    for condition in _in(conn, op_ledger.c.op_id, op_ids):
        for r in conn.execute(select(op_ledger.c.op_id, op_ledger.c.device_id,
                                     op_ledger.c.commune_code, op_ledger.c.payload_hash,
                                     op_ledger.c.result).where(condition)):
            found[r.op_id] = _Prior(r.device_id, r.commune_code, r.payload_hash, r.result)
    return found


def _prefetch_states(conn: Connection, commune_code: str,
                     keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], _State]:
    by_entity: dict[str, list[str]] = {}
    for entity, entity_id in keys:
        by_entity.setdefault(entity, []).append(entity_id)
    found: dict[tuple[str, str], _State] = {}
    for entity, ids in by_entity.items():  # one PK-prefix range per table: (commune, entity, id)
        for condition in _in(conn, entity_state.c.entity_id, sorted(set(ids))):
            query = (select(entity_state.c.entity_id, entity_state.c.version, entity_state.c.row)
                     .where(entity_state.c.commune_code == commune_code,
                            entity_state.c.entity == entity, condition))
            for r in conn.execute(query):
                found[(entity, r.entity_id)] = _State(int(r.version), r.row)
    return found


def _replay(batch: Batch, op: Op, prior: _Prior) -> OpResult:
    # Another device (or commune) reusing an op id is never told what happened to the first.
    same_sender = (prior.device_id, prior.commune_code) == (batch.device_id, batch.commune_code)
    if not same_sender or classify_replay(prior.payload_hash, op.payload_hash) != DUPLICATE:
        return OpResult.mismatch(op.op_id)
    return OpResult.duplicate(OpResult.from_dict(json.loads(prior.result)))


def _plan(conn: Connection, batch: Batch, ops: Sequence[Op], last_seq: int,
          verified: bool) -> _Plan:
    """Decide each op in order as if applied one by one; write nothing."""
    priors = _prefetch_ledger(conn, [op.op_id for op in ops])
    valid = {}
    for op in ops:
        if op.op_id not in priors:
            valid[op.op_id] = _validation_errors(op, verified)
    keys = {(op.entity, op.entity_id) for op in ops if valid.get(op.op_id) == {}}
    stored = _prefetch_states(conn, batch.commune_code, keys)
    view: dict[tuple[str, str], _State] = dict(stored)
    plan = _Plan(last_seq=last_seq)
    now = _now()

    def record(op: Op, result: OpResult, server_seq: int | None) -> None:
        plan.ledger_rows.append({
            "op_id": op.op_id, "commune_code": batch.commune_code, "device_id": batch.device_id,
            "seq": op.seq, "entity": str(op.entity)[:64], "entity_id": str(op.entity_id)[:36],
            "payload_hash": str(op.payload_hash)[:64], "status": result.status,
            "result": _result_text(result), "applied_at": now, "server_seq": server_seq})

    for op in ops:
        prior = priors.get(op.op_id)
        if prior is not None:
            plan.results.append(_replay(batch, op, prior))
            continue
        errors = valid[op.op_id]
        if errors:
            result = OpResult.rejected(op.op_id, errors)
            record(op, result, None)
            plan.results.append(result)
            continue
        key = (op.entity, op.entity_id)
        current = view.get(key)
        if current is None and op.base_version > 0:
            # Not recorded: the device re-sends it once the change it builds on has arrived.
            plan.results.append(OpResult.held(op.op_id,
                                              [f"{op.entity}:{op.entity_id}@{op.base_version}"]))
            continue
        if current is not None and current.version != op.base_version:
            result = OpResult.conflict(op.op_id, current.version, json.loads(current.row))
            record(op, result, None)
            plan.results.append(result)
            continue
        plan.last_seq += 1
        seq = plan.last_seq
        row_text = _dumps(op.payload)
        view[key] = _State(op.version, row_text)
        plan.change_rows.append({"commune_code": batch.commune_code, "seq": seq,
                                 "entity": op.entity, "entity_id": op.entity_id,
                                 "version": op.version, "op_id": op.op_id})
        values = {"commune_code": batch.commune_code, "entity": op.entity,
                  "entity_id": op.entity_id, "version": op.version, "row": row_text,
                  "data_domain": op.data_domain, "updated_server_seq": seq}
        if key in stored:
            plan.changed_states[key] = values
        else:
            plan.new_states[key] = values
        result = OpResult.applied(op.op_id, op.version)
        record(op, result, seq)
        plan.results.append(result)
    return plan


_UPDATE_STATE = (
    update(entity_state)
    .where(entity_state.c.commune_code == bindparam("k_commune"),
           entity_state.c.entity == bindparam("k_entity"),
           entity_state.c.entity_id == bindparam("k_entity_id"))
    .values(version=bindparam("k_version"), row=bindparam("k_row"),
            data_domain=bindparam("k_domain"), updated_server_seq=bindparam("k_seq"))
)


def _copy_rows(conn: Connection, table, rows: list[dict]) -> None:
    """PostgreSQL COPY of many rows (several times faster than row-by-row INSERTs)."""
    import psycopg

    columns = [c.name for c in table.columns]
    statement = 'COPY "{}" ({}) FROM STDIN'.format(  # noqa: S608 (names from our schema)
        table.name, ", ".join(f'"{c}"' for c in columns))
    raw = conn.connection.driver_connection
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    except psycopg.errors.IntegrityError as e:
        raise IntegrityError(statement, None, e) from e


def _insert_many(conn: Connection, table, rows: list[dict]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg" and len(rows) > 8:
        _copy_rows(conn, table, rows)
    else:
        conn.execute(insert(table), rows)


def _write(conn: Connection, plan: _Plan) -> None:
    if plan.changed_states:
        conn.execute(_UPDATE_STATE, [
            {"k_commune": v["commune_code"], "k_entity": v["entity"],
             "k_entity_id": v["entity_id"], "k_version": v["version"], "k_row": v["row"],
             "k_domain": v["data_domain"], "k_seq": v["updated_server_seq"]}
            for v in plan.changed_states.values()])
    _insert_many(conn, entity_state, list(plan.new_states.values()))
    _insert_many(conn, change, plan.change_rows)
    _insert_many(conn, op_ledger, plan.ledger_rows)


def _apply_one_by_one(conn: Connection, batch: Batch, last_seq: int,
                      verified: bool) -> tuple[list[OpResult], int]:
    """Slow path: each op in its own savepoint, retried when a concurrent push raced it."""
    results = []
    for op in batch.ops:
        for _ in range(_RACE_RETRIES):
            try:
                with conn.begin_nested():
                    plan = _plan(conn, batch, [op], last_seq, verified)
                    _write(conn, plan)
            except IntegrityError:
                continue  # the savepoint is rolled back; look again (now a replay)
            results.append(plan.results[0])
            last_seq = plan.last_seq
            break
        else:
            results.append(OpResult.held(op.op_id, [f"{op.entity}:{op.entity_id}"]))
    return results, last_seq


def commune_cursor(conn: Connection, commune_code: str) -> int:
    """The commune's newest change sequence number (0 before its first change)."""
    value = conn.execute(select(commune.c.last_seq)
                         .where(commune.c.code == commune_code)).scalar()
    return int(value or 0)


def apply_batch(conn: Connection, batch: Batch, device_id: str, *,
                verified: bool = False) -> BatchResult:
    """Answer every op of a verified batch from `device_id`; the caller commits `conn`.

    `verified=True` only for a batch just returned by `decode_batch` (its op checks and payload
    hashes are not recomputed). Raises `Forbidden` (nothing applied) when the device is unknown,
    revoked, not the batch's device, or enrolled in another commune than the batch's.
    """
    _check_device(conn, batch, device_id)
    first_seq = _lock_commune(conn, batch.commune_code)
    plan = _plan(conn, batch, batch.ops, first_seq, verified)
    try:
        with conn.begin_nested():
            _write(conn, plan)
        results, last_seq = plan.results, plan.last_seq
    except IntegrityError:
        results, last_seq = _apply_one_by_one(conn, batch, first_seq, verified)
    if last_seq != first_seq:
        conn.execute(update(commune).where(commune.c.code == batch.commune_code)
                     .values(last_seq=last_seq))
    return BatchResult(batch_id=batch.batch_id, server_time=_now(), results=results,
                       cursor=last_seq)


class PullPage(NamedTuple):
    changes: list[tuple[int, str, str, int, dict]]  # (cursor, entity, entity_id, version, row)
    next_cursor: int
    more: bool


def pull_page(conn: Connection, commune_code: str, after_cursor: int,
              limit: int = DEFAULT_PULL_LIMIT) -> PullPage:
    """One commune's rows changed after `after_cursor`, oldest change first, at most `limit`."""
    if isinstance(after_cursor, bool) or not isinstance(after_cursor, int) or after_cursor < 0:
        raise ValueError("after_cursor: expected an integer >= 0")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PULL_LIMIT:
        raise ValueError(f"limit: expected 1..{MAX_PULL_LIMIT}")
    query = (select(entity_state.c.updated_server_seq, entity_state.c.entity,
                    entity_state.c.entity_id, entity_state.c.version, entity_state.c.row)
             .where(entity_state.c.commune_code == commune_code,
                    entity_state.c.updated_server_seq > after_cursor)
             .order_by(entity_state.c.updated_server_seq).limit(limit + 1))
    rows = conn.execute(query).all()
    more = len(rows) > limit
    changes = [(int(r.updated_server_seq), r.entity, r.entity_id, int(r.version),
                json.loads(r.row)) for r in rows[:limit]]
    next_cursor = changes[-1][0] if changes else after_cursor
    return PullPage(changes, next_cursor, more)


def pull(conn: Connection, commune_code: str, after_cursor: int,
         limit: int = DEFAULT_PULL_LIMIT) -> tuple[list[tuple[int, str, str, int, dict]], int]:
    """Changes of one commune after `after_cursor`, oldest first, at most `limit`.

    Returns ``([(cursor, entity, entity_id, version, row), …], next_cursor)``; pass next_cursor
    back to continue. A change superseded by a newer version of its row is skipped (the newer one
    follows), so each row arrives in its latest state.
    """
    page = pull_page(conn, commune_code, after_cursor, limit)
    return page.changes, page.next_cursor


def applied_count(result: BatchResult) -> int:
    return sum(1 for r in result.results if r.status == APPLIED)


__all__ = ["DEFAULT_PULL_LIMIT", "MAX_PULL_LIMIT", "CommuneMismatch", "DeviceRefused",
           "DeviceRevoked", "Forbidden", "PullPage", "applied_count", "apply_batch",
           "commune_cursor", "pull", "pull_page"]
