"""Push and pull over real HTTP: every per-op outcome, replays, tampering, tenancy, paging."""

from __future__ import annotations

import base64
import json

from sync.hub import schema
from sync.protocol import decode_batch_result
from sync.protocol.batch import encode_body
from sync.protocol.signing import sign_envelope
from sync.protocol.wire import canonical_bytes
from tests.hub.helpers import A, B


def _error(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.json()["error"] == code
    return r.json()


def _nothing_applied(hub) -> None:
    assert hub.count(schema.op_ledger) == hub.count(schema.change) == 0
    assert hub.count(schema.entity_state) == 0


def test_every_outcome_over_http(hub):
    dev = hub.device(A)
    created = dev.op(name="Trần Văn Bình")
    first = dev.batch(created)
    assert dev.statuses(first) == ["applied"]

    update = dev.op(created.entity_id, base=1, name="Trần Văn Bính")
    stale = dev.op(created.entity_id, base=0, name="tạo lại trên bản cũ")
    held = dev.op(base=3)  # builds on a change the hub never got
    forged = dev.op(created.entity_id, base=1, name="khác", op_id=created.op_id)
    bad_id = "bad\x01id"
    rejected = dev.op(bad_id, payload={"id": bad_id, "version": 1, "full_name": "x"})
    batch = dev.batch(update, stale, held, forged, rejected)
    r = dev.push(batch)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    result = decode_batch_result(r.content)
    result.check_against(batch)
    by_status = [x.status for x in result.results]
    assert by_status == ["applied", "conflict", "held", "mismatch", "rejected"]
    applied, conflict, held_r, _, rejected_r = result.results
    assert applied.server_version == 2
    assert conflict.server_version == 2 and conflict.server_row == update.payload
    assert held_r.waiting_for
    assert "entity_id" in rejected_r.errors
    assert result.cursor == 2

    again = decode_batch_result(dev.push(batch).content)  # the answer was lost: re-sent
    assert [x.status for x in again.results] == ["duplicate", "duplicate", "held", "mismatch",
                                                 "duplicate"]
    assert [x.original_status for x in again.results] == ["applied", "conflict", None, None,
                                                          "rejected"]
    assert again.results[1].server_row == update.payload
    changes, cursor = dev.pull_all()
    assert [(c["entity_id"], c["version"], c["row"]) for c in changes] == [
        (created.entity_id, 2, update.payload)]
    assert cursor == 2


def test_replayed_bytes_are_duplicates_and_change_nothing(hub):
    dev = hub.device(A)
    data = dev.encode(dev.batch(*(dev.op(name=f"Người {i}") for i in range(20))))
    assert {x["status"] for x in dev.push_bytes(data).json()["results"]} == {"applied"}
    counts = [hub.count(t) for t in (schema.op_ledger, schema.change, schema.entity_state)]
    for _ in range(3):
        r = dev.push_bytes(data).json()
        assert {x["status"] for x in r["results"]} == {"duplicate"}
        assert r["cursor"] == 20
    assert [hub.count(t) for t in (schema.op_ledger, schema.change, schema.entity_state)] == counts


def test_reordered_batches_converge(hub):
    dev = hub.device(A)
    v1 = dev.op(name="Lê Thị Cúc")
    v2 = dev.op(v1.entity_id, base=1, name="Lê Thị Cúc (đã sửa)")
    other = dev.op(name="Phạm Văn Dũng")
    b1, b2 = dev.batch(v1, other), dev.batch(v2)
    assert dev.statuses(b2) == ["held"]  # arrived first: waits for v1
    assert dev.statuses(b1) == ["applied", "applied"]
    assert dev.statuses(b2) == ["applied"]
    assert dev.statuses(b1) == ["duplicate", "duplicate"]
    changes, _ = dev.pull_all()
    assert {c["entity_id"]: c["version"] for c in changes} == {v1.entity_id: 2,
                                                               other.entity_id: 1}


def test_tampered_signature_is_401_and_nothing_applied(hub):
    dev = hub.device(A)
    data = dev.encode(dev.batch(dev.op(), dev.op()))
    envelope = json.loads(data)
    sig = bytearray(base64.b64decode(envelope["signature"]))
    sig[5] ^= 1
    envelope["signature"] = base64.b64encode(bytes(sig)).decode()
    _error(dev.push_bytes(canonical_bytes(envelope)), 401, "bad_signature")
    # a body swapped under a valid signature
    other = json.loads(dev.encode(dev.batch(dev.op())))
    envelope = json.loads(data)
    envelope["body"] = other["body"]
    _error(dev.push_bytes(canonical_bytes(envelope)), 401, "bad_signature")
    # an unknown device
    envelope = json.loads(data)
    envelope["device_id"] = "d-ffffffffffffffff"
    r = _error(dev.push_bytes(canonical_bytes(envelope)), 401, "unknown_device")
    assert r["server_time"]
    _nothing_applied(hub)


def test_tampered_payload_is_refused_whole(hub):
    dev = hub.device(A)
    good, bad = dev.op(), dev.op()
    bad.payload["full_name"] = "sửa sau khi tính mã"  # signed, but the hash no longer matches
    body = encode_body(dev.batch(good, bad))
    _error(dev.push_bytes(sign_envelope(body, dev.key, dev.device_id)), 409, "hash_mismatch")
    _error(dev.push_bytes(b"{}"), 400, "malformed")
    _error(dev.push_bytes(b"\x1f\x8b not json"), 400, "malformed")
    _nothing_applied(hub)


def test_commune_a_can_neither_push_to_nor_pull_from_b(hub):
    a, b = hub.device(A), hub.device(B)
    a_op, b_op = a.op(name="dân xã A"), b.op(name="dân xã B")
    assert a.statuses(a.batch(a_op)) == ["applied"]
    assert b.statuses(b.batch(b_op)) == ["applied"]
    _error(a.push(a.batch(a.op(name="chen vào B"), commune=B)), 403, "commune_mismatch")
    a_changes, _ = a.pull_all()
    b_changes, _ = b.pull_all()
    assert [c["entity_id"] for c in a_changes] == [a_op.entity_id]
    assert [c["entity_id"] for c in b_changes] == [b_op.entity_id]
    # same entity id in both communes: two tenants, two rows; B's write never touches A's
    shared = b.op(a_op.entity_id, name="trùng id ở xã B")
    assert b.statuses(b.batch(shared)) == ["applied"]
    assert a.pull_all()[0] == a_changes
    assert hub.count(schema.entity_state) == 3


def test_pull_pages_with_cursors_and_updates_move_rows(hub):
    dev = hub.device(A)
    ops = [dev.op(name=f"Người số {i}") for i in range(25)]
    assert set(dev.statuses(dev.batch(*ops))) == {"applied"}
    seen, after, pages = [], 0, []
    while True:
        page = dev.pull(after, 10).json()
        pages.append((len(page["changes"]), page["more"]))
        seen += page["changes"]
        assert page["reference"]["admin_units"] and page["reference"]["record_types"]
        if not page["more"]:
            break
        assert page["next_cursor"] > after
        after = page["next_cursor"]
    assert pages == [(10, True), (10, True), (5, False)]
    assert [c["entity_id"] for c in seen] == [o.entity_id for o in ops]
    cursors = [c["cursor"] for c in seen]
    assert cursors == sorted(cursors) == list(range(1, 26))
    end = page["next_cursor"]
    assert dev.pull(end).json()["changes"] == []
    # an update re-sends its row once, after the cursor; the old change is not repeated
    upd = dev.op(ops[3].entity_id, base=1, name="Người số 3 (sửa)")
    assert dev.statuses(dev.batch(upd)) == ["applied"]
    (moved,) = dev.pull(end).json()["changes"]
    assert moved["entity_id"] == ops[3].entity_id and moved["version"] == 2
    assert moved["cursor"] == 26 and moved["row"]["full_name"] == "Người số 3 (sửa)"
    full, _ = dev.pull_all()
    assert len(full) == 25 and full[-1]["entity_id"] == ops[3].entity_id
    r = dev.pull(0, 0)
    _error(r, 422, "invalid_request")
    _error(dev.pull(-1), 422, "invalid_request")


def test_behind_a_proxy_that_strips_a_path_prefix(tmp_path):
    """https://tinh.example/xaso/v1/… → proxy → hub /v1/… with `--root-path /xaso`."""
    from sync.protocol.requests import sign_request
    from tests.hub.helpers import Device, LiveHub, test_config

    hub = LiveHub(test_config(tmp_path / "data", f"sqlite:///{tmp_path / 'hub.db'}",
                              max_body=1_000_000), root_path="/xaso")
    try:
        hub.add_commune(A)
        dev = hub.device(A)
        big = dev.batch(*(dev.op(name="Nguyễn Văn Xa") for _ in range(800)))
        assert len(dev.encode(big)) > 64 * 1024  # the push limit applies, not the small one
        assert set(dev.statuses(big)) == {"applied"}
        signed_as_sent = sign_request(dev.key, dev.device_id, "GET", "/xaso/v1/pull?after=0")
        r = hub.http.get("/v1/pull?after=0", headers=signed_as_sent)
        assert r.status_code == 200 and len(r.json()["changes"]) == 800
        plain = Device(hub.http, dev.key, dev.device_id, A, {})
        assert plain.pull().status_code == 401  # signed without the prefix the device used
    finally:
        hub.close()
