"""The client SIGKILLed mid-push at 20 random points (`python main.py sync` in a subprocess,
killed after a random delay), restarted each time: at the end every op is applied exactly once.

Each round adds residents, then runs the CLI with small batches against the real hub over HTTP
and kills it at a random moment of its run. The batch in flight is stored before it is sent, so
a restart re-sends the same bytes; the hub answers "duplicate" for what it already applied.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import select as sm_select

from core.models import OutboxEntry, Person, ReviewItem
from core.services import persons
from core.store import Store
from sync.client import service
from sync.hub import schema
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.sync.conftest import COMMUNE, start_hub

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20
PER_ROUND = 30
SEED = 20261128


def _sync_process(data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "XASO_USER": "admin", "XASO_PASSWORD": ADMIN_PASSWORD}
    return subprocess.Popen(
        [sys.executable, "main.py", "sync", "--data-dir", str(data_dir), "--json",
         "--batch-ops", "4"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)


def _add_people(store: Store, round_no: int) -> None:
    ws = store.unlock("admin", ADMIN_PASSWORD)
    try:
        for i in range(PER_ROUND):
            persons.create_person(ws, {"full_name": f"Nguyễn Văn Vòng {round_no} Số {i}"})
    finally:
        ws.close()


def _in_flight(store: Store) -> bool:
    ws = store.unlock("admin", ADMIN_PASSWORD)
    try:
        return service.status(ws).in_flight_batch is not None
    finally:
        ws.close()


@pytest.mark.slow
def test_client_killed_at_random_points_applies_every_op_exactly_once(tmp_path):
    rng = random.Random(SEED)
    store = Store(tmp_path / "pc", kdf=FAST_KDF)
    ws, _ = store.initialise("16498", "admin", ADMIN_PASSWORD, "Quản trị")
    (tmp_path / "hub").mkdir()
    hub = start_hub(tmp_path / "hub")
    try:
        service.enroll(ws, hub.url, hub.code(COMMUNE), "Máy thử")
        ws.close()

        # calibrate: how long one unkilled run of a round takes on this machine
        _add_people(store, 0)
        started = time.monotonic()
        assert _sync_process(store.data_dir).wait(60) == 0
        full = time.monotonic() - started

        killed_mid_batch = 0
        for round_no in range(1, ROUNDS + 1):
            _add_people(store, round_no)
            proc = _sync_process(store.data_dir)
            time.sleep(rng.uniform(0.3, 1.1) * full)
            proc.kill()  # SIGKILL: no clean-up of any kind
            proc.wait(30)
            killed_mid_batch += _in_flight(store)

        # restart until everything is through
        for _ in range(5):
            if _sync_process(store.data_dir).wait(120) == 0:
                break
        ws = store.unlock("admin", ADMIN_PASSWORD)
        try:
            with ws.db.read() as session:
                people = session.exec(sm_select(Person.id)).all()
                entries = session.exec(sm_select(OutboxEntry)).all()
                problems = session.exec(sm_select(ReviewItem)).all()
            assert service.status(ws).in_flight_batch is None
        finally:
            ws.close()
        with hub.db.read() as conn:
            def count(table, *where):
                return conn.execute(select(func.count()).select_from(table).where(*where)
                                    ).scalar()
            changes = count(schema.change)
            states = count(schema.entity_state)
            applied = count(schema.op_ledger, schema.op_ledger.c.status == "applied")
            others = count(schema.op_ledger, schema.op_ledger.c.status != "applied")
            hub_ids = set(conn.execute(select(schema.entity_state.c.entity_id)).scalars())
    finally:
        hub.close()

    assert len(people) == PER_ROUND * (ROUNDS + 1)
    # every op applied exactly once: one change and one ledger entry per resident, nothing else
    assert changes == states == applied == len(people)
    assert others == 0 and problems == []
    assert hub_ids == set(people)
    assert all(e.result == "applied" and e.pushed_at for e in entries)
    assert killed_mid_batch >= 2, f"only {killed_mid_batch} kills caught a batch in flight"
