"""Hub dashboard benchmark: a province of 166 communes on a throwaway PostgreSQL cluster.

The hub runs as `python main.py hub serve` in its own process (as in production). Seeded
straight into its database (bulk inserts; the sync paths have their own benchmark):

- the 166 communes of Thanh Hóa (2025 list), 3 devices each with their last activity;
- report snapshots for 12 months and 10 weeks per commune, every catalogue indicator;
- `--ops` op_ledger rows (default 500,000), 2 % of them rejected or conflict.

Then, logged in as a province user over real HTTP, each page is fetched once to warm up and
timed 5 times (median): the overview, the province report page of a month, and report.xlsx
of that month (aggregation + openpyxl). Goal: each ≤ 5 s.

    .venv/bin/python benchmarks/bench_hub_dashboard.py [--ops 500000] [--runs 5] [--out F.json]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import openpyxl  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from benchmarks.bench_sync import start_hub  # noqa: E402 - the same hub process
from core.admin_units import default_units  # noqa: E402
from core.reports.catalogue import load_catalogue  # noqa: E402
from core.reports.periods import CALENDAR, month, week  # noqa: E402
from sync.hub import admin, schema  # noqa: E402
from sync.hub.db import Database  # noqa: E402
from sync.protocol import generate_device_key, key_id, public_key_to_text  # noqa: E402
from tests.pg import PgCluster  # noqa: E402

GOAL_SECONDS = 5.0
PROVINCE = "38"  # Thanh Hóa: 166 communes in the 2025 list
DEVICES_PER_COMMUNE = 3
MONTH = "2026-11"
PASSWORD = "mat-khau-benchmark-2026"


def _figures(rng: random.Random, catalogue, month_index: int) -> dict:
    """Every indicator of one commune and period, shaped like report_push sends them."""
    residents = rng.randint(4_000, 25_000)
    out = {}
    for indicator in catalogue.indicators:
        if indicator.kind == "ratio":
            den = residents
            num = int(den * rng.uniform(0.4, 0.95))
            value = round(100 * num / den, 1)
            out[indicator.code] = {"value": value, "cumulative": None, "num": num, "den": den,
                                   "target": indicator.target}
        elif indicator.kind == "yesno":
            value = rng.random() < 0.7
            out[indicator.code] = {"value": value, "cumulative": None, "num": int(value),
                                   "den": None, "target": indicator.target}
        else:
            value = rng.randint(0, 800)
            cumulative = value * month_index if indicator.cumulative else None
            out[indicator.code] = {"value": value, "cumulative": cumulative, "num": value,
                                   "den": None, "target": indicator.target}
    return out


def seed(db: Database, ops: int, rng: random.Random) -> dict:
    catalogue = load_catalogue()
    units = default_units()
    communes = [(u.code, u.display_name) for u in units.communes_of(PROVINCE)]
    now = datetime.now(UTC)
    started = time.perf_counter()
    devices: list[tuple[str, str]] = []
    with db.write() as conn:
        conn.execute(insert(schema.commune), [{"code": c, "name": n, "last_seq": 0}
                                              for c, n in communes])
        device_rows, activity_rows = [], []
        for code, _ in communes:
            for k in range(DEVICES_PER_COMMUNE):
                key = generate_device_key().public_key()
                device_id = f"d-{uuid.uuid4().hex[:16]}"
                devices.append((code, device_id))
                device_rows.append({"id": device_id, "commune_code": code, "name": f"Máy {k + 1}",
                                    "public_key": public_key_to_text(key), "key_id": key_id(key),
                                    "enrolled_at": now - timedelta(days=200),
                                    "revoked_at": now if k == 2 and rng.random() < 0.1 else None})
                seen = now - timedelta(minutes=rng.randint(1, 60 * 24 * 5))
                activity_rows.append({"device_id": device_id, "last_push_at": seen,
                                      "last_pull_at": seen, "last_report_at": seen,
                                      "pending_changes": rng.randint(0, 400),
                                      "app_version": "0.1.0"})
        conn.execute(insert(schema.device), device_rows)
        conn.execute(insert(schema.device_activity), activity_rows)

        first_device = {}
        for code, device_id in devices:
            first_device.setdefault(code, device_id)
        reports = []
        periods = [month(2026, m, CALENDAR) for m in range(1, 13)]
        periods += [week(2026, w, CALENDAR) for w in range(39, 49)]
        for code, _ in communes:
            for index, period in enumerate(periods, start=1):
                reports.append({
                    "commune_code": code, "period_key": period.label, "kind": period.kind,
                    "start": period.start, "end": period.end,
                    "computed_at": now - timedelta(hours=rng.randint(1, 48)),
                    "device_id": first_device[code], "app_version": "0.1.0", "received_at": now,
                    "figures": json.dumps(_figures(rng, catalogue, min(index, 12)),
                                          separators=(",", ":"))})
        conn.execute(insert(schema.commune_report), reports)
    _copy_ledger(db, devices, ops, rng, now)
    with db.write() as conn:
        conn.exec_driver_sql("ANALYZE")
    admin.add_user(db, "tinh", "province", PASSWORD)
    return {"communes": len(communes), "devices": len(devices), "snapshots": len(reports),
            "periods_per_commune": len(periods), "indicators": len(catalogue.indicators),
            "op_ledger_rows": ops, "seed_seconds": round(time.perf_counter() - started, 1)}


def _copy_ledger(db: Database, devices: list[tuple[str, str]], ops: int,
                 rng: random.Random, now: datetime) -> None:
    columns = [c.name for c in schema.op_ledger.columns]
    raw = db.engine.raw_connection()
    try:
        with raw.cursor() as cursor, cursor.copy(
                "COPY op_ledger ({}) FROM STDIN".format(", ".join(columns))) as copy:
            for n in range(ops):
                code, device_id = devices[n % len(devices)]
                roll = rng.random()
                status = "rejected" if roll < 0.01 else "conflict" if roll < 0.02 else "applied"
                op_id = str(uuid.uuid4())
                copy.write_row([op_id, code, device_id, n, "person", str(uuid.uuid4()),
                                "0" * 64, status, '{"status":"' + status + '"}',
                                now, n if status == "applied" else None])
        raw.commit()
    finally:
        raw.close()


def login(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=120)
    form = client.get("/dashboard/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)[1]
    r = client.post("/dashboard/login", data={"username": "tinh", "password": PASSWORD,
                                              "csrf": csrf})
    assert r.status_code == 303, r.text
    return client


def timed(client: httpx.Client, path: str, runs: int) -> tuple[dict, httpx.Response]:
    response = client.get(path)  # warm-up: caches, connection, first template compile
    response.raise_for_status()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        response.raise_for_status()
    return {"median_seconds": round(statistics.median(times), 3),
            "min_seconds": round(min(times), 3), "max_seconds": round(max(times), 3),
            "bytes": len(response.content)}, response


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    print("Xã Số hub dashboard benchmark (HTTP on loopback, hub on PostgreSQL, fsync on)")
    print(f"  {datetime.now().isoformat(timespec='seconds')}  python {platform.python_version()}"
          f"  {os.cpu_count()} CPUs  load average at start: "
          + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    work = Path(tempfile.mkdtemp(prefix="xaso-bench-dashboard-"))
    figures: dict = {}
    with PgCluster(fast=False) as pg:
        db_url = pg.create_database("hub")
        db = Database(db_url)
        db.create_schema()
        print("  seeding …", file=sys.stderr)
        figures["data"] = seed(db, args.ops, random.Random(args.seed))
        db.dispose()
        proc, url = start_hub(work / "hub-data", db_url)
        try:
            client = login(url)
            pages = {"overview": "/dashboard/", "report_page": f"/dashboard/report?period={MONTH}",
                     "report_xlsx": f"/dashboard/report.xlsx?period={MONTH}"}
            for name, path in pages.items():
                print(f"  timing {name} …", file=sys.stderr)
                figures[name], response = timed(client, path, args.runs)
                if name == "report_page":
                    assert "166/166" in response.text, "not every commune in the report"
                if name == "report_xlsx":
                    book = openpyxl.load_workbook(io.BytesIO(response.content))
                    figures[name]["rows_by_commune"] = book["Theo xã"].max_row - 4
            client.close()
        finally:
            proc.terminate()
            proc.wait(30)

    d = figures["data"]
    print()
    print(f"Data: {d['communes']} communes, {d['devices']} devices, {d['snapshots']:,} report "
          f"snapshots ({d['periods_per_commune']} periods × {d['indicators']} indicators), "
          f"{d['op_ledger_rows']:,} ledger rows; seeded in {d['seed_seconds']} s")
    print(f"Median of {args.runs} logged-in GETs after one warm-up (goal ≤ {GOAL_SECONDS:g} s):")
    labels = {"overview": "overview (every commune: progress, sync, refusals)",
              "report_page": f"province report page, month {MONTH}",
              "report_xlsx": f"report.xlsx, month {MONTH} (aggregate + openpyxl)"}
    ok = True
    for name, label in labels.items():
        f = figures[name]
        met = f["median_seconds"] <= GOAL_SECONDS
        ok &= met
        print(f"  {label:58s} {f['median_seconds']:7.3f} s  (min {f['min_seconds']:.3f}, "
              f"max {f['max_seconds']:.3f}; {f['bytes'] / 1024:,.0f} KiB)  "
              f"{'OK' if met else 'MISSED'}")
    print(json.dumps({**figures, "date": date.today().isoformat()}))
    if args.out:
        Path(args.out).write_text(json.dumps(figures, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
