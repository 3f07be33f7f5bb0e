"""Merging two records of one resident (a duplicate found in Rà soát), decided by a person.

One transaction: the kept record takes the field values the officer chose from the other,
everything that pointed at the other record (household membership, card reads, records,
follow-ups, consents, collection sessions, VNeID status) moves to the kept one, and the other
is soft-deleted with the reason. Two different 12-digit numbers are two people: refused.
"""

from __future__ import annotations

import json

from sqlmodel import select

from core.auth import Perm
from core.errors import ValidationError, XasoError
from core.i18n import QT_TR_NOOP
from core.models import (
    CardRead,
    CollectionAttendee,
    Consent,
    DigitalCitizenStatus,
    FollowUp,
    Household,
    HouseholdMember,
    Person,
    RecordPerson,
    ReviewItem,
    utcnow,
)
from core.services._change import load_for_update, save_entity
from core.services.households import HEAD
from core.services.persons import EDITABLE, clean_fields
from core.store import Workspace
from core.text import nfc

DOMAIN = "population"
# Rows that simply follow the person: (model, column).
_FOLLOWERS = ((CardRead, "person_id"), (RecordPerson, "person_id"), (FollowUp, "person_id"),
              (Consent, "person_id"))


def _live(session, model, column: str, person_id: str):
    return list(session.exec(select(model).where(getattr(model, column) == person_id,
                                                 model.deleted_at.is_(None))))


def _retire(session, ws: Workspace, row, reason: str) -> None:
    row.deleted_at, row.deleted_reason = utcnow(), reason
    save_entity(session, ws, row, "person.merge_row", DOMAIN, op="delete")


def merge_persons(ws: Workspace, keep_id: str, drop_id: str, take_fields: list[str],
                  reason: str, review_item_id: str | None = None) -> Person:
    """Keep `keep_id`, taking `take_fields` from `drop_id`; `drop_id` is folded into it."""
    ws.actor.require(Perm.REVIEW_RESOLVE)
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": QT_TR_NOOP("Cần ghi lý do gộp.")})
    if keep_id == drop_id or any(f not in EDITABLE for f in take_fields):
        raise ValidationError({"fields": QT_TR_NOOP("Chọn hai hồ sơ khác nhau và các trường "
                                                    "có trong danh mục.")})
    with ws.db.write() as session:
        keep = load_for_update(session, Person, keep_id, QT_TR_NOOP("cư dân"))
        drop = load_for_update(session, Person, drop_id, QT_TR_NOOP("cư dân"))
        numbers = {keep.personal_number, drop.personal_number} - {None}
        if len(numbers) > 1 and "personal_number" not in take_fields:
            raise XasoError(QT_TR_NOOP("Hai hồ sơ có hai số định danh khác nhau: đây là hai "
                                       "người, không gộp được."))
        _take_fields(session, ws, keep, drop, take_fields)
        _move_followers(session, ws, keep, drop, reason)
        drop.deleted_at = utcnow()
        drop.deleted_reason = f"gộp vào hồ sơ {keep.id}: {reason}"
        save_entity(session, ws, drop, "person.delete", DOMAIN, op="delete")
        save_entity(session, ws, keep, "person.merge", DOMAIN,
                    {"merged": drop.id, "fields": sorted(take_fields)})
        if review_item_id:
            item = load_for_update(session, ReviewItem, review_item_id, QT_TR_NOOP("mục rà soát"))
            item.status, item.resolution = "resolved", reason
            item.resolved_by, item.resolved_at = ws.actor.user_id, utcnow()
            save_entity(session, ws, item, "review.resolve", DOMAIN, {"status": "merged"})
    return keep


def _take_fields(session, ws: Workspace, keep: Person, drop: Person, fields: list[str]) -> None:
    values = {f: getattr(drop, f) for f in fields}
    cleaned, _, _ = clean_fields({f: v for f, v in values.items() if f != "residence_address_id"})
    if "residence_address_id" in fields:
        cleaned["residence_address_id"] = drop.residence_address_id
    if "dob" in fields:  # keep the precision the other record had
        cleaned.update(dob=drop.dob, dob_precision=drop.dob_precision,
                       birth_year=drop.birth_year)
    if "personal_number" in fields:
        drop.personal_number = None  # one number, one live record (flushed before the copy)
        session.add(drop)
        session.flush()
    for name, value in cleaned.items():
        setattr(keep, name, value)
    provenance = json.loads(keep.provenance or "{}")
    stamp = {"source": "merge", "by": ws.actor.user_id, "at": utcnow().isoformat(),
             "from": drop.id}
    provenance.update({f: stamp for f in fields})
    keep.provenance = json.dumps(provenance, ensure_ascii=False, sort_keys=True)


def _move_followers(session, ws: Workspace, keep: Person, drop: Person, reason: str) -> None:
    for model, column in _FOLLOWERS:
        for row in _live(session, model, column, drop.id):
            setattr(row, column, keep.id)
            save_entity(session, ws, row, "person.merge_row", DOMAIN)
    kept_sessions = {a.session_id for a in _live(session, CollectionAttendee, "person_id",
                                                 keep.id)}
    for row in _live(session, CollectionAttendee, "person_id", drop.id):
        if row.session_id in kept_sessions:
            _retire(session, ws, row, reason)
        else:
            row.person_id = keep.id
            save_entity(session, ws, row, "person.merge_row", DOMAIN)
    status = _live(session, DigitalCitizenStatus, "person_id", drop.id)
    if status:
        if _live(session, DigitalCitizenStatus, "person_id", keep.id):
            _retire(session, ws, status[0], reason)  # the kept record's journey stays
        else:
            status[0].person_id = keep.id
            save_entity(session, ws, status[0], "person.merge_row", DOMAIN)
    kept_home = [m for m in _live(session, HouseholdMember, "person_id", keep.id)
                 if m.left_on is None]
    headed = list(session.exec(select(Household).where(Household.head_person_id == drop.id,
                                                       Household.deleted_at.is_(None))))
    for home in headed:
        if kept_home and kept_home[0].household_id != home.id:
            raise XasoError(QT_TR_NOOP("Hồ sơ bị gộp là chủ hộ của một hộ khác; hãy đổi chủ hộ "
                                       "trước khi gộp."))
        if kept_home:  # both in this household: the kept record becomes its head
            kept_home[0].relationship = HEAD
            save_entity(session, ws, kept_home[0], "household.relationship", DOMAIN,
                        {"household": home.id, "relationship": HEAD})
    for member in _live(session, HouseholdMember, "person_id", drop.id):
        if member.left_on is None and not kept_home:
            member.person_id = keep.id
            save_entity(session, ws, member, "person.merge_row", DOMAIN)
        elif member.left_on is None:
            member.left_on = utcnow().date().isoformat()
            save_entity(session, ws, member, "household.remove_member", DOMAIN,
                        {"household": member.household_id, "reason": reason})
    for home in headed:
        home.head_person_id = keep.id
        save_entity(session, ws, home, "household.change_head", DOMAIN,
                    {"from": drop.id, "to": keep.id})
