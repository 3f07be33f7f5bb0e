"""SecurityInfos (ICAO 9303-11 §9.2) found in EF.CardAccess and DG14.

Value objects only here; the parser/builder live below them (helper-owned)."""

from __future__ import annotations

from dataclasses import dataclass

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
