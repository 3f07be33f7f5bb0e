"""The unsynced-work guard, enrollment state, the history queued at enrollment, backoff."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from core.errors import ValidationError
from core.models import OutboxEntry, RecordAction
from core.services import persons, records, settings, sync_state
from core.services import sync_guard as guards
from core.services.sync_state import Enrollment
from sync.client.cycle import BACKOFF_CAP, backoff_delay
from tests.sync.conftest import enroll_with, push_all
from tests.sync.test_pull import BIRTH


def test_guard_levels_follow_the_oldest_waiting_change(admin_ws, hub):
    assert guards.evaluate(admin_ws).level == guards.OK
    persons.create_person(admin_ws, {"full_name": "Vũ Thị Lan"})
    now = datetime.now(UTC)
    assert guards.evaluate(admin_ws, now + timedelta(days=6)).level == guards.OK
    late = guards.evaluate(admin_ws, now + timedelta(days=7, hours=1))
    assert late.level == guards.WARN and late.pending == 1 and "7 ngày" in late.message
    guards.check_new_work(admin_ws, now + timedelta(days=30))  # no block unless switched on

    settings.update_settings(admin_ws, sync_guard_days=3, sync_guard_block=True)
    assert guards.evaluate(admin_ws, now + timedelta(days=1, hours=1)).level == guards.WARN
    blocked = guards.evaluate(admin_ws, now + timedelta(days=3, hours=1))
    assert blocked.level == guards.BLOCK and blocked.block_enabled
    with pytest.raises(guards.SyncOverdue, match="quá 3 ngày"):
        guards.check_new_work(admin_ws, now + timedelta(days=3, hours=1))
    # once the hub has answered, nothing waits: the guard is lifted
    enroll_with(admin_ws, hub)
    push_all(admin_ws, hub)
    assert guards.evaluate(admin_ws, now + timedelta(days=30)).level == guards.OK
    with pytest.raises(ValidationError):
        settings.update_settings(admin_ws, sync_guard_days=0)


def test_a_blocking_guard_stops_new_work_in_the_services_but_not_edits(admin_ws):
    person = persons.create_person(admin_ws, {"full_name": "Vũ Thị Lan"}).person
    settings.update_settings(admin_ws, sync_guard_days=3, sync_guard_block=True)
    with admin_ws.db.write() as session:  # the change has waited four days
        session.connection().exec_driver_sql(
            "UPDATE outbox SET created_at = datetime('now', '-4 days')")
    with pytest.raises(guards.SyncOverdue):
        persons.create_person(admin_ws, {"full_name": "Vũ Văn Nam"})
    with pytest.raises(guards.SyncOverdue):
        records.create_record(admin_ws, "birth", BIRTH)
    # clearing the backlog must stay possible: edits still go through
    persons.update_person(admin_ws, person.id, {"full_name": "Vũ Thị Lan Anh"})
    settings.update_settings(admin_ws, sync_guard_block=False)
    persons.create_person(admin_ws, {"full_name": "Vũ Văn Nam"})


def test_enrollment_queues_legal_history_written_before_sync_existed(admin_ws, hub):
    rec = records.create_record(admin_ws, "birth", BIRTH)
    with admin_ws.db.write() as session:  # as a schema v4 database had it: no action entry
        session.execute(OutboxEntry.__table__.delete().where(
            OutboxEntry.entity == "record_action"))
    enroll_with(admin_ws, hub)
    with admin_ws.db.read() as session:
        (action,) = session.exec(select(RecordAction).where(RecordAction.record_id == rec.id))
        queued = session.exec(select(OutboxEntry).where(
            OutboxEntry.entity == "record_action")).all()
    assert [e.entity_id for e in queued] == [action.id]
    assert push_all(admin_ws, hub) == {"applied": 2}
    enroll_with(admin_ws, hub)  # re-enrolling does not queue it twice
    with admin_ws.db.read() as session:
        assert len(session.exec(select(OutboxEntry).where(
            OutboxEntry.entity == "record_action")).all()) == 1


def test_enrollment_must_match_the_commune_and_keeps_the_cursor(admin_ws, hub):
    creds = enroll_with(admin_ws, hub)
    with pytest.raises(ValidationError, match="xã 99999"):
        sync_state.save_enrollment(admin_ws, Enrollment(
            hub_url="http://x", hub_id="other", device_id="d-1", device_name="PC",
            device_key_pem="-", hub_signing_key="-", hub_sealing_key="-",
            commune_code="99999"))
    with admin_ws.db.write() as session:
        current = session.get(sync_state.SyncState, 1)
        current.pull_cursor = 42
        session.add(current)
    enroll_with(admin_ws, hub)  # same hub: keeps its place
    assert sync_state.require_state(admin_ws).pull_cursor == 42
    assert sync_state.require_state(admin_ws).device_id != creds.device_id
    assert "BEGIN PRIVATE KEY" in sync_state.require_state(admin_ws).device_key


def test_backoff_is_full_jitter_between_one_second_and_fifteen_minutes():
    rng = random.Random(7)
    for failures, ceiling in ((1, 1.0), (2, 2.0), (5, 16.0), (11, 900.0), (40, 900.0)):
        delays = [backoff_delay(failures, rng) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8 and min(delays) < ceiling * 0.2  # spread: jitter
    assert backoff_delay(1, rng, retry_after=30) == 30
    assert backoff_delay(3, rng, retry_after=10 ** 6) == BACKOFF_CAP
