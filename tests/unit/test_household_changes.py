"""Household list, change of head, relationship, split (tách hộ) and merge (nhập hộ)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.errors import ValidationError, XasoError
from core.models import AuditEvent, Household, HouseholdMember, Person
from core.services import hamlets, households, persons
from core.services import household_changes as changes


@pytest.fixture
def family(admin_ws):
    east = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    west = hamlets.add_hamlet(admin_ws, "Thôn Tây")

    def person(name):
        return persons.create_person(admin_ws, {"full_name": name}).person

    head, wife, son, daughter_in_law, grandchild = (person(n) for n in (
        "Trần Văn Bình", "Lê Thị Hạnh", "Trần Văn Cường", "Phạm Thị Dung", "Trần Minh Đức"))
    home = households.create_household(admin_ws, head.id, east.id, "Số 5")
    for p, rel in ((wife, "vợ"), (son, "con"), (daughter_in_law, "con dâu"),
                   (grandchild, "cháu")):
        households.add_member(admin_ws, home.id, p.id, rel)
    other_head = person("Ngô Thị Mai")
    other = households.create_household(admin_ws, other_head.id, west.id, "Số 9")
    return admin_ws, home, other, east, west, head, wife, son, daughter_in_law, grandchild


def _members(ws, household_id):
    return {p.full_name: m.relationship for m, p in households.members(ws, household_id)}


def test_list_households_in_vietnamese_order_by_hamlet_and_paged(family):
    ws, home, other, east, west, *_ = family
    total, rows = households.list_households(ws)
    # Vietnamese order: by given name first (Bình before Mai).
    assert total == 2 and [r.head_name for r in rows] == ["Trần Văn Bình", "Ngô Thị Mai"]
    assert rows[0].members == 5 and rows[0].hamlet == "Thôn Đông" and rows[0].address == "Số 5"
    assert households.list_households(ws, hamlet_id=west.id)[1][0].id == other.id
    total, page = households.list_households(ws, offset=1, limit=1)
    assert total == 2 and [r.id for r in page] == [other.id]


def test_change_head_and_relationship(family):
    ws, home, _, _, _, head, wife, son, *_ = family
    with pytest.raises(ValidationError):
        changes.change_head(ws, home.id, head.id, "chồng")  # already the head
    with pytest.raises(ValidationError):
        changes.change_head(ws, home.id, wife.id, households.HEAD)
    changes.change_head(ws, home.id, son.id, "bố")
    assert _members(ws, home.id)["Trần Văn Cường"] == "chủ hộ"
    assert _members(ws, home.id)["Trần Văn Bình"] == "bố"
    changes.set_relationship(ws, wife.id, "mẹ")
    assert _members(ws, home.id)["Lê Thị Hạnh"] == "mẹ"
    with pytest.raises(XasoError, match="chủ hộ"):
        changes.set_relationship(ws, son.id, "con")


def test_split_moves_the_chosen_members_into_a_new_household(family):
    ws, home, _, east, west, head, wife, son, dil, grandchild = family
    with pytest.raises(ValidationError):
        changes.split_household(ws, home.id, son.id, {dil.id: "vợ"}, reason="")
    with pytest.raises(ValidationError, match=None):
        changes.split_household(ws, home.id, son.id, {head.id: "bố"}, reason="ra ở riêng")
    new = changes.split_household(ws, home.id, son.id, {dil.id: "vợ", grandchild.id: "con"},
                                  reason="ra ở riêng", address_text="Số 7")
    assert _members(ws, new.id) == {"Trần Văn Cường": "chủ hộ", "Phạm Thị Dung": "vợ",
                                    "Trần Minh Đức": "con"}
    assert _members(ws, home.id) == {"Trần Văn Bình": "chủ hộ", "Lê Thị Hạnh": "vợ"}
    rows = {r.id: r for r in households.list_households(ws)[1]}
    assert rows[new.id].hamlet == "Thôn Đông" and rows[new.id].address == "Số 7"
    with ws.db.read() as session:
        moved = session.get(Person, son.id)
        assert moved.residence_address_id == session.get(Household, new.id).address_id
        history = session.exec(select(HouseholdMember).where(
            HouseholdMember.person_id == son.id)).all()
        assert sorted(m.left_on is None for m in history) == [False, True]  # history kept
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert "household.split" in actions


def test_merge_moves_everyone_and_closes_the_source(family):
    ws, home, other, *_ = family
    with pytest.raises(ValidationError):
        changes.merge_households(ws, other.id, home.id, {}, reason="về ở chung")
    (member_id,) = [p.id for _, p in households.members(ws, other.id)]
    with pytest.raises(ValidationError):
        changes.merge_households(ws, other.id, other.id, {member_id: "khác"}, reason="x")
    changes.merge_households(ws, other.id, home.id, {member_id: "người ở nhờ"},
                             reason="về ở chung")
    assert _members(ws, home.id)["Ngô Thị Mai"] == "người ở nhờ"
    assert households.members(ws, other.id) == []
    total, rows = households.list_households(ws)
    assert total == 1 and rows[0].id == home.id and rows[0].members == 6
    with ws.db.read() as session:
        closed = session.get(Household, other.id)
        assert closed.deleted_at is not None and "về ở chung" in closed.deleted_reason


def test_a_failed_split_changes_nothing(family):
    ws, home, *_rest = family
    son, dil = _rest[5], _rest[6]
    before = _members(ws, home.id)
    with pytest.raises(ValidationError):
        changes.split_household(ws, home.id, son.id, {dil.id: "không có"}, reason="x")
    with pytest.raises(ValidationError):
        changes.split_household(ws, home.id, son.id, {"not-a-member": "con"}, reason="x")
    assert _members(ws, home.id) == before
