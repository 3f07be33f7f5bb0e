"""The import/export CLI as officers script it, and an import killed mid-commit."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import func, select

from core.audit import verify_chain
from core.excel.writer import Sheet, write_xlsx
from core.models import OutboxEntry, Person
from core.store import Store
from tests.conftest import FAST_KDF
from tests.people_files import HEADERS, hamlet_names, people_rows

ROOT = Path(__file__).resolve().parents[2]
ENV = {"XASO_USER": "admin", "XASO_PASSWORD": "mat-khau-manh", "PYTHONPATH": str(ROOT)}


def _cli(*args, check=True):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("XASO_")} | ENV
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                            text=True, env=env, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {result.stderr}")
    return result


def _store(path: Path) -> Store:
    store = Store(path, kdf=FAST_KDF)
    ws, _ = store.initialise("16498", "admin", "mat-khau-manh", "Quản trị")
    from core.services import hamlets

    for name in hamlet_names():
        hamlets.add_hamlet(ws, name)
    ws.close()
    return store


def test_cli_import_dry_run_valid_only_error_report_and_export(tmp_path):
    data = tmp_path / "d"
    _store(data)
    rows = people_rows(20)
    rows[3][2] = "31/02/1990"  # sheet row 5 (header on row 1)
    rows[7][10] = "Thôn Không Có"  # sheet row 9
    path = tmp_path / "ds.xlsx"
    write_xlsx(path, [Sheet("DS", HEADERS, rows)])
    dry = json.loads(_cli("import", "person", str(path), "--data-dir", str(data), "--dry-run",
                          "--json", "--error-report", str(tmp_path / "loi.xlsx")).stdout)
    assert dry["counts"] == {"new": 18, "updated": 0, "unchanged": 0, "review": 0, "errors": 2}
    assert [e["row"] for e in dry["first_errors"]] == [5, 9]
    assert dry["committed"] is False and dry["header_row"] == 1
    assert dry["mapping"]["Họ và tên"] == "full_name"
    assert openpyxl.load_workbook(tmp_path / "loi.xlsx").active.max_row == 3
    refused = _cli("import", "person", str(path), "--data-dir", str(data), "--json", check=False)
    assert refused.returncode == 2 and json.loads(refused.stdout)["committed"] is False
    done = json.loads(_cli("import", "person", str(path), "--data-dir", str(data), "--json",
                           "--valid-only").stdout)
    assert done["committed"] is True and done["counts"]["new"] == 18
    exported = json.loads(_cli("export", "person", "--out", str(tmp_path / "out.xlsx"),
                               "--data-dir", str(data), "--json").stdout)
    assert exported["rows"] == 18
    back = json.loads(_cli("import", "person", str(tmp_path / "out.xlsx"), "--data-dir",
                           str(data), "--dry-run", "--json").stdout)
    assert back["counts"]["unchanged"] == 18 and back["counts"]["new"] == 0
    types = json.loads(_cli("record-types", "--json").stdout)
    assert {t["code"] for t in types} >= {"birth", "death", "marriage", "social_protection",
                                          "meritorious", "labour", "stay", "land", "association"}


CHILD = r"""
import sys
sys.path.insert(0, sys.argv[3])
from core.imports import commit, service
from core.store import Store
from tests.conftest import FAST_KDF

if __name__ == "__main__":
    ws = Store(sys.argv[1], kdf=FAST_KDF).unlock("admin", "mat-khau-manh")
    plan = service.plan(ws, "person", service.prepare(ws, "person", sys.argv[2]))
    print("COMMIT", flush=True)
    commit.commit(ws, plan)
    print("DONE", flush=True)
    ws.close()
"""


def _counts(data: Path) -> tuple[int, int, str]:
    ws = Store(data, kdf=FAST_KDF).unlock("admin", "mat-khau-manh")
    try:
        with ws.db.read() as session:
            persons = session.exec(select(func.count()).select_from(Person)).one()
            outbox = session.exec(select(func.count()).select_from(OutboxEntry)).one()
            chain = verify_chain(session)
            check = session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
        assert chain.ok
        return persons, outbox, check
    finally:
        ws.close()


@pytest.mark.slow
def test_kill_9_in_the_middle_of_a_100k_row_import_leaves_the_store_unchanged(tmp_path):
    data = tmp_path / "d"
    _store(data)
    path = tmp_path / "big.xlsx"
    write_xlsx(path, [Sheet("DS", HEADERS, people_rows(100_000))])
    before = _counts(data)
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    unchanged_after_kill = 0
    for delay in (0.5, 3.0):
        proc = subprocess.Popen([sys.executable, str(script), str(data), str(path), str(ROOT)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
        assert proc.stdout.readline().decode().strip() == "COMMIT"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        tail = proc.stdout.read().decode()
        proc.stdout.close()
        after = _counts(data)
        assert after[2] == "ok"
        if "DONE" in tail:
            pytest.fail("the commit finished before the kill: raise the file size")
        assert after[:2] == before[:2], "a killed import left rows behind"
        unchanged_after_kill += 1
    assert unchanged_after_kill == 2
    # … and the same file then imports completely.
    proc = subprocess.run([sys.executable, str(script), str(data), str(path), str(ROOT)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert "DONE" in proc.stdout, proc.stderr[-2000:]
    assert _counts(data)[0] == before[0] + 100_000
