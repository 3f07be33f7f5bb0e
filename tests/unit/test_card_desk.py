"""Card desk service: compare chip vs stored, accept per field, create from the card, keep the
evidence, face image only for FACE_VIEW (audited)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from core.auth import Role
from core.errors import PermissionDenied
from core.matching import Outcome
from core.models import AuditEvent, CardRead
from core.services import card_desk, persons

CARD = {"id_number": "038190012345", "full_name": "Nguyễn Thị Hoà", "date_of_birth": "1990-05-17",
        "sex": "Nữ", "nationality": "Việt Nam", "ethnicity": "Kinh", "religion": "Không",
        "place_of_origin": "Quảng Ngọc, Thanh Hóa", "date_of_issue": "2021-06-01",
        "date_of_expiry": "2030-05-17", "source": "chip", "access": "PACE",
        "face_image_format": "jpeg", "reader_name": "Virtual PCD 00 00",
        "passive_auth": {"dg_hashes": "pass", "signature": "pass", "chain": "pass",
                         "passed": True, "details": []}}
FACE = b"\xff\xd8\xff\xe0 a tiny stand-in for the chip's JPEG \xff\xd9"


def test_compare_accept_some_fields_and_keep_the_evidence(admin_ws):
    person = persons.create_person(admin_ws, {
        "full_name": "Nguyễn Thị Hòa", "personal_number": "038190012345", "dob": "1990",
        "ethnicity": "kinh"}).person
    result = card_desk.match_card(admin_ws, CARD)
    assert result.outcome == Outcome.STRONG and result.person_id == person.id
    rows = {r.field: r for r in card_desk.compare(admin_ws, person.id, CARD)}
    assert rows["full_name"].differs and rows["full_name"].stored == "Nguyễn Thị Hòa"
    assert rows["dob"].differs and rows["dob"].card == "17/05/1990" and rows["dob"].stored == "1990"
    assert not rows["ethnicity"].differs  # same word, other case
    assert not rows["personal_number"].differs

    applied = card_desk.apply_card(admin_ws, CARD, person.id, ["full_name", "dob"], FACE)
    assert applied.changed == ["dob", "full_name"]
    stored = persons.get_person(admin_ws, person.id)
    assert stored.full_name == "Nguyễn Thị Hoà" and stored.dob == "1990-05-17"
    assert stored.religion is None  # not accepted, not written
    provenance = json.loads(stored.provenance)
    assert provenance["full_name"]["source"] == "chip" and provenance["dob"]["by"]
    with admin_ws.db.read() as session:
        read = session.exec(select(CardRead).where(CardRead.person_id == person.id)).one()
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert json.loads(read.pa_verdict)["passed"] is True
    assert read.reader_name == "Virtual PCD 00 00" and read.face_sha256
    assert json.loads(read.fields)["id_number"] == "038190012345"
    assert {"card.match", "person.update", "card.read"} <= set(actions)
    assert card_desk.latest_card_read(admin_ws, person.id).id == read.id


def test_a_new_person_from_the_card(admin_ws):
    result = card_desk.match_card(admin_ws, CARD)
    assert result.outcome == Outcome.UNMATCHED
    applied = card_desk.apply_card(admin_ws, CARD, None, [])
    person = persons.get_person(admin_ws, applied.person.id)
    assert (person.full_name, person.personal_number, person.dob, person.sex) == (
        "Nguyễn Thị Hoà", "038190012345", "1990-05-17", "F")
    assert json.loads(person.provenance)["personal_number"]["source"] == "chip"
    assert card_desk.match_card(admin_ws, CARD).person_id == person.id  # found next time


def test_face_image_only_for_face_view_and_every_view_audited(admin_ws, login):
    applied = card_desk.apply_card(admin_ws, CARD, None, [], FACE)
    assert card_desk.face_image(admin_ws, applied.card_read) == FACE
    member = login(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        card_desk.face_image(member, applied.card_read)
    officer = login(Role.OFFICER)
    assert card_desk.face_image(officer, applied.card_read) == FACE
    with admin_ws.db.read() as session:
        views = session.exec(select(AuditEvent).where(AuditEvent.action == "face.view")).all()
    assert len(views) == 2 and all(v.entity_id == applied.person.id for v in views)
    # Stored encrypted: the image bytes are nowhere in the attachment store in the clear.
    stored = [p.read_bytes() for p in admin_ws.store.attachments_dir.rglob("*") if p.is_file()]
    assert stored and all(FACE not in blob for blob in stored)


def test_a_conflict_goes_to_the_review_queue_once(admin_ws):
    from core.services import reviews

    person = persons.create_person(admin_ws, {"full_name": "Nguyễn Thị Hồng",
                                              "personal_number": "038190012345"}).person
    for _ in range(2):
        assert card_desk.match_card(admin_ws, CARD).outcome == Outcome.CONFLICT
    items = [i for i in reviews.open_items(admin_ws) if i.kind == "conflict"]
    assert len(items) == 1 and items[0].entity_id == person.id
    assert json.loads(items[0].details)["code"] == "card_conflict"
    card_desk.match_card(admin_ws, {**CARD, "training": True})  # a training card: no item
    assert len([i for i in reviews.open_items(admin_ws) if i.kind == "conflict"]) == 1


def test_saving_a_card_is_one_transaction(admin_ws, monkeypatch):
    person = persons.create_person(admin_ws, {"full_name": "Nguyễn Thị Hòa",
                                              "personal_number": "038190012345"}).person

    def broken(*args, **kwargs):
        raise RuntimeError("disk full while writing the evidence")

    monkeypatch.setattr(card_desk, "record_card_read", broken)
    with pytest.raises(RuntimeError):
        card_desk.apply_card(admin_ws, CARD, person.id, ["full_name", "dob"])
    stored = persons.get_person(admin_ws, person.id)
    assert (stored.full_name, stored.dob) == ("Nguyễn Thị Hòa", None)  # nothing half-saved
