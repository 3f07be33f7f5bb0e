"""The sync wire protocol: every refusal has its own code, and nothing unproven gets through."""

from __future__ import annotations

import base64
import gzip
import json
import time
import tracemalloc
import uuid
import zlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.audit import canonical_json
from core.models import SYNCED_ENTITIES, Hamlet, Person, row_of
from core.outbox import row_hash
from sync.protocol import (
    ERRORS,
    Batch,
    BatchResult,
    HashMismatch,
    InvalidOp,
    Malformed,
    Op,
    OpResult,
    ProtocolError,
    classify_replay,
    decode_batch,
    decode_batch_result,
    encode_batch,
    encode_batch_result,
    generate_device_key,
    generate_hub_sealing_key,
    key_id,
    open_sealed,
    private_key_from_pem,
    private_key_to_pem,
    public_key_from_text,
    public_key_to_text,
    seal_for_hub,
    sealing_key_from_text,
    sealing_key_to_text,
)
from sync.protocol.batch import encode_body, gunzip_limited
from sync.protocol.signing import sign_envelope

DEVICE = "dev-0001"
COMMUNE = "16498"
KEY = generate_device_key()
OTHER_KEY = generate_device_key()
WHEN = datetime(2025, 7, 1, 8, 30, 15, 123456, tzinfo=UTC)


def lookup_for(keys: dict):
    return lambda device_id, kid: keys.get(device_id)


LOOKUP = lookup_for({DEVICE: KEY.public_key(), "dev-0002": OTHER_KEY.public_key()})


def uid() -> str:
    return str(uuid.uuid4())


def make_op(seq: int, row: dict | None = None, **overrides) -> Op:
    if row is None:
        row = row_of(Hamlet(name=f"Thôn {seq}", commune_code=COMMUNE, position=seq))
    fields = dict(op_id=uid(), seq=seq, entity="hamlet", entity_id=row["id"], op="upsert",
                  base_version=row["version"] - 1, version=row["version"], payload=row,
                  payload_hash=row_hash(row), data_domain="population", supersedes=())
    fields.update(overrides)
    return Op(**fields)


def make_batch(n: int = 3, device_id: str = DEVICE) -> Batch:
    return Batch(commune_code=COMMUNE, device_id=device_id, batch_id=uid(), created_at=WHEN,
                 ops=[make_op(i * 2 + 1) for i in range(n)])


def envelope(data: bytes) -> dict:
    return json.loads(data)


def rewrap(data: bytes, **changes) -> bytes:
    env = envelope(data)
    env.update(changes)
    return canonical_json(env).encode()


def sign_dict(body: dict, key=KEY, device_id: str = DEVICE) -> bytes:
    """Sign an arbitrary body as a (possibly buggy or hostile) enrolled device would."""
    raw = canonical_json(body).encode()
    return sign_envelope(gzip.compress(raw, mtime=0), key, device_id)


def sign_raw(body: bytes, key=KEY, device_id: str = DEVICE) -> bytes:
    return sign_envelope(body, key, device_id)


def code_of(data: bytes, lookup=LOOKUP, **kw) -> str:
    with pytest.raises(ProtocolError) as info:
        decode_batch(data, lookup, **kw)
    return info.value.code


# --- batch: round trip and determinism ---------------------------------------------------------

def test_round_trip_keeps_every_field():
    person = row_of(Person(full_name="Nguyễn Văn Ánh", name_folded="nguyen van anh",
                           name_key="nguyễn văn ánh", sort_key="x", birth_year=1990,
                           deleted_at=WHEN))
    assert person["deleted_at"] and person["phone"] is None  # DB text time, nulls
    batch = make_batch(4)
    batch = Batch(COMMUNE, DEVICE, uid(), WHEN, [*batch.ops, make_op(
        99, person, entity="person", supersedes=(uid(), uid()), op="delete",
        data_domain="justice")])
    decoded = decode_batch(encode_batch(batch, KEY), LOOKUP)
    assert decoded == batch
    assert decoded.created_at == WHEN and decoded.created_at.tzinfo is not None
    assert decoded.ops[0].payload["name"] == "Thôn 1"
    assert decoded.ops[-1].payload == person and decoded.ops[-1].op == "delete"
    assert decoded.ops[-1].payload_hash == row_hash(person)


def test_identical_input_gives_identical_bytes():
    batch = make_batch(5)
    copy = Batch(**{f: getattr(batch, f) for f in ("commune_code", "device_id", "batch_id",
                                                   "created_at", "ops")})
    assert encode_batch(batch, KEY) == encode_batch(copy, KEY)
    body = base64.b64decode(envelope(encode_batch(batch, KEY))["body"])
    assert body[4:8] == b"\0\0\0\0"  # gzip mtime is zero


def test_created_at_in_another_zone_is_the_same_instant():
    batch = make_batch(1)
    plus7 = WHEN.astimezone(timezone(timedelta(hours=7)))
    other = Batch(COMMUNE, DEVICE, batch.batch_id, plus7, batch.ops)
    assert encode_batch(other, KEY) == encode_batch(batch, KEY)
    with pytest.raises(Malformed):
        Batch(COMMUNE, DEVICE, uid(), WHEN.replace(tzinfo=None), batch.ops)


def test_envelope_names_device_key_and_body_hash():
    data = encode_batch(make_batch(1), KEY)
    env = envelope(data)
    assert set(env) == {"format", "version", "device_id", "key_id", "body_sha256", "signature",
                        "body"}
    assert env["format"] == "xaso-sync" and env["version"] == 1 and env["device_id"] == DEVICE
    assert env["key_id"] == key_id(KEY.public_key())


# --- batch: signatures and devices --------------------------------------------------------------

def test_flipped_bit_anywhere_in_body_is_bad_signature():
    data = encode_batch(make_batch(2), KEY)
    body = base64.b64decode(envelope(data)["body"])
    for i in range(len(body)):
        tampered = bytearray(body)
        tampered[i] ^= 1 << (i % 8)
        assert code_of(rewrap(data, body=base64.b64encode(bytes(tampered)).decode())) == \
            "bad_signature", i


def test_flipped_bit_anywhere_in_signature_is_bad_signature():
    data = encode_batch(make_batch(1), KEY)
    signature = base64.b64decode(envelope(data)["signature"])
    for bit in range(len(signature) * 8):
        tampered = bytearray(signature)
        tampered[bit // 8] ^= 1 << (bit % 8)
        assert code_of(rewrap(data, signature=base64.b64encode(bytes(tampered)).decode())) == \
            "bad_signature", bit


def test_flipped_bit_anywhere_in_envelope_is_refused():
    data = encode_batch(make_batch(1), KEY)
    for i in range(len(data)):
        tampered = bytearray(data)
        tampered[i] ^= 1 << (i % 8)
        with pytest.raises(ProtocolError):
            decode_batch(bytes(tampered), LOOKUP)


def test_body_hash_must_match_signed_body():
    data = encode_batch(make_batch(1), KEY)
    assert code_of(rewrap(data, body_sha256="0" * 64)) == "bad_signature"


def test_signature_by_another_device_key_is_bad_signature():
    batch = make_batch(2)
    forged = encode_batch(batch, OTHER_KEY)  # claims DEVICE, key id of the other key
    assert code_of(forged) == "bad_signature"
    # same, but also claiming the victim's key id
    assert code_of(rewrap(forged, key_id=key_id(KEY.public_key()))) == "bad_signature"


def test_body_device_must_be_the_signing_device():
    # dev-0002 signs a batch that says it comes from DEVICE
    data = sign_dict(make_batch(1).to_dict(), key=OTHER_KEY, device_id="dev-0002")
    assert code_of(data) == "bad_signature"


def test_unknown_device():
    data = encode_batch(make_batch(1), KEY)
    assert code_of(data, lookup_for({})) == "unknown_device"
    revoked = lookup_for({"dev-0002": OTHER_KEY.public_key()})
    assert code_of(data, revoked) == "unknown_device"


# --- batch: payload hashes ----------------------------------------------------------------------

def test_tampered_payload_resigned_with_wrong_hash_is_hash_mismatch():
    batch = make_batch(3)
    body = batch.to_dict()
    body["ops"][1]["payload"]["name"] = "Thôn bị sửa"
    with pytest.raises(HashMismatch) as info:
        decode_batch(sign_dict(body), LOOKUP)
    assert info.value.code == "hash_mismatch" and info.value.op_index == 1


def test_device_refuses_to_sign_a_wrong_hash():
    op = make_op(1)
    bad = make_op(2, payload_hash=row_hash({"other": 1}))
    batch = Batch(COMMUNE, DEVICE, uid(), WHEN, [op, bad])
    with pytest.raises(HashMismatch):
        encode_batch(batch, KEY)
    encoded = sign_raw(encode_body(batch))  # a device that skipped the check
    assert code_of(encoded) == "hash_mismatch"


# --- batch: size limits --------------------------------------------------------------------------

def _gzip_bomb(total: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(total // len(zeros))]
    return b"".join(parts) + packer.flush()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return sign_raw(_gzip_bomb(200 * 1024 * 1024))


def test_gzip_bomb_is_refused_quickly(bomb):
    assert len(bomb) < 1024 * 1024
    start = time.perf_counter()
    assert code_of(bomb) == "too_large"
    assert time.perf_counter() - start < 2


def test_gzip_bomb_is_never_allocated(bomb):
    tracemalloc.start()
    try:
        assert code_of(bomb, max_size=1024 * 1024) == "too_large"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_limit_is_configurable():
    data = encode_batch(make_batch(20), KEY)
    decompressed = len(gzip.decompress(base64.b64decode(envelope(data)["body"])))
    assert decode_batch(data, LOOKUP, max_size=decompressed)
    assert code_of(data, max_size=decompressed - 1) == "too_large"


def test_oversized_envelope_is_too_large_before_parsing():
    assert code_of(b"{" + b" " * 200_000, max_size=1000) == "too_large"


def test_gunzip_limited_handles_large_legit_bodies():
    raw = bytes(range(256)) * 10_000
    assert gunzip_limited(gzip.compress(raw, mtime=0), len(raw)) == raw


# --- batch: versions and malformed input --------------------------------------------------------

def test_unsupported_envelope_version():
    data = encode_batch(make_batch(1), KEY)
    assert code_of(rewrap(data, version=2)) == "unsupported_version"


def test_unsupported_body_version():
    body = make_batch(1).to_dict()
    body["version"] = 2
    assert code_of(sign_dict(body)) == "unsupported_version"


@pytest.mark.parametrize("data", [
    b"", b"not json", b"[]", b'{"format": "xaso-sync"', b"\xff\xfe", b"null",
    b'{"format": "other", "version": 1}', b'{"format": "xaso-sync", "version": 1}',
])
def test_malformed_envelopes(data):
    assert code_of(data) == "malformed"


def test_malformed_envelope_fields():
    data = encode_batch(make_batch(1), KEY)
    assert code_of(rewrap(data, body="***not base64***")) == "malformed"
    assert code_of(rewrap(data, key_id="XYZ")) == "malformed"
    assert code_of(rewrap(data, extra=1)) == "malformed"
    assert code_of(data[: len(data) // 2]) == "malformed"  # truncated file
    dup = data[:-1] + b',"format":"xaso-sync"}'
    assert code_of(dup) == "malformed"  # duplicate key


def test_body_not_gzip():
    assert code_of(sign_raw(b"just some bytes, not gzip")) == "malformed"


def test_truncated_gzip_body():
    body = encode_body(make_batch(3))
    for cut in (5, len(body) // 2, len(body) - 4):
        assert code_of(sign_raw(body[:cut])) == "malformed", cut


def test_data_after_gzip_stream():
    body = encode_body(make_batch(1))
    assert code_of(sign_raw(body + body)) == "malformed"


def test_body_not_json_or_not_canonical():
    assert code_of(sign_raw(gzip.compress(b"{oops", mtime=0))) == "malformed"
    pretty = json.dumps(make_batch(1).to_dict(), indent=2, ensure_ascii=False).encode()
    assert code_of(sign_raw(gzip.compress(pretty, mtime=0))) == "malformed"
    nan = canonical_json(make_batch(1).to_dict()).replace('"position":1', '"position":NaN')
    assert code_of(sign_raw(gzip.compress(nan.encode(), mtime=0))) == "malformed"


def test_body_header_fields():
    for field, value in [("commune_code", "1649"), ("batch_id", "x"), ("created_at", "today"),
                         ("ops", [])]:
        body = make_batch(1).to_dict()
        body[field] = value
        assert code_of(sign_dict(body)) == "malformed", field


# --- batch: op checks -----------------------------------------------------------------------------

def test_duplicate_op_ids_in_one_batch():
    batch = make_batch(3)
    body = batch.to_dict()
    body["ops"][2]["op_id"] = body["ops"][0]["op_id"]
    with pytest.raises(InvalidOp) as info:
        decode_batch(sign_dict(body), LOOKUP)
    assert info.value.code == "invalid_op" and info.value.op_index == 2
    with pytest.raises(InvalidOp):
        Batch(COMMUNE, DEVICE, uid(), WHEN, [batch.ops[0], batch.ops[0]])


@pytest.mark.parametrize("seqs", [(1, 1), (5, 3), (1, 2, 2)])
def test_seq_must_increase(seqs):
    body = make_batch(len(seqs)).to_dict()
    for op, seq in zip(body["ops"], seqs, strict=True):
        op["seq"] = seq
    assert code_of(sign_dict(body)) == "invalid_op"


@pytest.mark.parametrize("field,value", [
    ("op_id", "not-a-uuid"), ("op_id", str(uuid.uuid4()).upper()), ("seq", 0), ("seq", "1"),
    ("seq", True), ("entity", "user"), ("entity_id", ""), ("op", "merge"),
    ("base_version", -1), ("version", 0), ("payload", []), ("payload_hash", "ABC"),
    ("data_domain", "Tư pháp"), ("supersedes", "x"), ("supersedes", ["nope"]), ("extra", 1),
])
def test_invalid_op_fields(field, value):
    body = make_batch(1).to_dict()
    body["ops"][0][field] = value
    assert code_of(sign_dict(body)) == "invalid_op"


def test_invalid_op_relations():
    op = make_op(1)
    with pytest.raises(InvalidOp):
        make_op(1, base_version=1)  # version must move forward
    with pytest.raises(InvalidOp):
        make_op(1, entity_id=uid())  # payload is another row
    with pytest.raises(InvalidOp):
        make_op(1, op_id=op.op_id, supersedes=(op.op_id,))
    row = dict(op.payload, extra={"nested": 1})
    with pytest.raises(InvalidOp):
        make_op(1, row=row)
    with pytest.raises(InvalidOp):
        make_op(1, row=dict(op.payload, position=float("inf")))


# --- results ---------------------------------------------------------------------------------------

def _every_result() -> list[OpResult]:
    applied = OpResult.applied(uid(), 3)
    rejected = OpResult.rejected(uid(), {"name": "Tên thôn không được để trống."})
    conflict = OpResult.conflict(uid(), 7, {"id": "x", "version": 7, "name": "Thôn 2"})
    return [
        applied, rejected, conflict,
        OpResult.mismatch(uid()),
        OpResult.held(uid(), [f"person:{uid()}", uid()]),
        OpResult.duplicate(applied), OpResult.duplicate(rejected), OpResult.duplicate(conflict),
    ]


def test_batch_result_round_trip_with_every_status():
    results = _every_result()
    answer = BatchResult(batch_id=uid(), server_time=WHEN, results=results, cursor=12345)
    data = encode_batch_result(answer)
    assert decode_batch_result(data) == answer
    assert encode_batch_result(decode_batch_result(data)) == data
    assert {r.status for r in decode_batch_result(data).results} == {
        "applied", "duplicate", "mismatch", "rejected", "conflict", "held"}
    replay = decode_batch_result(data).results[7]
    assert replay.original_status == "conflict" and replay.server_row["name"] == "Thôn 2"


def test_batch_result_must_answer_each_op_in_order():
    batch = make_batch(2)
    good = BatchResult(batch.batch_id, WHEN, [OpResult.applied(op.op_id, 1) for op in batch.ops],
                       0)
    good.check_against(batch)
    swapped = BatchResult(batch.batch_id, WHEN, list(reversed(good.results)), 0)
    with pytest.raises(Malformed):
        swapped.check_against(batch)
    with pytest.raises(Malformed):
        BatchResult(uid(), WHEN, good.results, 0).check_against(batch)


@pytest.mark.parametrize("kwargs", [
    dict(status="applied"),  # no server version
    dict(status="conflict", server_version=2),  # no server row
    dict(status="rejected"),  # no field errors
    dict(status="held"),  # waiting for nothing
    dict(status="mismatch", server_version=1),
    dict(status="duplicate"),  # replays nothing
    dict(status="duplicate", original_status="held", waiting_for=("x",)),
    dict(status="ok"),
])
def test_op_result_fields_fit_the_status(kwargs):
    with pytest.raises(InvalidOp):
        OpResult(op_id=uid(), **kwargs)


def test_decode_batch_result_refuses_bad_input():
    answer = BatchResult(uid(), WHEN, _every_result(), 1)
    data = json.loads(encode_batch_result(answer))
    for change, code in [({"version": 9}, "unsupported_version"), ({"format": "x"}, "malformed"),
                         ({"cursor": -1}, "malformed"), ({"server_time": "now"}, "malformed")]:
        with pytest.raises(ProtocolError) as info:
            decode_batch_result(json.dumps({**data, **change}).encode())
        assert info.value.code == code, change
    data["results"][0]["status"] = "maybe"
    with pytest.raises(InvalidOp):
        decode_batch_result(json.dumps(data).encode())
    with pytest.raises(ProtocolError) as info:
        decode_batch_result(b"x" * 100, max_size=10)
    assert info.value.code == "too_large"


def test_classify_replay():
    h = row_hash({"id": "a"})
    assert classify_replay(h, h) == "duplicate"
    assert classify_replay(h, row_hash({"id": "b"})) == "mismatch"


# --- keys -----------------------------------------------------------------------------------------

def test_private_key_pem_round_trip_plain_and_encrypted():
    plain = private_key_from_pem(private_key_to_pem(KEY))
    assert key_id(plain.public_key()) == key_id(KEY.public_key())
    pem = private_key_to_pem(KEY, "mật khẩu máy")
    assert b"ENCRYPTED" in pem
    assert key_id(private_key_from_pem(pem, "mật khẩu máy").public_key()) == \
        key_id(KEY.public_key())
    for wrong in ("sai", None):
        with pytest.raises(ProtocolError) as info:
            private_key_from_pem(pem, wrong)
        assert info.value.code == "bad_key"
    with pytest.raises(ProtocolError):
        private_key_from_pem(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")


def test_public_key_text_and_key_id():
    text = public_key_to_text(KEY.public_key())
    assert len(base64.b64decode(text)) == 32
    assert key_id(public_key_from_text(text)) == key_id(KEY.public_key())
    assert len(key_id(KEY.public_key())) == 16 and key_id(KEY.public_key()) != \
        key_id(OTHER_KEY.public_key())
    for bad in ("AAAA", "!!", base64.b64encode(bytes(31)).decode()):
        with pytest.raises(ProtocolError):
            public_key_from_text(bad)
    # a batch signed by a key loaded back from PEM verifies against the text public key
    loaded = private_key_from_pem(private_key_to_pem(KEY, "pw"), "pw")
    lookup = lookup_for({DEVICE: public_key_from_text(text)})
    batch = make_batch(1)
    assert decode_batch(encode_batch(batch, loaded), lookup) == batch


# --- USB sealing ----------------------------------------------------------------------------------

HUB = generate_hub_sealing_key()


def test_sealed_bundle_round_trip_keeps_device_signature():
    batch = make_batch(3)
    signed = encode_batch(batch, KEY)
    hub_public = sealing_key_from_text(sealing_key_to_text(HUB.public_key()))
    sealed = seal_for_hub(signed, hub_public)
    assert signed not in sealed and b"population" not in sealed
    assert sealed.startswith(b"XASOSEAL\x01\x01")
    assert open_sealed(sealed, HUB) == signed
    assert decode_batch(open_sealed(sealed, HUB), LOOKUP) == batch
    assert seal_for_hub(signed, hub_public) != sealed  # fresh ephemeral key each time


def test_sealed_bundle_for_another_hub_cannot_be_opened():
    sealed = seal_for_hub(encode_batch(make_batch(1), KEY), HUB.public_key())
    with pytest.raises(ProtocolError) as info:
        open_sealed(sealed, generate_hub_sealing_key())
    assert info.value.code == "bad_seal"


def test_tampered_sealed_bundle_is_refused():
    sealed = seal_for_hub(encode_batch(make_batch(1), KEY), HUB.public_key())
    for i in range(10, len(sealed)):  # ephemeral key, nonce, ciphertext, tag
        tampered = bytearray(sealed)
        tampered[i] ^= 0x01
        with pytest.raises(ProtocolError) as info:
            open_sealed(bytes(tampered), HUB)
        assert info.value.code == "bad_seal", i
    with pytest.raises(ProtocolError) as info:
        open_sealed(sealed[:-1], HUB)
    assert info.value.code == "bad_seal"
    with pytest.raises(ProtocolError) as info:
        open_sealed(b"XASOSEAL\x02" + sealed[9:], HUB)
    assert info.value.code == "unsupported_version"
    with pytest.raises(ProtocolError) as info:
        open_sealed(b"NOTASEAL" + sealed[8:], HUB)
    assert info.value.code == "malformed"
    with pytest.raises(ProtocolError) as info:
        open_sealed(sealed, HUB, max_size=100)
    assert info.value.code == "too_large"


# --- errors ---------------------------------------------------------------------------------------

def test_errors_carry_a_code_and_a_vietnamese_message():
    assert set(ERRORS) >= {"malformed", "unsupported_version", "bad_signature",
                           "unknown_device", "hash_mismatch", "too_large", "invalid_op"}
    with pytest.raises(ProtocolError) as info:
        decode_batch(encode_batch(make_batch(1), KEY), lookup_for({}))
    err = info.value
    assert err.code == "unknown_device" and "đăng ký" in str(err)
    assert err.detail and err.template  # template is what the UI translates


def test_error_details_never_echo_field_values():
    body = make_batch(1).to_dict()
    body["ops"][0]["payload"]["name"] = "Nguyễn Thị Bí Mật"
    body["ops"][0]["seq"] = "Nguyễn Thị Bí Mật"
    with pytest.raises(ProtocolError) as info:
        decode_batch(sign_dict(body), LOOKUP)
    assert "Bí Mật" not in str(info.value) and "Bí Mật" not in info.value.detail


# --- property: any valid batch survives the trip ----------------------------------------------

_values = st.one_of(st.none(), st.text(max_size=30),
                    st.integers(min_value=-(2**63), max_value=2**63 - 1),
                    st.floats(allow_nan=False, allow_infinity=False))
_names = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)


@st.composite
def _ops(draw):
    n = draw(st.integers(1, 6))
    gaps = draw(st.lists(st.integers(1, 1000), min_size=n, max_size=n))
    ops, seq = [], draw(st.integers(0, 10**12))
    for gap in gaps:
        seq += gap
        entity_id = str(draw(st.uuids()))
        base = draw(st.integers(0, 10**6))
        version = base + draw(st.integers(1, 50))
        payload = draw(st.dictionaries(_names, _values, max_size=6))
        payload.update(id=entity_id, version=version)
        op_id = str(draw(st.uuids()))
        supersedes = draw(st.lists(st.uuids().map(str), max_size=3, unique=True)
                          .filter(lambda ids, o=op_id: o not in ids))
        ops.append(Op(op_id=op_id, seq=seq, entity=draw(st.sampled_from(sorted(SYNCED_ENTITIES))),
                      entity_id=entity_id, op=draw(st.sampled_from(["upsert", "delete"])),
                      base_version=base, version=version, payload=payload,
                      payload_hash=row_hash(payload), data_domain=draw(_names),
                      supersedes=supersedes))
    ids = [op.op_id for op in ops]
    assume(len(set(ids)) == len(ids))
    return ops


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=_ops(), commune=st.from_regex(r"\d{5}", fullmatch=True),
       created=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                            timezones=st.just(UTC)),
       batch_id=st.uuids().map(str))
def test_property_round_trip(ops, commune, created, batch_id):
    batch = Batch(commune_code=commune, device_id=DEVICE, batch_id=batch_id, created_at=created,
                  ops=ops)
    data = encode_batch(batch, KEY)
    decoded = decode_batch(data, LOOKUP)
    assert decoded == batch
    assert encode_batch(decoded, KEY) == data
