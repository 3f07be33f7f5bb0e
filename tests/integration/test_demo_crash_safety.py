"""A demo generation killed at any moment leaves the empty demo store it started from.

generate_demo writes the whole commune in one transaction with a rollback journal (not WAL) and
a page cache that normally holds every new page until commit. A child process generates a
commune and is SIGKILLed while it inserts (with a tiny page cache, so pages have already been
written into the database file: the hot journal must undo them) or during the final index /
search-rank / commit phase. Then the store must open as the app opens it, hold no resident
(or, if the kill came too late, the whole commune), pass the integrity check, be back in WAL,
and accept a new generation. The generator process must not outlive the killed writer.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from sqlmodel import func, select

from core.audit import verify_chain
from core.demo import generate_demo
from core.models import Hamlet, Person
from core.store import Store
from tests.conftest import FAST_KDF

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PERSONS = 30_000  # six chunks
CHILD = r"""
import sys
sys.path.insert(0, sys.argv[4])
import core.demo as demo
from core.store import Store
from tests.conftest import FAST_KDF
if int(sys.argv[3]):
    demo._cache_kib = lambda persons: int(sys.argv[3])  # pages spill into the file early
ws = Store(sys.argv[1], kdf=FAST_KDF).unlock("demo", "xaso-demo")
demo.generate_demo(ws, persons=int(sys.argv[2]),
                   progress=lambda done, total: print(done, flush=True))
print("DONE", flush=True)
ws.close()
"""


def _generate_and_kill(data_dir: Path, cache_kib: int, kill_at: int, delay: float,
                       stderr: Path) -> bool:
    """Run a generation, SIGKILL it `delay` s after `kill_at` persons; True if it finished."""
    with stderr.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir), str(PERSONS),
                                 str(cache_kib), str(ROOT)],
                                stdout=subprocess.PIPE, stderr=err, cwd=ROOT)
        finished = False
        for raw in proc.stdout:
            line = raw.decode().strip()
            if line == "DONE":
                finished = True
                break
            if int(line) >= kill_at:
                break
        time.sleep(delay)
        helpers = psutil.Process(proc.pid).children(recursive=True)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
    # The generator (and multiprocessing's helper) notice the writer is gone and exit.
    _, alive = psutil.wait_procs(helpers, timeout=15)
    # An exited child of the killed writer stays a zombie where PID 1 does not reap orphans
    # (containers): it has ended all the same.
    alive = [p for p in alive if _running(p)]
    for leftover in alive:
        leftover.kill()
    assert not alive, f"processes outlived the killed writer: {alive}"
    return finished


def _running(process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _check_store(data_dir: Path) -> tuple[int, int]:
    """Open the store as the app does and check it; returns (persons, hamlets)."""
    ws = Store(data_dir, kdf=FAST_KDF).unlock("demo", "xaso-demo")
    try:
        assert not (data_dir / "xaso.db-journal").exists()  # the hot journal was rolled back
        assert ws.db.integrity_check() == "ok"
        conn = ws.db.raw_connection()
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
        with ws.db.read() as session:
            persons = session.exec(select(func.count()).select_from(Person)).one()
            hamlets = session.exec(select(func.count()).select_from(Hamlet)).one()
            assert verify_chain(session).ok
        return persons, hamlets
    finally:
        ws.close()


@pytest.mark.parametrize(("cache_kib", "kill_at", "delay"), [
    (2_000, PERSONS // 2, 0.0),  # mid-inserts, pages already spilled into the file
    (0, PERSONS, 0.05),          # index builds
    (0, PERSONS, 0.3),           # search ranks / FTS / commit
    (2_000, PERSONS, 0.4),       # late, with spilled pages
])
def test_killed_demo_generation_leaves_the_empty_store(tmp_path, cache_kib, kill_at, delay):
    data_dir = tmp_path / "demo"
    ws, _ = Store(data_dir, kdf=FAST_KDF).initialise("16498", "demo", "xaso-demo", demo=True)
    ws.close()
    finished = _generate_and_kill(data_dir, cache_kib, kill_at, delay, tmp_path / "child.err")
    persons, hamlets = _check_store(data_dir)
    if finished or persons:  # too late: the whole commune, never part of it
        assert persons >= PERSONS and hamlets == 12
        return
    assert hamlets == 0  # nothing of the interrupted transaction survived
    ws = Store(data_dir, kdf=FAST_KDF).unlock("demo", "xaso-demo")
    try:
        assert generate_demo(ws, persons=3000)["persons"] >= 3000  # the store is reusable
    finally:
        ws.close()
    assert _check_store(data_dir)[0] >= 3000
