"""Report snapshots sent over real HTTP (PUT /v1/report, signed by enrolled devices), with
province figures worked out by hand. Shared by the dashboard's httpx and browser tests.

Month 2026-11 (1 → 30 Nov), three communes, C never reports:

| indicator | A 16498 | B 00004 | province |
|---|---|---|---|
| vneid_coverage_14 (ratio, target 80) | 62.5 = 5/8 | 75.0 = 30/40 | 100·35/48 = 72.9 (not (62.5+75)/2 = 68.75); target 80 |
| vneid_activated (count, cumulative) | 4, ytd 10 | 6, ytd 20 | 10, ytd 30 |
| collection_held (yes/no, target 1) | yes | no | 1 of 2 communes; target 2 |
| residents_14 (count) | 8 | 40 | 48 |
| quality_g3 (count, target 0) | 2, target 0 | 1, target 0 | 3, target 0 |

A also sends week 2026-W48 (vneid_activated 3) and an unknown code `bogus` (ignored).
"""

from __future__ import annotations

import io
import json
import re

import httpx
import openpyxl

from core.reports.catalogue import load_catalogue
from sync.hub import admin
from tests.hub.helpers import A, B, Device, LiveHub

C = "00007"
PASSWORD = "mat-khau-tinh-2026"
MONTH, WEEK = "2026-11", "2026-W48"


def period(key: str, values: dict, kind: str = "month", start: str = "2026-11-01",
           end: str = "2026-11-30") -> dict:
    return {"key": key, "kind": kind, "start": start, "end": end, "values": values}


def body(*periods: dict, computed_at: str = "2026-11-28T08:00:00Z", pending: int = 0) -> dict:
    return {"computed_at": computed_at, "app_version": "0.1.0", "pending_changes": pending,
            "periods": list(periods)}


def put_report(dev: Device, data, **headers) -> httpx.Response:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return dev.signed("PUT", "/v1/report", raw,
                      headers={"Content-Type": "application/json", **headers})


A_MONTH = {
    "vneid_coverage_14": {"value": 62.5, "num": 5, "den": 8, "target": 80},
    "vneid_activated": {"value": 4, "cumulative": 10, "num": 4},
    "collection_held": {"value": True, "num": 1, "target": 1},
    "residents_14": {"value": 8, "num": 8},
    "quality_g3": {"value": 2, "num": 2, "target": 0},
    "bogus": {"value": 1},
}
B_MONTH = {
    "vneid_coverage_14": {"value": 75.0, "num": 30, "den": 40, "target": 80},
    "vneid_activated": {"value": 6, "cumulative": 20, "num": 6},
    "collection_held": {"value": False, "num": 0, "target": 1},
    "residents_14": {"value": 40, "num": 40},
    "quality_g3": {"value": 1, "num": 1, "target": 0},
}


def seed_reports(hub: LiveHub) -> dict[str, Device]:
    """Communes A, B (the conftest's) and C; one device each for A and B, their reports sent."""
    hub.add_commune(C, "Xã Chưa Gửi")
    devices = {A: hub.device(A, "Máy một cửa"), B: hub.device(B, "Máy công an xã")}
    r = put_report(devices[A], body(period(MONTH, A_MONTH), period(
        WEEK, {"vneid_activated": {"value": 3, "cumulative": 10, "num": 3}}, "week",
        "2026-11-24", "2026-11-30"), pending=3))
    assert r.json() == {"stored": 2, "stale": 0, "ignored": 1}, r.text
    r = put_report(devices[B], body(period(MONTH, B_MONTH)))
    assert r.json() == {"stored": 1, "stale": 0, "ignored": 0}, r.text
    return devices


def add_users(hub: LiveHub) -> None:
    admin.add_user(hub.db, "tinh", "province", PASSWORD)
    admin.add_user(hub.db, "xa.a", "commune", PASSWORD, A)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html)[1]


def login(hub: LiveHub, username: str = "tinh", password: str = PASSWORD) -> httpx.Client:
    """A browser-like client (own cookie jar) logged in through the form."""
    client = httpx.Client(base_url=hub.url, timeout=60)
    form = client.get("/dashboard/login")
    r = client.post("/dashboard/login", data={"username": username, "password": password,
                                              "csrf": csrf_of(form.text)})
    assert r.status_code == 303, r.text
    return client


def check_workbook(data: bytes, communes: tuple[str, ...] = (B, C, A)) -> None:
    """The .xlsx of month 2026-11 holds the hand-checked figures (province or one commune)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Tổng hợp", "Theo xã"]
    summary = book["Tổng hợp"]
    assert summary["A1"].value.startswith("BÁO CÁO TỔNG HỢP ĐỀ ÁN 06 – Kỳ 2026-11")
    assert "(01/11/2026 – 30/11/2026)" in summary["A1"].value
    assert summary.freeze_panes == "C5" and summary["D4"].value == "Toàn tỉnh"
    rows = {r[1]: r for r in summary.iter_rows(min_row=5, values_only=True) if r[0]}
    names = {i.code: i.name["vi"] for i in load_catalogue().indicators}
    coverage = rows[names["vneid_coverage_14"]]
    province = communes == (B, C, A)
    if province:
        assert coverage[3:7] == (72.9, None, 80, 2)
        assert rows[names["vneid_activated"]][3:7] == (10, 30, None, 2)
        assert rows[names["collection_held"]][3:7] == (1, None, 2, 2)
        assert rows[names["residents_14"]][3] == 48
    else:
        assert coverage[3:7] == (62.5, None, 80, 1)
        assert rows[names["vneid_activated"]][3:5] == (4, 10)
    by_commune = book["Theo xã"]
    header = [c.value for c in by_commune[3]]
    column = header.index(names["vneid_coverage_14"])
    lines = {r[0]: r for r in by_commune.iter_rows(min_row=4, values_only=True) if r[0]}
    assert sorted(lines) == sorted(communes)
    assert lines[A][column] == 62.5 and lines[A][header.index(names["collection_held"])] == "Có"
    if province:
        assert lines[B][column] == 75 and lines[C][2] == "chưa gửi"
