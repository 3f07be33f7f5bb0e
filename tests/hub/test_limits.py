"""Body-size limits (413, with and without Content-Length) and rate limits (429 + Retry-After)."""

from __future__ import annotations

import logging
import os

from sync.hub import schema
from sync.hub.config import RateLimit
from tests.hub.helpers import A


def test_body_over_the_limit_is_413_before_reading_on(make_hub):
    hub = make_hub(max_body=64 * 1024, max_chunk=16 * 1024)
    dev = hub.device(A)
    big = os.urandom(100 * 1024)
    r = dev.push_bytes(big)  # declared length: refused from the headers alone
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    assert "65536" in r.json()["message"]

    def chunks():  # no Content-Length: counted while streaming
        for i in range(0, len(big), 8192):
            yield big[i:i + 8192]

    r = hub.http.post("/v1/push", content=chunks())
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    # a batch that fits but inflates past the limit once decompressed
    ops = [dev.op(name="Nguyễn " + "A" * 2000) for _ in range(40)]
    r = dev.push(dev.batch(*ops))
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    sha = "0" * 64
    r = dev.signed("PATCH", f"/v1/attachments/{sha}", os.urandom(20 * 1024),
                   headers={"Upload-Offset": "0", "Upload-Length": "30000"})
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    assert hub.count(schema.op_ledger) == 0
    # the hub still answers normally afterwards
    assert dev.statuses(dev.batch(dev.op())) == ["applied"]


def test_rate_limits_answer_429_with_retry_after(make_hub):
    hub = make_hub(device_rate=RateLimit(per_minute=1, burst=2))
    dev = hub.device(A)
    assert dev.pull().status_code == 200
    assert dev.pull().status_code == 200
    r = dev.pull()
    assert r.status_code == 429 and r.json()["error"] == "rate_limited"
    assert 1 <= int(r.headers["Retry-After"]) <= 60
    r = dev.push(dev.batch(dev.op()))
    assert r.status_code == 429  # the same bucket: nothing applied
    assert hub.count(schema.op_ledger) == 0
    other = hub.device(A, "Máy 2")  # another device has its own bucket
    assert other.pull().status_code == 200


def test_rate_limit_per_ip_before_authentication(make_hub):
    hub = make_hub(ip_rate=RateLimit(per_minute=6, burst=3))
    answers = [hub.http.get("/v1/hello").status_code for _ in range(5)]
    assert answers[:3] == [200, 200, 200] and answers[3:] == [429, 429]
    r = hub.http.get("/v1/hello")
    assert r.json()["error"] == "rate_limited" and int(r.headers["Retry-After"]) >= 1


def test_enroll_attempts_are_limited_per_ip(make_hub):
    hub = make_hub(enroll_rate=RateLimit(per_minute=1, burst=2))
    payload = {"code": "AAAA-AAAA-AAAA-AAAA", "device_name": "PC", "public_key": "x"}
    answers = [hub.http.post("/v1/enroll", json=payload).status_code for _ in range(3)]
    assert answers == [422, 422, 429]


def test_logs_carry_route_status_device_and_counts_but_no_rows(hub, caplog):
    dev = hub.device(A)
    name = "Hoàng Thị Riêng Tư"
    with caplog.at_level(logging.INFO, logger="xaso.hub"):
        dev.statuses(dev.batch(dev.op(name=name), dev.op(name=name)))
        dev.pull()
        dev.signed("GET", "/v1/attachments/" + "ab" * 32)
    lines = [r.getMessage() for r in caplog.records if r.name == "xaso.hub"]
    push = next(line for line in lines if line.startswith("POST /v1/push"))
    assert " 200 " in push and f"device={dev.device_id}" in push
    assert "ops=2" in push and "applied=2" in push
    assert any(line.startswith("GET /v1/pull 200") and "changes=2" in line for line in lines)
    assert any(line.startswith("GET /v1/attachments/{sha256} 200") for line in lines)
    text = "\n".join(lines)
    assert name not in text and "Hoàng" not in text and "ab" * 32 not in text
