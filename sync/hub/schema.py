"""The hub's tables (issue 7), SQLAlchemy Core only so one schema serves SQLite and PostgreSQL.

- `commune`: the tenants (2025 five-digit codes); `last_seq` is the commune's change counter.
- `device`: enrolled device keys, each bound to one commune; `revoked_at` refuses it.
- `enrollment_code`: one-time codes, stored as a hash only, with expiry and single use.
- `hub_user`: people of the web dashboard (argon2id password hashes).
- `op_ledger`: one row per op id ever given a final answer (idempotency: its stored result is
  replayed to a retried push).
- `entity_state`: the hub's current row per (commune, entity, entity id), its version and the
  commune sequence number of the change that wrote it (what a pull pages by).
- `change`: append-only history, one row per applied op, keyed by (commune, seq).
- `attachment`, `attachment_upload`, `attachment_link`: content-addressed files, uploads in
  progress per commune, and which communes may read a file.
- `commune_report`: the latest report figures a commune sent per period (PUT /v1/report);
  `device_activity`: when each device last pushed, pulled, reported, and what it had pending;
  `hub_session`: logged-in dashboard users (issue 8).

The cursor is per commune: `commune.last_seq` is taken under the commune row's lock (held until
commit), so a commune's changes commit in cursor order and a pull never skips one that commits
late (an autoincrement id shared by concurrent transactions could).

JSON columns are canonical JSON text (identical on both engines; the hub never queries into them).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
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

commune = Table(
    "commune", metadata,
    Column("code", String(5), primary_key=True),
    Column("name", Text, nullable=False),
    Column("last_seq", BigInteger, nullable=False, default=0, server_default="0"),
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

enrollment_code = Table(
    "enrollment_code", metadata,
    Column("code_hash", String(64), primary_key=True),  # sha256 of the normalised code
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
    Column("device_id", String(64), nullable=True),
)

hub_user = Table(
    "hub_user", metadata,
    Column("username", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # province | commune
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled_at", DateTime(timezone=True), nullable=True),
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
    Column("server_seq", BigInteger, nullable=True),  # the commune seq when applied, else null
    Index("ix_op_ledger_device_seq", "device_id", "seq"),
    # The dashboard counts refusals per commune and device: an index-only range over the
    # few rejected/conflict rows instead of a scan of every op ever received.
    Index("ix_op_ledger_status_commune_device", "status", "commune_code", "device_id"),
)

entity_state = Table(
    "entity_state", metadata,
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("row", Text, nullable=False),  # canonical JSON of the payload
    Column("data_domain", String(32), nullable=False),
    Column("updated_server_seq", BigInteger, nullable=False),
    PrimaryKeyConstraint("commune_code", "entity", "entity_id"),
    # A pull reads this index in order: each row once, at the seq of its newest change.
    Index("ux_entity_state_commune_seq", "commune_code", "updated_server_seq", unique=True),
)

change = Table(
    "change", metadata,
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("entity", String(64), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("op_id", String(36), nullable=False),
    PrimaryKeyConstraint("commune_code", "seq"),
)

attachment = Table(
    "attachment", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

attachment_upload = Table(
    "attachment_upload", metadata,
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("length", BigInteger, nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("commune_code", "sha256"),
)

attachment_link = Table(
    "attachment_link", metadata,
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("source", String(16), nullable=False),  # upload | record
    Column("linked_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("commune_code", "sha256"),
)


commune_report = Table(
    "commune_report", metadata,
    Column("commune_code", String(5), ForeignKey("commune.code"), nullable=False),
    Column("period_key", String(16), nullable=False),  # "2026-11", "2026-W48"
    Column("kind", String(8), nullable=False),  # week | month
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),  # UTC; newest wins
    Column("device_id", String(64), nullable=False),
    Column("app_version", String(40), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("figures", Text, nullable=False),  # canonical JSON: code → {value, cumulative, …}
    PrimaryKeyConstraint("commune_code", "period_key"),
    Index("ix_commune_report_period", "period_key"),
)

device_activity = Table(
    "device_activity", metadata,
    Column("device_id", String(64), ForeignKey("device.id"), primary_key=True),
    Column("last_push_at", DateTime(timezone=True), nullable=True),
    Column("last_pull_at", DateTime(timezone=True), nullable=True),
    Column("last_report_at", DateTime(timezone=True), nullable=True),
    Column("pending_changes", BigInteger, nullable=True),  # as the last report said
    Column("app_version", String(40), nullable=True),
)

hub_session = Table(
    "hub_session", metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the cookie's token
    Column("username", String(64), ForeignKey("hub_user.username"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# Indexes added to tables that existed before them: `create_all` skips existing tables with
# their indexes, so these are created one by one (checkfirst) on every start.
_LATE_INDEXES = ("ix_op_ledger_status_commune_device",)


def create_all(engine: Engine) -> None:
    metadata.create_all(engine)
    for table in (op_ledger,):
        for index in table.indexes:
            if index.name in _LATE_INDEXES:
                index.create(engine, checkfirst=True)
