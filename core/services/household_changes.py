"""Changing a household's shape: new head, relationship, split (tách hộ), merge (nhập hộ).

Each change is one transaction: every membership that ends gets `left_on` (history is never
deleted), every new one is audited, and a merged household is soft-deleted with its reason.
"""

from __future__ import annotations

from sqlmodel import select

from core.auth import Perm
from core.errors import ValidationError, XasoError
from core.i18n import QT_TR_NOOP
from core.models import Address, Household, HouseholdMember, Person, utcnow
from core.services._change import load_for_update, save_entity
from core.services.households import (
    DOMAIN,
    HEAD,
    RELATIONSHIPS,
    _active_membership,
    _join,
)
from core.store import Workspace
from core.text import nfc


def _check_relationship(relationship: str, field: str = "relationship") -> str:
    if relationship not in RELATIONSHIPS or relationship == HEAD:
        raise ValidationError({field: QT_TR_NOOP("Chọn quan hệ với chủ hộ trong danh sách.")})
    return relationship


def _current_members(session, household_id: str) -> list[HouseholdMember]:
    return list(session.exec(select(HouseholdMember).where(
        HouseholdMember.household_id == household_id, HouseholdMember.left_on.is_(None),
        HouseholdMember.deleted_at.is_(None))))


def _leave(session, ws: Workspace, member: HouseholdMember, reason: str) -> None:
    member.left_on = utcnow().date().isoformat()
    save_entity(session, ws, member, "household.remove_member", DOMAIN,
                {"household": member.household_id, "reason": reason})


def _set_relationship(session, ws: Workspace, member: HouseholdMember, relationship: str) -> None:
    if member.relationship != relationship:
        member.relationship = relationship
        save_entity(session, ws, member, "household.relationship", DOMAIN,
                    {"household": member.household_id, "relationship": relationship})


def set_relationship(ws: Workspace, person_id: str, relationship: str) -> None:
    """Correct a member's relationship to the head (not to make someone head: change_head)."""
    ws.actor.require(Perm.HOUSEHOLD_WRITE)
    _check_relationship(relationship)
    with ws.db.write() as session:
        member = _active_membership(session, person_id)
        if member is None:
            raise XasoError(QT_TR_NOOP("Người này không thuộc hộ nào."))
        if member.relationship == HEAD:
            raise XasoError(QT_TR_NOOP("Đây là chủ hộ; hãy đổi chủ hộ trước."))
        _set_relationship(session, ws, member, relationship)


def change_head(ws: Workspace, household_id: str, new_head_id: str,
                old_head_relationship: str) -> Household:
    """Make a current member the head; the old head stays with the given relationship."""
    ws.actor.require(Perm.HOUSEHOLD_WRITE)
    _check_relationship(old_head_relationship)
    with ws.db.write() as session:
        household = load_for_update(session, Household, household_id, QT_TR_NOOP("hộ gia đình"))
        members = {m.person_id: m for m in _current_members(session, household_id)}
        if new_head_id not in members:
            raise ValidationError({"head": QT_TR_NOOP("Chủ hộ mới phải là thành viên của hộ.")})
        if new_head_id == household.head_person_id:
            raise ValidationError({"head": QT_TR_NOOP("Người này đã là chủ hộ.")})
        old_head = members.get(household.head_person_id)
        if old_head is not None:
            _set_relationship(session, ws, old_head, old_head_relationship)
        _set_relationship(session, ws, members[new_head_id], HEAD)
        old_head_id, household.head_person_id = household.head_person_id, new_head_id
        save_entity(session, ws, household, "household.change_head", DOMAIN,
                    {"from": old_head_id, "to": new_head_id})
    return household


def split_household(ws: Workspace, household_id: str, new_head_id: str,
                    others: dict[str, str], reason: str,
                    hamlet_id: str | None = None, address_text: str | None = None) -> Household:
    """Tách hộ: `new_head_id` and `others` (person id -> relationship to the new head) leave
    the household and form a new one (in the same hamlet unless another is given)."""
    ws.actor.require(Perm.HOUSEHOLD_WRITE)
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": QT_TR_NOOP("Cần ghi lý do tách hộ.")})
    for relationship in others.values():
        _check_relationship(relationship)
    leaving = [new_head_id, *others]
    if new_head_id in others or len(set(leaving)) != len(leaving):
        raise ValidationError({"members": QT_TR_NOOP("Mỗi người chỉ chọn một lần.")})
    with ws.db.write() as session:
        source = load_for_update(session, Household, household_id, QT_TR_NOOP("hộ gia đình"))
        members = {m.person_id: m for m in _current_members(session, household_id)}
        if any(person_id not in members for person_id in leaving):
            raise ValidationError({"members": QT_TR_NOOP("Chỉ tách được người đang ở trong hộ.")})
        if source.head_person_id in leaving:
            raise ValidationError({"members": QT_TR_NOOP("Chủ hộ hiện tại ở lại hộ cũ; muốn chủ hộ đi, "
                                              "hãy đổi chủ hộ trước.")})
        if hamlet_id is None and source.address_id:
            hamlet_id = session.get(Address, source.address_id).hamlet_id
        for person_id in leaving:
            _leave(session, ws, members[person_id], f"tách hộ: {reason}")
        address = Address(unit_code=ws.meta("commune_code"), code_system="2025",
                          hamlet_id=hamlet_id,
                          free_text=nfc(address_text) if address_text else None)
        save_entity(session, ws, address, "address.create", DOMAIN)
        new = Household(address_id=address.id, head_person_id=new_head_id)
        save_entity(session, ws, new, "household.split", DOMAIN,
                    {"from": household_id, "members": len(leaving), "reason": reason})
        _join(session, ws, new, session.get(Person, new_head_id), HEAD)
        for person_id, relationship in others.items():
            _join(session, ws, new, session.get(Person, person_id), relationship)
    return new


def merge_households(ws: Workspace, source_id: str, target_id: str,
                     relationships: dict[str, str], reason: str) -> Household:
    """Nhập hộ: every current member of `source_id` joins `target_id` with the given
    relationship to its head; the source household is closed (soft-deleted with the reason)."""
    ws.actor.require(Perm.HOUSEHOLD_WRITE)
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": QT_TR_NOOP("Cần ghi lý do nhập hộ.")})
    if source_id == target_id:
        raise ValidationError({"target": QT_TR_NOOP("Hãy chọn một hộ khác để nhập vào.")})
    with ws.db.write() as session:
        source = load_for_update(session, Household, source_id, QT_TR_NOOP("hộ gia đình"))
        target = load_for_update(session, Household, target_id, QT_TR_NOOP("hộ gia đình"))
        members = _current_members(session, source_id)
        missing = [m.person_id for m in members if m.person_id not in relationships]
        if missing:
            raise ValidationError({"relationships": QT_TR_NOOP("Cần chọn quan hệ với chủ hộ mới cho mọi "
                                                    "thành viên.")})
        for member in members:
            _check_relationship(relationships[member.person_id])
        for member in members:
            _leave(session, ws, member, f"nhập hộ: {reason}")
        for member in members:
            _join(session, ws, target, session.get(Person, member.person_id),
                  relationships[member.person_id])
        source.deleted_at = utcnow()
        source.deleted_reason = f"nhập vào hộ khác: {reason}"
        save_entity(session, ws, source, "household.merge", DOMAIN,
                    {"into": target_id, "members": len(members), "reason": reason})
    return target
