"""Card files: EF.COM, DG1, DG2, DG13, DG14, DG15, EF.CardAccess and the CardReading assembler.

Fixtures are written byte by byte from the documented structures (ICAO 9303-10, DOMAIN.md §4)
with a local length encoder, so the parsers are not only tested against our own builders.
"""

from __future__ import annotations

import io
import struct

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from PIL import Image

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
    face_to_png,
    parse_card_access,
    parse_dg1,
    parse_dg2,
    parse_dg13,
    parse_dg14,
    parse_dg15,
    parse_ef_com,
)

VN_MRZ = (
    "IDVNM0950123455038095012345<<29501153M3501151VNM<<<<<<<<<<<2NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"
)


def der(tag: int, value: bytes) -> bytes:
    """Independent BER-TLV writer for fixtures (multi-byte tags, short/long lengths)."""
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n < 0x100:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return tag_bytes + length + value


def utf8(text: str) -> bytes:
    return der(0x0C, text.encode("utf-8"))


def entry(number: int, *values: bytes) -> bytes:
    return der(0x30, der(0x02, bytes([number])) + b"".join(values))


ADDRESS = (
    "Số nhà 123, ngõ 45, đường Nguyễn Trãi, tổ dân phố Thượng Đình, phường Thanh Xuân, "
    "thành phố Hà Nội, Việt Nam"
)


def dg13_fixture(*, with_spouse: bytes | None = None) -> bytes:
    fields = [
        entry(1, der(0x13, b"038095012345")),  # PrintableString
        entry(2, utf8("Nguyễn Văn An")),
        entry(3, utf8("15/01/1995")),
        entry(4, utf8("Nam")),
        entry(5, utf8("Việt Nam")),
        entry(6, utf8("Kinh")),
        entry(7, utf8("Không")),
        entry(8, utf8("Xã Quảng Xương, Thanh Hóa")),
        entry(9, utf8(ADDRESS)),
        entry(10, utf8("Nốt ruồi C:1cm dưới sau đuôi mắt trái")),
        entry(11, utf8("20/04/2021")),
        entry(12, utf8("15/01/2035")),
        entry(13, der(0x30, utf8("Nguyễn Văn Bình") + utf8("Trần Thị Cúc"))),
        entry(15, der(0x13, b"123456789")),
        entry(99, utf8("trường mới 2024")),
        entry(100, der(0x02, b"\x05")),
    ]
    if with_spouse is not None:
        fields.insert(13, with_spouse)
    body = der(0x02, b"\x01") + bytes.fromhex("060628d316010008") + der(0x31, b"".join(fields))
    return der(0x6D, der(0x30, body))


# -- EF.COM -------------------------------------------------------------------------------------


def test_ef_com_hand_built():
    data = der(
        0x60,
        der(0x5F01, b"0107")
        + der(0x5F36, b"040000")
        + der(0x5C, bytes([0x61, 0x75, 0x63, 0x6D, 0x6E, 0x6F])),
    )
    com = parse_ef_com(data)
    assert com.lds_version == "0107"
    assert com.unicode_version == "040000"
    assert com.data_groups == (1, 2, 3, 13, 14, 15)
    assert parse_ef_com(build_ef_com(com.data_groups)) == com


def test_ef_com_unknown_tag_and_errors():
    com = parse_ef_com(der(0x60, der(0x5C, bytes([0x61, 0x99]))))
    assert com.data_groups == (1,)
    assert com.unknown_tags == (0x99,)
    for bad in (b"", der(0x61, b""), der(0x60, der(0x5F01, b"0107"))):
        with pytest.raises(CardDataError):
            parse_ef_com(bad)


# -- DG1 ----------------------------------------------------------------------------------------


def test_dg1_hand_built_and_roundtrip():
    data = der(0x61, der(0x5F1F, VN_MRZ.encode()))
    mrz = parse_dg1(data)
    assert mrz.id_number == "038095012345"
    assert mrz.valid
    assert build_dg1(mrz) == data
    assert parse_dg1(build_dg1(mrz.text)) == mrz


def test_dg1_padding_allowed_td3_rejected():
    data = der(0x61, der(0x5F1F, VN_MRZ.encode())) + b"\x00\x00"
    assert parse_dg1(data).valid
    td3 = der(0x61, der(0x5F1F, b"P<UTO" + b"<" * 83))
    with pytest.raises(CardDataError):
        parse_dg1(td3)


# -- DG2 ----------------------------------------------------------------------------------------


def _image(fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 32), (200, 150, 120)).save(out, fmt, **kwargs)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "kwargs", "expected"),
    [
        ("JPEG", {}, "jpeg"),
        ("JPEG2000", {}, "jpeg2000"),
        ("JPEG2000", {"no_jp2": True}, "jpeg2000"),
    ],
)
def test_dg2_roundtrip_and_png(fmt, kwargs, expected):
    image = _image(fmt, **kwargs)
    face = parse_dg2(build_dg2(image, width=24, height=32))
    assert face.image == image
    assert face.format == expected
    assert (face.width, face.height) == (24, 32)
    png = face_to_png(face.image)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(png)).size == (24, 32)


def test_dg2_hand_built_with_feature_points():
    """The ISO 19794-5 header is skipped by its lengths (here two feature points)."""
    image = _image("JPEG")
    points = 2
    face_info = struct.pack(">IH", 20 + 8 * points + 12 + len(image), points) + bytes(14)
    feature_points = bytes(8 * points)
    image_info = struct.pack(">BBHHBBHH", 1, 0, 24, 32, 1, 2, 0, 0)
    record = face_info + feature_points + image_info + image
    block = b"FAC\x00010\x00" + struct.pack(">IH", 14 + len(record), 1) + record
    bht = der(0xA1, der(0x87, b"\x01\x01") + der(0x88, b"\x00\x08"))
    dg2 = der(0x75, der(0x7F61, der(0x02, b"\x01") + der(0x7F60, bht + der(0x5F2E, block))))
    face = parse_dg2(dg2)
    assert face.image == image
    assert face.format == "jpeg"


def test_dg2_errors():
    with pytest.raises(CardDataError):
        parse_dg2(der(0x75, der(0x7F61, der(0x02, b"\x01"))))
    with pytest.raises(CardDataError):
        parse_dg2(der(0x75, der(0x7F61, der(0x7F60, der(0x7F2E, der(0x80, b"x"))))))
    with pytest.raises(CardDataError):
        face_to_png(b"\xff\xd8\xff garbage")
    with pytest.raises(CardDataError):
        build_dg2(b"GIF89a")


# -- DG13 ---------------------------------------------------------------------------------------


def test_dg13_hand_built_fixture():
    data = dg13_fixture()
    assert b"\x0c\x81" in data or b"\x0c\x82" in data  # the address uses a long-form length
    dg13 = parse_dg13(data)
    assert dg13.version == 1
    assert dg13.charset == "1.0.10646.1.0.8"
    f = dg13.fields
    assert f[1] == "038095012345"
    assert f[2] == "Nguyễn Văn An"
    assert f[9] == ADDRESS and len(ADDRESS.encode()) > 127
    assert f[13] == ("Nguyễn Văn Bình", "Trần Thị Cúc")
    assert 14 not in f
    assert f[99] == "trường mới 2024"
    assert f[100] == bytes.fromhex("020105")


def test_dg13_text_is_nfc():
    decomposed = "Nguye\u0302\u0303n"  # NFD "Nguyễn"
    data = der(
        0x6D,
        der(
            0x30,
            der(0x02, b"\x01")
            + bytes.fromhex("060628d316010008")
            + der(0x31, entry(2, utf8(decomposed))),
        ),
    )
    assert parse_dg13(data).fields[2] == "Nguyễn"


def test_dg13_empty_spouse_and_spouse():
    assert parse_dg13(dg13_fixture(with_spouse=entry(14, der(0x30, b"")))).fields[14] == ()
    married = parse_dg13(dg13_fixture(with_spouse=entry(14, der(0x30, utf8("Lê Thị Hoa")))))
    assert married.fields[14] == ("Lê Thị Hoa",)


def test_dg13_invalid_utf8_field_is_kept_as_bytes():
    bad = der(0x0C, b"\xc3\x28")
    data = der(
        0x6D,
        der(
            0x30,
            der(0x02, b"\x01")
            + bytes.fromhex("060628d316010008")
            + der(0x31, entry(2, bad) + entry(4, utf8("Nữ"))),
        ),
    )
    dg13 = parse_dg13(data)
    assert dg13.fields[2] == bad
    assert dg13.fields[4] == "Nữ"


def test_dg13_roundtrip():
    fields = {
        1: "038095012345",
        2: "Nguyễn Văn An",
        9: ADDRESS * 3,  # > 255 bytes: two-byte long-form length
        13: ("Nguyễn Văn Bình", "Trần Thị Cúc"),
        14: (),
        16: bytes.fromhex("0402abcd"),
        99: "x",
    }
    assert parse_dg13(build_dg13(fields)).fields == fields
    assert parse_dg13(dg13_fixture()) == parse_dg13(build_dg13(parse_dg13(dg13_fixture()).fields))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        der(0x6D, b""),
        der(0x6D, der(0x02, b"\x01")),
        der(0x6E, b""),
        der(
            0x6D,
            der(
                0x30,
                der(0x02, b"\x01")
                + bytes.fromhex("060628d316010008")
                + der(0x31, der(0x30, der(0x02, b"") + utf8("x"))),
            ),
        ),
    ],
)
def test_dg13_malformed(data):
    with pytest.raises(CardDataError):
        parse_dg13(data)


# -- DG14, DG15, EF.CardAccess ------------------------------------------------------------------


def _ec_spki(curve=None) -> bytes:
    key = ec.generate_private_key(curve or ec.BrainpoolP256R1())
    return key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def test_card_access_hand_built():
    """What DOMAIN.md says CCCDs advertise: PACE-ECDH-GM-AES-128 v2 param 13, CA, TA."""
    pace = der(
        0x30, bytes.fromhex("060a04007f00070202040202") + der(0x02, b"\x02") + der(0x02, b"\x0d")
    )
    ca = der(0x30, bytes.fromhex("060a04007f00070202030202") + der(0x02, b"\x01"))
    ta = der(0x30, bytes.fromhex("060804007f0007020202") + der(0x02, b"\x02"))
    infos = parse_card_access(der(0x31, pace + ca + ta))
    assert infos[0] == si.PaceInfo(si.ID_PACE_ECDH_GM_AES_CBC_CMAC_128, 2, 13)
    assert infos[1] == si.ChipAuthenticationInfo(si.ID_CA_ECDH_AES_CBC_CMAC_128, 1, None)
    assert isinstance(infos[2], si.UnknownSecurityInfo)
    assert infos[2].protocol == si.ID_TA
    assert build_card_access(infos) == der(0x31, pace + ca + ta)


def test_dg14_roundtrip():
    infos = [
        si.ChipAuthenticationInfo(si.ID_CA_ECDH_AES_CBC_CMAC_128, 1, 7),
        si.ChipAuthenticationPublicKeyInfo(si.ID_PK_ECDH, _ec_spki(), 7),
        si.ActiveAuthenticationInfo(si.ID_AA, 1, "0.4.0.127.0.7.1.1.4.1.3"),
        si.PaceInfo(si.ID_PACE_ECDH_GM_AES_CBC_CMAC_128, 2, None),
    ]
    data = build_dg14(infos)
    assert data[0] == 0x6E
    assert parse_dg14(data) == infos
    assert parse_card_access(build_card_access(infos)) == infos
    load_public_key(parse_dg14(data)[1].public_key_spki)


def test_security_infos_errors():
    for bad in (
        b"",
        der(0x30, b""),
        der(0x31, der(0x30, der(0x02, b"\x01"))),
        der(0x31, der(0x04, b"x")),
    ):
        with pytest.raises(CardDataError):
            parse_card_access(bad)
    with pytest.raises(CardDataError):
        parse_dg14(der(0x31, b""))


@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_dg15_roundtrip(kind):
    if kind == "ec":
        spki = _ec_spki(ec.SECP256R1())
    else:
        spki = (
            rsa.generate_private_key(public_exponent=65537, key_size=1024)
            .public_key()
            .public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
    assert parse_dg15(build_dg15(spki)) == spki
    load_public_key(parse_dg15(build_dg15(spki)))
    with pytest.raises(CardDataError):
        parse_dg15(der(0x6F, der(0x30, der(0x02, b"\x01"))))


# -- CardReading assembler ----------------------------------------------------------------------


def test_card_reading_from_all_files():
    image = _image("JPEG")
    reading = card_reading_from_files(build_dg1(VN_MRZ), dg13_fixture(), build_dg2(image))
    assert reading.source == "chip"
    assert reading.id_number == "038095012345"
    assert reading.full_name == "Nguyễn Văn An"
    assert reading.date_of_birth == "1995-01-15"
    assert reading.sex == "Nam"
    assert reading.nationality == "Việt Nam"
    assert reading.ethnicity == "Kinh"
    assert reading.religion == "Không"
    assert reading.place_of_residence == ADDRESS
    assert reading.date_of_issue == "2021-04-20"
    assert reading.date_of_expiry == "2035-01-15"
    assert (reading.father_name, reading.mother_name) == ("Nguyễn Văn Bình", "Trần Thị Cúc")
    assert reading.spouse_name is None
    assert reading.old_id_number == "123456789"
    assert reading.mrz == "\n".join(VN_MRZ[i : i + 30] for i in (0, 30, 60))
    assert reading.face_image == image
    assert reading.face_image_format == "jpeg"
    assert reading.extra["dg13.99"] == "trường mới 2024"
    assert reading.extra["dg13.100"] == "020105"
    assert "dg13_dg1_mismatch" not in reading.extra
    reading.to_json_dict()


def test_card_reading_from_dg1_only():
    reading = card_reading_from_files(build_dg1(VN_MRZ), None, None)
    assert reading.full_name == "NGUYEN VAN AN"
    assert reading.sex == "Nam"
    assert reading.nationality == "Việt Nam"
    assert reading.date_of_birth == "1995-01-15"
    assert reading.date_of_expiry == "2035-01-15"


def test_card_reading_partial_dates_no_expiry_and_mismatch():
    data = build_dg13(
        {
            1: "038095012346",
            2: "Lò Văn Páo",
            3: "00/00/1950",
            4: "Nam",
            12: "Không thời hạn",
            14: ("Lò Thị Mai",),
        }
    )
    reading = card_reading_from_files(build_dg1(VN_MRZ), data, None)
    assert reading.date_of_birth == "1950"
    assert reading.date_of_expiry == "2035-01-15"  # from the MRZ
    assert reading.extra["date_of_expiry_text"] == "Không thời hạn"
    assert reading.spouse_name == "Lò Thị Mai"
    assert set(reading.extra["dg13_dg1_mismatch"].split(",")) == {"id_number", "date_of_birth"}


def test_card_reading_tolerates_one_bad_file_but_not_all():
    reading = card_reading_from_files(b"\x61\x03\x5f\x1f\x00", dg13_fixture(), b"garbage")
    assert reading.full_name == "Nguyễn Văn An"
    assert "dg1_error" in reading.extra and "dg2_error" in reading.extra
    with pytest.raises(CardDataError):
        card_reading_from_files(b"\x61\x00", b"\x6d\x00", None)
    with pytest.raises(CardDataError):
        card_reading_from_files(None, None, None)
