"""ICAO 9303-11 §9.7.1 key derivation: K = H(K_seed || counter) cut to the cipher's key size."""

from __future__ import annotations

import hashlib
from typing import Literal

Cipher = Literal["3DES", "AES-128", "AES-192", "AES-256"]

ENC = 1
MAC = 2
PACE_PASSWORD = 3

KEY_LENGTHS: dict[str, int] = {"3DES": 16, "AES-128": 16, "AES-192": 24, "AES-256": 32}


def adjust_parity(key: bytes) -> bytes:
    """Set each byte's least significant bit so the byte has odd parity (DES keys)."""
    out = bytearray()
    for b in key:
        high = b & 0xFE
        out.append(high | (bin(high).count("1") + 1) % 2)
    return bytes(out)


def derive_key(seed: bytes, counter: int, cipher: Cipher = "3DES") -> bytes:
    """KDF(K, c). SHA-1 for 3DES and AES-128, SHA-256 for AES-192/256; 3DES keys get DES parity."""
    if cipher not in KEY_LENGTHS:
        raise ValueError(f"unknown cipher {cipher!r}")
    data = bytes(seed) + counter.to_bytes(4, "big")
    if cipher in ("3DES", "AES-128"):
        digest = hashlib.sha1(data).digest()  # mandated by ICAO 9303-11
    else:
        digest = hashlib.sha256(data).digest()
    key = digest[: KEY_LENGTHS[cipher]]
    return adjust_parity(key) if cipher == "3DES" else key


def session_keys(seed: bytes, cipher: Cipher = "3DES") -> tuple[bytes, bytes]:
    """(K_enc, K_mac) from a shared secret or key seed."""
    return derive_key(seed, ENC, cipher), derive_key(seed, MAC, cipher)
