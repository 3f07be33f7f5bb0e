"""Domain model v1 (DESIGN.md "Data model").

Tables are SQLModel classes so services can use typed objects, but the schema itself is created
by the frozen SQL of each migration step (core/migrations/), never by `create_all`: a later model
change must come with a migration. `tests/unit/test_migrations.py` checks the two agree.

Every syncable entity carries a client-generated UUIDv7 id, `version`, `created_at`,
`updated_at`, `updated_by` and a soft-delete tombstone (`deleted_at`, `deleted_reason`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Field, SQLModel
from uuid_utils import uuid7


def new_id() -> str:
    """Time-ordered UUIDv7: ids sort by creation and never collide across devices."""
    return str(uuid7())


def utcnow() -> datetime:
    return datetime.now(UTC)


def db_value(value):
    """A Python value as it is stored in SQLite (and carried in sync payloads).

    Datetimes are UTC text in SQLAlchemy's SQLite format, so rows written by the ORM and by the
    bulk path are identical.
    """
    if isinstance(value, datetime):
        if value.utcoffset() is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, bool):
        return int(value)
    return value


def row_of(obj: SQLModel) -> dict:
    """All columns of a table object as DB values: the outbox payload of a change."""
    return {column.name: db_value(getattr(obj, column.name)) for column in obj.__table__.columns}


class Entity(SQLModel):
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str | None = Field(default=None, max_length=36)
    deleted_at: datetime | None = None
    deleted_reason: str | None = None


class Hamlet(Entity, table=True):
    """Thôn / tổ dân phố of the commune."""

    __tablename__ = "hamlet"

    name: str
    commune_code: str = Field(max_length=5)
    position: int = 0
    active: bool = True


class Address(Entity, table=True):
    """An address keyed on an admin-unit code and its code system (2004 or 2025 list)."""

    __tablename__ = "address"

    unit_code: str | None = Field(default=None, max_length=5)
    code_system: str = Field(default="2025", max_length=4)
    hamlet_id: str | None = Field(default=None, foreign_key="hamlet.id", max_length=36)
    free_text: str | None = None


class Person(Entity, table=True):
    __tablename__ = "person"
    full_name: str  # exactly as on the card (NFC); never split for identity purposes
    name_folded: str  # text.search_key(): folded tokens (đ→d); indexed by person_fts
    name_key: str  # canonical tone placement + casefold: comparison key
    sort_key: str  # Vietnamese collation, binary-comparable (indexes: see migrations)
    personal_number: str | None = Field(default=None, index=True, max_length=12)
    old_id_number: str | None = Field(default=None, index=True, max_length=12)
    # "YYYY", "YYYY-MM" or "YYYY-MM-DD": text order is date order, so age bands are dob ranges.
    dob: str | None = Field(default=None, index=True, max_length=10)
    dob_precision: str | None = Field(default=None, max_length=5)  # year / month / day
    birth_year: int | None = None
    sex: str | None = Field(default=None, max_length=1)  # "M" / "F"
    nationality: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    place_of_origin: str | None = None
    place_of_birth: str | None = None
    residence_address_id: str | None = Field(default=None, foreign_key="address.id", max_length=36)
    phone: str | None = Field(default=None, index=True)  # only with an active contact consent
    provenance: str = "{}"  # JSON: field -> {source, by, at, original}


class Consent(Entity, table=True):
    """Recorded consent for data kept beyond state duties (e.g. a personal phone number)."""

    __tablename__ = "consent"

    person_id: str = Field(foreign_key="person.id", index=True, max_length=36)
    purpose: str  # e.g. "contact"
    method: str  # e.g. "verbal", "signed form"
    given_by: str  # the person, or their legal representative
    given_at: datetime = Field(default_factory=utcnow)
    recorded_by: str | None = Field(default=None, max_length=36)
    withdrawn_at: datetime | None = None


class Household(Entity, table=True):
    __tablename__ = "household"
    code: str | None = None  # số hộ, when known
    address_id: str | None = Field(default=None, foreign_key="address.id", max_length=36)
    head_person_id: str | None = Field(default=None, foreign_key="person.id", max_length=36)


class HouseholdMember(Entity, table=True):
    __tablename__ = "household_member"
    household_id: str = Field(foreign_key="household.id", index=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", index=True, max_length=36)
    relationship: str  # chủ hộ, vợ, chồng, con, …
    joined_on: str | None = None
    left_on: str | None = None


class CardRead(Entity, table=True):
    """Evidence of one chip / QR / MRZ read; immutable once written."""

    __tablename__ = "card_read"

    person_id: str | None = Field(default=None, foreign_key="person.id", index=True, max_length=36)
    source: str  # chip / qr / mrz
    fields: str = "{}"  # JSON of the values read
    pa_verdict: str = "{}"  # JSON: per-step tri-state passive-authentication result
    face_sha256: str | None = Field(default=None, max_length=64)
    reader_name: str | None = None
    read_at: datetime = Field(default_factory=utcnow)
    read_by: str | None = Field(default=None, max_length=36)


class DigitalCitizenStatus(Entity, table=True):
    __tablename__ = "digital_citizen_status"
    person_id: str = Field(foreign_key="person.id", unique=True, max_length=36)
    vneid_level: int = 0  # 0 none, 1, 2
    vneid_state: str = "no_account"
    state_dates: str = "{}"  # JSON: state -> ISO date
    failure_reason: str | None = None
    helper_user_id: str | None = Field(default=None, max_length=36)
    criteria: str = "{}"  # JSON: configurable digital-citizen criteria -> bool
    notes: str | None = None


class FollowUp(Entity, table=True):
    __tablename__ = "follow_up"
    person_id: str = Field(foreign_key="person.id", index=True, max_length=36)
    task: str
    due_date: str = Field(index=True, max_length=10)
    assigned_to: str | None = Field(default=None, max_length=36)
    done_at: datetime | None = None
    notes: str | None = None


class CollectionSession(Entity, table=True):
    """A mobile police session collecting level-2 VNeID applications."""

    __tablename__ = "collection_session"

    held_on: str = Field(index=True, max_length=10)  # ISO date
    place: str
    hamlet_id: str | None = Field(default=None, foreign_key="hamlet.id", max_length=36)
    notes: str | None = None


class CollectionAttendee(Entity, table=True):
    __tablename__ = "collection_attendee"

    session_id: str = Field(foreign_key="collection_session.id", index=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", index=True, max_length=36)
    outcome: str = "registered"  # registered / collected / failed / absent
    failure_reason: str | None = None


class Record(Entity, table=True):
    """A sector record of a declared type; payload validated against its definition."""

    __tablename__ = "record"

    type_code: str = Field(index=True)
    type_version: int = 1
    data_domain: str
    payload: str = "{}"  # JSON
    book_ref: str | None = None  # paper book / page / entry for digitised legal records
    legal: bool = False  # civil status: the payload changes only through RecordAction (trigger)
    title: str | None = None  # what the list shows first (e.g. the child's name)
    title_folded: str | None = None  # text.search_key(title): list filter
    key_date: str | None = Field(default=None, max_length=10)  # ISO; the list's sort date


class RecordPerson(Entity, table=True):
    __tablename__ = "record_person"
    record_id: str = Field(foreign_key="record.id", index=True, max_length=36)
    person_id: str = Field(foreign_key="person.id", index=True, max_length=36)
    role: str


class RecordAction(SQLModel, table=True):
    """Append-only history of a legal record (a trigger forbids UPDATE and DELETE).

    Synced (schema v5): an action is inserted once and never changes, so its version is 1.
    """

    __tablename__ = "record_action"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    version: int = Field(default=1)
    record_id: str = Field(foreign_key="record.id", index=True, max_length=36)
    action: str
    payload: str = "{}"
    note: str | None = None
    at: datetime = Field(default_factory=utcnow)
    by: str | None = Field(default=None, max_length=36)


class Attachment(SQLModel, table=True):
    """Content-addressed file; the bytes live encrypted under the data folder."""

    __tablename__ = "attachment"

    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    mime: str
    filename: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str | None = Field(default=None, max_length=36)


class RecordAttachment(Entity, table=True):
    """A stored file (scan of the paper entry, a decision…) attached to a record."""

    __tablename__ = "record_attachment"
    record_id: str = Field(foreign_key="record.id", index=True, max_length=36)
    sha256: str = Field(foreign_key="attachment.sha256", max_length=64)
    caption: str | None = None


class ImportMapping(Entity, table=True):
    """Excel columns → fields, saved per spreadsheet layout; local to this PC's store."""

    __tablename__ = "import_mapping"
    target: str  # "person" or a record type code
    name: str
    fingerprint: str = Field(index=True, max_length=64)  # of the folded header row
    columns: str  # JSON: header text -> field name


class ReviewItem(Entity, table=True):
    __tablename__ = "review_item"
    kind: str  # conflict / duplicate / cleaning_mismatch / sync_rejection / id_warning
    entity: str
    entity_id: str = Field(index=True, max_length=36)
    details: str = "{}"
    status: str = Field(default="open", index=True)  # open / resolved / dismissed
    resolution: str | None = None
    resolved_by: str | None = Field(default=None, max_length=36)
    resolved_at: datetime | None = None


class User(Entity, table=True):
    __tablename__ = "app_user"
    username: str = Field(unique=True)
    display_name: str
    role: str  # admin / officer / member / viewer
    disabled: bool = False


class AuditEvent(SQLModel, table=True):
    """Hash-chained audit trail; each event stores the previous event's hash."""

    __tablename__ = "audit_event"
    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(default_factory=new_id, unique=True, max_length=36)
    at: datetime = Field(default_factory=utcnow)
    user_id: str | None = Field(default=None, max_length=36)
    action: str = Field(index=True)
    entity: str | None = None
    entity_id: str | None = Field(default=None, index=True, max_length=36)
    details: str = "{}"
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class OutboxEntry(SQLModel, table=True):
    """One change to push upstream; `seq` is the device's monotonic sequence number.

    The payload is not copied here: rows are never hard-deleted, so the state a change produced
    is the entity row at `version`. When a row has moved on, its newer entry supersedes this
    one (the push sends the newest state once, listing the op ids it supersedes).
    `payload_hash` is the hash of the row as written, so a push can prove the row still
    holds exactly what this change wrote. This keeps the outbox ~10x smaller than snapshots.
    """

    __tablename__ = "outbox"
    seq: int | None = Field(default=None, primary_key=True)
    op_id: str = Field(default_factory=new_id, max_length=36)
    entity: str
    entity_id: str = Field(max_length=36)
    op: str  # upsert / delete
    base_version: int
    version: int
    payload_hash: str = Field(max_length=64)
    data_domain: str
    created_at: datetime = Field(default_factory=utcnow)
    pushed_at: datetime | None = Field(default=None, index=True)  # when the hub answered
    result: str | None = None  # the hub's answer: applied / conflict / rejected / mismatch …
    batch_id: str | None = Field(default=None, max_length=36)  # sync_batch it was sent in


class SyncState(SQLModel, table=True):
    """This PC's enrollment with its hub (one row, id 1) and where the sync stands."""

    __tablename__ = "sync_state"
    id: int = Field(default=1, primary_key=True)
    hub_url: str
    hub_id: str
    device_id: str = Field(max_length=64)
    device_name: str
    device_key: str  # PKCS#8 PEM of the device's Ed25519 key: only inside this database
    hub_signing_key: str  # pinned at enrollment (verifies USB acks)
    hub_sealing_key: str  # pinned at enrollment (USB bundles are sealed to it)
    commune_code: str = Field(max_length=5)
    enrolled_at: datetime = Field(default_factory=utcnow)
    enrolled_by: str | None = Field(default=None, max_length=36)
    pull_cursor: int = 0
    history_queued: bool = False  # record actions older than schema v5 queued for the hub
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None  # Vietnamese message of the last failure (no personal data)
    failures: int = 0  # consecutive retryable failures (backoff)
    next_attempt_at: datetime | None = None
    clock_skew: float | None = None  # seconds, hub clock minus this PC's clock
    skew_measured_at: datetime | None = None
    reference_versions: str | None = None  # JSON: the hub's admin units / record types versions


class SyncBatch(SQLModel, table=True):
    """A signed batch; the one not yet answered is re-sent byte for byte (idempotent)."""

    __tablename__ = "sync_batch"
    id: str = Field(primary_key=True, max_length=36)  # the batch id
    body: bytes | None = None  # the signed envelope; dropped once answered
    op_count: int
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    exported_at: datetime | None = None  # sealed into a USB bundle
    answered_at: datetime | None = None
    answered_via: str | None = None  # online / usb
    summary: str | None = None  # JSON: count per result status


class SyncParked(SQLModel, table=True):
    """A pulled row waiting for a row it references (written once that one arrives)."""

    __tablename__ = "sync_parked"
    entity: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True, max_length=36)
    version: int
    payload: str  # JSON of the hub's row
    cursor: int
    parked_at: datetime = Field(default_factory=utcnow)


class AppMeta(SQLModel, table=True):
    __tablename__ = "app_meta"
    key: str = Field(primary_key=True)
    value: str


# Tables pushed to and pulled from the hub. Every one has `id` and `version` columns.
SYNCED_ENTITIES: dict[str, type[SQLModel]] = {
    cls.__tablename__: cls
    for cls in (
        Hamlet, Address, Person, Consent, Household, HouseholdMember, CardRead,
        DigitalCitizenStatus, FollowUp, Record, RecordPerson, CollectionSession,
        CollectionAttendee, RecordAttachment, RecordAction,
    )
}
