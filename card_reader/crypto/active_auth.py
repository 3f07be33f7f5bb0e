"""Active Authentication (ICAO 9303-11 §6.1): the chip signs an 8-byte terminal challenge.

RSA keys use ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery:
J = 6A || M1 || H(M1 || challenge) || trailer, where M1 is the chip's own nonce filling the
block and the trailer is BC (SHA-1 implied) or <hash id> CC (ISO/IEC 10118-3 identifier).
EC keys use ECDSA with the plain r || s format of BSI TR-03111; the hash comes from the
ActiveAuthenticationInfo in DG14.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from card_reader.apdu import Apdu

CHALLENGE_LENGTH = 8

# ISO/IEC 10118-3 hash-function identifiers used in the explicit trailer 'xx CC'.
TRAILER_HASHES: dict[int, str] = {
    0x33: "sha1",
    0x34: "sha256",
    0x35: "sha512",
    0x36: "sha384",
    0x38: "sha224",
}
_TRAILER_IDS = {name: ident for ident, name in TRAILER_HASHES.items()}

# ActiveAuthenticationInfo signature algorithms: BSI ecdsa-plain-* and X9.62 ecdsa-with-*.
ECDSA_HASHES: dict[str, str] = {
    "0.4.0.127.0.7.1.1.4.1.1": "sha1",
    "0.4.0.127.0.7.1.1.4.1.2": "sha224",
    "0.4.0.127.0.7.1.1.4.1.3": "sha256",
    "0.4.0.127.0.7.1.1.4.1.4": "sha384",
    "0.4.0.127.0.7.1.1.4.1.5": "sha512",
    "1.2.840.10045.4.1": "sha1",
    "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
}
_CRYPTOGRAPHY_HASHES = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def internal_authenticate_command(challenge: bytes) -> Apdu:
    if len(challenge) != CHALLENGE_LENGTH:
        raise ValueError("the Active Authentication challenge is 8 bytes")
    return Apdu(0x00, 0x88, 0x00, 0x00, bytes(challenge), 256)


# -- terminal side -----------------------------------------------------------------------------


def verify(
    public_key: object,
    challenge: bytes,
    signature: bytes,
    signature_algorithm_oid: str | None,
) -> bool:
    """True when `signature` is the chip's answer to `challenge` under `public_key` (DG15)."""
    if isinstance(public_key, rsa.RSAPublicKey):
        return _verify_rsa(public_key, challenge, signature)
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return _verify_ec(public_key, challenge, signature, signature_algorithm_oid)
    return False


def _verify_rsa(key: rsa.RSAPublicKey, challenge: bytes, signature: bytes) -> bool:
    numbers = key.public_numbers()
    n, e = numbers.n, numbers.e
    size = (n.bit_length() + 7) // 8
    s = int.from_bytes(signature, "big")
    if len(signature) != size or not 0 < s < n:
        return False
    j = pow(s, e, n)
    if j % 16 != 12:  # ISO/IEC 9796-2 allows the signer to send n - J^d instead
        j = n - j
        if j % 16 != 12:
            return False
    block = j.to_bytes(size, "big")
    if block[0] != 0x6A:  # header 01, partial recovery, border nibble A: M1 starts at byte 1
        return False
    if block[-1] == 0xBC:
        hash_name, trailer = "sha1", 1
    elif block[-1] == 0xCC and block[-2] in TRAILER_HASHES:
        hash_name, trailer = TRAILER_HASHES[block[-2]], 2
    else:
        return False
    digest_size = hashlib.new(hash_name).digest_size
    end = size - trailer
    if end - digest_size <= 1:
        return False
    m1, digest = block[1 : end - digest_size], block[end - digest_size : end]
    return hmac.compare_digest(hashlib.new(hash_name, m1 + challenge).digest(), digest)


def _verify_ec(
    key: ec.EllipticCurvePublicKey, challenge: bytes, signature: bytes, oid: str | None
) -> bool:
    size = (key.curve.key_size + 7) // 8
    if len(signature) == 2 * size:
        r = int.from_bytes(signature[:size], "big")
        s = int.from_bytes(signature[size:], "big")
        der = encode_dss_signature(r, s)
    else:
        try:  # some chips answer with a DER SEQUENCE instead of r || s
            decode_dss_signature(signature)
        except ValueError:
            return False
        der = signature
    # Without (or with an unknown) ActiveAuthenticationInfo, accept any standard hash: the
    # signature still proves possession of the private key over our fresh challenge.
    names = [ECDSA_HASHES[oid]] if oid in ECDSA_HASHES else list(_CRYPTOGRAPHY_HASHES)
    for name in names:
        try:
            key.verify(der, challenge, ec.ECDSA(_CRYPTOGRAPHY_HASHES[name]()))
            return True
        except (InvalidSignature, ValueError):
            continue
    return False


# -- chip side ---------------------------------------------------------------------------------


def sign(private_key: object, challenge: bytes, *, hash_name: str | None = None) -> bytes:
    """The chip's INTERNAL AUTHENTICATE answer. RSA: ISO/IEC 9796-2 scheme 1 with SHA-1
    (trailer BC) by default, or e.g. "sha256" (trailer 34 CC). EC: plain r || s, SHA-256 default."""
    if isinstance(private_key, rsa.RSAPrivateKey):
        return _sign_rsa(private_key, challenge, hash_name or "sha1")
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        hash_type = _CRYPTOGRAPHY_HASHES[hash_name or "sha256"]
        der = private_key.sign(challenge, ec.ECDSA(hash_type()))
        r, s = decode_dss_signature(der)
        size = (private_key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
    raise TypeError(f"unsupported Active Authentication key {type(private_key).__name__}")


def _sign_rsa(key: rsa.RSAPrivateKey, challenge: bytes, hash_name: str) -> bytes:
    numbers = key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    if n.bit_length() % 8:
        raise ValueError("ISO/IEC 9796-2 signing here needs a modulus of whole bytes")
    size = n.bit_length() // 8
    trailer = b"\xbc" if hash_name == "sha1" else bytes([_TRAILER_IDS[hash_name], 0xCC])
    digest_size = hashlib.new(hash_name).digest_size
    m1 = os.urandom(size - 1 - digest_size - len(trailer))
    block = b"\x6a" + m1 + hashlib.new(hash_name, m1 + challenge).digest() + trailer
    return pow(int.from_bytes(block, "big"), d, n).to_bytes(size, "big")
