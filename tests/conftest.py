"""Shared fixtures: a real encrypted store in a temp folder, with a fast KDF for speed.

The production KDF parameters are exercised by the CLI tests and the benchmark.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from core.auth import Role  # noqa: E402
from core.keyslots import KdfParams  # noqa: E402
from core.store import Store  # noqa: E402

FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
ADMIN_PASSWORD = "admin-password"


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "data", kdf=FAST_KDF)


@pytest.fixture
def admin_ws(store):
    ws, recovery_key = store.initialise("16498", "admin", ADMIN_PASSWORD, "Quản trị")
    ws.recovery_key = recovery_key
    yield ws
    ws.close()


@pytest.fixture
def commune(admin_ws):
    """The admin's workspace with two hamlets, as the import tests' spreadsheets name them."""
    from core.services import hamlets

    hamlets.add_hamlet(admin_ws, "Thôn Đông Hòa")
    hamlets.add_hamlet(admin_ws, "Thôn 3")
    return admin_ws


@pytest.fixture
def login(store, admin_ws):
    """login(role) -> a workspace for a new user of that role (created by the admin)."""
    from core.services import users

    opened = []

    def _login(role: Role, username: str | None = None):
        username = username or f"user-{role.value}"
        if not store.keyslots.has_user(username):
            users.add_user(admin_ws, username, username, role, "password-" + username)
        ws = store.unlock(username, "password-" + username)
        opened.append(ws)
        return ws

    yield _login
    for ws in opened:
        ws.close()
