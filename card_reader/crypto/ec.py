"""Elliptic-curve helpers for PACE and Chip Authentication, on the `ecdsa` package's curves.

PACE generic mapping needs arithmetic on a generator that is not the curve's own (G' = s·G + H),
which `cryptography` cannot do; `ecdsa` exposes plain point arithmetic. Its scalar multiplication
is not constant-time: acceptable here because every key it touches is ephemeral (one session).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ecdsa import curves, ellipticcurve

from card_reader.errors import CardDataError

Rng = Callable[[int], bytes]
Curve = curves.Curve
Point = ellipticcurve.PointJacobi

# ICAO 9303-11 §9.5.1, standardized domain parameters (the elliptic-curve ones).
STANDARDIZED_CURVES: dict[int, Curve] = {
    8: curves.NIST192p,
    9: curves.BRAINPOOLP192r1,
    10: curves.NIST224p,
    11: curves.BRAINPOOLP224r1,
    12: curves.NIST256p,
    13: curves.BRAINPOOLP256r1,
    14: curves.BRAINPOOLP320r1,
    15: curves.NIST384p,
    16: curves.BRAINPOOLP384r1,
    17: curves.BRAINPOOLP512r1,
    18: curves.NIST521p,
}

# `cryptography` curve names → the same curve in `ecdsa`.
_BY_CRYPTOGRAPHY_NAME: dict[str, Curve] = {
    "secp192r1": curves.NIST192p,
    "secp224r1": curves.NIST224p,
    "secp256r1": curves.NIST256p,
    "secp384r1": curves.NIST384p,
    "secp521r1": curves.NIST521p,
    "brainpoolP256r1": curves.BRAINPOOLP256r1,
    "brainpoolP384r1": curves.BRAINPOOLP384r1,
    "brainpoolP512r1": curves.BRAINPOOLP512r1,
}


def curve_for(cryptography_curve_name: str) -> Curve:
    try:
        return _BY_CRYPTOGRAPHY_NAME[cryptography_curve_name]
    except KeyError:
        raise CardDataError(detail=f"unsupported curve {cryptography_curve_name}") from None


def random_scalar(curve: Curve, rng: Rng | None = None) -> int:
    """A private key in [1, n-1] from `rng` (os.urandom by default).

    Bytes are masked to the order's bit length and redrawn when out of range, so a test rng that
    returns a known key (already < n) yields exactly that key."""
    draw = rng or os.urandom
    order = curve.order
    mask = (1 << order.bit_length()) - 1
    for _ in range(1000):
        k = int.from_bytes(draw(curve.baselen), "big") & mask
        if 1 <= k < order:
            return k
    raise RuntimeError("random source keeps producing invalid scalars")


def encode_point(point: Point, curve: Curve) -> bytes:
    """Uncompressed encoding 04 || x || y (BSI TR-03111)."""
    size = curve.baselen
    return b"\x04" + point.x().to_bytes(size, "big") + point.y().to_bytes(size, "big")


def decode_point(data: bytes, curve: Curve) -> Point:
    """Parse an uncompressed point and check it lies on the curve (never the point at infinity).

    All supported curves have cofactor 1, so a point on the curve is in the prime-order group."""
    size = curve.baselen
    if len(data) != 1 + 2 * size or data[0] != 0x04:
        raise CardDataError(detail="public key is not an uncompressed point of this curve")
    x = int.from_bytes(data[1 : 1 + size], "big")
    y = int.from_bytes(data[1 + size :], "big")
    field = curve.curve
    if x >= field.p() or y >= field.p() or not field.contains_point(x, y):
        raise CardDataError(detail="public key is not on the curve")
    return Point(field, x, y, 1, curve.order)


def multiply(point: Point, k: int) -> Point:
    result = point * k
    if result == ellipticcurve.INFINITY:
        raise CardDataError(detail="point at infinity")
    return result


def add(a: Point, b: Point) -> Point:
    result = a + b
    if result == ellipticcurve.INFINITY:
        raise CardDataError(detail="point at infinity")
    return result


def x_bytes(point: Point, curve: Curve) -> bytes:
    """The shared secret of ECDH: the x-coordinate, fixed length (ICAO 9303-11 §9.6)."""
    return point.x().to_bytes(curve.baselen, "big")
