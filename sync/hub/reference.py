"""Versions of the reference data the hub serves, so a client can tell when its own are older.

A version is the first 16 hex of SHA-256 over the files (name and bytes, in name order):
`resources/admin_units/*` and `resources/record_types/*.json`. Computed once at start-up.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"


def _digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name):
        h.update(path.name.encode("utf-8") + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


def reference_versions(resources: Path = RESOURCES) -> dict[str, str]:
    admin = [p for p in (resources / "admin_units").glob("*") if p.is_file()]
    record_types = [p for p in (resources / "record_types").glob("*.json") if p.is_file()]
    return {"admin_units": _digest(admin), "record_types": _digest(record_types)}
