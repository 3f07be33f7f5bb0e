"""Matching engine (DOMAIN.md §8): every outcome, tone placement, old CMND, partial dates."""

from __future__ import annotations

import pytest

from core.matching import Outcome, Probe, dates_agree, match_person
from core.services import persons


def _person(ws, **data):
    return persons.create_person(ws, data).person


def _match(ws, **probe):
    with ws.db.read() as session:
        return match_person(session, Probe(**probe))


@pytest.fixture
def people(admin_ws):
    ws = admin_ws
    return ws, {
        "hoa": _person(ws, full_name="Nguyễn Thị Hoà", personal_number="038190012345",
                       dob="17/05/1990", sex="Nữ"),
        "cmnd": _person(ws, full_name="Lê Văn Tám", old_id_number="172345678", dob="02/03/1961",
                        sex="Nam"),
        "twin1": _person(ws, full_name="Trần Văn Nam", dob="01/01/2000", sex="Nam"),
        "twin2": _person(ws, full_name="Trần  Văn Nam", dob="01/01/2000", sex="Nam"),
        "year": _person(ws, full_name="Phạm Thị Lụa", dob="1948", sex="Nữ"),
        "one": _person(ws, full_name="Đỗ Quang Vinh", dob="09/09/1985", sex="Nam"),
    }


def test_strong_when_id_name_and_dob_agree(people):
    ws, p = people
    result = _match(ws, id_number="038190012345", full_name="Nguyễn Thị Hoà", dob="1990-05-17")
    assert result.outcome == Outcome.STRONG and result.person_id == p["hoa"].id


def test_tone_placement_and_spacing_still_strong_with_card_spelling_noted(people):
    ws, p = people
    result = _match(ws, id_number="038190012345", full_name="NGUYỄN  THỊ HÒA", dob="1990-05-17")
    assert result.outcome == Outcome.STRONG and result.person_id == p["hoa"].id
    assert any("Cách viết" in r for r in result.candidates[0].reasons)


def test_same_id_but_really_different_name_or_dob_is_a_conflict(people):
    ws, p = people
    other_name = _match(ws, id_number="038190012345", full_name="Nguyễn Thị Hồng",
                        dob="1990-05-17")
    other_dob = _match(ws, id_number="038190012345", full_name="Nguyễn Thị Hoà",
                       dob="1990-05-18")
    for result in (other_name, other_dob):
        assert result.outcome == Outcome.CONFLICT and result.person_id is None
        assert result.candidates[0].person_id == p["hoa"].id


def test_old_cmnd_matches_when_the_stored_person_has_no_new_number(people):
    ws, p = people
    result = _match(ws, id_number="038061000777", full_name="Lê Văn Tám", dob="1961-03-02",
                    old_id_number="172345678")
    assert result.outcome == Outcome.VIA_CMND and result.person_id == p["cmnd"].id
    clash = _match(ws, id_number="038061000777", full_name="Lê Văn Tuấn", dob="1961-03-02",
                   old_id_number="172345678")
    assert clash.outcome == Outcome.CONFLICT


def test_name_and_full_dob_give_a_candidate_or_an_ambiguity(people):
    ws, p = people
    one = _match(ws, id_number="038085000111", full_name="Do Quang Vinh", dob="1985-09-09",
                 sex="M")
    assert one.outcome == Outcome.CANDIDATE and one.candidates[0].person_id == p["one"].id
    assert one.person_id is None  # a candidate is never applied without the officer
    two = _match(ws, full_name="Trần Văn Nam", dob="2000-01-01")
    assert two.outcome == Outcome.AMBIGUOUS
    assert {c.person_id for c in two.candidates} == {p["twin1"].id, p["twin2"].id}
    assert _match(ws, full_name="Đỗ Quang Vinh", dob="1985-09-09", sex="F").outcome == \
        Outcome.UNMATCHED  # the sex disagrees


def test_year_only_dates_are_weak_never_identified(people):
    ws, p = people
    weak = _match(ws, full_name="Phạm Thị Lụa", dob="1948-07-01")
    assert weak.outcome == Outcome.WEAK and weak.person_id is None
    assert weak.candidates[0].person_id == p["year"].id
    also_weak = _match(ws, full_name="Đỗ Quang Vinh", dob="1985")
    assert also_weak.outcome == Outcome.WEAK


def test_unmatched(people):
    ws, _ = people
    assert _match(ws, id_number="001099000001", full_name="Hà Thị Lan",
                  dob="1999-12-31").outcome == Outcome.UNMATCHED
    assert _match(ws).outcome == Outcome.UNMATCHED


def test_a_deleted_person_is_never_matched(people):
    ws, p = people
    persons.delete_person(ws, p["one"].id, "nhập trùng")
    assert _match(ws, full_name="Đỗ Quang Vinh", dob="1985-09-09").outcome == Outcome.UNMATCHED


def test_partial_dates_agree_by_prefix():
    assert dates_agree("1990", "1990-05-17") and dates_agree("1990-05", "1990-05-17")
    assert not dates_agree("1991", "1990-05-17") and dates_agree(None, "1990")


def test_probe_from_a_card_reading():
    probe = Probe.from_card({"id_number": "038190012345", "full_name": "Nguyễn Thị Hoà",
                             "date_of_birth": "1990-05-17", "sex": "Nữ",
                             "old_id_number": "172 345 678"})
    assert probe == Probe("038190012345", "Nguyễn Thị Hoà", "1990-05-17", "F", "172345678")
