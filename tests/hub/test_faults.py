"""Faults: concurrent pushes on PostgreSQL (no cursor gaps), the hub SIGKILLed mid-batch."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from sqlalchemy import func, select

from sync.hub import admin, schema
from sync.hub.db import Database
from tests.hub.helpers import A, Device, HubProcess, LiveHub, test_config


def test_concurrent_pushes_on_postgresql_leave_no_cursor_gap(pg_cluster, tmp_path):
    """Every change is pulled exactly once while six devices push at the same time.

    With a cursor shared by concurrent transactions (an autoincrement id), a transaction that
    took smaller ids but committed later would be skipped by a pull made in between.
    """
    hub = LiveHub(test_config(tmp_path / "data", pg_cluster.create_database()))
    try:
        hub.add_commune(A)
        pushers = [hub.device(A, f"Máy {i}") for i in range(6)]
        reader = hub.device(A, "Máy đọc")
        for dev in (*pushers, reader):
            dev.http = httpx.Client(base_url=hub.url, timeout=60)
        pulled: list[dict] = []
        applied: list[str] = []
        errors: list[BaseException] = []
        done = threading.Event()

        def pull_loop():
            after = 0
            try:
                while True:
                    last_round = done.is_set()
                    changes, after = reader.pull_all(after, 37)
                    pulled.extend(changes)
                    if last_round:
                        return
            except BaseException as e:  # surfaced below
                errors.append(e)

        def push_loop(dev: Device):
            try:
                for _ in range(8):
                    batch = dev.batch(*(dev.op(name="Nguyễn Văn Đồng") for _ in range(40)))
                    assert dev.statuses(batch) == ["applied"] * 40
                    applied.extend(op.entity_id for op in batch.ops)
            except BaseException as e:
                errors.append(e)

        reader_thread = threading.Thread(target=pull_loop)
        reader_thread.start()
        threads = [threading.Thread(target=push_loop, args=(d,)) for d in pushers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        done.set()
        reader_thread.join(60)
        assert not errors, errors
        ids = [c["entity_id"] for c in pulled]
        assert len(ids) == len(set(ids)) == len(applied) == 6 * 8 * 40
        assert set(ids) == set(applied)
        assert [c["cursor"] for c in pulled] == list(range(1, len(applied) + 1))
    finally:
        hub.close()


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.read() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar()
                     for t in (schema.op_ledger, schema.change, schema.entity_state)) + (
            conn.execute(select(func.count(func.distinct(schema.op_ledger.c.op_id)))).scalar(),)


@pytest.mark.parametrize("kill_at", [0.25, 0.55])
def test_hub_killed_mid_batch_then_resent_applies_each_op_once(db_url, tmp_path, kill_at):
    data_dir = tmp_path / "hub-data"
    hub = HubProcess(data_dir, db_url).start()
    db = Database(db_url)
    try:
        admin.add_commune(db, A, "Xã thử")
        http = httpx.Client(base_url=hub.url, timeout=60)
        dev = Device.enroll(http, admin.create_enrollment_code(db, A)["code"], A)
        size = 3000
        timings = []
        for _ in range(2):  # the second push is the one to go by (the first warms caches up)
            warm = dev.encode(dev.batch(*(dev.op() for _ in range(size))))
            started = time.perf_counter()
            assert dev.push_bytes(warm).status_code == 200
            timings.append(time.perf_counter() - started)
        elapsed = min(timings)

        batch = dev.batch(*(dev.op(name="Đinh Thị Mai") for _ in range(size)))
        data = dev.encode(batch)
        answer: list = []

        def send():
            try:
                answer.append(httpx.post(hub.url + "/v1/push", content=data, timeout=60))
            except httpx.HTTPError as e:
                answer.append(e)

        sender = threading.Thread(target=send)
        sender.start()
        time.sleep(elapsed * kill_at)
        hub.kill()
        sender.join(60)
        assert isinstance(answer[0], httpx.HTTPError), "the hub answered before it was killed"

        before = _counts(db)
        assert before[0] in (2 * size, 3 * size)  # the batch committed whole, or not at all
        hub = HubProcess(data_dir, db_url).start()
        dev.http = httpx.Client(base_url=hub.url, timeout=60)
        statuses = {x["status"] for x in dev.push_bytes(data).json()["results"]}
        assert statuses == ({"applied"} if before[0] == 2 * size else {"duplicate"})
        assert {x["status"] for x in dev.push_bytes(data).json()["results"]} == {"duplicate"}
        assert _counts(db) == (3 * size,) * 4  # ledger, changes, rows, distinct ops
        changes, cursor = dev.pull_all()
        assert len(changes) == 3 * size and cursor == 3 * size
    finally:
        hub.stop()
        db.dispose()
