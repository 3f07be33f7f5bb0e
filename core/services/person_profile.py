"""What the person page shows beside the person's own fields: household, VNeID status, records.

One read, audited as a view of the person (the record fields themselves are not returned:
each record opens on its own page, audited there).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from core import audit
from core.auth import Perm
from core.models import DigitalCitizenStatus, HouseholdMember, Record, RecordPerson
from core.record_types import load_record_types
from core.services.households import HouseholdRow, _row
from core.store import Workspace


@dataclass(frozen=True)
class RecordLine:
    record_id: str
    type_label: dict  # {"vi": …, "en": …}
    role_label: dict
    created_at: str
    book_ref: str | None


@dataclass(frozen=True)
class PersonProfile:
    household: HouseholdRow | None = None
    relationship: str | None = None
    vneid_state: str | None = None
    vneid_level: int = 0
    failure_reason: str | None = None
    records: list[RecordLine] = field(default_factory=list)


def _line(record_type, record: Record, role: str) -> RecordLine:
    if record_type is None:  # a type this version does not know (e.g. pulled from a hub)
        return RecordLine(record.id, {"vi": record.type_code}, {"vi": role},
                          record.created_at.isoformat(), record.book_ref)
    role_label = next((r["label"] for r in record_type.roles if r["role"] == role), {"vi": role})
    return RecordLine(record.id, record_type.label, role_label, record.created_at.isoformat(),
                      record.book_ref)


def person_profile(ws: Workspace, person_id: str) -> PersonProfile:
    ws.actor.require(Perm.PERSON_READ)
    types = load_record_types()
    with ws.db.write() as session:
        member = session.exec(select(HouseholdMember).where(
            HouseholdMember.person_id == person_id, HouseholdMember.left_on.is_(None),
            HouseholdMember.deleted_at.is_(None))).first()
        status = session.exec(select(DigitalCitizenStatus).where(
            DigitalCitizenStatus.person_id == person_id,
            DigitalCitizenStatus.deleted_at.is_(None))).first()
        rows = session.exec(
            select(Record, RecordPerson.role)
            .join(RecordPerson, RecordPerson.record_id == Record.id)
            .where(RecordPerson.person_id == person_id, RecordPerson.deleted_at.is_(None),
                   Record.deleted_at.is_(None))
            .order_by(Record.created_at.desc())).all()
        records = [_line(types.get(record.type_code), record, role) for record, role in rows]
        profile = PersonProfile(
            household=_row(session, member.household_id) if member else None,
            relationship=member.relationship if member else None,
            vneid_state=status.vneid_state if status else None,
            vneid_level=status.vneid_level if status else 0,
            failure_reason=status.failure_reason if status else None,
            records=records)
        audit.append_event(session, ws.actor.user_id, "person.view_profile", "person", person_id,
                           details={"records": len(records)})
    return profile
