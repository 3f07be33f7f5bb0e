"""Collection sessions (đợt thu nhận): the police come to the commune to take level-2 VNeID
applications; the task force lists who attends and records each outcome.

Recording "collected" also moves the person's VNeID journey to "submitted" (and a failure
records its coded reason), so coverage and the funnel follow without typing anything twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import select

from core import audit
from core.auth import Perm
from core.errors import ValidationError, XasoError
from core.i18n import QT_TR_NOOP
from core.models import CollectionAttendee, CollectionSession, Person
from core.services import vneid
from core.services._change import load_for_update, save_entity
from core.store import Workspace
from core.text import nfc

DOMAIN = "vneid"
OUTCOMES = {
    "registered": QT_TR_NOOP("Đã đăng ký"),
    "collected": QT_TR_NOOP("Đã thu nhận hồ sơ"),
    "failed": QT_TR_NOOP("Chưa thu nhận được"),
    "absent": QT_TR_NOOP("Vắng mặt"),
}
# The journey state an outcome moves a person to (None: unchanged).
_STATE_FOR_OUTCOME = {"collected": "submitted"}


def create_session(ws: Workspace, held_on: str, place: str, hamlet_id: str | None = None,
                   notes: str | None = None) -> CollectionSession:
    ws.actor.require(Perm.VNEID_WRITE)
    place = nfc(place or "").strip()
    errors = {}
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", held_on or ""):
        errors["held_on"] = QT_TR_NOOP("Ngày thu nhận phải là một ngày cụ thể.")
    if not place:
        errors["place"] = QT_TR_NOOP("Cần ghi địa điểm thu nhận.")
    if errors:
        raise ValidationError(errors)
    with ws.db.write() as session:
        item = CollectionSession(held_on=held_on, place=place, hamlet_id=hamlet_id,
                                 notes=nfc(notes) if notes else None)
        save_entity(session, ws, item, "collection.create", DOMAIN)
    return item


def list_sessions(ws: Workspace) -> list[tuple[CollectionSession, int]]:
    """Sessions, newest first, with their number of attendees."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        rows = session.exec(select(CollectionSession).where(
            CollectionSession.deleted_at.is_(None)).order_by(CollectionSession.held_on.desc()))
        sessions = list(rows)
        counts = dict(session.execute(text(
            "SELECT session_id, count(*) FROM collection_attendee WHERE deleted_at IS NULL "
            "GROUP BY session_id")).all())
    return [(s, counts.get(s.id, 0)) for s in sessions]


def add_attendee(ws: Workspace, session_id: str, person_id: str) -> CollectionAttendee:
    ws.actor.require(Perm.VNEID_WRITE)
    with ws.db.write() as session:
        load_for_update(session, CollectionSession, session_id, QT_TR_NOOP("đợt thu nhận"))
        load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        existing = session.exec(select(CollectionAttendee).where(
            CollectionAttendee.session_id == session_id,
            CollectionAttendee.person_id == person_id,
            CollectionAttendee.deleted_at.is_(None))).first()
        if existing is not None:
            raise XasoError(QT_TR_NOOP("Người này đã có trong danh sách của đợt."))
        attendee = CollectionAttendee(session_id=session_id, person_id=person_id)
        save_entity(session, ws, attendee, "collection.add_attendee", DOMAIN)
    return attendee


def set_outcome(ws: Workspace, attendee_id: str, outcome: str,
                failure_reason: str | None = None) -> CollectionAttendee:
    ws.actor.require(Perm.VNEID_WRITE)
    if outcome not in OUTCOMES:
        raise ValidationError({"outcome": QT_TR_NOOP("Kết quả không có trong danh mục.")})
    if failure_reason is not None and failure_reason not in vneid.FAILURE_REASONS:
        raise ValidationError({"failure_reason": QT_TR_NOOP("Lý do không có trong danh mục.")})
    with ws.db.write() as session:
        attendee = load_for_update(session, CollectionAttendee, attendee_id,
                                   QT_TR_NOOP("người tham dự"))
        held_on = session.get(CollectionSession, attendee.session_id).held_on
        attendee.outcome = outcome
        attendee.failure_reason = failure_reason if outcome == "failed" else None
        save_entity(session, ws, attendee, "collection.outcome", DOMAIN,
                    {"outcome": outcome, "failure_reason": attendee.failure_reason})
        # The journey moves in the same transaction: outcome and coverage never disagree.
        state = _STATE_FOR_OUTCOME.get(outcome)
        if state is not None or attendee.failure_reason:
            vneid.apply_status(session, ws, attendee.person_id, state, attendee.failure_reason,
                               on_date=held_on)
    return attendee


@dataclass(frozen=True)
class AttendeeRow:
    attendee_id: str
    person_id: str
    full_name: str
    dob: str | None
    personal_number: str | None
    hamlet: str
    outcome: str
    failure_reason: str | None


_ATTENDEES_SQL = """
SELECT c.id, p.id, p.full_name, p.dob, p.personal_number, coalesce(h.name, '—'), c.outcome,
       c.failure_reason
FROM collection_attendee c
JOIN person p ON p.id = c.person_id
LEFT JOIN address a ON a.id = p.residence_address_id
LEFT JOIN hamlet h ON h.id = a.hamlet_id
WHERE c.session_id = :session AND c.deleted_at IS NULL
ORDER BY h.position, p.sort_key
"""


def attendees(ws: Workspace, session_id: str) -> list[AttendeeRow]:
    """Who attends a session, by hamlet and name (audited: a list of names)."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.write() as session:
        rows = session.execute(text(_ATTENDEES_SQL), {"session": session_id}).all()
        audit.append_event(session, ws.actor.user_id, "collection.attendees",
                           "collection_session", session_id, {"rows": len(rows)})
    return [AttendeeRow(*row) for row in rows]
