"""Households, addresses and hamlets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import func, select

from core import audit
from core.auth import Perm
from core.errors import ValidationError, XasoError
from core.i18n import QT_TR_NOOP
from core.models import Address, Hamlet, Household, HouseholdMember, Person, utcnow
from core.search import search_persons
from core.services._change import load_for_update, save_entity
from core.store import Workspace
from core.text import nfc

DOMAIN = "population"
HEAD = QT_TR_NOOP("chủ hộ")


def create_household(ws: Workspace, head_person_id: str, hamlet_id: str | None = None,
                     address_text: str | None = None, code: str | None = None) -> Household:
    """A household with its head; the head's residence becomes the household address."""
    ws.actor.require(Perm.HOUSEHOLD_WRITE)
    with ws.db.write() as session:
        head = load_for_update(session, Person, head_person_id, QT_TR_NOOP("chủ hộ"))
        if hamlet_id is None and not address_text and head.residence_address_id:
            address_id = head.residence_address_id  # where the head already lives
        else:
            address = Address(unit_code=ws.meta("commune_code"), code_system="2025",
                              hamlet_id=hamlet_id,
                              free_text=nfc(address_text) if address_text else None)
            save_entity(session, ws, address, "address.create", DOMAIN)
            address_id = address.id
        household = Household(code=code, address_id=address_id, head_person_id=head.id)
        save_entity(session, ws, household, "household.create", DOMAIN)
        _join(session, ws, household, head, HEAD)
    return household


def _active_membership(session, person_id: str) -> HouseholdMember | None:
    query = select(HouseholdMember).where(HouseholdMember.person_id == person_id,
                                          HouseholdMember.left_on.is_(None),
                                          HouseholdMember.deleted_at.is_(None))
    return session.exec(query).first()


def _join(session, ws: Workspace, household: Household, person: Person,
          relationship: str) -> HouseholdMember:
    if _active_membership(session, person.id) is not None:
        raise XasoError(QT_TR_NOOP(
            "Người này đang là thành viên của một hộ khác; hãy chuyển hộ thay vì thêm."))
    member = HouseholdMember(household_id=household.id, person_id=person.id,
                             relationship=nfc(relationship), joined_on=utcnow().date().isoformat())
    save_entity(session, ws, member, "household.add_member", DOMAIN,
                {"household": household.id, "relationship": member.relationship})
    if household.address_id and person.residence_address_id != household.address_id:
        person.residence_address_id = household.address_id
        save_entity(session, ws, person, "person.update", DOMAIN, {"fields": ["residence"]})
    return member


def add_member(ws: Workspace, household_id: str, person_id: str, relationship: str) -> HouseholdMember:
    ws.actor.require(Perm.HOUSEHOLD_WRITE)
    with ws.db.write() as session:
        household = load_for_update(session, Household, household_id, QT_TR_NOOP("hộ gia đình"))
        person = load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        return _join(session, ws, household, person, relationship)


def remove_member(ws: Workspace, person_id: str, reason: str) -> None:
    ws.actor.require(Perm.HOUSEHOLD_WRITE)
    with ws.db.write() as session:
        member = _active_membership(session, person_id)
        if member is None:
            raise XasoError(QT_TR_NOOP("Người này không thuộc hộ nào."))
        household = session.get(Household, member.household_id)
        if household.head_person_id == person_id:
            raise XasoError(QT_TR_NOOP("Không thể bỏ chủ hộ khỏi hộ; hãy đổi chủ hộ trước."))
        member.left_on = utcnow().date().isoformat()
        save_entity(session, ws, member, "household.remove_member", DOMAIN,
                    {"household": member.household_id, "reason": nfc(reason or "")})


def members(ws: Workspace, household_id: str) -> list[tuple[HouseholdMember, Person]]:
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        query = (select(HouseholdMember, Person)
                 .join(Person, Person.id == HouseholdMember.person_id)
                 .where(HouseholdMember.household_id == household_id,
                        HouseholdMember.left_on.is_(None)))
        return list(session.exec(query))


# Relationship to the head, as household registers write them.
RELATIONSHIPS = (  # stored as written here; the UI translates them for display
    HEAD,
    QT_TR_NOOP("vợ"),
    QT_TR_NOOP("chồng"),
    QT_TR_NOOP("con"),
    QT_TR_NOOP("bố"),
    QT_TR_NOOP("mẹ"),
    QT_TR_NOOP("ông"),
    QT_TR_NOOP("bà"),
    QT_TR_NOOP("cháu"),
    QT_TR_NOOP("anh"),
    QT_TR_NOOP("chị"),
    QT_TR_NOOP("em"),
    QT_TR_NOOP("con dâu"),
    QT_TR_NOOP("con rể"),
    QT_TR_NOOP("người ở nhờ"),
    QT_TR_NOOP("khác"),
)


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    code: str | None
    head_name: str | None
    hamlet: str | None
    address: str | None
    members: int


def find_households(ws: Workspace, query: str, limit: int = 50) -> list[HouseholdRow]:
    """Households any of whose current members matches `query` (name, ID, CMND, phone).
    Audited as one event (count only)."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.write() as session:
        hits = search_persons(session, query, limit * 4)
        ids = [h.id for h in hits]
        household_ids: list[str] = []
        if ids:
            rows = session.exec(select(HouseholdMember.person_id, HouseholdMember.household_id)
                                .where(HouseholdMember.person_id.in_(ids),
                                       HouseholdMember.left_on.is_(None),
                                       HouseholdMember.deleted_at.is_(None))).all()
            by_person = dict(rows)
            for person_id in ids:  # keep the search's order
                household_id = by_person.get(person_id)
                if household_id and household_id not in household_ids:
                    household_ids.append(household_id)
        result = [_row(session, h) for h in household_ids[:limit]]
        audit.append_event(session, ws.actor.user_id, "household.search",
                           details={"results": len(result)})
    return result


def _row(session, household_id: str) -> HouseholdRow:
    household = session.get(Household, household_id)
    head = session.get(Person, household.head_person_id) if household.head_person_id else None
    address = session.get(Address, household.address_id) if household.address_id else None
    hamlet = session.get(Hamlet, address.hamlet_id) if address and address.hamlet_id else None
    count = session.exec(select(func.count()).select_from(HouseholdMember).where(
        HouseholdMember.household_id == household_id, HouseholdMember.left_on.is_(None),
        HouseholdMember.deleted_at.is_(None))).one()
    return HouseholdRow(household.id, household.code, head.full_name if head else None,
                        hamlet.name if hamlet else None, address.free_text if address else None,
                        count)


def move_member(ws: Workspace, person_id: str, household_id: str, relationship: str,
                reason: str) -> HouseholdMember:
    """Leave the current household and join another, in one transaction (both audited)."""
    ws.actor.require(Perm.HOUSEHOLD_WRITE)
    if relationship not in RELATIONSHIPS or relationship == HEAD:
        raise ValidationError({"relationship": QT_TR_NOOP("Chọn quan hệ với chủ hộ mới.")})
    with ws.db.write() as session:
        current = _active_membership(session, person_id)
        if current is not None:
            if current.household_id == household_id:
                raise XasoError(QT_TR_NOOP("Người này đã ở trong hộ được chọn."))
            old = session.get(Household, current.household_id)
            if old.head_person_id == person_id:
                raise XasoError(QT_TR_NOOP("Không thể chuyển chủ hộ; hãy đổi chủ hộ trước."))
            current.left_on = utcnow().date().isoformat()
            save_entity(session, ws, current, "household.remove_member", DOMAIN,
                        {"household": current.household_id, "reason": nfc(reason or "")})
        household = load_for_update(session, Household, household_id, QT_TR_NOOP("hộ gia đình"))
        person = load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        return _join(session, ws, household, person, relationship)


_LIST_SQL = """
SELECT h.id, h.code, p.full_name, hm.name, a.free_text,
       (SELECT count(*) FROM household_member m
         WHERE m.household_id = h.id AND m.left_on IS NULL AND m.deleted_at IS NULL)
FROM household h
JOIN person p ON p.id = h.head_person_id
LEFT JOIN address a ON a.id = h.address_id
LEFT JOIN hamlet hm ON hm.id = a.hamlet_id
WHERE h.deleted_at IS NULL AND (:hamlet IS NULL OR a.hamlet_id = :hamlet)
ORDER BY p.sort_key, h.id
LIMIT :limit OFFSET :offset
"""
_COUNT_SQL = """
SELECT count(*) FROM household h LEFT JOIN address a ON a.id = h.address_id
WHERE h.deleted_at IS NULL AND (:hamlet IS NULL OR a.hamlet_id = :hamlet)
"""


def list_households(ws: Workspace, hamlet_id: str | None = None, offset: int = 0,
                    limit: int = 200) -> tuple[int, list[HouseholdRow]]:
    """(number of households, one page of them by head's name in Vietnamese order), optionally
    in one hamlet. Opening the list (offset 0) is audited as one event, like the resident list."""
    ws.actor.require(Perm.PERSON_READ)
    params = {"hamlet": hamlet_id, "limit": limit, "offset": offset}

    def fetch(session) -> tuple[int, list[HouseholdRow]]:
        total = session.execute(text(_COUNT_SQL), params).scalar_one()
        rows = [HouseholdRow(*row) for row in session.execute(text(_LIST_SQL), params)]
        return total, rows

    if offset:
        with ws.db.read() as session:
            return fetch(session)
    with ws.db.write() as session:
        total, rows = fetch(session)
        audit.append_event(session, ws.actor.user_id, "household.browse",
                           details={"total": total, "hamlet": bool(hamlet_id)})
    return total, rows
