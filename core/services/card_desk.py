"""The card desk: match a card reading to a person, compare field by field, apply the fields
the officer accepts (or create the person), and keep the read as evidence.

A card reading arrives as the CardReading JSON dict (card_reader produces it; core does not
import card_reader). The face image, when the chip gave one, is stored as an encrypted
attachment and only roles with FACE_VIEW may open it; every view is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import select

from core import audit
from core.auth import Perm
from core.dates import show_iso
from core.i18n import QT_TR_NOOP
from core.matching import MatchResult, Outcome, Probe, match_person
from core.models import CardRead, Person, ReviewItem
from core.services import persons
from core.services._change import save_entity
from core.services.attachments import read_attachment, store_attachment
from core.services.card_reads import record_card_read
from core.store import Workspace
from core.text import fold

# (card JSON key, person field, label)
CARD_FIELDS = (
    ("full_name", "full_name", QT_TR_NOOP("Họ và tên")),
    ("id_number", "personal_number", QT_TR_NOOP("Số định danh")),
    ("old_id_number", "old_id_number", QT_TR_NOOP("Số CMND cũ")),
    ("date_of_birth", "dob", QT_TR_NOOP("Ngày sinh")),
    ("sex", "sex", QT_TR_NOOP("Giới tính")),
    ("nationality", "nationality", QT_TR_NOOP("Quốc tịch")),
    ("ethnicity", "ethnicity", QT_TR_NOOP("Dân tộc")),
    ("religion", "religion", QT_TR_NOOP("Tôn giáo")),
    ("place_of_origin", "place_of_origin", QT_TR_NOOP("Quê quán")),
)
CONFLICT_MESSAGE = QT_TR_NOOP("Thẻ có cùng số định danh nhưng họ tên hoặc ngày sinh khác với "
                              "dữ liệu đang lưu.")
FACE_MIME = {"jpeg": "image/jpeg", "jpeg2000": "image/jp2"}


@dataclass(frozen=True)
class FieldComparison:
    field: str  # person field
    label: str
    stored: str  # as shown: dd/mm/yyyy dates, Nam/Nữ
    card: str
    differs: bool


@dataclass(frozen=True)
class Applied:
    person: Person
    card_read: CardRead
    changed: list[str]


def _show(field: str, value) -> str:
    if value in (None, ""):
        return ""
    if field == "dob":
        return show_iso(value)
    if field == "sex":
        return persons.SEX_LABELS.get(value, value)
    return str(value)


def _same(field: str, stored: str, card: str) -> bool:
    if field == "full_name":
        return stored == card  # the card's exact spelling is what we want to keep
    return fold(stored) == fold(card) if field in ("ethnicity", "religion", "nationality",
                                                   "place_of_origin") else stored == card


def match_card(ws: Workspace, card: dict) -> MatchResult:
    """Who this card belongs to (audited: the outcome, never the values). A conflict (same ID
    number, really different name or date of birth) goes to the review queue once per person:
    the person or the police must correct one side."""
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.write() as session:
        result = match_person(session, Probe.from_card(card))
        audit.append_event(session, ws.actor.user_id, "card.match", details={
            "outcome": str(result.outcome), "candidates": len(result.candidates)})
        if result.outcome == Outcome.CONFLICT and ws.actor.can(Perm.PERSON_WRITE) \
                and not card.get("training"):
            _queue_conflict(session, ws, result.candidates[0])
    return result


def _queue_conflict(session, ws: Workspace, candidate) -> None:
    open_item = session.exec(select(ReviewItem).where(
        ReviewItem.kind == "conflict", ReviewItem.entity_id == candidate.person_id,
        ReviewItem.status == "open")).first()
    if open_item is None:
        item = ReviewItem(kind="conflict", entity="person", entity_id=candidate.person_id,
                          details=json.dumps({"code": "card_conflict",
                                              "message": CONFLICT_MESSAGE,
                                              "reasons": candidate.reasons},
                                             ensure_ascii=False))
        save_entity(session, ws, item, "review.open", "population", {"code": "card_conflict"})


def compare(ws: Workspace, person_id: str | None, card: dict) -> list[FieldComparison]:
    """Stored value beside the card's for every field the card carries."""
    person = persons.get_person(ws, person_id) if person_id else None
    rows = []
    for key, field, label in CARD_FIELDS:
        card_value = _show(field, card.get(key)) if field != "sex" else (card.get(key) or "")
        if not card_value:
            continue
        stored = _show(field, getattr(person, field)) if person else ""
        rows.append(FieldComparison(field, label, stored, card_value,
                                    not _same(field, stored, card_value)))
    return rows


def _changes(card: dict, fields: list[str]) -> dict:
    by_field = {field: key for key, field, _ in CARD_FIELDS}
    return {field: card.get(by_field[field]) for field in fields if card.get(by_field[field])}


def apply_card(ws: Workspace, card: dict, person_id: str | None, accept: list[str],
               face_image: bytes | None = None) -> Applied:
    """Update `person_id` with the accepted card fields (or create a new person from every
    card field when `person_id` is None), then keep the read as evidence linked to them."""
    ws.actor.require(Perm.CARD_READ)
    source = card.get("source") or "chip"
    face_sha = None
    if face_image:  # content-addressed file first: the transaction below only refers to it
        mime = FACE_MIME.get(card.get("face_image_format") or "", "application/octet-stream")
        face_sha = store_attachment(ws, face_image, mime, permission=Perm.CARD_READ).sha256
    evidence = {key: card.get(key) for key, _, _ in CARD_FIELDS if card.get(key)}
    evidence.update({k: card.get(k) for k in ("date_of_issue", "date_of_expiry", "access")
                     if card.get(k)})
    every_field = [f for _, f, _ in CARD_FIELDS]
    with ws.db.write() as session:  # the person and the read's evidence: together or not at all
        if person_id is None:
            result = persons.create_person(ws, _changes(card, every_field), source=source,
                                           session=session)
            changed = sorted(_changes(card, every_field))
        else:
            result = persons.update_person(ws, person_id, _changes(card, accept), source=source,
                                           session=session)
            changed = sorted(_changes(card, accept))
        read = record_card_read(ws, source if source in ("chip", "qr", "mrz") else "chip",
                                evidence, result.person.id, pa_verdict=card.get("passive_auth"),
                                face_sha256=face_sha, reader_name=card.get("reader_name"),
                                session=session)
    return Applied(result.person, read, changed)


def latest_card_read(ws: Workspace, person_id: str) -> CardRead | None:
    ws.actor.require(Perm.PERSON_READ)
    with ws.db.read() as session:
        return session.exec(select(CardRead).where(CardRead.person_id == person_id)
                            .order_by(CardRead.read_at.desc())).first()


def face_image(ws: Workspace, card_read: CardRead) -> bytes:
    """The chip's portrait: FACE_VIEW only, and each view is audited against the person."""
    ws.actor.require(Perm.FACE_VIEW)
    if not card_read.face_sha256:
        return b""
    content = read_attachment(ws, card_read.face_sha256, permission=Perm.FACE_VIEW)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "face.view", "person", card_read.person_id,
                           details={"card_read": card_read.id})
    return content


def note_face_view(ws: Workspace, person_id: str | None) -> None:
    """The chip's portrait shown on screen straight from a reading: FACE_VIEW only, audited."""
    ws.actor.require(Perm.FACE_VIEW)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "face.view", "person", person_id,
                           details={"from": "live_read"})


def evidence(card_read: CardRead) -> dict:
    return {"fields": json.loads(card_read.fields or "{}"),
            "passive_auth": json.loads(card_read.pa_verdict or "{}"),
            "reader": card_read.reader_name, "read_at": card_read.read_at.isoformat()}
