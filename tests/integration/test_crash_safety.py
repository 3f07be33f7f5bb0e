"""Crash safety: SIGKILL a writer at random moments; nothing it reported may be lost or torn.

A child process (crash_writer.py) writes through the real services and prints one line after each
service call returns. The parent kills it at a random moment (often in the middle of a write
transaction), then opens the store and checks: the database is intact, every reported write is
there, and data, outbox and audit trail agree row by row (they are written in one transaction).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlmodel import select

from core.audit import verify_chain
from core.models import (
    SYNCED_ENTITIES,
    AuditEvent,
    DigitalCitizenStatus,
    Household,
    OutboxEntry,
    Person,
)
from core.store import Store
from tests.conftest import ADMIN_PASSWORD, FAST_KDF

pytestmark = pytest.mark.slow

WRITER = Path(__file__).resolve().parent / "crash_writer.py"
ROUNDS = 20
SEED = 20250601
READY_TIMEOUT = 30.0
KINDS = {"person": Person, "vneid": DigitalCitizenStatus, "household": Household}


class Child:
    """The writer process plus a thread collecting its complete output lines."""

    def __init__(self, data_dir: Path, seed: int, stderr_path: Path):
        env = dict(os.environ,
                   XASO_TEST_KDF=f"{FAST_KDF.time_cost},{FAST_KDF.memory_kib},{FAST_KDF.parallelism}",
                   XASO_TEST_USER="admin", XASO_TEST_PASSWORD=ADMIN_PASSWORD,
                   PYTHONDONTWRITEBYTECODE="1")
        self.started = time.monotonic()
        self._stderr = stderr_path.open("wb")
        self.proc = subprocess.Popen([sys.executable, str(WRITER), str(data_dir), str(seed)],
                                     stdout=subprocess.PIPE, stderr=self._stderr, env=env)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            if not raw.endswith(b"\n"):  # cut off by the kill: never reported
                break
            line = raw.decode("utf-8").strip()
            if line == "READY":
                self.ready.set()
            else:
                self.lines.append(line)

    def kill(self) -> int:
        self.proc.send_signal(signal.SIGKILL)
        code = self.proc.wait(timeout=30)
        self._reader.join(timeout=30)
        self.proc.stdout.close()
        self._stderr.close()
        return code


def check_store(data_dir: Path, reported: dict[tuple[str, str], int], deleted: set[str]) -> int:
    """Open the store as the app does and check everything; returns the number of persons."""
    ws = Store(data_dir, kdf=FAST_KDF).unlock("admin", ADMIN_PASSWORD)
    try:
        # (a) the file is sound
        assert ws.db.integrity_check() == "ok"
        with ws.db.read() as session:
            # (b) every reported write survived, at least at the reported version
            for (kind, entity_id), version in reported.items():
                row = session.get(KINDS[kind], entity_id)
                assert row is not None, f"reported {kind} {entity_id} is missing"
                assert row.version >= version, (kind, entity_id, row.version, version)
            for person_id in deleted:
                assert session.get(Person, person_id).deleted_at is not None, person_id

            # (c) outbox matches the data: one entry per write, versions 1..v, each on its base
            changes: dict[tuple[str, str], list[OutboxEntry]] = defaultdict(list)
            for entry in session.exec(select(OutboxEntry)):
                changes[entry.entity, entry.entity_id].append(entry)
            rows: dict[tuple[str, str], int] = {}
            for table, model in SYNCED_ENTITIES.items():
                for entity_id, version in session.exec(select(model.id, model.version)):
                    rows[table, entity_id] = version
            assert set(changes) == set(rows), "outbox entries without a row, or rows without one"
            for key, version in rows.items():
                versions = sorted(e.version for e in changes[key])
                assert versions == list(range(1, version + 1)), (key, version, versions)
                assert all(e.base_version == e.version - 1 for e in changes[key]), key
                assert max(versions) == version

            # (d) the audit chain verifies and names exactly the rows written
            report = verify_chain(session)
            assert report.ok, report.problems
            events = list(session.exec(select(AuditEvent)))
            created = [e.entity_id for e in events if e.action == "person.create"]
            person_ids = {entity_id for (table, entity_id) in rows if table == "person"}
            assert len(created) == len(person_ids)
            assert set(created) == person_ids
            # every save_entity call writes one audit event for its row: count == version
            per_row = Counter((e.entity, e.entity_id) for e in events
                              if e.entity in SYNCED_ENTITIES and e.action != "person.view")
            for key, version in rows.items():
                assert per_row[key] == version, (key, per_row[key], version)
            assert set(per_row) == set(rows)
        return len(person_ids)
    finally:
        ws.close()


def test_sigkill_during_writes_loses_nothing_reported(tmp_path):
    data_dir = tmp_path / "data"
    ws, _ = Store(data_dir, kdf=FAST_KDF).initialise("16498", "admin", ADMIN_PASSWORD, "Quản trị")
    ws.close()
    rng = random.Random(SEED)
    reported: dict[tuple[str, str], int] = {}
    deleted: set[str] = set()
    total_lines = 0
    persons = 0
    for round_no in range(ROUNDS):
        stderr_path = tmp_path / f"child-{round_no}.err"
        child = Child(data_dir, rng.randrange(1 << 30), stderr_path)
        if round_no % 5 == 4:
            # Now and then kill during start-up / unlock (the login audit event is a write too).
            time.sleep(rng.uniform(0.05, 0.8))
        else:
            if not child.ready.wait(READY_TIMEOUT):
                child.kill()
                pytest.fail(f"writer did not start: {stderr_path.read_text(errors='replace')}")
            time.sleep(rng.uniform(0.3, 1.5))
        code = child.kill()
        assert code == -signal.SIGKILL, (
            f"writer exited by itself ({code}): {stderr_path.read_text(errors='replace')}")

        for line in child.lines:
            word, kind, entity_id, *rest = line.split()
            assert word == "OK", line
            if kind == "delete":
                deleted.add(entity_id)
            else:
                version = int(rest[0])
                reported[kind, entity_id] = max(version, reported.get((kind, entity_id), 0))
        total_lines += len(child.lines)
        persons = check_store(data_dir, reported, deleted)

    # The test means something only if the child really wrote a lot across the rounds.
    assert total_lines >= 200, total_lines
    assert persons >= 50, persons
    assert deleted and any(kind == "household" for kind, _ in reported)
