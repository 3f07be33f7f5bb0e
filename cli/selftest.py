"""`python main.py selftest`: prove this installation works, as a JSON report (exit 0/1).

Runs in a throw-away folder: set-up, encrypted write, re-open, search, backup, audit chain.
Used by CI and by the frozen app's smoke test to catch missing libraries and data files.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path


def _check(results: list, name: str, fn: Callable[[], object]) -> None:
    start = time.perf_counter()
    try:
        detail = fn()
        results.append({"check": name, "ok": True, "ms": round((time.perf_counter() - start) * 1000, 1),
                        "detail": detail})
    except Exception as exc:  # noqa: BLE001 - a self-test reports every failure
        results.append({"check": name, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                        "trace": traceback.format_exc(limit=3)})


def _sqlcipher() -> dict:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    version = conn.execute("PRAGMA cipher_version").fetchone()
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    conn.close()
    if not version:
        raise RuntimeError("SQLCipher not linked")
    return {"cipher_version": version[0], "sqlite": sqlcipher3.sqlite_version}


def _admin_units() -> dict:
    from core.admin_units import default_units

    units = default_units()
    provinces, communes = len(units.provinces()), sum(
        len(units.communes_of(p.code)) for p in units.provinces())
    if (provinces, communes) != (34, 3321):
        raise RuntimeError(f"unexpected counts {provinces}/{communes}")
    return {"data_version": units.data_version, "provinces": provinces, "communes": communes}


def _record_types() -> list[str]:
    from core.record_types import load_record_types

    types = load_record_types()
    if not types:
        raise RuntimeError("no record types")
    return sorted(types)


def _store_roundtrip() -> dict:
    from core.services import maintenance, persons
    from core.store import Store

    with tempfile.TemporaryDirectory(prefix="xaso-selftest-") as tmp:
        store = Store(Path(tmp) / "data")
        ws, recovery = store.initialise("16498", "selftest", "selftest-password")
        persons.create_person(ws, {"full_name": "Đặng Văn Đức", "dob": "02/09/1985", "sex": "Nam"})
        ws.close()
        raw = (Path(tmp) / "data" / "xaso.db").read_bytes()
        if "Đức".encode() in raw or b"SQLite format 3" in raw[:16]:
            raise RuntimeError("database is not encrypted")
        ws = store.unlock("selftest", "selftest-password")
        hits = persons.search(ws, "duc")
        report = maintenance.verify_audit(ws)
        backups = maintenance.backup_now(ws)
        ws.close()
        store.unlock_with_recovery(recovery).close()
        if [h.full_name for h in hits] != ["Đặng Văn Đức"] or not report.ok or not backups:
            raise RuntimeError("round trip failed")
        return {"search": len(hits), "audit_events": report.events}


def _qt() -> str:
    from ui.launch import qt_version  # Qt stays inside ui/

    return qt_version()


def run_selftest() -> dict:
    results: list[dict] = []
    _check(results, "sqlcipher", _sqlcipher)
    _check(results, "admin_units", _admin_units)
    _check(results, "record_types", _record_types)
    _check(results, "store_roundtrip", _store_roundtrip)
    _check(results, "qt", _qt)
    return {
        "ok": all(r["ok"] for r in results),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "checks": results,
    }
