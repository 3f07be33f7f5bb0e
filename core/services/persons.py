"""Residents: create, update, soft-delete, view (audited), search, duplicates, contact consent."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from sqlalchemy import or_
from sqlmodel import Session, select

from core import audit
from core.auth import Perm
from core.dates import PartialDate, parse_partial_date
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.models import (
    Address,
    AppMeta,
    AuditEvent,
    Consent,
    DigitalCitizenStatus,
    FollowUp,
    Hamlet,
    Person,
    ReviewItem,
    User,
    utcnow,
)
from core.personal_id import check_personal_id, is_valid_old_cmnd
from core.search import (
    PersonFilter,
    PersonHit,
    browse_persons,
    count_persons,
    filter_hits,
    search_persons,
)
from core.services import sync_guard
from core.services._change import load_for_update, save_entity, writing
from core.services.consent import FOLLOW_UP_PURPOSES, has_follow_up_consent
from core.store import Workspace
from core.text import fold, name_key, nfc, nfc_or_none, person_sort_key, search_key

log = logging.getLogger(__name__)
DOMAIN = "population"
SOURCES = ("manual", "chip", "qr", "paper", "declared", "import")
# Fields a service caller may set directly; phone needs consent (set_contact_phone).
EDITABLE = ("full_name", "personal_number", "old_id_number", "dob", "sex", "nationality",
            "ethnicity", "religion", "place_of_origin", "place_of_birth", "residence_address_id")
SENSITIVE = ("ethnicity", "religion", "phone")
SEX_LABELS = {"M": QT_TR_NOOP("Nam"), "F": QT_TR_NOOP("Nữ")}  # stored code -> as printed
_SEX_WORDS = {"m": "M", "nam": "M", "male": "M", "f": "F", "nu": "F", "nữ": "F", "female": "F"}


@dataclass
class SaveResult:
    person: Person
    warnings: list[str] = field(default_factory=list)


def parse_sex(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    sex = _SEX_WORDS.get(fold(value))
    if sex is None:
        raise ValidationError({"sex": Msg(QT_TR_NOOP("Giới tính “{value}” không rõ (Nam/Nữ)."),
                                          value=value)})
    return sex


def clean_fields(data: dict) -> tuple[dict, list[str], list[dict]]:
    """Normalise and validate input fields. Returns (values, warnings, review reasons)."""
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError({k: Msg(QT_TR_NOOP("Trường “{field}” không sửa trực tiếp được."),
                                      field=k) for k in unknown})
    values: dict = {}
    errors: dict[str, str] = {}
    for key, raw in data.items():
        values[key] = nfc(raw) if isinstance(raw, str) else raw
        if values[key] == "":
            values[key] = None
    if "full_name" in values and not values["full_name"]:
        errors["full_name"] = QT_TR_NOOP("Cần nhập họ và tên.")
    dob: PartialDate | None = None
    if values.get("dob"):
        try:
            dob = parse_partial_date(values["dob"])
        except ValidationError as exc:
            errors.update(exc.errors)
    if "sex" in values:
        try:
            values["sex"] = parse_sex(values["sex"])
        except ValidationError as exc:
            errors.update(exc.errors)
    if values.get("old_id_number"):
        values["old_id_number"] = "".join(values["old_id_number"].split())
        if not is_valid_old_cmnd(values["old_id_number"]):
            errors["old_id_number"] = QT_TR_NOOP("Số CMND cũ phải gồm 9 hoặc 12 chữ số.")
    warnings: list[str] = []
    reviews: list[dict] = []
    if values.get("personal_number"):
        check = check_personal_id(values["personal_number"], dob=dob.as_date() if dob else None,
                                  dob_year=dob.year if dob else None, sex=values.get("sex"))
        values["personal_number"] = check.normalized
        if check.errors:
            errors["personal_number"] = check.errors[0]  # the shape: one message at most
        for warning in check.warnings:
            warnings.append(warning.message)
            reviews.append({"code": warning.code, "message": warning.message})
    if errors:
        raise ValidationError(errors)
    if "full_name" in values:
        name = values["full_name"]
        values.update(name_folded=search_key(name), name_key=name_key(name),
                      sort_key=person_sort_key(name))
    if "dob" in values:
        values.update(dob=dob.iso() if dob else None, dob_precision=dob.precision if dob else None,
                      birth_year=dob.year if dob else None)
    return values, warnings, reviews


def _provenance(person: Person, fields, source: str, ws: Workspace) -> str:
    prov = json.loads(person.provenance or "{}")
    stamp = {"source": source, "by": ws.actor.user_id, "at": utcnow().isoformat()}
    for name in fields:
        if name in EDITABLE:
            prov[name] = stamp
    return json.dumps(prov, ensure_ascii=False, sort_keys=True)


def _open_reviews(session, ws: Workspace, person: Person, reviews: list[dict]) -> None:
    for reason in reviews:
        item = ReviewItem(kind="id_warning", entity="person", entity_id=person.id,
                          details=json.dumps(reason, ensure_ascii=False))
        save_entity(session, ws, item, "review.open", DOMAIN, {"code": reason["code"]})


@dataclass(frozen=True)
class Residence:
    """Where a person lives in the commune: a hamlet and the rest of the address as written."""

    hamlet_id: str | None
    free_text: str | None = None


def residence_of(ws: Workspace, person_id: str) -> Residence | None:
    """The person's current residence (None when none is recorded)."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        person = session.get(Person, person_id)
        address = session.get(Address, person.residence_address_id) \
            if person is not None and person.residence_address_id else None
    return Residence(address.hamlet_id, address.free_text) if address is not None else None


def _new_address(session, ws: Workspace, residence: Residence) -> str | None:
    """A new address row for a residence (an old one may be shared by the household); None
    for an empty residence. The hamlet must be one of the commune's, in use."""
    hamlet_id, text = residence.hamlet_id or None, nfc_or_none(residence.free_text)
    if hamlet_id is None and text is None:
        return None
    if hamlet_id is not None:
        hamlet = session.get(Hamlet, hamlet_id)
        if hamlet is None or hamlet.deleted_at is not None:
            raise ValidationError({"hamlet": QT_TR_NOOP("Thôn/tổ dân phố không còn trong danh "
                                                        "sách của xã.")})
    commune = session.get(AppMeta, "commune_code")
    address = Address(unit_code=commune.value if commune else None, code_system="2025",
                      hamlet_id=hamlet_id, free_text=text)
    save_entity(session, ws, address, "address.create", DOMAIN, {"source": "manual"})
    return address.id


def create_person(ws: Workspace, data: dict, source: str = "manual",
                  session: Session | None = None, residence: Residence | None = None
                  ) -> SaveResult:
    ws.actor.require(Perm.PERSON_WRITE)
    if source not in SOURCES:
        raise ValueError(source)
    if not data.get("full_name"):
        raise ValidationError({"full_name": QT_TR_NOOP("Cần nhập họ và tên.")})
    values, warnings, reviews = clean_fields(data)
    sync_guard.check_new_work(ws)
    with writing(ws, session) as session:
        if residence is not None:
            values["residence_address_id"] = _new_address(session, ws, residence)
        person = Person(**values)
        person.provenance = _provenance(person, values, source, ws)
        save_entity(session, ws, person, "person.create", DOMAIN, {"source": source})
        log.debug("person %s created (source %s)", person.id, source)
        _open_reviews(session, ws, person, reviews)
        _queue_possible_duplicate(session, ws, person)
    return SaveResult(person, warnings)


DUPLICATE_MESSAGE = QT_TR_NOOP("Có thể trùng với một hồ sơ khác (cùng số định danh, hoặc cùng "
                               "họ tên và ngày sinh).")


def _queue_possible_duplicate(session, ws: Workspace, person: Person) -> None:
    """Saved although it looks like someone already stored (the officer was warned): Rà soát
    decides whether to merge or keep both."""
    conditions = []
    if person.personal_number:
        conditions.append(Person.personal_number == person.personal_number)
    if person.dob and person.dob_precision == "day":
        conditions.append((Person.name_folded == person.name_folded) & (Person.dob == person.dob))
    if not conditions:
        return
    others = [p.id for p in session.exec(select(Person).where(
        or_(*conditions), Person.deleted_at.is_(None), Person.id != person.id).limit(5))]
    if others:
        item = ReviewItem(kind="duplicate", entity="person", entity_id=person.id,
                          details=json.dumps({"code": "possible_duplicate",
                                              "message": DUPLICATE_MESSAGE, "others": others}))
        save_entity(session, ws, item, "review.open", DOMAIN, {"code": "possible_duplicate"})


def update_person(ws: Workspace, person_id: str, changes: dict, expected_version: int | None = None,
                  source: str = "manual", session: Session | None = None,
                  residence: Residence | None = None) -> SaveResult:
    """`residence`: a changed residence (a new address row in the same transaction)."""
    ws.actor.require(Perm.PERSON_WRITE)
    if not ws.actor.can(Perm.SENSITIVE_READ):
        # A role that cannot see ethnicity or religion cannot change them: its forms show them
        # empty, and saving such a form must not wipe what is stored.
        changes = {k: v for k, v in changes.items() if k not in SENSITIVE}
    values, warnings, reviews = clean_fields(changes)
    with writing(ws, session) as session:
        person = load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"), expected_version)
        if residence is not None:
            values["residence_address_id"] = _new_address(session, ws, residence)
        changed = [k for k, v in values.items() if getattr(person, k) != v]
        for key in changed:
            setattr(person, key, values[key])
        if not changed:
            return SaveResult(person, warnings)
        person.provenance = _provenance(person, changed, source, ws)
        save_entity(session, ws, person, "person.update", DOMAIN,
                    {"fields": sorted(k for k in changed if k in EDITABLE), "source": source})
        _open_reviews(session, ws, person, reviews)
    return SaveResult(person, warnings)


def delete_person(ws: Workspace, person_id: str, reason: str) -> None:
    """Soft delete (a tombstone that syncs); the reason is required and audited."""
    ws.actor.require(Perm.PERSON_DELETE)
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError({"reason": QT_TR_NOOP("Cần ghi lý do xóa.")})
    with ws.db.write() as session:
        person = load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        person.deleted_at = utcnow()
        person.deleted_reason = reason
        save_entity(session, ws, person, "person.delete", DOMAIN, op="delete")


@dataclass(frozen=True)
class HistoryEntry:
    at: object  # datetime (UTC)
    action: str
    username: str | None
    fields: list[str]


def history(ws: Workspace, person_id: str, limit: int = 100) -> list[HistoryEntry]:
    """What was done to this person's record, newest first, from the audit log (who, when,
    which fields — never the values)."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        rows = session.exec(
            select(AuditEvent, User.username)
            .join(User, User.id == AuditEvent.user_id, isouter=True)
            .where(AuditEvent.entity == "person", AuditEvent.entity_id == person_id)
            .order_by(AuditEvent.seq.desc()).limit(limit)).all()
    entries = []
    for event, username in rows:
        details = json.loads(event.details or "{}")
        entries.append(HistoryEntry(event.at, event.action, username,
                                    list(details.get("fields", []))))
    return entries


def get_person(ws: Workspace, person_id: str) -> Person:
    """One person's full record; the view is audited and sensitive fields follow the role."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.write() as session:
        person = load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        audit.append_event(session, ws.actor.user_id, "person.view", "person", person_id)
    view = person.model_copy()
    if not ws.actor.can(Perm.SENSITIVE_READ):
        for name in SENSITIVE:
            setattr(view, name, None)
    return view


def search(ws: Workspace, query: str, limit: int = 50, audit_it: bool = True) -> list[PersonHit]:
    """Search by name / ID / CMND / phone. Audited as one event (count only, not the query).

    The search runs on the writer connection, in the same transaction as its audit event: a
    commit from another connection would empty the reader's decrypted page cache every time.
    """
    ws.actor.require(Perm.PERSON_READ)
    if not audit_it:
        with ws.db.read() as session:
            return search_persons(session, query, limit)
    with ws.db.write() as session:
        hits = search_persons(session, query, limit)
        audit.append_event(session, ws.actor.user_id, "person.search",
                           details={"results": len(hits)})
    return hits


def browse(ws: Workspace, after_rank: int | None = None, limit: int = 200,
           where: PersonFilter | None = None) -> tuple[int, list[tuple[int, PersonHit]]]:
    """(number of live persons passing `where`, one page of them in Vietnamese order).
    Opening the list (the first page) is audited as one event; further pages are the same act
    of reading."""
    ws.actor.require(Perm.PERSON_READ)
    if after_rank is not None:
        with ws.db.read() as session:
            return count_persons(session, where), browse_persons(session, after_rank, limit, where)
    with ws.db.write() as session:
        total = count_persons(session, where)
        page = browse_persons(session, None, limit, where)
        audit.append_event(session, ws.actor.user_id, "person.browse",
                           details={"total": total, "filtered": bool(where and where.active)})
    return total, page


def search_filtered(ws: Workspace, query: str, limit: int,
                    where: PersonFilter | None) -> list[PersonHit]:
    """`search` narrowed by the list's filters (audited like a search)."""
    hits = search(ws, query, limit=limit if where is None or not where.active else limit * 5)
    if where is None or not where.active:
        return hits
    with ws.db.read() as session:
        return filter_hits(session, hits, where)[:limit]


def find_duplicates(ws: Workspace, data: dict, exclude_id: str | None = None) -> list[Person]:
    """Possible duplicates before a create: same 12-digit number, or same folded name + DOB."""
    ws.actor.require(Perm.PERSON_READ)
    values, _, _ = clean_fields({k: v for k, v in data.items() if k in EDITABLE})
    conditions = []
    if values.get("personal_number"):
        conditions.append(Person.personal_number == values["personal_number"])
    if values.get("full_name") and values.get("dob"):
        conditions.append((Person.name_folded == values["name_folded"])
                          & (Person.dob == values["dob"]))
    if not conditions:
        return []
    with ws.db.read() as session:
        query = select(Person).where(or_(*conditions), Person.deleted_at.is_(None))
        found = [p for p in session.exec(query.limit(20)) if p.id != exclude_id]
    return found


def set_contact_phone(ws: Workspace, person_id: str, phone: str, method: str, given_by: str,
                      purpose: str = "contact") -> Consent:
    """Keep a personal phone number only together with a recorded consent (PDP law)."""
    ws.actor.require(Perm.PERSON_WRITE)
    phone = "".join(ch for ch in (phone or "") if ch.isdigit() or ch == "+")
    errors = {}
    if not 9 <= len(phone.lstrip("+")) <= 15:
        errors["phone"] = QT_TR_NOOP("Số điện thoại không hợp lệ.")
    if not nfc(method or "") or not nfc(given_by or ""):
        errors["consent"] = QT_TR_NOOP("Cần ghi rõ ai đồng ý và đồng ý bằng cách nào.")
    if errors:
        raise ValidationError(errors)
    with ws.db.write() as session:
        person = load_for_update(session, Person, person_id, QT_TR_NOOP("cư dân"))
        consent = Consent(person_id=person_id, purpose=purpose, method=nfc(method),
                          given_by=nfc(given_by), recorded_by=ws.actor.user_id)
        save_entity(session, ws, consent, "consent.give", DOMAIN, {"purpose": purpose})
        person.phone = phone
        save_entity(session, ws, person, "person.update", DOMAIN, {"fields": ["phone"]})
    return consent


def withdraw_consent(ws: Workspace, consent_id: str) -> None:
    """Withdrawal erases the data kept under that consent."""
    ws.actor.require(Perm.PERSON_WRITE)
    with ws.db.write() as session:
        consent = load_for_update(session, Consent, consent_id, QT_TR_NOOP("sự đồng ý"))
        consent.withdrawn_at = utcnow()
        save_entity(session, ws, consent, "consent.withdraw", DOMAIN)
        if consent.purpose == "contact":
            person = load_for_update(session, Person, consent.person_id, QT_TR_NOOP("cư dân"))
            person.phone = None
            save_entity(session, ws, person, "person.update", DOMAIN, {"fields": ["phone"]})
        session.flush()
        if not has_follow_up_consent(session, consent.person_id):
            _erase_follow_up_notes(session, ws, consent.person_id)


def _erase_follow_up_notes(session, ws: Workspace, person_id: str) -> None:
    """Notes kept to follow a resident up live only as long as a consent does."""
    rows = [*session.exec(select(DigitalCitizenStatus).where(
                DigitalCitizenStatus.person_id == person_id)),
            *session.exec(select(FollowUp).where(FollowUp.person_id == person_id))]
    for row in rows:
        if row.notes:
            row.notes = None
            save_entity(session, ws, row, "consent.erase_notes", DOMAIN)


def active_consent(ws: Workspace, person_id: str) -> Consent | None:
    """The latest consent under which extra follow-up data (phone, notes) is kept, if any."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        return session.exec(select(Consent).where(
            Consent.person_id == person_id, Consent.purpose.in_(FOLLOW_UP_PURPOSES),
            Consent.withdrawn_at.is_(None), Consent.deleted_at.is_(None))
            .order_by(Consent.given_at.desc())).first()
