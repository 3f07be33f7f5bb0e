"""Receiving a batch (online push or USB bundle) and proving who sends a device request.

Both paths share `receive_batch`: the device key is looked up (revoked devices included, so a
revoked device is told so after its signature is proven), `decode_batch` checks everything,
then `apply_batch` answers the ops in one write transaction, and the `record_attachment` rows
it applied link their files to the commune.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select

from sync.hub import attachments
from sync.hub.db import Database
from sync.hub.errors import Revoked, Unauthenticated
from sync.hub.ledger import apply_batch
from sync.hub.schema import device
from sync.protocol import Batch, BatchResult, ProtocolError, decode_batch, public_key_from_text
from sync.protocol.requests import NonceCache, verify_request
from sync.protocol.results import APPLIED

_DEVICE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


@dataclass(frozen=True)
class DeviceRecord:
    device_id: str
    commune_code: str
    key_id: str
    public_key: Ed25519PublicKey
    revoked: bool


def load_device(db: Database, device_id: str) -> DeviceRecord | None:
    with db.read() as conn:
        row = conn.execute(select(device.c.id, device.c.commune_code, device.c.key_id,
                                  device.c.public_key, device.c.revoked_at)
                           .where(device.c.id == device_id)).first()
    if row is None:
        return None
    return DeviceRecord(row.id, row.commune_code, row.key_id,
                        public_key_from_text(row.public_key), row.revoked_at is not None)


class DeviceKeyLookup:
    """A PublicKeyLookup that remembers the device it found (one query per request)."""

    def __init__(self, db: Database):
        self.db = db
        self.found: DeviceRecord | None = None

    def __call__(self, device_id: str, kid: str | None) -> Ed25519PublicKey | None:
        if not isinstance(device_id, str) or not _DEVICE_ID.fullmatch(device_id):
            return None  # never reaches the database (PostgreSQL refuses NUL in text)
        record = load_device(self.db, device_id)
        if record is None or (kid is not None and kid != record.key_id):
            return None
        self.found = record
        return record.public_key


def receive_batch(db: Database, data: bytes, *, max_body: int,
                  before_apply=None) -> tuple[Batch, BatchResult]:
    """Verify and apply a signed envelope; raises ProtocolError, Forbidden, or HubError.

    `before_apply(device_id)` runs once the sender is proven (the rate limit hooks in there).
    """
    lookup = DeviceKeyLookup(db)
    batch = decode_batch(data, lookup, max_size=max_body)
    if lookup.found is not None and lookup.found.revoked:
        raise Revoked("device: revoked")
    if before_apply is not None:
        before_apply(batch.device_id)
    with db.write() as conn:
        result = apply_batch(conn, batch, batch.device_id, verified=True)
        shas = [op.payload.get("sha256")
                for op, res in zip(batch.ops, result.results, strict=True)
                if op.entity == "record_attachment" and res.status == APPLIED]
        attachments.link(conn, batch.commune_code, shas, "record")
    return batch, result


def authenticate(db: Database, nonces: NonceCache, headers, method: str, target: str,
                 body: bytes) -> DeviceRecord:
    """The proven, active device of a signed request; 401 Unauthenticated / 403 Revoked."""
    lookup = DeviceKeyLookup(db)
    try:
        verify_request(headers, method, target, body, lookup, nonces)
    except ProtocolError as e:
        raise Unauthenticated(e.detail or e.code) from e
    record = lookup.found
    assert record is not None  # verify_request succeeded, so the lookup found the device
    if record.revoked:
        raise Revoked("device: revoked")
    return record
