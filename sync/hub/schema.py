"""The hub's tables (issue 7), SQLAlchemy Core only so one schema serves SQLite and PostgreSQL.

- `commune`: the tenants (2025 five-digit codes).
- `device`: enrolled device keys, each bound to one commune; `revoked_at` refuses it.
- `op_ledger`: one row per op id ever given a final answer (idempotency: its stored result is
  replayed to a retried push).
- `entity_state`: the hub's current row per (commune, entity, entity id) and its version.
- `change`: append-only; its autoincrement `id` is the server cursor a pull pages by.

JSON columns are canonical JSON text (identical on both engines; the hub never queries into them).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Engine

metadata = MetaData()

# SQLite only makes INTEGER PRIMARY KEY an alias of the rowid (autoincrement); BIGINT elsewhere.
_BigId = BigInteger().with_variant(Integer(), "sqlite")

commune = Table(
    "commune", metadata,
    Column("code", String(5), primary_key=True),
    Column("name", Text, nullable=False),
)

device = Table(
    "device", metadata,
    Column("id", String(64), primary_key=True),
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("public_key", Text, nullable=False),
    Column("key_id", String(64), nullable=False, unique=True),
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

op_ledger = Table(
    "op_ledger", metadata,
    Column("op_id", String(36), primary_key=True),
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("device_id", String(64), ForeignKey("device.id"), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("result", Text, nullable=False),  # canonical JSON of OpResult.to_dict()
    Column("applied_at", DateTime(timezone=True), nullable=False),
    Column("server_seq", _BigId, nullable=True),  # change.id when applied, else null
    Index("ix_op_ledger_device_seq", "device_id", "seq"),
)

entity_state = Table(
    "entity_state", metadata,
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("row", Text, nullable=False),  # canonical JSON of the payload
    Column("data_domain", String(32), nullable=False),
    Column("updated_server_seq", _BigId, nullable=False),
    PrimaryKeyConstraint("commune_code", "entity", "entity_id"),
)

change = Table(
    "change", metadata,
    Column("id", _BigId, primary_key=True, autoincrement=True),
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_change_commune_id", "commune_code", "id"),
    sqlite_autoincrement=True,  # never reuse an id, even after the newest row is deleted
)


def create_all(engine: Engine) -> None:
    metadata.create_all(engine)
