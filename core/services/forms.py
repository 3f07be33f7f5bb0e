"""What printed forms carry: the TK01 application for an e-ID account, pre-filled from the
person (and their latest card read), and a collection session's attendee sheet.

Printing personal data is an export: each form is audited. No password, OTP or passcode is
ever printed or asked for — the form leaves those to the citizen at the police desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from core import audit
from core.admin_units import default_units
from core.auth import Perm
from core.dates import show_iso
from core.i18n import QT_TR_NOOP
from core.models import Address, CollectionSession, Hamlet, Person
from core.services import collection
from core.services._change import load_for_update
from core.services.persons import SEX_LABELS
from core.store import Workspace


def _commune_name(ws: Workspace) -> str:
    unit = default_units().by_code(ws.meta("commune_code") or "")
    return unit.full_name if unit else ""


@dataclass(frozen=True)
class Tk01:
    full_name: str
    dob: str
    sex: str
    personal_number: str
    nationality: str
    phone: str
    residence: str
    police_unit: str
    commune: str
    printed_on: str


def tk01(ws: Workspace, person_id: str, today: date | None = None) -> Tk01:
    ws.actor.require(Perm.VNEID_WRITE)
    commune = _commune_name(ws)
    with ws.db.write() as session:
        person = load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        address = session.get(Address, person.residence_address_id) \
            if person.residence_address_id else None
        hamlet = session.get(Hamlet, address.hamlet_id) if address and address.hamlet_id else None
        audit.append_event(session, ws.actor.user_id, "person.print", "person", person_id,
                           details={"form": "TK01"})
    residence = ", ".join(p for p in ((address.free_text if address else None),
                                      hamlet.name if hamlet else None, commune) if p)
    return Tk01(person.full_name, show_iso(person.dob),
                SEX_LABELS.get(person.sex or "", ""), person.personal_number or "",
                person.nationality or "Việt Nam", person.phone or "", residence,
                f"Công an {commune}" if commune else "", commune,
                show_iso((today or date.today()).isoformat()))


@dataclass(frozen=True)
class AttendeeSheet:
    held_on: str
    place: str
    commune: str
    rows: list[collection.AttendeeRow]


def attendee_sheet(ws: Workspace, session_id: str) -> AttendeeSheet:
    ws.actor.require(Perm.VNEID_WRITE)
    with ws.db.read() as session:
        item = session.exec(select(CollectionSession).where(
            CollectionSession.id == session_id)).one()
    rows = collection.attendees(ws, session_id)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "collection.print", "collection_session",
                           session_id, details={"rows": len(rows)})
    return AttendeeSheet(show_iso(item.held_on), item.place, _commune_name(ws), rows)
