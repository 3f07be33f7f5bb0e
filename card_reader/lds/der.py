"""Small DER helpers shared by the LDS parsers and builders.

`tlv.py` splits the structure; these decode the primitive values (INTEGER, OID, strings) and
wrap asn1crypto, whose lazy parsing can raise almost anything on hostile input.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Iterator

from asn1crypto import core

from card_reader import tlv
from card_reader.errors import CardDataError

TAG_INTEGER = 0x02
TAG_OCTET_STRING = 0x04
TAG_OID = 0x06
TAG_UTF8 = 0x0C
TAG_SEQUENCE = 0x30
TAG_SET = 0x31

# Character-string tags and how to decode their bytes.
_STRING_CODECS = {
    0x0C: "utf-8",  # UTF8String
    0x12: "ascii",  # NumericString
    0x13: "ascii",  # PrintableString
    0x14: "latin-1",  # T61String: treated as Latin-1, close enough for names
    0x16: "ascii",  # IA5String
    0x1A: "ascii",  # VisibleString
    0x1C: "utf-32-be",  # UniversalString
    0x1E: "utf-16-be",  # BMPString
}
STRING_TAGS = frozenset(_STRING_CODECS)


@contextlib.contextmanager
def asn1_guard(what: str) -> Iterator[None]:
    """Turn any asn1crypto/decoding failure into CardDataError (asn1crypto parses lazily and
    raises ValueError, TypeError, KeyError, IndexError... depending on where it breaks)."""
    try:
        yield
    except CardDataError:
        raise
    except Exception as exc:  # noqa: BLE001 - hostile input may trigger anything
        raise CardDataError(detail=f"{what}: {type(exc).__name__}") from exc


def decode_int(item: tlv.Tlv) -> int:
    if item.tag != TAG_INTEGER or not item.value or len(item.value) > 64:
        raise CardDataError(detail="expected INTEGER")
    return int.from_bytes(item.value, "big", signed=True)


def encode_int(value: int) -> bytes:
    size = max(1, (value.bit_length() + 8) // 8)  # +8: room for the sign bit
    return tlv.encode(TAG_INTEGER, value.to_bytes(size, "big", signed=True))


def decode_oid(item: tlv.Tlv) -> str:
    if item.tag != TAG_OID or not item.value or item.value[-1] & 0x80:
        raise CardDataError(detail="expected OBJECT IDENTIFIER")
    with asn1_guard("OID"):
        return core.ObjectIdentifier.load(item.raw).dotted


def encode_oid(dotted: str) -> bytes:
    with asn1_guard("OID"):
        return core.ObjectIdentifier(dotted).dump(force=True)


def decode_string(item: tlv.Tlv) -> str:
    """Decode a character string to NFC text; CardDataError if it is not one or is invalid."""
    codec = _STRING_CODECS.get(item.tag)
    if codec is None:
        raise CardDataError(detail=f"tag {item.tag:X} is not a character string")
    try:
        text = item.value.decode(codec)
    except UnicodeDecodeError as exc:
        raise CardDataError(detail=f"bad {codec} string") from exc
    return unicodedata.normalize("NFC", text)


def encode_utf8(text: str) -> bytes:
    return tlv.encode(TAG_UTF8, unicodedata.normalize("NFC", text).encode("utf-8"))


def decode_exact(data: bytes, tag: int, what: str) -> tlv.Tlv:
    """Decode one TLV that must carry `tag` (card files are zero-padded: tlv.decode allows it)."""
    if not isinstance(data, bytes | bytearray):
        raise CardDataError(detail=f"{what}: not bytes")
    item = tlv.decode(bytes(data))
    if item.tag != tag:
        raise CardDataError(detail=f"{what}: tag {item.tag:X}, expected {tag:X}")
    return item
