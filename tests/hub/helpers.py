"""Test helpers: a hub served by real uvicorn on loopback, and devices that talk to it over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import func, select, update

from core.models import new_id
from core.outbox import row_hash
from sync.hub import admin, schema
from sync.hub.app import create_app
from sync.hub.config import HubConfig, RateLimit
from sync.hub.db import Database
from sync.protocol import Batch, Op, encode_batch, generate_device_key, public_key_to_text
from sync.protocol.requests import sign_request

ROOT = Path(__file__).resolve().parents[2]
A, B = "16498", "00004"  # two communes of the 2025 list
GENEROUS = RateLimit(per_minute=600_000, burst=10_000)


def test_config(data_dir: Path, db_url: str, **overrides) -> HubConfig:
    config = HubConfig(data_dir=data_dir, db_url=db_url, device_rate=GENEROUS, ip_rate=GENEROUS,
                       enroll_rate=GENEROUS)
    return replace(config, **overrides)


test_config.__test__ = False  # not a test, despite its name


class LiveHub:
    """create_app under a real uvicorn server in a thread, on a free loopback port."""

    def __init__(self, config: HubConfig, root_path: str = ""):
        self.config = config
        self.app = create_app(config)
        self.state = self.app.state.hub
        self.db: Database = self.state.db
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning",
                                                    access_log=False, lifespan="off",
                                                    root_path=root_path))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]},
                                       daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        self.http = httpx.Client(base_url=self.url, timeout=60)

    def add_commune(self, code: str, name: str | None = None) -> None:
        admin.add_commune(self.db, code, name or f"Xã thử {code}")

    def code(self, commune: str, hours: float = 72) -> str:
        return admin.create_enrollment_code(self.db, commune, hours)["code"]

    def device(self, commune: str, name: str = "Máy 1") -> Device:
        return Device.enroll(self.http, self.code(commune), commune, name)

    def count(self, table) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar()

    def expire_codes(self) -> None:
        with self.db.write() as conn:
            conn.execute(update(schema.enrollment_code).values(
                expires_at=datetime(2000, 1, 1, tzinfo=UTC)))

    def close(self) -> None:
        self.http.close()
        self.server.should_exit = True
        self.thread.join(15)
        self.db.dispose()


def person_row(entity_id: str, version: int, name: str, commune: str) -> dict:
    """A realistic `person` row as DB values (what core.models.row_of gives)."""
    now = datetime.now(UTC).isoformat()
    return {"id": entity_id, "version": version, "created_at": now, "updated_at": now,
            "updated_by": None, "deleted_at": None, "deleted_reason": None,
            "full_name": name, "name_folded": name.lower(), "name_key": name.lower(),
            "sort_key": name.lower(), "personal_number": "0380" + str(abs(hash(entity_id)))[:8],
            "old_id_number": None, "dob": "1990-05-17", "dob_precision": "day",
            "birth_year": 1990, "sex": "F", "nationality": "Việt Nam", "ethnicity": "Kinh",
            "religion": None, "place_of_origin": f"Xã {commune}", "place_of_birth": None,
            "residence_address_id": None, "phone": None, "provenance": "{}"}


class Device:
    """An enrolled device: builds ops like its outbox would, signs, pushes and pulls."""

    def __init__(self, http: httpx.Client, key, device_id: str, commune: str, enrolled: dict):
        self.http, self.key, self.device_id, self.commune = http, key, device_id, commune
        self.enrolled = enrolled
        self.seq = 0

    @classmethod
    def enroll(cls, http: httpx.Client, code: str, commune: str, name: str = "Máy 1") -> Device:
        key = generate_device_key()
        r = http.post("/v1/enroll", json={"code": code, "device_name": name,
                                           "public_key": public_key_to_text(key.public_key())})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["commune_code"] == commune
        return cls(http, key, body["device_id"], commune, body)

    def op(self, entity_id: str | None = None, *, base: int = 0, name: str = "Nguyễn Thị Hoa",
           entity: str = "person", op_id: str | None = None, payload: dict | None = None) -> Op:
        self.seq += 1
        entity_id = entity_id or new_id()
        row = payload or person_row(entity_id, base + 1, name, self.commune)
        return Op(op_id=op_id or new_id(), seq=self.seq, entity=entity, entity_id=entity_id,
                  op="upsert", base_version=base, version=base + 1, payload=row,
                  payload_hash=row_hash(row), data_domain="population")

    def batch(self, *ops: Op, commune: str | None = None) -> Batch:
        return Batch(commune_code=commune or self.commune, device_id=self.device_id,
                     batch_id=new_id(), created_at=datetime.now(UTC), ops=ops)

    def encode(self, batch: Batch) -> bytes:
        return encode_batch(batch, self.key)

    def push_bytes(self, data: bytes) -> httpx.Response:
        return self.http.post("/v1/push", content=data,
                              headers={"Content-Type": "application/octet-stream"})

    def push(self, batch: Batch) -> httpx.Response:
        return self.push_bytes(self.encode(batch))

    def statuses(self, batch: Batch) -> list[str]:
        r = self.push(batch)
        assert r.status_code == 200, r.text
        return [x["status"] for x in r.json()["results"]]

    def signed(self, method: str, target: str, body: bytes = b"", headers: dict | None = None,
               **kwargs) -> httpx.Response:
        signed = sign_request(self.key, self.device_id, method, target, body)
        return self.http.request(method, target, content=body or None,
                                 headers={**signed, **(headers or {})}, **kwargs)

    def pull(self, after: int = 0, limit: int = 1000) -> httpx.Response:
        return self.signed("GET", f"/v1/pull?after={after}&limit={limit}")

    def pull_all(self, after: int = 0, limit: int = 1000) -> tuple[list[dict], int]:
        changes = []
        while True:
            r = self.pull(after, limit)
            assert r.status_code == 200, r.text
            page = r.json()
            changes += page["changes"]
            after = page["next_cursor"]
            if not page["more"]:
                return changes, after


class HubProcess:
    """`python main.py hub serve` in a subprocess (for SIGKILL tests)."""

    def __init__(self, data_dir: Path, db_url: str, *extra: str):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.args = [sys.executable, str(ROOT / "main.py"), "hub", "serve", "--data",
                     str(data_dir), "--db", db_url, "--port", str(self.port),
                     "--device-rate", "600000", "--ip-rate", "600000", *extra]
        self.proc: subprocess.Popen | None = None

    def start(self) -> HubProcess:
        self.proc = subprocess.Popen(self.args, cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("hub exited: " + self.proc.stderr.read().decode()[-2000:])
            try:
                if httpx.get(self.url + "/v1/hello", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("hub did not answer hello")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.proc is not None and self.proc.stderr:
            self.proc.stderr.close()
