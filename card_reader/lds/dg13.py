"""DG13 of Vietnamese chip ID cards (tag 6D): the personal data in Vietnamese.

    6D { 30 { INTEGER 1, OID 1.0.10646.1.0.8 (UTF-8), SET OF 30 { INTEGER n, value } } }

Parsed as real ASN.1 keyed on the field number n, never by position (fields may be absent, cards
of 2024 add fields whose numbers are unconfirmed). Field numbers per DOMAIN.md §4:
1 ID number, 2 full name, 3 date of birth, 4 sex, 5 nationality, 6 ethnicity, 7 religion,
8 place of origin, 9 place of residence, 10 identifying marks, 11 issue date, 12 expiry date,
13 SEQUENCE{father, mother}, 14 SEQUENCE{spouse} (absent or empty), 15 old CMND number,
16 opaque.

A field value is
- `str` when it is one character string (UTF8String, PrintableString…; NFC),
- `tuple[str, ...]` when it is made of strings nested in SEQUENCEs (fields 13 and 14),
- `bytes` (the DER of the value elements) for anything else, kept for diagnostics.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.lds.der import (
    STRING_TAGS,
    TAG_INTEGER,
    TAG_OID,
    TAG_SEQUENCE,
    TAG_SET,
    decode_exact,
    decode_int,
    decode_oid,
    decode_string,
    encode_int,
    encode_oid,
    encode_utf8,
)

TAG_DG13 = 0x6D
UTF8_INDICATOR = "1.0.10646.1.0.8"
_MAX_DEPTH = 6  # bounds recursion on hostile nesting

Dg13Value = str | tuple[str, ...] | bytes

# Field numbers (DOMAIN.md §4).
ID_NUMBER = 1
FULL_NAME = 2
DATE_OF_BIRTH = 3
SEX = 4
NATIONALITY = 5
ETHNICITY = 6
RELIGION = 7
PLACE_OF_ORIGIN = 8
PLACE_OF_RESIDENCE = 9
IDENTIFYING_MARKS = 10
DATE_OF_ISSUE = 11
DATE_OF_EXPIRY = 12
PARENTS = 13
SPOUSE = 14
OLD_ID_NUMBER = 15


@dataclass(frozen=True)
class Dg13:
    fields: dict[int, Dg13Value] = field(default_factory=dict)
    version: int | None = None
    charset: str | None = None  # the OID after the version, e.g. UTF8_INDICATOR

    def text(self, number: int) -> str | None:
        """The field as one string (None when absent, empty, or not text)."""
        value = self.fields.get(number)
        if isinstance(value, str):
            return value or None
        if isinstance(value, tuple):
            return " ".join(value) or None
        return None

    def names(self, number: int) -> tuple[str | None, ...]:
        value = self.fields.get(number)
        if isinstance(value, tuple):
            return tuple(v or None for v in value)
        if isinstance(value, str):
            return (value or None,)
        return ()


def _strings(items: list[tlv.Tlv], depth: int) -> list[str] | None:
    """All leaves as text if every leaf is a character string, else None."""
    if depth > _MAX_DEPTH:
        return None
    out: list[str] = []
    for item in items:
        if item.tag in STRING_TAGS:
            try:
                out.append(decode_string(item))
            except CardDataError:
                return None
        elif item.tag in (TAG_SEQUENCE, TAG_SET):
            inner = _strings(item.children(), depth + 1)
            if inner is None:
                return None
            out.extend(inner)
        else:
            return None
    return out


def _entry_value(items: list[tlv.Tlv]) -> Dg13Value:
    if len(items) == 1 and items[0].tag in STRING_TAGS:
        try:
            return decode_string(items[0])
        except CardDataError:
            return items[0].raw  # not valid text: keep the bytes rather than mojibake
    texts = _strings(items, 0)
    if texts is not None:
        return tuple(texts)
    return b"".join(i.raw for i in items)


def _collect(items: list[tlv.Tlv], out: dict[int, Dg13Value], meta: dict, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise CardDataError(detail="DG13 nested too deeply")
    for item in items:
        if item.tag == TAG_SET:
            _collect(item.children(), out, meta, depth + 1)
            continue
        if item.tag != TAG_SEQUENCE:
            continue  # version/OID at this level are handled by the caller
        children = item.children()
        if not children or children[0].tag != TAG_INTEGER:
            continue
        if any(c.tag == TAG_OID for c in children):
            # The DG13 body: INTEGER version, OID charset, then the fields.
            meta.setdefault("version", decode_int(children[0]))
            oid = next(c for c in children if c.tag == TAG_OID)
            meta.setdefault("charset", decode_oid(oid))
            _collect(children[1:], out, meta, depth + 1)
            continue
        number = decode_int(children[0])
        if number < 0:
            raise CardDataError(detail="DG13 negative field number")
        out.setdefault(number, _entry_value(children[1:]))  # first occurrence wins


def parse_dg13(data: bytes) -> Dg13:
    dg13 = decode_exact(data, TAG_DG13, "DG13")
    fields: dict[int, Dg13Value] = {}
    meta: dict = {}
    _collect(dg13.children(), fields, meta, 0)
    if not fields:
        raise CardDataError("DG13 trên chip không có dữ liệu.", detail="no DG13 fields")
    return Dg13(fields=fields, version=meta.get("version"), charset=meta.get("charset"))


def build_dg13(
    fields: Mapping[int, Dg13Value], *, version: int = 1, charset: str = UTF8_INDICATOR
) -> bytes:
    """Build DG13 from field number → value (str → UTF8String, tuple → SEQUENCE of UTF8String,
    bytes → inserted as is: must be DER elements)."""
    entries = []
    for number, value in fields.items():
        if isinstance(value, str):
            encoded = encode_utf8(value)
        elif isinstance(value, tuple):
            encoded = tlv.encode(TAG_SEQUENCE, b"".join(encode_utf8(v) for v in value))
        elif isinstance(value, bytes | bytearray):
            tlv.decode_all(bytes(value))  # must be well-formed
            encoded = bytes(value)
        else:
            raise CardDataError(detail=f"DG13 field {number}: unsupported value type")
        entries.append(tlv.encode(TAG_SEQUENCE, encode_int(number) + encoded))
    body = encode_int(version) + encode_oid(charset) + tlv.encode(TAG_SET, b"".join(entries))
    return tlv.encode(TAG_DG13, tlv.encode(TAG_SEQUENCE, body))
