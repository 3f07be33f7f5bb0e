"""Per-op results of a push: never all-or-nothing, one answer per op, in op order.

Body (UTF-8 canonical JSON)::

    {"format": "xaso-sync-result", "version": 1, "batch_id": uuid, "server_time": "…Z",
     "cursor": int>=0, "results": [result, …]}
    result = {"op_id": uuid, "status": STATUS, "original_status": str|null,
              "server_version": int|null, "server_row": object|null,
              "errors": {field: message}, "waiting_for": [str, …]}

A `duplicate` replays the stored outcome of the first delivery: `original_status` says which,
and the fields that outcome carries come along (a retried push learns what happened the first
time). The hub's `server_time` orders changes; the device's clock is only evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sync.protocol.batch import Batch
from sync.protocol.errors import InvalidOp, Malformed, TooLarge
from sync.protocol.wire import (
    canonical_bytes,
    check_document,
    check_time,
    exact_keys,
    format_time,
    is_int,
    is_uuid,
    loads_strict,
    parse_items,
    parse_time,
)

RESULT_FORMAT = "xaso-sync-result"
RESULT_VERSION = 1
DEFAULT_MAX_RESULT_SIZE = 64 * 1024 * 1024

APPLIED, DUPLICATE, MISMATCH = "applied", "duplicate", "mismatch"
REJECTED, CONFLICT, HELD = "rejected", "conflict", "held"
STATUSES = (APPLIED, DUPLICATE, MISMATCH, REJECTED, CONFLICT, HELD)
# What a duplicate can replay: final outcomes only (a held op is re-evaluated when re-sent).
FINAL_STATUSES = (APPLIED, REJECTED, CONFLICT)
RESULT_KEYS = frozenset({"op_id", "status", "original_status", "server_version", "server_row",
                         "errors", "waiting_for"})
BATCH_RESULT_KEYS = frozenset({"format", "version", "batch_id", "server_time", "cursor",
                               "results"})


def classify_replay(stored_hash: str, incoming_hash: str) -> str:
    """An op id seen before: same payload hash → replay the stored result, else refuse it."""
    return DUPLICATE if stored_hash == incoming_hash else MISMATCH


@dataclass(frozen=True, slots=True)
class OpResult:
    """The hub's answer for one op; only the fields its status needs are set."""

    op_id: str
    status: str
    original_status: str | None = None
    server_version: int | None = None
    server_row: dict | None = None
    errors: dict = field(default_factory=dict)
    waiting_for: tuple[str, ...] = ()

    def __post_init__(self):
        if isinstance(self.waiting_for, list):
            object.__setattr__(self, "waiting_for", tuple(self.waiting_for))
        self.check()

    @classmethod
    def applied(cls, op_id: str, server_version: int) -> OpResult:
        return cls(op_id, APPLIED, server_version=server_version)

    @classmethod
    def duplicate(cls, stored: OpResult) -> OpResult:
        """Replay a stored final result under status duplicate."""
        return cls(stored.op_id, DUPLICATE, original_status=stored.status,
                   server_version=stored.server_version, server_row=stored.server_row,
                   errors=stored.errors, waiting_for=stored.waiting_for)

    @classmethod
    def mismatch(cls, op_id: str) -> OpResult:
        return cls(op_id, MISMATCH)

    @classmethod
    def rejected(cls, op_id: str, errors: dict[str, str]) -> OpResult:
        return cls(op_id, REJECTED, errors=dict(errors))

    @classmethod
    def conflict(cls, op_id: str, server_version: int, server_row: dict) -> OpResult:
        return cls(op_id, CONFLICT, server_version=server_version, server_row=server_row)

    @classmethod
    def held(cls, op_id: str, waiting_for: list[str] | tuple[str, ...]) -> OpResult:
        """`waiting_for`: what must arrive first, e.g. op ids or "person:<id>" references."""
        return cls(op_id, HELD, waiting_for=tuple(waiting_for))

    def check(self, where: str = "result") -> None:
        if not is_uuid(self.op_id):
            raise InvalidOp(f"{where}.op_id: expected a lowercase UUID")
        if self.status not in STATUSES:
            raise InvalidOp(f"{where}.status: unknown")
        if self.status == DUPLICATE:
            if self.original_status not in FINAL_STATUSES:
                raise InvalidOp(f"{where}.original_status: a duplicate replays a final result")
            outcome = self.original_status
        else:
            if self.original_status is not None:
                raise InvalidOp(f"{where}.original_status: only for duplicates")
            outcome = self.status
        wants_version = outcome in (APPLIED, CONFLICT)
        if wants_version != (self.server_version is not None):
            raise InvalidOp(f"{where}.server_version: required for applied/conflict only")
        if wants_version and not is_int(self.server_version, 1):
            raise InvalidOp(f"{where}.server_version: expected an integer >= 1")
        if (outcome == CONFLICT) != (self.server_row is not None):
            raise InvalidOp(f"{where}.server_row: required for conflict only")
        if self.server_row is not None and not isinstance(self.server_row, dict):
            raise InvalidOp(f"{where}.server_row: expected an object")
        if not isinstance(self.errors, dict) or (outcome == REJECTED) != bool(self.errors):
            raise InvalidOp(f"{where}.errors: required (non-empty) for rejected only")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in self.errors.items()):
            raise InvalidOp(f"{where}.errors: expected field → message text")
        if not isinstance(self.waiting_for, tuple) or (outcome == HELD) != bool(self.waiting_for):
            raise InvalidOp(f"{where}.waiting_for: required (non-empty) for held only")
        if not all(isinstance(w, str) and w for w in self.waiting_for):
            raise InvalidOp(f"{where}.waiting_for: expected non-empty text items")

    def to_dict(self) -> dict:
        return {"op_id": self.op_id, "status": self.status,
                "original_status": self.original_status, "server_version": self.server_version,
                "server_row": self.server_row, "errors": self.errors,
                "waiting_for": list(self.waiting_for)}

    @classmethod
    def from_dict(cls, data, where: str = "result") -> OpResult:
        exact_keys(data, RESULT_KEYS, where)
        if not isinstance(data["waiting_for"], list):
            raise InvalidOp(f"{where}.waiting_for: expected a list")
        return cls(**{**data, "waiting_for": tuple(data["waiting_for"])})


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The hub's answer to one batch; `cursor` is the hub's change position after it."""

    batch_id: str
    server_time: datetime
    results: tuple[OpResult, ...]
    cursor: int

    def __post_init__(self):
        if isinstance(self.results, list):
            object.__setattr__(self, "results", tuple(self.results))
        object.__setattr__(self, "server_time", check_time(self.server_time, "server_time"))
        if not is_uuid(self.batch_id):
            raise Malformed("batch_result.batch_id: expected a lowercase UUID")
        if not is_int(self.cursor, 0):
            raise Malformed("batch_result.cursor: expected an integer >= 0")
        if not isinstance(self.results, tuple) or not all(
                isinstance(r, OpResult) for r in self.results):
            raise Malformed("batch_result.results: expected OpResult items")

    def check_against(self, batch: Batch) -> None:
        """The client trusts a result only if it answers exactly this batch's ops, in order."""
        if self.batch_id != batch.batch_id:
            raise Malformed("batch_result.batch_id: answers another batch")
        if [r.op_id for r in self.results] != [op.op_id for op in batch.ops]:
            raise Malformed("batch_result.results: not one per op in op order")

    def to_dict(self) -> dict:
        return {"format": RESULT_FORMAT, "version": RESULT_VERSION, "batch_id": self.batch_id,
                "server_time": format_time(self.server_time), "cursor": self.cursor,
                "results": [r.to_dict() for r in self.results]}


def encode_batch_result(result: BatchResult) -> bytes:
    return canonical_bytes(result.to_dict())


def decode_batch_result(data: bytes, *, max_size: int = DEFAULT_MAX_RESULT_SIZE) -> BatchResult:
    if len(data) > max_size:
        raise TooLarge(f"result over {max_size} bytes")
    obj = loads_strict(bytes(data), "result")
    check_document(obj, RESULT_FORMAT, RESULT_VERSION, BATCH_RESULT_KEYS, "result")
    results = parse_items(obj["results"], OpResult.from_dict, "results")
    return BatchResult(batch_id=obj["batch_id"], cursor=obj["cursor"], results=results,
                       server_time=parse_time(obj["server_time"], "result.server_time"))
