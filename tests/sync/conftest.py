"""Sync client tests: real encrypted stores, and the hub's real ledger (sync/hub/ledger.py on
SQLite) driven in-process for protocol-level tests. End-to-end tests use the hub app under
uvicorn on loopback (tests/hub/helpers.py LiveHub, the hub's own test helper)."""

from __future__ import annotations

import socket
from collections import Counter
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, func, insert, select

from core.services import sync_pull, sync_state
from core.services.sync_state import Enrollment
from core.store import Store
from sync.client import outbox_batches, results, state
from sync.hub import schema
from sync.hub.ledger import apply_batch, pull_page
from sync.protocol import (
    BatchResult,
    decode_batch,
    generate_device_key,
    generate_hub_sealing_key,
    key_id,
    private_key_to_pem,
    public_key_from_text,
    public_key_to_text,
    sealing_key_to_text,
)
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.hub.helpers import LiveHub, test_config

COMMUNE = "16498"


class LedgerHub:
    """The hub's ledger and schema on an SQLite file: what the hub app does per request,
    without HTTP (push = verify + apply_batch in one transaction; pull = ledger.pull)."""

    def __init__(self, path):
        self.engine = create_engine(f"sqlite:///{path}")
        schema.create_all(self.engine)
        self.hub_id = "hub-test"
        self.signing_key = Ed25519PrivateKey.generate()
        self.sealing_key = generate_hub_sealing_key()
        self.count = 0
        with self.engine.begin() as conn:
            conn.execute(insert(schema.commune).values(code=COMMUNE, name="Xã thử"))

    def register(self, public_key) -> str:
        self.count += 1
        device_id = f"d-{self.count:016x}"
        with self.engine.begin() as conn:
            conn.execute(insert(schema.device).values(
                id=device_id, commune_code=COMMUNE, name=f"PC {self.count}",
                public_key=public_key_to_text(public_key), key_id=key_id(public_key),
                enrolled_at=datetime.now(UTC), revoked_at=None))
        return device_id

    def lookup(self, device_id, _kid=None):
        with self.engine.connect() as conn:
            text = conn.execute(select(schema.device.c.public_key).where(
                schema.device.c.id == device_id, schema.device.c.revoked_at.is_(None))).scalar()
        return public_key_from_text(text) if text else None

    def push(self, envelope: bytes) -> BatchResult:
        batch = decode_batch(envelope, self.lookup)
        with self.engine.begin() as conn:
            return apply_batch(conn, batch, batch.device_id)

    def pull(self, after: int, limit: int = 500) -> dict:
        with self.engine.connect() as conn:
            page = pull_page(conn, COMMUNE, after, limit)
        return {"changes": [{"cursor": c, "entity": e, "entity_id": i, "version": v, "row": r}
                            for c, e, i, v, r in page.changes],
                "next_cursor": page.next_cursor, "more": page.more}

    def table_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                    for t in (schema.entity_state, schema.change, schema.op_ledger)}

    def rows(self) -> dict[tuple[str, str], int]:
        with self.engine.connect() as conn:
            return {(r.entity, r.entity_id): r.version for r in conn.execute(
                select(schema.entity_state.c.entity, schema.entity_state.c.entity_id,
                       schema.entity_state.c.version))}


def enroll_with(ws, hub: LedgerHub, hub_url: str = "http://127.0.0.1:9") -> state.Credentials:
    key = generate_device_key()
    device_id = hub.register(key.public_key())
    sync_state.save_enrollment(ws, Enrollment(
        hub_url=hub_url, hub_id=hub.hub_id, device_id=device_id, device_name="PC thử",
        device_key_pem=private_key_to_pem(key).decode("ascii"),
        hub_signing_key=public_key_to_text(hub.signing_key.public_key()),
        hub_sealing_key=sealing_key_to_text(hub.sealing_key.public_key()),
        commune_code=COMMUNE))
    return state.load(ws)


def push_all(ws, hub: LedgerHub, max_ops: int = 2000) -> Counter:
    creds = state.load(ws)
    statuses: Counter = Counter()
    for _ in range(1000):
        stored = outbox_batches.next_batch(ws, creds, max_ops=max_ops)
        if stored is None:
            break
        batch = outbox_batches.open_stored(creds, stored.body)
        counts = results.record(ws, batch, hub.push(stored.body), "online")
        statuses.update(counts.by_status)
        if set(counts.by_status) <= {"held"}:
            break
    return statuses


def pull_all(ws, hub: LedgerHub, page: int = 500) -> sync_pull.PullCounts:
    total = sync_pull.PullCounts()
    cursor = sync_state.require_state(ws).pull_cursor
    while True:
        answer = hub.pull(cursor, page)
        counts = sync_pull.apply_page(ws, answer["changes"], answer["next_cursor"],
                                      after_cursor=cursor)
        assert counts is not None
        total.add(counts)
        cursor = answer["next_cursor"]
        if not answer["more"]:
            return total


@pytest.fixture
def hub(tmp_path):
    ledger = LedgerHub(tmp_path / "hub.db")
    yield ledger
    ledger.engine.dispose()


@pytest.fixture
def second_ws(tmp_path):
    """A second PC of the same commune (its own data folder and admin)."""
    ws, _ = Store(tmp_path / "data2", kdf=FAST_KDF).initialise(COMMUNE, "admin", ADMIN_PASSWORD,
                                                               "Quản trị 2")
    yield ws
    ws.close()


def start_hub(data_dir) -> LiveHub:
    """The hub app on SQLite under uvicorn (127.0.0.1, free port), commune 16498 registered."""
    hub = LiveHub(test_config(data_dir, f"sqlite:///{data_dir / 'hub.db'}"))
    hub.add_commune(COMMUNE)
    return hub


@pytest.fixture
def live_hub(tmp_path):
    (tmp_path / "hub").mkdir()
    hub = start_hub(tmp_path / "hub")
    yield hub
    hub.close()


def free_port() -> int:
    """A loopback port nothing listens on (an unreachable hub)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
