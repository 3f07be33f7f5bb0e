"""DG15 (ICAO 9303-10 §4.7.15): `6F { SubjectPublicKeyInfo }`, the Active Authentication key."""

from __future__ import annotations

from asn1crypto import keys

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.lds.der import TAG_SEQUENCE, asn1_guard, decode_exact

TAG_DG15 = 0x6F


def parse_dg15(data: bytes) -> bytes:
    """Return the SubjectPublicKeyInfo DER (load it with `card_reader.keys.load_public_key`)."""
    dg15 = decode_exact(data, TAG_DG15, "DG15")
    spki = tlv.decode(dg15.value)
    if spki.tag != TAG_SEQUENCE:
        raise CardDataError(detail="DG15 does not hold a SubjectPublicKeyInfo")
    with asn1_guard("DG15 key"):
        info = keys.PublicKeyInfo.load(spki.raw, strict=True)
        info["algorithm"]["algorithm"].dotted  # noqa: B018 - force the lazy parse
        info["public_key"].contents  # noqa: B018
    return spki.raw


def build_dg15(spki_der: bytes) -> bytes:
    return tlv.encode(TAG_DG15, spki_der)
