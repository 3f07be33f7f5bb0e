"""Resident-list filters agree with a brute force over the persons table."""

from __future__ import annotations

from sqlalchemy import text

from core.search import PersonFilter, browse_persons, count_persons
from core.services import hamlets, households, persons, vneid


def test_each_filter_and_their_combination(admin_ws):
    east = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    west = hamlets.add_hamlet(admin_ws, "Thôn Tây")
    people = [("Lê Văn A", "Nam", "1950", east, "038050000001"),
              ("Lê Thị B", "Nữ", "1990", east, None),
              ("Trần Văn C", "Nam", "2020", west, None),
              ("Trần Thị D", "Nữ", "1955", west, "038155000002")]
    for name, sex, dob, hamlet, number in people:
        data = {"full_name": name, "sex": sex, "dob": dob}
        if number:
            data["personal_number"] = number
        person = persons.create_person(admin_ws, data).person
        households.create_household(admin_ws, person.id, hamlet.id)
        if name.endswith("B"):
            vneid.set_status(admin_ws, person.id, "activated")

    def names(where):
        with admin_ws.db.read() as session:
            page = browse_persons(session, None, 50, where)
            assert count_persons(session, where) == len(page)
        return {hit.full_name for _, hit in page}

    assert names(PersonFilter(hamlet_id=east.id)) == {"Lê Văn A", "Lê Thị B"}
    assert names(PersonFilter(sex="F")) == {"Lê Thị B", "Trần Thị D"}
    assert names(PersonFilter(born_from=1950, born_to=1960)) == {"Lê Văn A", "Trần Thị D"}
    assert names(PersonFilter(vneid_state="activated")) == {"Lê Thị B"}
    assert names(PersonFilter(has_id=True)) == {"Lê Văn A", "Trần Thị D"}
    assert names(PersonFilter(has_id=False, hamlet_id=west.id)) == {"Trần Văn C"}
    assert names(PersonFilter(sex="M", born_to=1960, hamlet_id=west.id)) == set()
    with admin_ws.db.read() as session:
        everyone = session.execute(text("SELECT count(*) FROM person WHERE deleted_at IS NULL")
                                   ).scalar_one()
    assert len(names(PersonFilter())) == everyone
    assert {h.full_name for h in persons.search_filtered(
        admin_ws, "le", 10, PersonFilter(sex="M"))} == {"Lê Văn A"}
