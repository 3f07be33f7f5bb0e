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


PACKAGES = ("core", "card_reader", "sync", "cli", "ui")
# Modules that need the hub server's libraries (FastAPI, Jinja2, uvicorn): the desktop build
# leaves those out (a hub is installed with pip, docs/HUB_DEPLOYMENT.md), so these are checked
# only where those libraries are installed.
SERVER_ONLY = ("fastapi", "starlette", "uvicorn", "jinja2")


def _server_libraries() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in SERVER_ONLY)


def _modules() -> dict:
    """Import every module of our packages: a frozen build that missed a module (or a library
    one needs) fails here, not in front of an officer."""
    import importlib
    import pkgutil

    server = _server_libraries()
    names, failed = [], []
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, package + "."):
            names.append(info.name)
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            missing = (exc.name or "").split(".")[0]
            if server or missing not in SERVER_ONLY:
                failed.append(f"{name}: {exc}")
    if failed:
        raise RuntimeError("; ".join(failed[:5]))
    return {"modules": len(names), "hub_server": server}


def _data_files() -> dict:
    """Every data file the app reads at run time is where the code looks for it."""
    from card_reader.trust import BUNDLED_DIR
    from core.admin_units import DEFAULT_PATH
    from core.record_types import RESOURCE_DIR
    from core.reports.catalogue import RESOURCE
    from core.updates import KEYS_FILE
    from ui.i18n import I18N_DIR
    from ui.printing import FONT_DIR

    wanted = [DEFAULT_PATH, RESOURCE, KEYS_FILE, I18N_DIR / "xaso_vi.qm",
              I18N_DIR / "xaso_en.qm", FONT_DIR / "NotoSans-Regular.ttf",
              FONT_DIR / "NotoSans-Bold.ttf", RESOURCE_DIR / "birth.json"]
    missing = [str(path) for path in wanted if not Path(path).is_file()]
    if not list(Path(BUNDLED_DIR).glob("*.der")):
        missing.append(f"{BUNDLED_DIR}/*.der")
    if missing:
        raise RuntimeError("missing: " + ", ".join(missing))
    return {"files": len(wanted) + 1}


def _card_photo() -> dict:
    """Chip portraits are JPEG or JPEG 2000: both codecs must be in this build."""
    import io

    from PIL import Image

    decoded = {}
    for fmt in ("JPEG", "JPEG2000"):
        buffer = io.BytesIO()
        Image.new("RGB", (48, 64), (180, 140, 120)).save(buffer, fmt)
        with Image.open(io.BytesIO(buffer.getvalue())) as image:
            image.load()
            decoded[fmt] = image.size
    if set(decoded.values()) != {(48, 64)}:
        raise RuntimeError(f"decoded {decoded}")
    return {"formats": sorted(decoded)}


def _version() -> str:
    from importlib.metadata import version

    return version("xaso")


def _gui() -> dict:
    from core.store import Store
    from ui.launch import gui_selftest

    with tempfile.TemporaryDirectory(prefix="xaso-selftest-gui-") as tmp:
        ws, _ = Store(Path(tmp)).initialise("16498", "selftest", "selftest-password")
        ws.close()
        return gui_selftest(tmp)


def run_selftest(gui: bool = True) -> dict:
    results: list[dict] = []
    _check(results, "sqlcipher", _sqlcipher)
    _check(results, "admin_units", _admin_units)
    _check(results, "record_types", _record_types)
    _check(results, "store_roundtrip", _store_roundtrip)
    _check(results, "qt", _qt)
    _check(results, "version", _version)
    _check(results, "modules", _modules)
    _check(results, "data_files", _data_files)
    _check(results, "card_photo", _card_photo)
    if gui:
        _check(results, "gui", _gui)
    return {
        "ok": all(r["ok"] for r in results),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "checks": results,
    }
