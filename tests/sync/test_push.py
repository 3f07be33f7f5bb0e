"""Push side: batch building from the outbox, the batch in flight, recording the hub's answers."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from core.errors import PermissionDenied
from core.models import OutboxEntry, Person, ReviewItem, SyncBatch, row_of
from core.outbox import row_hash
from core.services import persons, sync_push, sync_state
from core.services.sync_state import DemoNeverSyncs, NotEnrolled
from core.store import Store
from sync.client import outbox_batches, results
from sync.protocol import OpResult
from sync.protocol.results import BatchResult
from tests.conftest import FAST_KDF
from tests.sync.conftest import enroll_with, push_all


def _person(ws, name="Nguyễn Văn An", **extra):
    return persons.create_person(ws, {"full_name": name, **extra}).person


def _entries(ws, entity_id=None):
    with ws.db.read() as session:
        query = select(OutboxEntry).order_by(OutboxEntry.seq)
        if entity_id:
            query = query.where(OutboxEntry.entity_id == entity_id)
        return list(session.exec(query))


def test_one_op_per_entity_with_newest_state_oldest_base_and_supersedes(admin_ws, hub):
    creds = enroll_with(admin_ws, hub)
    a = _person(admin_ws, "Trần Văn Bình")
    b = _person(admin_ws, "Lê Thị Cúc")
    persons.update_person(admin_ws, a.id, {"full_name": "Trần Văn Bính"})
    persons.update_person(admin_ws, a.id, {"full_name": "Trần Văn Bình"})
    stored = outbox_batches.next_batch(admin_ws, creds)
    batch = outbox_batches.open_stored(creds, stored.body)
    by_id = {op.entity_id: op for op in batch.ops}
    entries_a = _entries(admin_ws, a.id)
    assert [e.version for e in entries_a] == [1, 2, 3]
    op_a = by_id[a.id]
    assert (op_a.base_version, op_a.version) == (0, 3)
    assert op_a.op_id == entries_a[-1].op_id and op_a.seq == entries_a[-1].seq
    assert op_a.supersedes == (entries_a[0].op_id, entries_a[1].op_id)
    with admin_ws.db.read() as session:
        current = row_of(session.get(Person, a.id))
    assert op_a.payload == current and op_a.payload_hash == row_hash(current)
    assert by_id[b.id].supersedes == () and by_id[b.id].version == 1
    assert [op.seq for op in batch.ops] == sorted(op.seq for op in batch.ops)
    assert batch.device_id == creds.device_id and batch.commune_code == "16498"
    # stored and marked in one go, before anything is sent
    assert all(e.batch_id == stored.batch_id for e in _entries(admin_ws))
    assert sync_push.in_flight(admin_ws).id == stored.batch_id


def test_batch_in_flight_is_resent_byte_for_byte_even_after_new_changes(admin_ws, hub):
    creds = enroll_with(admin_ws, hub)
    p = _person(admin_ws)
    first = outbox_batches.next_batch(admin_ws, creds)
    persons.update_person(admin_ws, p.id, {"full_name": "Nguyễn Văn Ân"})
    again = outbox_batches.next_batch(admin_ws, creds)
    assert (again.batch_id, again.body, again.created) == (first.batch_id, first.body, False)
    # answered: the next batch carries the newer change, based on the pushed version
    results.record(admin_ws, outbox_batches.open_stored(creds, first.body),
                   hub.push(first.body), "online")
    second = outbox_batches.next_batch(admin_ws, creds)
    (op,) = outbox_batches.open_stored(creds, second.body).ops
    assert (op.base_version, op.version, op.supersedes) == (1, 2, ())


def test_answers_mark_entries_and_replay_is_duplicate(admin_ws, hub):
    creds = enroll_with(admin_ws, hub)
    for i in range(3):
        _person(admin_ws, f"Người {i}")
    stored = outbox_batches.next_batch(admin_ws, creds)
    batch = outbox_batches.open_stored(creds, stored.body)
    answer = hub.push(stored.body)
    replay = hub.push(stored.body)  # as if the first answer was lost
    assert {r.status for r in replay.results} == {"duplicate"}
    counts = results.record(admin_ws, batch, replay, "online")
    assert counts.by_status == {"duplicate": 3} and counts.review_items == 0
    assert all(e.pushed_at and e.result == "applied" and e.batch_id == stored.batch_id
               for e in _entries(admin_ws))
    with admin_ws.db.read() as session:
        row = session.get(SyncBatch, stored.batch_id)
    assert row.answered_at and row.answered_via == "online" and row.body is None
    assert json.loads(row.summary) == {"duplicate": 3}
    # the original answer arriving late changes nothing
    assert results.record(admin_ws, batch, answer, "online").already_recorded
    assert sync_push.in_flight(admin_ws) is None
    assert hub.table_counts()["change"] == 3


def test_answer_for_another_batch_is_refused(admin_ws, hub):
    creds = enroll_with(admin_ws, hub)
    _person(admin_ws)
    stored = outbox_batches.next_batch(admin_ws, creds)
    batch = outbox_batches.open_stored(creds, stored.body)
    answer = hub.push(stored.body)
    forged = BatchResult(batch_id=answer.batch_id, server_time=answer.server_time,
                         results=[], cursor=answer.cursor)
    with pytest.raises(Exception, match="không đúng giao thức"):
        results.record(admin_ws, batch, forged, "online")
    assert sync_push.in_flight(admin_ws).id == stored.batch_id  # still waits for its answer


def test_held_stays_pending_conflict_and_rejection_make_review_items(admin_ws, hub):
    creds = enroll_with(admin_ws, hub)
    ps = [_person(admin_ws, f"Người {i}") for i in range(4)]
    stored = outbox_batches.next_batch(admin_ws, creds)
    batch = outbox_batches.open_stored(creds, stored.body)
    ops = {op.entity_id: op for op in batch.ops}
    with admin_ws.db.read() as session:
        server_row = row_of(session.get(Person, ps[1].id)) | {"full_name": "Bản máy chủ"}
    answer = BatchResult(batch_id=batch.batch_id, server_time=batch.created_at, cursor=9, results=[
        OpResult.applied(ops[ps[0].id].op_id, 1),
        OpResult.conflict(ops[ps[1].id].op_id, 4, server_row),
        OpResult.rejected(ops[ps[2].id].op_id, {"full_name": "quá dài"}),
        OpResult.held(ops[ps[3].id].op_id, ["person:x@1"]),
    ])
    counts = results.record(admin_ws, batch, answer, "online")
    assert counts.review_items == 2
    by_id = {e.entity_id: e for e in _entries(admin_ws)}
    assert by_id[ps[0].id].result == "applied"
    assert by_id[ps[1].id].result == "conflict" and by_id[ps[1].id].pushed_at
    assert by_id[ps[2].id].result == "rejected"
    held = by_id[ps[3].id]
    assert held.pushed_at is None and held.batch_id is None  # back in the queue
    with admin_ws.db.read() as session:
        items = {i.entity_id: i for i in session.exec(select(ReviewItem))}
    conflict = json.loads(items[ps[1].id].details)
    assert items[ps[1].id].kind == "sync_conflict"
    assert conflict["server_version"] == 4 and conflict["server_row"] == server_row
    assert conflict["local_row"]["full_name"] == "Người 1"
    assert items[ps[2].id].kind == "sync_rejection"
    assert json.loads(items[ps[2].id].details)["errors"] == {"full_name": "quá dài"}
    # the held op goes out again in the next batch, with the same op id
    nxt = outbox_batches.open_stored(creds, outbox_batches.next_batch(admin_ws, creds).body)
    assert [op.op_id for op in nxt.ops] == [ops[ps[3].id].op_id]


def test_batch_limit_splits_and_every_op_is_applied_once(admin_ws, hub):
    enroll_with(admin_ws, hub)
    ids = [_person(admin_ws, f"Người số {i}").id for i in range(25)]
    statuses = push_all(admin_ws, hub, max_ops=10)
    assert statuses == {"applied": 25}
    with admin_ws.db.read() as session:
        batches = session.exec(select(SyncBatch)).all()
    assert sorted(b.op_count for b in batches) == [5, 10, 10]
    assert set(hub.rows()) == {("person", i) for i in ids}
    assert hub.table_counts()["change"] == 25


def test_demo_and_unenrolled_and_rights(tmp_path, admin_ws, login):
    from core.auth import Role

    with pytest.raises(NotEnrolled):
        sync_state.require_state(admin_ws)
    demo, _ = Store(tmp_path / "demo", kdf=FAST_KDF).initialise("16498", "demo", "demo-pass-1",
                                                                demo=True)
    try:
        with pytest.raises(DemoNeverSyncs):
            sync_state.check_can_sync(demo)
    finally:
        demo.close()
    viewer = login(Role.VIEWER)
    with pytest.raises(PermissionDenied):
        sync_state.check_can_sync(viewer)
