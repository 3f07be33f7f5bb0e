"""Sync hub benchmark: pushes over real HTTP into a hub on a throwaway PostgreSQL cluster.

1. One device pushes 100,000 person changes (batches of 2,000) end to end: build + sign on the
   device side (timed apart), then HTTP → verify → decode → apply → commit (goal ≤ 60 s).
2. 50 devices (10 communes × 5) push 2,000 changes each at the same time, re-sending 20 % of
   their batches (lost answers): throughput, and a check of zero duplicates in the hub.
3. A raw `COPY` of the same 100,000 rows into a PostgreSQL table in the same cluster, and the
   ratio push / COPY.
4. The real desktop client: a commune store (SQLCipher) whose outbox holds 100,000 new residents;
   `sync.client.service.run_cycle` until nothing is pending — outbox → ops → sign → HTTP →
   apply → answers recorded in the store → pull (goal ≤ 60 s for this whole path too).

    .venv/bin/python benchmarks/bench_sync.py [--changes 100000] [--batch 2000]
        [--devices 50] [--per-device 2000] [--replay 0.2] [--out FILE.json]

The cluster keeps PostgreSQL's durable defaults (fsync on). The hub runs as `python main.py hub
serve` in its own process, as in production; the simulated devices are threads here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from core.models import new_id  # noqa: E402
from core.outbox import row_hash  # noqa: E402
from sync.hub import admin, schema  # noqa: E402
from sync.hub.db import Database  # noqa: E402
from sync.hub.keys import load_keys  # noqa: E402
from sync.protocol import (  # noqa: E402
    Batch,
    Op,
    encode_batch,
    generate_device_key,
    public_key_to_text,
)
from tests.pg import PgCluster  # noqa: E402

GOAL_SECONDS = 60
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quốc", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh",
         "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"]


def person_row(rng: random.Random, entity_id: str, commune: str) -> dict:
    """A person row as a device's outbox carries it (every column of core.models.Person)."""
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    folded = name.lower()
    year = rng.randint(1930, 2024)
    now = datetime.now(UTC).isoformat()
    return {"id": entity_id, "version": 1, "created_at": now, "updated_at": now,
            "updated_by": new_id(), "deleted_at": None, "deleted_reason": None,
            "full_name": name, "name_folded": folded, "name_key": folded, "sort_key": folded,
            "personal_number": f"0{rng.randint(10, 96)}{rng.randint(0, 999_999_999):09d}",
            "old_id_number": None if rng.random() < 0.6 else f"{rng.randint(0, 10**9 - 1):09d}",
            "dob": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "dob_precision": "day", "birth_year": year, "sex": rng.choice("MF"),
            "nationality": "Việt Nam", "ethnicity": "Kinh", "religion": None,
            "place_of_origin": f"Xã {rng.choice(GIVEN)}, Tỉnh Thanh Hóa",
            "place_of_birth": None, "residence_address_id": new_id(), "phone": None,
            "provenance": '{"full_name":{"source":"chip","by":"u1"}}'}


class SimDevice:
    """Enrolled straight in the database: enroll over HTTP is rate-limited per IP on purpose."""

    def __init__(self, db: Database, keys, commune: str, name: str):
        self.key = generate_device_key()
        self.commune = commune
        code = admin.create_enrollment_code(db, commune)["code"]
        self.device_id = admin.enroll(db, keys, code, name,
                                      public_key_to_text(self.key.public_key()))["device_id"]
        self.seq = 0

    def batches(self, rng: random.Random, total: int, size: int) -> tuple[list[bytes], list]:
        encoded, rows = [], []
        for start in range(0, total, size):
            ops = []
            for _ in range(min(size, total - start)):
                self.seq += 1
                entity_id = new_id()
                row = person_row(rng, entity_id, self.commune)
                rows.append(row)
                ops.append(Op(op_id=new_id(), seq=self.seq, entity="person",
                              entity_id=entity_id, op="upsert", base_version=0, version=1,
                              payload=row, payload_hash=row_hash(row), data_domain="population"))
            batch = Batch(commune_code=self.commune, device_id=self.device_id,
                          batch_id=new_id(), created_at=datetime.now(UTC), ops=ops)
            encoded.append(encode_batch(batch, self.key))
        return encoded, rows


def _push(client: httpx.Client, data: bytes) -> Counter:
    r = client.post("/v1/push", content=data,
                    headers={"Content-Type": "application/octet-stream"})
    r.raise_for_status()
    return Counter(x["status"] for x in r.json()["results"])


def start_hub(data_dir: Path, db_url: str) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    data_dir.mkdir(parents=True, exist_ok=True)
    log = open(data_dir.parent / "hub-stderr.log", "wb")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "hub", "serve", "--data",
                             str(data_dir), "--db", db_url, "--port", str(port),
                             "--device-rate", "1000000", "--ip-rate", "1000000"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/v1/hello", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the hub did not start")


def bench_single(url: str, db: Database, keys, changes: int, size: int) -> tuple[dict, list]:
    rng = random.Random(7)
    dev = SimDevice(db, keys, "16498", "Máy một cửa")
    started = time.perf_counter()
    batches, rows = dev.batches(rng, changes, size)
    build = time.perf_counter() - started
    totals: Counter = Counter()
    with httpx.Client(base_url=url, timeout=300) as client:
        started = time.perf_counter()
        for data in batches:
            totals += _push(client, data)
        push = time.perf_counter() - started
    with db.read() as conn:
        stored = conn.execute(select(func.count()).select_from(schema.entity_state)
                              .where(schema.entity_state.c.commune_code == "16498")).scalar()
    return {"changes": changes, "batch": size, "batches": len(batches),
            "build_sign_seconds": round(build, 2), "push_seconds": round(push, 2),
            "ops_per_second": round(changes / push), "statuses": dict(totals),
            "rows_in_hub": stored, "envelope_bytes": sum(map(len, batches))}, rows


def bench_concurrent(url: str, db: Database, keys, devices: int, per_device: int,
                     replay: float, communes: list[str]) -> dict:
    rng = random.Random(11)
    sims = [SimDevice(db, keys, communes[i % len(communes)], f"Máy {i}")
            for i in range(devices)]
    size = 200
    plans = []
    for sim in sims:
        batches, _ = sim.batches(rng, per_device, size)
        sends = list(batches)
        for k in rng.sample(range(len(batches)), round(len(batches) * replay)):
            # a lost answer: the same bytes again, later in the device's stream
            sends.insert(rng.randint(k + 1, len(sends)), batches[k])
        plans.append(sends)
    totals: Counter = Counter()
    lock = threading.Lock()
    gate = threading.Barrier(devices + 1)
    errors: list[BaseException] = []

    def run(sends: list[bytes]) -> None:
        try:
            with httpx.Client(base_url=url, timeout=300) as client:
                gate.wait()
                mine: Counter = Counter()
                for data in sends:
                    mine += _push(client, data)
            with lock:
                totals.update(mine)
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(p,)) for p in plans]
    for t in threads:
        t.start()
    gate.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    if errors:
        raise errors[0]
    sent = sum(len(p) for p in plans) * size
    return {"devices": devices, "communes": len(communes), "per_device": per_device,
            "replayed_batches_share": replay, "ops_sent": sent, "seconds": round(wall, 2),
            "ops_per_second": round(sent / wall),
            "distinct_ops_per_second": round(devices * per_device / wall),
            "statuses": dict(totals)}


def check_no_duplicates(db: Database, expected: int) -> dict:
    with db.read() as conn:
        def count(table) -> int:
            return conn.execute(select(func.count()).select_from(table)).scalar()

        distinct = conn.execute(select(func.count(func.distinct(schema.op_ledger.c.op_id))))
        figures = {"op_ledger": count(schema.op_ledger), "change": count(schema.change),
                   "entity_state": count(schema.entity_state),
                   "distinct_op_ids": distinct.scalar()}
    figures["expected"] = expected
    figures["duplicates"] = max(figures["change"], figures["op_ledger"]) - expected
    figures["ok"] = all(v == expected for k, v in figures.items()
                        if k in ("op_ledger", "change", "entity_state", "distinct_op_ids"))
    return figures


def bench_copy(pg: PgCluster, rows: list[dict]) -> dict:
    """The same rows, COPYed straight into a table shaped like the hub's entity_state."""
    import psycopg

    url = pg.create_database("copy_baseline")
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE state_copy (commune_code varchar(5), entity varchar(64), "
                     "entity_id varchar(36), version integer, row text, "
                     "data_domain varchar(32), seq bigint, "
                     "PRIMARY KEY (commune_code, entity, entity_id))")
        conn.commit()
        texts = [json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                 for r in rows]
        started = time.perf_counter()
        with conn.cursor() as cur, cur.copy(
                "COPY state_copy (commune_code, entity, entity_id, version, row, data_domain, "
                "seq) FROM STDIN") as copy:
            for i, (row, text) in enumerate(zip(rows, texts, strict=True)):
                copy.write_row(("16498", "person", row["id"], 1, text, "population", i + 1))
        conn.commit()
        seconds = time.perf_counter() - started
    return {"rows": len(rows), "seconds": round(seconds, 2),
            "rows_per_second": round(len(rows) / seconds)}


CLIENT_COMMUNE = "00008"  # its own commune: the pull brings back only the client's rows


def bench_client(url: str, db: Database, work: Path, changes: int, batch: int) -> dict:
    """A real encrypted store with `changes` new residents queued, synced by the real client."""
    from core.keyslots import KdfParams
    from core.models import Person, db_value, utcnow
    from core.services import bulk, persons
    from core.store import Store
    from sync.client import service

    ws, _ = Store(work / "client", kdf=KdfParams(time_cost=1, memory_kib=8 * 1024,
                                                 parallelism=1)).initialise(
        CLIENT_COMMUNE, "admin", "bench-password", "Quản trị")
    rng = random.Random(11)
    now = db_value(utcnow())
    columns = [c.name for c in Person.__table__.columns]
    rows = []
    for _ in range(changes):
        values, _, _ = persons.clean_fields({
            "full_name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "dob": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1940, 2020)}",
            "sex": rng.choice(["Nam", "Nữ"])})
        row = dict.fromkeys(columns)
        row.update(values, id=new_id(), version=1, created_at=now, updated_at=now,
                   updated_by=ws.actor.user_id, provenance="{}", nationality="Việt Nam")
        rows.append(row)
    bulk.bulk_create(ws, [(Person, rows)], "bench.load", "population")
    code = admin.create_enrollment_code(db, CLIENT_COMMUNE, 1)["code"]
    service.enroll(ws, url, code, "Máy đo hiệu năng")
    started = time.perf_counter()
    totals: Counter = Counter()
    cycles = pulled = 0
    while True:
        report = service.run_cycle(ws, max_ops=batch)
        cycles += 1
        if not report.ok:
            raise RuntimeError(f"cycle failed: {report.error}")
        totals += Counter(report.results)
        pulled += report.pulled.get("written", 0) + report.pulled.get("older", 0)
        if service.status(ws).pending == 0:
            break
    seconds = time.perf_counter() - started
    ws.close()
    return {"changes": changes, "seconds": round(seconds, 2), "cycles": cycles,
            "ops_per_second": round(changes / seconds), "statuses": dict(totals),
            "pulled_back": pulled}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--per-device", type=int, default=2000)
    parser.add_argument("--replay", type=float, default=0.2)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    print("Xã Số sync hub benchmark (HTTP on loopback, hub on PostgreSQL, fsync on)")
    print(f"  {datetime.now().isoformat(timespec='seconds')}  python {platform.python_version()}"
          f"  {os.cpu_count()} CPUs  load average at start: "
          + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    work = Path(tempfile.mkdtemp(prefix="xaso-bench-sync-"))
    communes = ["16498", "00004", "00007", "00010", "00013", "00016", "00019", "00022",
                "00025", "00028"]
    figures: dict = {}
    with PgCluster(fast=False) as pg:
        db_url = pg.create_database("hub")
        db = Database(db_url)
        db.create_schema()
        for code in [*communes, CLIENT_COMMUNE]:
            admin.add_commune(db, code, f"Xã {code}")
        proc, url = start_hub(work / "hub-data", db_url)
        keys = load_keys(work / "hub-data")
        try:
            print(f"  PostgreSQL {pg.bindir.parent.name}, hub pid {proc.pid}", file=sys.stderr)
            print("  [1/4] one device …", file=sys.stderr)
            single, rows = bench_single(url, db, keys, args.changes, args.batch)
            figures["single_device"] = single
            print("  [2/4] concurrent devices …", file=sys.stderr)
            figures["concurrent"] = bench_concurrent(url, db, keys, args.devices,
                                                     args.per_device, args.replay, communes)
            figures["integrity"] = check_no_duplicates(
                db, args.changes + args.devices * args.per_device)
            print("  [4/4] the desktop client …", file=sys.stderr)
            figures["client"] = bench_client(url, db, work, args.changes, args.batch)
        finally:
            proc.terminate()
            proc.wait(30)
            db.dispose()
        print("  [3/4] raw COPY …", file=sys.stderr)
        figures["copy"] = bench_copy(pg, rows)
    figures["ratio_push_to_copy"] = round(
        figures["single_device"]["push_seconds"] / figures["copy"]["seconds"], 1)

    s, c, i, k = (figures["single_device"], figures["concurrent"], figures["integrity"],
                  figures["copy"])
    ok = "OK" if s["push_seconds"] <= GOAL_SECONDS else "MISSED"
    print()
    print(f"1. One device, {s['changes']:,} changes in {s['batches']} batches of {s['batch']:,}")
    print(f"   push end to end (HTTP → verify → apply → commit)  {s['push_seconds']:7.2f} s"
          f"   {s['ops_per_second']:,} ops/s   goal ≤ {GOAL_SECONDS} s  {ok}")
    print(f"   device side: build + hash + gzip + sign            {s['build_sign_seconds']:7.2f} s"
          f"   ({s['envelope_bytes'] / 1e6:.1f} MB of envelopes)")
    print(f"   statuses {s['statuses']}   rows in hub {s['rows_in_hub']:,}")
    print(f"2. {c['devices']} devices in {c['communes']} communes × {c['per_device']:,} changes, "
          f"{c['replayed_batches_share']:.0%} of batches re-sent")
    print(f"   {c['ops_sent']:,} ops in {c['seconds']:.2f} s   {c['ops_per_second']:,} ops/s"
          f"   ({c['distinct_ops_per_second']:,} distinct ops/s)   statuses {c['statuses']}")
    print(f"   duplicates in the hub: {i['duplicates']}   (ledger {i['op_ledger']:,}, changes "
          f"{i['change']:,}, rows {i['entity_state']:,}, distinct op ids "
          f"{i['distinct_op_ids']:,}; expected {i['expected']:,})  "
          f"{'OK' if i['ok'] else 'FAILED'}")
    print(f"3. raw COPY of the same {k['rows']:,} rows   {k['seconds']:.2f} s   "
          f"{k['rows_per_second']:,} rows/s")
    print(f"   push / COPY = {figures['ratio_push_to_copy']}×")
    d = figures["client"]
    d_ok = "OK" if d["seconds"] <= GOAL_SECONDS else "MISSED"
    print(f"4. the desktop client: {d['changes']:,} residents from a SQLCipher store's outbox, "
          f"run_cycle until nothing is pending ({d['cycles']} cycles)")
    print(f"   outbox → sign → HTTP → apply → answers recorded → pull   {d['seconds']:7.2f} s"
          f"   {d['ops_per_second']:,} ops/s   goal ≤ {GOAL_SECONDS} s  {d_ok}")
    print(f"   statuses {d['statuses']}   rows pulled back {d['pulled_back']:,}")
    print(json.dumps(figures))
    if args.out:
        Path(args.out).write_text(json.dumps(figures, indent=1))
    return 0 if i["ok"] and d["statuses"] == {"applied": d["changes"]} else 1


if __name__ == "__main__":
    sys.exit(main())
