"""Fuzzing: any bytes or text given to a card parser gives a value or CardDataError, never
another exception or a hang. Inputs are random and, more usefully, mutations of valid files."""

from __future__ import annotations

import datetime as dt
import os

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.keys import load_public_key
from card_reader.lds import security_infos as si
from card_reader.lds.files import (
    build_card_access,
    build_dg1,
    build_dg2,
    build_dg13,
    build_dg14,
    build_dg15,
    build_ef_com,
    card_reading_from_files,
    parse_card_access,
    parse_dg1,
    parse_dg2,
    parse_dg13,
    parse_dg14,
    parse_dg15,
    parse_ef_com,
    parse_sod,
)
from card_reader.mrz import parse_td1, parse_typed_mrz
from card_reader.passive_auth import verify
from card_reader.qr import WedgeBurstDetector, parse_qr
from card_reader.trust import TrustStore
from card_reader.virtual.pki import generate_test_pki

FUZZ = settings(
    max_examples=int(os.environ.get("XASO_FUZZ_EXAMPLES", "300")),  # raise it for a deep run
    deadline=dt.timedelta(seconds=2),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

VN_MRZ = (
    "IDVNM0950123455038095012345<<2\n9501153M3501151VNM<<<<<<<<<<<2\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"
)
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
_PKI = generate_test_pki(seed=b"fuzz")
DG1 = build_dg1(VN_MRZ)
DG13 = build_dg13(
    {
        1: "038095012345",
        2: "Nguyễn Văn An",
        3: "15/01/1995",
        9: "Hà Nội " * 30,
        13: ("Nguyễn Văn Bình", "Trần Thị Cúc"),
        14: (),
        99: b"\x02\x01\x05",
    }
)
DG2 = build_dg2(JPEG, width=1, height=1)
_SPKI = _PKI.dsc_cert.public_key().public_bytes(
    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
)
DG14 = build_dg14(
    [
        si.ChipAuthenticationInfo(si.ID_CA_ECDH_AES_CBC_CMAC_128, 1, None),
        si.ChipAuthenticationPublicKeyInfo(si.ID_PK_ECDH, _SPKI, None),
    ]
)
DG15 = build_dg15(_SPKI)
CARD_ACCESS = build_card_access([si.PaceInfo(si.ID_PACE_ECDH_GM_AES_CBC_CMAC_128, 2, 13)])
COM = build_ef_com([1, 2, 13, 14, 15])
FILES = {1: DG1, 2: DG2, 13: DG13, 14: DG14, 15: DG15}
SOD = _PKI.build_sod(FILES)
TRUST = TrustStore()
TRUST.add(asn1_x509.Certificate.load(_PKI.csca_der))


@st.composite
def mutated(draw, seed: bytes):
    """A valid file with a few byte edits, insertions, deletions or a truncation."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["set", "insert", "delete", "truncate"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "set" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=4))
        elif kind == "delete" and data:
            del data[pos : pos + draw(st.integers(1, 4))]
        elif kind == "truncate":
            del data[pos:]
    return bytes(data)


def inputs(seed: bytes):
    return st.one_of(st.binary(max_size=300), mutated(seed))


def _only_card_data_error(fn, *args) -> None:
    try:
        fn(*args)
    except CardDataError:
        pass


def _walk(item: tlv.Tlv, depth: int = 0) -> None:
    if depth < 8 and item.constructed:
        for child in item.children():
            _walk(child, depth + 1)


@FUZZ
@given(inputs(DG13))
def test_fuzz_tlv(data):
    try:
        for item in tlv.decode_all(data):
            _walk(item)
        tlv.decode(data)
    except CardDataError:
        pass


@FUZZ
@given(inputs(DG1))
def test_fuzz_dg1(data):
    _only_card_data_error(parse_dg1, data)


@FUZZ
@given(inputs(DG13))
def test_fuzz_dg13(data):
    _only_card_data_error(parse_dg13, data)
    _only_card_data_error(card_reading_from_files, None, data, None)


@FUZZ
@given(inputs(SOD))
def test_fuzz_sod(data):
    _only_card_data_error(parse_sod, data)
    result = verify(data, FILES, TRUST)  # never raises at all
    assert not (data != SOD and result.passed and len(data) < len(SOD) - 8)


@FUZZ
@given(st.one_of(inputs(DG2), inputs(COM), inputs(DG14), inputs(DG15), inputs(CARD_ACCESS)))
def test_fuzz_other_files(data):
    for parser in (parse_dg2, parse_ef_com, parse_dg14, parse_dg15, parse_card_access):
        _only_card_data_error(parser, data)
    _only_card_data_error(load_public_key, data)
    _only_card_data_error(card_reading_from_files, data, None, data)


_MRZ_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<«\n oO"


@st.composite
def mutated_text(draw, seed: str, alphabet: str):
    text = list(seed)
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, max(len(text) - 1, 0)))
        kind = draw(st.sampled_from(["set", "insert", "delete"]))
        char = draw(st.one_of(st.sampled_from(alphabet), st.characters()))
        if kind == "set" and text:
            text[pos] = char
        elif kind == "insert":
            text.insert(pos, char)
        elif text:
            del text[pos]
    return "".join(text)


@FUZZ
@given(st.one_of(st.text(max_size=120), mutated_text(VN_MRZ, _MRZ_ALPHABET)))
def test_fuzz_mrz(text):
    _only_card_data_error(parse_td1, text)
    _only_card_data_error(parse_typed_mrz, text)


QR = "038095012345|123456789|Nguyễn Văn An|15011995|Nam|Số 12 Hàng Bạc, Hà Nội|20042021"


@FUZZ
@given(st.one_of(st.text(max_size=200), mutated_text(QR, "0123456789|/ ễăÃá»")))
def test_fuzz_qr(text):
    _only_card_data_error(parse_qr, text)
    detector = WedgeBurstDetector()
    for i, ch in enumerate(text):
        detector.feed(ch, i * 7.0)
