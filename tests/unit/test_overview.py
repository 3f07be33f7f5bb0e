"""Tổng quan counts: live residents only, VNeID states, pending changes."""

from __future__ import annotations

from core.services import persons, vneid
from core.services.overview import overview, pending_changes


def test_counts_follow_writes_and_ignore_deleted_people(admin_ws):
    before = overview(admin_ws)
    a = persons.create_person(admin_ws, {"full_name": "Lê Văn An"}).person
    b = persons.create_person(admin_ws, {"full_name": "Trần Thị Bình"}).person
    vneid.set_status(admin_ws, a.id, "activated")
    vneid.set_status(admin_ws, b.id, "activated")
    mid = overview(admin_ws)
    assert mid.persons == before.persons + 2
    assert mid.vneid_by_state.get("activated", 0) == before.vneid_by_state.get("activated", 0) + 2
    assert mid.pending_changes == pending_changes(admin_ws) > before.pending_changes
    persons.delete_person(admin_ws, b.id, "nhập trùng")
    after = overview(admin_ws)
    assert after.persons == before.persons + 1
    assert after.vneid_by_state.get("activated", 0) == mid.vneid_by_state["activated"] - 1
