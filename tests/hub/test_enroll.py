"""hello, enrollment codes (good, reused, expired, unknown), key reuse, revocation everywhere."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

from sync.hub import admin, schema
from sync.protocol import generate_device_key, public_key_to_text
from sync.protocol.wire import parse_time
from tests.hub.helpers import A, B, Device


def _enroll(hub, code, key=None, name="Máy một cửa"):
    key = key or generate_device_key()
    return hub.http.post("/v1/enroll", json={
        "code": code, "device_name": name, "public_key": public_key_to_text(key.public_key())})


def _is_error(r, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == code
    assert body["detail"] and body["message"]
    assert re.search(r"[ạảãáàâấầẩẫậăắằẳẵặđẹẻẽéèêếềểễệịỉĩíìọỏõóòôốồổỗộơớờởỡợụủũúùưứừửữựỳỵỷỹý]",
                     body["message"]), "the message is for people: Vietnamese"


def test_hello_gives_time_keys_and_limits(hub):
    r = hub.http.get("/v1/hello")
    assert r.status_code == 200
    body = r.json()
    assert body["api"] == 1 and body["max_body"] == hub.config.max_body
    assert body["hub_id"] == hub.state.keys.hub_id and body["hub_id"].startswith("hub-")
    assert abs(parse_time(body["server_time"], "t") - datetime.now(UTC)) < timedelta(seconds=5)
    assert body["signing_key"] == hub.state.keys.signing_key_text
    assert body["sealing_key"] == hub.state.keys.sealing_key_text


def test_enroll_with_a_good_code_binds_key_to_commune(hub):
    code = hub.code(A)
    r = _enroll(hub, code.lower().replace("-", " "))  # read out over the phone: any spelling
    assert r.status_code == 200, r.text
    body = r.json()
    assert re.fullmatch(r"d-[0-9a-f]{16}", body["device_id"])
    assert body["commune_code"] == A and body["commune_name"]
    assert body["hub_id"] == hub.state.keys.hub_id
    assert body["signing_key"] == hub.state.keys.signing_key_text
    (device,) = admin.list_devices(hub.db, A)
    assert device["device_id"] == body["device_id"] and device["revoked_at"] is None
    # only a hash of the code is stored
    with hub.db.read() as conn:
        stored = [r.code_hash for r in conn.execute(schema.enrollment_code.select())]
    assert code not in stored and all(len(h) == 64 for h in stored)
    assert hashlib.sha256(code.encode()).hexdigest() not in stored


def test_a_code_works_once_and_bad_codes_all_look_alike(hub):
    code = hub.code(A)
    assert _enroll(hub, code).status_code == 200
    reused = _enroll(hub, code)
    _is_error(reused, 403, "bad_code")
    unknown = _enroll(hub, "AAAA-BBBB-CCCC-DDDD")
    _is_error(unknown, 403, "bad_code")
    expired_code = hub.code(B)
    hub.expire_codes()
    expired = _enroll(hub, expired_code)
    _is_error(expired, 403, "bad_code")
    assert reused.json() == unknown.json() == expired.json()  # never says which
    assert len(admin.list_devices(hub.db)) == 1


def test_a_key_enrolled_once_is_refused_and_the_code_survives(hub):
    key = generate_device_key()
    assert _enroll(hub, hub.code(A), key).status_code == 200
    code = hub.code(A)
    _is_error(_enroll(hub, code, key), 409, "key_in_use")
    assert _enroll(hub, code).status_code == 200  # the failed attempt did not use it up


def test_enroll_body_is_validated(hub):
    code = hub.code(A)
    _is_error(hub.http.post("/v1/enroll", json={"code": code}), 422, "invalid_request")
    _is_error(hub.http.post("/v1/enroll", content=b"{not json",
                            headers={"Content-Type": "application/json"}), 422, "invalid_request")
    _is_error(hub.http.post("/v1/enroll", json={"code": code, "device_name": "PC",
                                                "public_key": "bm90IGEga2V5"}),
              422, "invalid_request")
    assert _enroll(hub, code).status_code == 200  # none of that used the code


def test_revoked_device_is_refused_everywhere(hub):
    dev = hub.device(A)
    batch = dev.batch(dev.op())
    assert dev.push(batch).status_code == 200
    admin.revoke_device(hub.db, dev.device_id)
    sha = "ab" * 32
    for r in (dev.push(dev.batch(dev.op())), dev.pull(),
              dev.signed("GET", f"/v1/attachments/{sha}"),
              dev.signed("PATCH", f"/v1/attachments/{sha}", b"x",
                         headers={"Upload-Offset": "0", "Upload-Length": "1"}),
              dev.signed("GET", f"/v1/attachments/{sha}/content")):
        _is_error(r, 403, "device_revoked")
    assert hub.count(schema.op_ledger) == 1


def test_unsigned_or_wrongly_signed_requests_are_401_with_server_time(hub):
    dev = hub.device(A)
    r = hub.http.get("/v1/pull")
    _is_error(r, 401, "unauthenticated")
    assert parse_time(r.json()["server_time"], "t")
    other = generate_device_key()
    forged = Device(hub.http, other, dev.device_id, A, {})
    _is_error(forged.pull(), 401, "unauthenticated")
    stranger = Device(hub.http, other, "d-0000000000000000", A, {})
    _is_error(stranger.pull(), 401, "unauthenticated")
    # a captured request cannot be replayed
    from sync.protocol.requests import sign_request

    headers = sign_request(dev.key, dev.device_id, "GET", "/v1/pull?after=0")
    assert hub.http.get("/v1/pull?after=0", headers=headers).status_code == 200
    _is_error(hub.http.get("/v1/pull?after=0", headers=headers), 401, "unauthenticated")
    # the time is the hub's as the device estimates it: ±300 s
    late = sign_request(dev.key, dev.device_id, "GET", "/v1/pull?after=0",
                        skew=timedelta(seconds=-400))
    _is_error(hub.http.get("/v1/pull?after=0", headers=late), 401, "unauthenticated")
