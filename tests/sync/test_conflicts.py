"""Concurrent edits: the second pusher gets a conflict shown side by side, resolved either way;
civil-status records are never merged automatically."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.auth import Role
from core.errors import PermissionDenied, ValidationError
from core.models import SYNCED_ENTITIES, OutboxEntry, Person, ReviewItem, row_of
from core.outbox import row_hash
from core.services import persons, records, sync_review
from core.services.sync_review import ChangeInFlight
from sync.client import outbox_batches, state
from tests.sync.conftest import enroll_with, pull_all, push_all
from tests.sync.test_pull import BIRTH


def _rows(ws):
    with ws.db.read() as session:
        return {(t, o.id): row_hash(row_of(o)) for t, m in SYNCED_ENTITIES.items()
                for o in session.exec(select(m))}


def _conflicted(admin_ws, second_ws, hub):
    """Both PCs edit the same person; the first PC pushes first."""
    enroll_with(admin_ws, hub)
    enroll_with(second_ws, hub)
    p = persons.create_person(admin_ws, {"full_name": "Hà Văn Sơn", "dob": "1980"}).person
    push_all(admin_ws, hub)
    pull_all(second_ws, hub)
    persons.update_person(admin_ws, p.id, {"full_name": "Hà Văn Sơn A"})
    persons.update_person(second_ws, p.id, {"dob": "1981"})
    assert push_all(admin_ws, hub) == {"applied": 1}
    assert push_all(second_ws, hub) == {"conflict": 1}
    return p


def test_conflict_is_a_review_item_with_both_rows(admin_ws, second_ws, hub):
    p = _conflicted(admin_ws, second_ws, hub)
    (problem,) = sync_review.problems(second_ws)
    assert (problem.kind, problem.status, problem.entity, problem.entity_id) == (
        "sync_conflict", "conflict", "person", p.id)
    assert problem.local_row["dob"] == "1981" and problem.local_row["full_name"] == "Hà Văn Sơn"
    assert problem.server_row["full_name"] == "Hà Văn Sơn A" and problem.server_version == 2
    assert not problem.legal and problem.message and problem.resolvable
    assert problem.entity_label == "cư dân Hà Văn Sơn" and problem.hub_row == problem.server_row
    # the pull does not touch the row while the problem is open
    assert pull_all(second_ws, hub).written == 0
    with second_ws.db.read() as session:
        assert session.get(Person, p.id).dob == "1981"


def test_keep_hub_takes_the_hub_row_without_queuing_anything(admin_ws, second_ws, hub):
    p = _conflicted(admin_ws, second_ws, hub)
    (problem,) = sync_review.problems(second_ws)
    sync_review.resolve_conflict(second_ws, problem.item_id, "hub")
    with second_ws.db.read() as session:
        person = session.get(Person, p.id)
        pending = session.exec(select(OutboxEntry).where(OutboxEntry.pushed_at.is_(None))).all()
        item = session.get(ReviewItem, problem.item_id)
    assert (person.full_name, person.dob, person.version) == ("Hà Văn Sơn A", "1980", 2)
    assert pending == [] and (item.status, item.resolution) == ("resolved", "hub")
    assert {h.full_name for h in persons.search(second_ws, "son a")} >= {"Hà Văn Sơn A"}
    assert push_all(second_ws, hub) == {}
    assert _rows(second_ws) == _rows(admin_ws)
    assert sync_review.problems(second_ws) == []


def test_keep_mine_makes_a_new_version_on_top_of_the_hubs(admin_ws, second_ws, hub):
    p = _conflicted(admin_ws, second_ws, hub)
    (problem,) = sync_review.problems(second_ws)
    sync_review.resolve_conflict(second_ws, problem.item_id, "mine")
    creds = state.load(second_ws)
    batch = outbox_batches.open_stored(creds, outbox_batches.next_batch(second_ws, creds).body)
    (op,) = batch.ops
    assert (op.base_version, op.version) == (2, 3) and op.payload["dob"] == "1981"
    assert push_all(second_ws, hub) == {"applied": 1}
    assert pull_all(admin_ws, hub).written == 1
    with admin_ws.db.read() as session:
        person = session.get(Person, p.id)
    assert (person.full_name, person.dob, person.version) == ("Hà Văn Sơn", "1981", 3)
    assert _rows(second_ws) == _rows(admin_ws)


def test_resolution_rules(admin_ws, second_ws, hub, login):
    _conflicted(admin_ws, second_ws, hub)
    (problem,) = sync_review.problems(second_ws)
    with pytest.raises(ValidationError):
        sync_review.resolve_conflict(second_ws, problem.item_id, "both")
    member = login(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        sync_review.resolve_conflict(member, problem.item_id, "hub")
    # a later local edit while the problem is open, then caught in a batch in flight
    persons.update_person(second_ws, problem.entity_id, {"dob": "1982"})
    creds = state.load(second_ws)
    outbox_batches.next_batch(second_ws, creds)
    with pytest.raises(ChangeInFlight):
        sync_review.resolve_conflict(second_ws, problem.item_id, "mine")
    assert not sync_review.problems(second_ws)[0].resolvable
    assert sync_review.problems(second_ws)[0].item_id == problem.item_id


def test_concurrent_legal_corrections_are_never_merged(admin_ws, second_ws, hub):
    enroll_with(admin_ws, hub)
    enroll_with(second_ws, hub)
    rec = records.create_record(admin_ws, "birth", BIRTH)
    push_all(admin_ws, hub)
    pull_all(second_ws, hub)
    records.correct_record(admin_ws, rec.id, {"child_name": "Phan Gia Báu"}, "QĐ 1/2026")
    records.correct_record(second_ws, rec.id, {"mother_name": "Đào Thị Hạnh Nhi"}, "QĐ 2/2026")
    assert push_all(admin_ws, hub) == {"applied": 2}
    # the second PC's action is new (applied); its record change conflicts
    assert push_all(second_ws, hub) == {"applied": 1, "conflict": 1}
    (problem,) = sync_review.problems(second_ws)
    assert problem.legal and problem.entity == "record"
    assert pull_all(second_ws, hub).written == 1  # the first PC's action, not the record
    view = records.get_record(second_ws, rec.id)
    assert view.payload["mother_name"] == "Đào Thị Hạnh Nhi"  # untouched until a person decides
    assert view.payload["child_name"] == "Phan Gia Bảo"
    sync_review.resolve_conflict(second_ws, problem.item_id, "hub")
    view = records.get_record(second_ws, rec.id)
    assert view.payload["child_name"] == "Phan Gia Báu"
    assert view.payload["mother_name"] == "Đào Thị Hạnh"
    assert len(view.history) == 3  # both corrections are kept in the history
    assert pull_all(admin_ws, hub).written == 1  # the second PC's action
    assert _rows(second_ws) == _rows(admin_ws)
