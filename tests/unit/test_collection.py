"""Collection sessions: create, attendees (once each), outcomes that move the VNeID journey and
the coverage, validation."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ValidationError, XasoError
from core.services import collection, hamlets, households, persons, vneid_reports


@pytest.fixture
def session_with_people(admin_ws):
    ws = admin_ws
    east = hamlets.add_hamlet(ws, "Thôn Đông")
    people = []
    for name, dob in (("Hà Thị Lan", "02/02/1958"), ("Đỗ Quang Vinh", "09/09/1985")):
        person = persons.create_person(ws, {"full_name": name, "dob": dob}).person
        households.create_household(ws, person.id, east.id)
        people.append(person)
    item = collection.create_session(ws, "2026-11-30", "Nhà văn hóa thôn Đông", east.id)
    return ws, item, people


def test_validation(admin_ws):
    with pytest.raises(ValidationError) as err:
        collection.create_session(admin_ws, "30/11/2026", " ")
    assert set(err.value.errors) == {"held_on", "place"}


def test_attendees_outcomes_and_coverage(session_with_people):
    ws, item, (lan, vinh) = session_with_people
    first = collection.add_attendee(ws, item.id, lan.id)
    second = collection.add_attendee(ws, item.id, vinh.id)
    with pytest.raises(XasoError, match="đã có trong danh sách"):
        collection.add_attendee(ws, item.id, lan.id)
    assert [(s.place, n) for s, n in collection.list_sessions(ws)] == [
        ("Nhà văn hóa thôn Đông", 2)]
    collection.set_outcome(ws, first.id, "collected")
    collection.set_outcome(ws, second.id, "failed", "sim_not_own_name")
    rows = {r.full_name: r for r in collection.attendees(ws, item.id)}
    assert rows["Hà Thị Lan"].outcome == "collected"
    assert rows["Đỗ Quang Vinh"].failure_reason == "sim_not_own_name"
    today = date(2026, 12, 1)
    lan_journey = vneid_reports.journey(ws, lan.id, today)
    assert lan_journey.state == "submitted" and lan_journey.state_dates["submitted"] == \
        "2026-11-30"
    assert vneid_reports.journey(ws, vinh.id, today).failure_reason == "sim_not_own_name"
    total = vneid_reports.total(vneid_reports.coverage(ws, today))
    assert (total.eligible, total.collected, total.issued) == (2, 1, 0)
    with pytest.raises(ValidationError):
        collection.set_outcome(ws, first.id, "lost")
