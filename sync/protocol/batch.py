"""The versioned batch: ops a device pushes, as gzip'd canonical JSON inside a signed envelope.

Body (canonical JSON, then gzip with mtime 0, so the same batch always gives the same bytes)::

    {"format": "xaso-sync", "version": 1, "commune_code": "5 digits", "device_id": str,
     "batch_id": uuid, "created_at": "…Z", "ops": [op, …]}
    op = {"op_id": uuid, "seq": int>=1, "entity": table, "entity_id": str, "op": "upsert"|"delete",
          "base_version": int>=0, "version": int>base_version, "payload": {column: DB value},
          "payload_hash": row_hash(payload), "data_domain": str, "supersedes": [uuid, …]}

`created_at` is the device clock: evidence only, the hub's time orders changes.
"""

from __future__ import annotations

import gzip
import math
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from core.models import SYNCED_ENTITIES
from core.outbox import row_hash
from sync.protocol.errors import (
    BadSignature,
    HashMismatch,
    InvalidOp,
    Malformed,
    TooLarge,
    UnsupportedVersion,
)
from sync.protocol.signing import (
    FORMAT,
    VERSION,
    PublicKeyLookup,
    open_envelope,
    sign_envelope,
)
from sync.protocol.wire import (
    HEX64,
    MAX_INT,
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

OP_KINDS = ("upsert", "delete")
DEFAULT_MAX_SIZE = 32 * 1024 * 1024  # decompressed body bytes; the hub may configure its own
_CHUNK = 256 * 1024
_COMMUNE = re.compile(r"\d{5}")
_DOMAIN = re.compile(r"[a-z][a-z0-9_]{0,31}")
_DEVICE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
OP_KEYS = frozenset({"op_id", "seq", "entity", "entity_id", "op", "base_version", "version",
                     "payload", "payload_hash", "data_domain", "supersedes"})
BATCH_KEYS = frozenset({"format", "version", "commune_code", "device_id", "batch_id",
                        "created_at", "ops"})


def _check_payload(payload, where: str) -> None:
    """Flat row of DB values (core.models.row_of): text, integer, finite real or null."""
    if not isinstance(payload, dict):
        raise InvalidOp(f"{where}: expected an object")
    for key, value in payload.items():
        if not isinstance(key, str) or not key:
            raise InvalidOp(f"{where}: column names must be non-empty text")
        if value is None or isinstance(value, str):
            continue
        if type(value) is int:
            if not -MAX_INT - 1 <= value <= MAX_INT:
                raise InvalidOp(f"{where}.{key[:40]}: integer out of 64-bit range")
        elif type(value) is float:
            if not math.isfinite(value):
                raise InvalidOp(f"{where}.{key[:40]}: number must be finite")
        else:
            raise InvalidOp(f"{where}.{key[:40]}: not a DB value (text/int/real/null)")


@dataclass(frozen=True, slots=True)
class Op:
    """One change: the row's state after it, and what it was based on (idempotency: op_id)."""

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
    supersedes: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if isinstance(self.supersedes, list):
            object.__setattr__(self, "supersedes", tuple(self.supersedes))
        self.check()

    def check(self, where: str = "op") -> None:
        """Types and ranges; the payload hash is checked separately (its own error code)."""
        if not is_uuid(self.op_id):
            raise InvalidOp(f"{where}.op_id: expected a lowercase UUID")
        if not is_int(self.seq, 1):
            raise InvalidOp(f"{where}.seq: expected an integer >= 1")
        if self.entity not in SYNCED_ENTITIES:
            raise InvalidOp(f"{where}.entity: not a synced table")
        if not isinstance(self.entity_id, str) or not 1 <= len(self.entity_id) <= 36:
            raise InvalidOp(f"{where}.entity_id: expected 1-36 characters")
        if self.op not in OP_KINDS:
            raise InvalidOp(f"{where}.op: expected upsert or delete")
        if not is_int(self.base_version, 0):
            raise InvalidOp(f"{where}.base_version: expected an integer >= 0")
        if not is_int(self.version, 1) or self.version <= self.base_version:
            raise InvalidOp(f"{where}.version: must be an integer above base_version")
        _check_payload(self.payload, f"{where}.payload")
        if self.payload.get("id") != self.entity_id:
            raise InvalidOp(f"{where}.payload.id: must equal entity_id")
        if self.payload.get("version") != self.version or type(self.payload["version"]) is not int:
            raise InvalidOp(f"{where}.payload.version: must equal version")
        if not isinstance(self.payload_hash, str) or not HEX64.fullmatch(self.payload_hash):
            raise InvalidOp(f"{where}.payload_hash: expected 64 lowercase hex")
        if not isinstance(self.data_domain, str) or not _DOMAIN.fullmatch(self.data_domain):
            raise InvalidOp(f"{where}.data_domain: expected a lowercase name")
        if not isinstance(self.supersedes, tuple) or not all(map(is_uuid, self.supersedes)):
            raise InvalidOp(f"{where}.supersedes: expected a list of lowercase UUIDs")
        if len(set(self.supersedes)) != len(self.supersedes) or self.op_id in self.supersedes:
            raise InvalidOp(f"{where}.supersedes: repeats an id or lists the op itself")

    def to_dict(self) -> dict:
        return {"op_id": self.op_id, "seq": self.seq, "entity": self.entity,
                "entity_id": self.entity_id, "op": self.op, "base_version": self.base_version,
                "version": self.version, "payload": self.payload,
                "payload_hash": self.payload_hash, "data_domain": self.data_domain,
                "supersedes": list(self.supersedes)}

    @classmethod
    def from_dict(cls, data, where: str = "op") -> Op:
        exact_keys(data, OP_KEYS, where, InvalidOp)
        supersedes = data["supersedes"]
        if not isinstance(supersedes, list):
            raise InvalidOp(f"{where}.supersedes: expected a list")
        values = {**data, "supersedes": tuple(supersedes)}
        op = object.__new__(cls)
        for name in OP_KEYS:
            object.__setattr__(op, name, values[name])
        op.check(where)
        return op


@dataclass(frozen=True, slots=True)
class Batch:
    """One push from one device of one commune; ops in increasing device sequence."""

    commune_code: str
    device_id: str
    batch_id: str
    created_at: datetime
    ops: tuple[Op, ...]
    format: str = FORMAT
    version: int = VERSION

    def __post_init__(self):
        if isinstance(self.ops, list):
            object.__setattr__(self, "ops", tuple(self.ops))
        object.__setattr__(self, "created_at", check_time(self.created_at, "batch.created_at"))
        self.check()

    def check(self) -> None:
        if self.format != FORMAT:
            raise Malformed("batch.format: not a xaso-sync batch")
        if self.version != VERSION:
            raise UnsupportedVersion(f"batch.version: only {VERSION} is understood")
        if not isinstance(self.commune_code, str) or not _COMMUNE.fullmatch(self.commune_code):
            raise Malformed("batch.commune_code: expected 5 digits")
        if not isinstance(self.device_id, str) or not _DEVICE_ID.fullmatch(self.device_id):
            raise Malformed("batch.device_id: invalid")
        if not is_uuid(self.batch_id):
            raise Malformed("batch.batch_id: expected a lowercase UUID")
        if not isinstance(self.ops, tuple) or not self.ops:
            raise Malformed("batch.ops: expected at least one op")
        seen: set[str] = set()
        last_seq = 0
        for i, op in enumerate(self.ops):
            if not isinstance(op, Op):
                raise InvalidOp(f"ops[{i}]: not an Op", op_index=i)
            if op.op_id in seen:
                raise InvalidOp(f"ops[{i}].op_id: repeated in this batch", op_index=i)
            if op.seq <= last_seq:
                raise InvalidOp(f"ops[{i}].seq: must increase", op_index=i)
            seen.add(op.op_id)
            last_seq = op.seq

    def to_dict(self) -> dict:
        return {"format": self.format, "version": self.version,
                "commune_code": self.commune_code, "device_id": self.device_id,
                "batch_id": self.batch_id, "created_at": format_time(self.created_at),
                "ops": [op.to_dict() for op in self.ops]}

    @classmethod
    def from_dict(cls, data) -> Batch:
        check_document(data, FORMAT, VERSION, BATCH_KEYS, "batch")
        ops = parse_items(data["ops"], Op.from_dict, "ops")
        return cls(commune_code=data["commune_code"], device_id=data["device_id"],
                   batch_id=data["batch_id"],
                   created_at=parse_time(data["created_at"], "batch.created_at"), ops=ops)


def check_hashes(batch: Batch) -> None:
    """Each payload must hash to its payload_hash: proves the row is what the change wrote."""
    for i, op in enumerate(batch.ops):
        if row_hash(op.payload) != op.payload_hash:
            raise HashMismatch(f"ops[{i}].payload_hash: does not match the payload", op_index=i)


def encode_body(batch: Batch) -> bytes:
    """Canonical JSON, gzip'd with mtime 0: identical batches give identical bytes."""
    return gzip.compress(canonical_bytes(batch.to_dict()), compresslevel=6, mtime=0)


def encode_batch(batch: Batch, private_key: Ed25519PrivateKey) -> bytes:
    """Sign and wrap; refuses to sign a batch the hub would refuse."""
    batch.check()
    check_hashes(batch)
    return sign_envelope(encode_body(batch), private_key, batch.device_id)


def gunzip_limited(data: bytes, max_size: int) -> bytes:
    """Decompress one gzip member in bounded steps; stop as soon as output passes max_size.

    The gzip trailer's size field is never trusted: a bomb is refused having used at most
    max_size + one step of memory.
    """
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip header and trailer required
    out = bytearray()
    pending = data
    try:
        while True:
            chunk = inflater.decompress(pending, _CHUNK)
            out += chunk
            if len(out) > max_size:
                raise TooLarge(f"body over {max_size} bytes once decompressed")
            pending = inflater.unconsumed_tail
            if inflater.eof or (not chunk and not pending):
                break
    except zlib.error as e:
        raise Malformed("body: not gzip or damaged") from e
    if not inflater.eof:
        raise Malformed("body: gzip data is truncated")
    if inflater.unused_data:
        raise Malformed("body: data after the gzip stream")
    return bytes(out)


def decode_batch(data: bytes, public_key_lookup: PublicKeyLookup, *,
                 max_size: int = DEFAULT_MAX_SIZE) -> Batch:
    """Verify signature, size, format, ops and payload hashes; return the batch or raise."""
    device_id, body = open_envelope(data, public_key_lookup, max_size)
    text = gunzip_limited(body, max_size)
    batch = Batch.from_dict(loads_strict(text, "body"))
    if batch.device_id != device_id:
        raise BadSignature("batch.device_id: differs from the signing device")
    if canonical_bytes(batch.to_dict()) != text:
        raise Malformed("body: not in canonical form")
    check_hashes(batch)
    return batch
