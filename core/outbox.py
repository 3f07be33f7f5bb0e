"""The transactional outbox: every synced change, in device order, ready to push upstream."""

from __future__ import annotations

import hashlib

from sqlmodel import Session

from core.audit import canonical_json
from core.models import OutboxEntry, new_id


def row_hash(row: dict) -> str:
    """Hash of an entity row as DB values (see core.models.row_of): the change's payload hash."""
    return hashlib.sha256(canonical_json(row).encode("utf-8")).hexdigest()


def append_change(session: Session, entity: str, entity_id: str, op: str, base_version: int,
                  version: int, row: dict, data_domain: str) -> OutboxEntry:
    """Append inside the caller's write transaction; `seq` (AUTOINCREMENT) is the device order."""
    entry = OutboxEntry(op_id=new_id(), entity=entity, entity_id=entity_id, op=op,
                        base_version=base_version, version=version, payload_hash=row_hash(row),
                        data_domain=data_domain)
    session.add(entry)
    return entry
