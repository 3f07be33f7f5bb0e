"""Public keys from card and certificate structures → `cryptography` key objects.

`cryptography` refuses EC keys with explicit curve parameters, and the Vietnamese CSCA (and some
chips' DG14/DG15 keys) use them. We recognise the explicit parameters of the curves
`cryptography` supports and re-encode the SubjectPublicKeyInfo with the named curve first.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from card_reader.errors import CardDataError
from card_reader.lds.der import asn1_guard


@dataclass(frozen=True)
class NamedCurve:
    name: str  # asn1crypto's name, e.g. "brainpoolp256r1", "secp256r1"
    curve: type[ec.EllipticCurve]
    p: int
    a: int
    b: int
    gx: int
    n: int

    @property
    def generator(self) -> tuple[int, int]:
        """G as (x, y), taken from cryptography (the public point of private key 1)."""
        point = ec.derive_private_key(1, self.curve()).public_key().public_numbers()
        return point.x, point.y


def _curve(name: str, curve: type[ec.EllipticCurve], *hexes: str) -> NamedCurve:
    p, a, b, gx, n = (int(h, 16) for h in hexes)
    return NamedCurve(name, curve, p, a, b, gx, n)


# Domain parameters from RFC 5639 (brainpool) and SEC 2 / FIPS 186-4 (NIST), exported with
# `openssl ecparam -param_enc explicit`; tests check every G and sample keys lie on the curve.
CURVES: tuple[NamedCurve, ...] = (
    _curve(
        "brainpoolp256r1",
        ec.BrainpoolP256R1,
        "a9fb57dba1eea9bc3e660a909d838d726e3bf623d52620282013481d1f6e5377",
        "7d5a0975fc2c3057eef67530417affe7fb8055c126dc5c6ce94a4b44f330b5d9",
        "26dc5c6ce94a4b44f330b5d9bbd77cbf958416295cf7e1ce6bccdc18ff8c07b6",
        "8bd2aeb9cb7e57cb2c4b482ffc81b7afb9de27e1e3bd23c23a4453bd9ace3262",
        "a9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7",
    ),
    _curve(
        "brainpoolp384r1",
        ec.BrainpoolP384R1,
        "8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b412b1da197fb71123"
        "acd3a729901d1a71874700133107ec53",
        "7bc382c63d8c150c3c72080ace05afa0c2bea28e4fb22787139165efba91f90f"
        "8aa5814a503ad4eb04a8c7dd22ce2826",
        "4a8c7dd22ce28268b39b55416f0447c2fb77de107dcd2a62e880ea53eeb62d57"
        "cb4390295dbc9943ab78696fa504c11",
        "1d1c64f068cf45ffa2a63a81b7c13f6b8847a3e77ef14fe3db7fcafe0cbd10e8"
        "e826e03436d646aaef87b2e247d4af1e",
        "8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7"
        "cf3ab6af6b7fc3103b883202e9046565",
    ),
    _curve(
        "brainpoolp512r1",
        ec.BrainpoolP512R1,
        "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330871"
        "7d4d9b009bc66842aecda12ae6a380e62881ff2f2d82c68528aa6056583a48f3",
        "7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc"
        "2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94ca",
        "3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a7"
        "2bf2c7b9e7c1ac4d77fc94cadc083e67984050b75ebae5dd2809bd638016f723",
        "81aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098e"
        "ff3b1f78e2d0d48d50d1687b93b97d5f7c6d5047406a5e688b352209bcb9f822",
        "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870"
        "553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069",
    ),
    _curve(
        "secp224r1",
        ec.SECP224R1,
        "ffffffffffffffffffffffffffffffff000000000000000000000001",
        "fffffffffffffffffffffffffffffffefffffffffffffffffffffffe",
        "b4050a850c04b3abf54132565044b0b7d7bfd8ba270b39432355ffb4",
        "b70e0cbd6bb4bf7f321390b94a03c1d356c21122343280d6115c1d21",
        "ffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3d",
    ),
    _curve(
        "secp256r1",
        ec.SECP256R1,
        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
        "ffffffff00000001000000000000000000000000fffffffffffffffffffffffc",
        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
        "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
    ),
    _curve(
        "secp384r1",
        ec.SECP384R1,
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
        "ffffffff0000000000000000ffffffff",
        "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
        "ffffffff0000000000000000fffffffc",
        "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
        "c656398d8a2ed19d2a85c8edd3ec2aef",
        "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
        "5502f25dbf55296c3a545e3872760ab7",
        "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
        "581a0db248b0a77aecec196accc52973",
    ),
    _curve(
        "secp521r1",
        ec.SECP521R1,
        "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        "fff",
        "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        "ffc",
        "51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109"
        "e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f"
        "00",
        "c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3d"
        "baa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd"
        "66",
        "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        "ffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386"
        "409",
    ),
)
_BY_NAME = {c.name: c for c in CURVES}
# Standardized domain parameter IDs (BSI TR-03110-3 Table 4 / ICAO 9303-11) we can serve.
PACE_PARAMETER_IDS = {
    10: "secp224r1",
    12: "secp256r1",
    13: "brainpoolp256r1",
    15: "secp384r1",
    16: "brainpoolp384r1",
    17: "brainpoolp512r1",
    18: "secp521r1",
}


def curve_by_pace_parameter_id(parameter_id: int) -> NamedCurve:
    try:
        return _BY_NAME[PACE_PARAMETER_IDS[parameter_id]]
    except KeyError as exc:
        raise CardDataError(detail=f"unsupported PACE parameterId {parameter_id}") from exc


def curve_by_name(name: str) -> NamedCurve:
    try:
        return _BY_NAME[name.lower().replace("prime256v1", "secp256r1")]
    except KeyError as exc:
        raise CardDataError(detail=f"unsupported curve {name}") from exc


def _point_x(point: bytes, size: int) -> int | None:
    if point[:1] == b"\x04" and len(point) == 1 + 2 * size:
        return int.from_bytes(point[1 : 1 + size], "big")
    if point[:1] in (b"\x02", b"\x03") and len(point) == 1 + size:
        return int.from_bytes(point[1:], "big")
    return None


def match_explicit_curve(specified: asn1_keys.SpecifiedECDomain) -> NamedCurve | None:
    """The named curve whose parameters equal these explicit ones, or None."""
    with asn1_guard("EC parameters"):
        if specified["field_id"]["field_type"].native != "prime_field":
            return None
        p = specified["field_id"]["parameters"].native
        a = int.from_bytes(specified["curve"]["a"].native, "big")
        b = int.from_bytes(specified["curve"]["b"].native, "big")
        base = specified["base"].native
        n = specified["order"].native
    for curve in CURVES:
        if (curve.p, curve.a, curve.b, curve.n) == (p, a, b, n):
            size = (curve.p.bit_length() + 7) // 8
            if _point_x(base, size) == curve.gx:
                return curve
    return None


def _spki(spki_der: bytes) -> asn1_keys.PublicKeyInfo:
    if not isinstance(spki_der, bytes | bytearray):
        raise CardDataError(detail="public key: not bytes")
    with asn1_guard("SubjectPublicKeyInfo"):
        info = asn1_keys.PublicKeyInfo.load(bytes(spki_der), strict=True)
        info["algorithm"]["algorithm"].native  # noqa: B018 - force the lazy parse
        return info


def named_curve_spki(spki_der: bytes) -> bytes:
    """Re-encode an EC SubjectPublicKeyInfo with explicit parameters using the named curve;
    any other key is returned unchanged."""
    info = _spki(spki_der)
    with asn1_guard("SubjectPublicKeyInfo"):
        if info["algorithm"]["algorithm"].native != "ec":
            return bytes(spki_der)
        params = info["algorithm"]["parameters"]
        if params.name != "specified":
            return bytes(spki_der)
        curve = match_explicit_curve(params.chosen)
        if curve is None:
            raise CardDataError(
                "Khóa công khai dùng đường cong elliptic không được hỗ trợ.",
                detail="explicit EC parameters match no known curve",
            )
        point = info["public_key"].native
        named = asn1_keys.PublicKeyInfo(
            {
                "algorithm": {
                    "algorithm": "ec",
                    "parameters": asn1_keys.ECDomainParameters(name="named", value=curve.name),
                },
                "public_key": point,
            }
        )
        return named.dump()


def load_public_key(spki_der: bytes):
    """SubjectPublicKeyInfo DER → cryptography public key (RSA, EC, ...)."""
    der = named_curve_spki(spki_der)
    try:
        return serialization.load_der_public_key(der)
    except (ValueError, UnsupportedAlgorithm, TypeError) as exc:
        raise CardDataError(
            "Khóa công khai không đọc được.", detail=f"load key: {type(exc).__name__}"
        ) from exc


def ec_curve_of(key_or_spki) -> NamedCurve | None:
    """The named curve of an EC key (cryptography object or SPKI DER), None for other keys."""
    if isinstance(key_or_spki, bytes | bytearray):
        key_or_spki = load_public_key(bytes(key_or_spki))
    curve = getattr(key_or_spki, "curve", None)
    if curve is None:
        return None
    return _BY_NAME.get(curve.name.lower().replace("prime256v1", "secp256r1"))
