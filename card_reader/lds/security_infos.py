"""SecurityInfos (ICAO 9303-11 §9.2) found in EF.CardAccess and DG14.

Value objects first; the parser/builder live below them.

    SecurityInfos ::= SET OF SecurityInfo
    SecurityInfo ::= SEQUENCE { protocol OBJECT IDENTIFIER, requiredData ANY, optionalData ANY }

EF.CardAccess holds the bare SET; DG14 wraps it in tag 6E. Entries whose shape we do not know
(domain parameter infos, TA info, future protocols) are kept as UnknownSecurityInfo.
"""

from __future__ import annotations

from dataclasses import dataclass

from card_reader import tlv
from card_reader.errors import CardDataError
from card_reader.lds.der import (
    TAG_INTEGER,
    TAG_OID,
    TAG_SEQUENCE,
    TAG_SET,
    decode_exact,
    decode_int,
    decode_oid,
    encode_int,
    encode_oid,
)

# Object identifiers (BSI TR-03110 / ICAO 9303-11)
ID_PACE_ECDH_GM_AES_CBC_CMAC_128 = "0.4.0.127.0.7.2.2.4.2.2"
ID_CA_ECDH_AES_CBC_CMAC_128 = "0.4.0.127.0.7.2.2.3.2.2"
ID_CA_ECDH_3DES_CBC_CBC = "0.4.0.127.0.7.2.2.3.2.1"
ID_PK_ECDH = "0.4.0.127.0.7.2.2.1.2"
ID_TA = "0.4.0.127.0.7.2.2.2"
ID_AA = "2.23.136.1.1.5"


@dataclass(frozen=True)
class PaceInfo:
    protocol: str  # OID, e.g. ID_PACE_ECDH_GM_AES_CBC_CMAC_128
    version: int
    parameter_id: int | None  # standardized domain parameters; 13 = brainpoolP256r1


@dataclass(frozen=True)
class ChipAuthenticationInfo:
    protocol: str  # e.g. ID_CA_ECDH_AES_CBC_CMAC_128
    version: int
    key_id: int | None


@dataclass(frozen=True)
class ChipAuthenticationPublicKeyInfo:
    protocol: str  # ID_PK_ECDH (or id-PK-DH)
    public_key_spki: bytes  # SubjectPublicKeyInfo DER as stored (may have explicit curve params)
    key_id: int | None


@dataclass(frozen=True)
class ActiveAuthenticationInfo:
    protocol: str  # ID_AA
    version: int
    signature_algorithm: str  # OID of the ECDSA-with-hash the chip uses


@dataclass(frozen=True)
class UnknownSecurityInfo:
    protocol: str
    raw: bytes  # the whole SecurityInfo DER, kept for diagnostics


SecurityInfo = (
    PaceInfo
    | ChipAuthenticationInfo
    | ChipAuthenticationPublicKeyInfo
    | ActiveAuthenticationInfo
    | UnknownSecurityInfo
)


TAG_DG14 = 0x6E
_PACE_PREFIX = "0.4.0.127.0.7.2.2.4."
_CA_PREFIX = "0.4.0.127.0.7.2.2.3."
_PK_OIDS = ("0.4.0.127.0.7.2.2.1.1", ID_PK_ECDH)  # id-PK-DH, id-PK-ECDH


def _depth(oid: str) -> int:
    return oid.count(".") + 1


def _optional_int(items: list[tlv.Tlv], index: int) -> int | None:
    if len(items) > index and items[index].tag == TAG_INTEGER:
        return decode_int(items[index])
    return None


def parse_security_info(item: tlv.Tlv) -> SecurityInfo:
    if item.tag != TAG_SEQUENCE:
        raise CardDataError(detail="SecurityInfo is not a SEQUENCE")
    parts = item.children()
    if not parts or parts[0].tag != TAG_OID:
        raise CardDataError(detail="SecurityInfo without protocol OID")
    protocol = decode_oid(parts[0])
    rest = parts[1:]
    first_is_int = bool(rest) and rest[0].tag == TAG_INTEGER
    # id-PACE-xx-yy / id-CA-xx-yy have 11 arcs; the 10-arc ones are domain parameter infos.
    if protocol.startswith(_PACE_PREFIX) and _depth(protocol) == 11 and first_is_int:
        return PaceInfo(protocol, decode_int(rest[0]), _optional_int(rest, 1))
    if protocol.startswith(_CA_PREFIX) and _depth(protocol) == 11 and first_is_int:
        return ChipAuthenticationInfo(protocol, decode_int(rest[0]), _optional_int(rest, 1))
    if protocol in _PK_OIDS and rest and rest[0].tag == TAG_SEQUENCE:
        return ChipAuthenticationPublicKeyInfo(protocol, rest[0].raw, _optional_int(rest, 1))
    if protocol == ID_AA and first_is_int and len(rest) >= 2 and rest[1].tag == TAG_OID:
        return ActiveAuthenticationInfo(protocol, decode_int(rest[0]), decode_oid(rest[1]))
    return UnknownSecurityInfo(protocol, item.raw)


def parse_security_infos(data: bytes) -> list[SecurityInfo]:
    """EF.CardAccess (or DG14's content): the bare SET OF SecurityInfo."""
    if not isinstance(data, bytes | bytearray):
        raise CardDataError(detail="SecurityInfos: not bytes")
    items = decode_exact(bytes(data), TAG_SET, "SecurityInfos")
    return [parse_security_info(child) for child in items.children()]


parse_card_access = parse_security_infos


def parse_dg14(data: bytes) -> list[SecurityInfo]:
    dg14 = decode_exact(data, TAG_DG14, "DG14")
    return parse_security_infos(dg14.value)


def build_security_info(info: SecurityInfo) -> bytes:
    if isinstance(info, UnknownSecurityInfo):
        return info.raw
    body = encode_oid(info.protocol)
    if isinstance(info, PaceInfo):
        body += encode_int(info.version)
        if info.parameter_id is not None:
            body += encode_int(info.parameter_id)
    elif isinstance(info, ChipAuthenticationInfo):
        body += encode_int(info.version)
        if info.key_id is not None:
            body += encode_int(info.key_id)
    elif isinstance(info, ChipAuthenticationPublicKeyInfo):
        body += info.public_key_spki
        if info.key_id is not None:
            body += encode_int(info.key_id)
    elif isinstance(info, ActiveAuthenticationInfo):
        body += encode_int(info.version) + encode_oid(info.signature_algorithm)
    else:
        raise CardDataError(detail=f"not a SecurityInfo: {type(info).__name__}")
    return tlv.encode(TAG_SEQUENCE, body)


def build_security_infos(infos: list[SecurityInfo]) -> bytes:
    """The SET in the given order (BER allows it; readers do not depend on DER sorting)."""
    return tlv.encode(TAG_SET, b"".join(build_security_info(i) for i in infos))


build_card_access = build_security_infos


def build_dg14(infos: list[SecurityInfo]) -> bytes:
    return tlv.encode(TAG_DG14, build_security_infos(infos))
