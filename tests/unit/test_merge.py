"""Merging duplicate records of one resident: chosen fields, everything moved, the other
record retired, one audited decision; two different ID numbers are refused."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from core.errors import ValidationError, XasoError
from core.models import AuditEvent, CardRead, DigitalCitizenStatus, FollowUp
from core.services import card_desk, collection, hamlets, households, persons, vneid
from core.services.merge import merge_persons


@pytest.fixture
def twins(admin_ws):
    ws = admin_ws
    east = hamlets.add_hamlet(ws, "Thôn Đông")
    keep = persons.create_person(ws, {"full_name": "Lê Thị Thu", "dob": "1970"}).person
    drop = persons.create_person(ws, {"full_name": "Lê Thị Thu", "dob": "05/06/1970",
                                      "personal_number": "038170001234"}).person
    households.create_household(ws, drop.id, east.id, "Số 3")
    vneid.set_status(ws, drop.id, "issued")
    vneid.add_follow_up(ws, drop.id, "Hướng dẫn kích hoạt", "2026-12-01")
    card_desk.apply_card(ws, {"id_number": "038170001234", "full_name": "Lê Thị Thu",
                              "date_of_birth": "1970-06-05", "source": "chip"}, drop.id, [])
    item = collection.create_session(ws, "2026-11-30", "Nhà văn hóa")
    collection.add_attendee(ws, item.id, drop.id)
    return ws, keep, drop


def test_merge_moves_everything_and_retires_the_other(twins):
    ws, keep, drop = twins
    with pytest.raises(ValidationError):
        merge_persons(ws, keep.id, drop.id, ["dob"], reason="")
    merge_persons(ws, keep.id, drop.id, ["dob", "personal_number"], "cùng một người")
    kept = persons.get_person(ws, keep.id)
    assert (kept.dob, kept.personal_number) == ("1970-06-05", "038170001234")
    assert json.loads(kept.provenance)["dob"]["source"] == "merge"
    assert [h.id for h in persons.search(ws, "le thi thu", audit_it=False)] == [keep.id]
    with ws.db.read() as session:
        assert session.exec(select(DigitalCitizenStatus)).one().person_id == keep.id
        assert session.exec(select(FollowUp)).one().person_id == keep.id
        assert session.exec(select(CardRead)).one().person_id == keep.id
        assert session.exec(select(AuditEvent).where(
            AuditEvent.action == "person.merge")).one().entity_id == keep.id
    (home,) = [m for m, p in households.members(ws, households.find_households(
        ws, "le thi thu")[0].id)]
    assert home.person_id == keep.id and home.relationship == "chủ hộ"
    (attendee,) = collection.attendees(ws, collection.list_sessions(ws)[0][0].id)
    assert attendee.person_id == keep.id


def test_two_id_numbers_are_two_people(admin_ws):
    a = persons.create_person(admin_ws, {"full_name": "Lê Văn Tám",
                                         "personal_number": "038170001111"}).person
    b = persons.create_person(admin_ws, {"full_name": "Lê Văn Tám",
                                         "personal_number": "038170002222"}).person
    with pytest.raises(XasoError, match="hai người"):
        merge_persons(admin_ws, a.id, b.id, [], "trùng tên")
    assert persons.get_person(admin_ws, b.id).deleted_at is None
