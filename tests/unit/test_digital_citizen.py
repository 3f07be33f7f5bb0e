"""Digital-citizen criteria: configurable set, per-person answers (level 2 derived), tally per
hamlet with hand-checked counts."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import PermissionDenied, ValidationError
from core.services import digital_citizen as dc
from core.services import hamlets, households, persons, vneid

TODAY = date(2026, 11, 28)


def test_criteria_per_person_and_per_hamlet(admin_ws, login):
    from core.auth import Role

    east = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    people = []
    for name, dob in (("Lê Văn An", "01/01/1980"), ("Lê Thị Bình", "02/02/1985"),
                      ("Lê Văn Cường", "03/03/2015")):  # the child does not count
        person = persons.create_person(admin_ws, {"full_name": name, "dob": dob}).person
        households.create_household(admin_ws, person.id, east.id)
        people.append(person)
    an, binh, _child = people
    vneid.set_status(admin_ws, an.id, "activated")
    dc.set_person_criteria(admin_ws, an.id, {"e_payment": True, "digital_signature": True,
                                             "digital_address": True, "vneid_level2": False})
    dc.set_person_criteria(admin_ws, binh.id, {"e_payment": True})
    assert dc.person_criteria(admin_ws, an.id) == {
        "vneid_level2": True, "e_payment": True, "digital_signature": True,
        "digital_address": True}  # level 2 follows VNeID, whatever was typed
    (row,) = dc.tally(admin_ws, TODAY)
    assert (row.hamlet, row.eligible, row.all_met) == ("Thôn Đông", 2, 1)
    assert row.met == {"vneid_level2": 1, "e_payment": 2, "digital_signature": 1,
                       "digital_address": 1}
    dc.set_enabled_criteria(admin_ws, ["e_payment"])
    (row,) = dc.tally(admin_ws, TODAY)
    assert row.met == {"e_payment": 2} and row.all_met == 2
    with pytest.raises(ValidationError):
        dc.set_enabled_criteria(admin_ws, ["teleport"])
    with pytest.raises(PermissionDenied):
        dc.set_enabled_criteria(login(Role.OFFICER), ["e_payment"])
