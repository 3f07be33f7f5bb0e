"""Active Authentication: RSA ISO/IEC 9796-2 scheme 1 and ECDSA plain, sign ↔ verify."""

from __future__ import annotations

import hashlib
import os

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from card_reader.crypto import active_auth
from card_reader.crypto.active_auth import internal_authenticate_command, sign, verify

H = bytes.fromhex
ECDSA_PLAIN_SHA1 = "0.4.0.127.0.7.1.1.4.1.1"
ECDSA_PLAIN_SHA256 = "0.4.0.127.0.7.1.1.4.1.3"
ECDSA_WITH_SHA384 = "1.2.840.10045.4.3.3"


@pytest.fixture(scope="module", params=[1024, 2048], ids=lambda bits: f"rsa{bits}")
def rsa_key(request):
    return rsa.generate_private_key(public_exponent=65537, key_size=request.param)


@pytest.fixture(scope="module", params=[ec.SECP256R1(), ec.BrainpoolP256R1(), ec.SECP384R1()])
def ec_key(request):
    return ec.generate_private_key(request.param)


def _recover(key: rsa.RSAPrivateKey, signature: bytes) -> bytes:
    numbers = key.public_key().public_numbers()
    size = (numbers.n.bit_length() + 7) // 8
    return pow(int.from_bytes(signature, "big"), numbers.e, numbers.n).to_bytes(size, "big")


def test_internal_authenticate_command():
    challenge = H("0102030405060708")
    assert internal_authenticate_command(challenge).encode() == H("0088000008") + challenge + H(
        "00"
    )
    with pytest.raises(ValueError):
        internal_authenticate_command(b"short")


@pytest.mark.parametrize(("hash_name", "trailer"), [("sha1", "BC"), ("sha256", "34CC")])
def test_rsa_signature_has_the_9796_2_layout_and_verifies(rsa_key, hash_name, trailer):
    challenge = os.urandom(8)
    signature = sign(rsa_key, challenge, hash_name=hash_name)
    block = _recover(rsa_key, signature)
    assert block[0] == 0x6A and block.hex().upper().endswith(trailer)
    digest_size = hashlib.new(hash_name).digest_size
    end = len(block) - len(H(trailer))
    m1 = block[1 : end - digest_size]
    assert block[end - digest_size : end] == hashlib.new(hash_name, m1 + challenge).digest()
    assert verify(rsa_key.public_key(), challenge, signature, None)
    assert verify(rsa_key.public_key(), challenge, signature, ECDSA_PLAIN_SHA256)  # OID ignored


def test_rsa_wrong_challenge_tampering_and_wrong_key_fail(rsa_key):
    challenge = os.urandom(8)
    signature = sign(rsa_key, challenge)
    assert not verify(rsa_key.public_key(), bytes(8), signature, None)
    forged = bytearray(signature)
    forged[10] ^= 0x01
    assert not verify(rsa_key.public_key(), challenge, bytes(forged), None)
    assert not verify(rsa_key.public_key(), challenge, signature[1:], None)
    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    assert not verify(other.public_key(), challenge, sign(other, bytes(8)), None)
    assert not verify(other.public_key(), challenge, signature[: other.key_size // 8], None)


def test_rsa_alternative_representation_n_minus_s_is_accepted(rsa_key):
    challenge = os.urandom(8)
    numbers = rsa_key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    size = (n.bit_length() + 7) // 8
    m1 = os.urandom(size - 1 - 20 - 1)
    block = b"\x6a" + m1 + hashlib.sha1(m1 + challenge).digest() + b"\xbc"
    s = pow(int.from_bytes(block, "big"), d, n)
    assert verify(rsa_key.public_key(), challenge, s.to_bytes(size, "big"), None)
    assert verify(rsa_key.public_key(), challenge, (n - s).to_bytes(size, "big"), None)


def test_rsa_bad_header_or_trailer_fails(rsa_key):
    challenge = os.urandom(8)
    numbers = rsa_key.private_numbers()
    n, d = numbers.public_numbers.n, numbers.d
    size = (n.bit_length() + 7) // 8
    m1 = os.urandom(size - 22)
    good_hash = hashlib.sha1(m1 + challenge).digest()
    for block in (
        b"\x4a" + m1 + good_hash + b"\xbc",  # total-recovery header
        b"\x6a" + m1 + good_hash + b"\xac",  # unknown trailer
        b"\x6a" + m1[:-1] + good_hash + b"\x99\xcc",  # unknown hash identifier
    ):
        s = pow(int.from_bytes(block, "big"), d, n)
        assert not verify(rsa_key.public_key(), challenge, s.to_bytes(size, "big"), None)


def test_trailer_hash_identifiers():
    # ISO/IEC 10118-3 dedicated hash-function identifiers.
    assert active_auth.TRAILER_HASHES[0x33] == "sha1"
    assert active_auth.TRAILER_HASHES[0x34] == "sha256"
    assert active_auth.TRAILER_HASHES[0x35] == "sha512"
    assert active_auth.TRAILER_HASHES[0x36] == "sha384"


def test_ecdsa_plain_signature_verifies(ec_key):
    challenge = os.urandom(8)
    signature = sign(ec_key, challenge)
    size = (ec_key.curve.key_size + 7) // 8
    assert len(signature) == 2 * size
    public = ec_key.public_key()
    assert verify(public, challenge, signature, ECDSA_PLAIN_SHA256)
    assert verify(public, challenge, signature, None)  # no ActiveAuthenticationInfo
    assert not verify(public, challenge, signature, ECDSA_PLAIN_SHA1)  # signed with SHA-256
    sha384 = sign(ec_key, challenge, hash_name="sha384")
    assert verify(public, challenge, sha384, ECDSA_WITH_SHA384)


def test_ecdsa_wrong_challenge_or_tampered_signature_fails(ec_key):
    challenge = os.urandom(8)
    signature = sign(ec_key, challenge)
    public = ec_key.public_key()
    assert not verify(public, os.urandom(8), signature, ECDSA_PLAIN_SHA256)
    forged = bytearray(signature)
    forged[-1] ^= 0x01
    assert not verify(public, challenge, bytes(forged), ECDSA_PLAIN_SHA256)
    assert not verify(public, challenge, signature[:-3], ECDSA_PLAIN_SHA256)
    assert not verify(public, challenge, b"", ECDSA_PLAIN_SHA256)


def test_ecdsa_der_answer_is_accepted(ec_key):
    challenge = os.urandom(8)
    der = ec_key.sign(challenge, ec.ECDSA(hashes.SHA256()))
    assert verify(ec_key.public_key(), challenge, der, ECDSA_PLAIN_SHA256)
    size = (ec_key.curve.key_size + 7) // 8
    plain = sign(ec_key, challenge)
    r, s = int.from_bytes(plain[:size], "big"), int.from_bytes(plain[size:], "big")
    assert verify(ec_key.public_key(), challenge, encode_dss_signature(r, s), None)


def test_key_type_mismatch_fails(rsa_key):
    ec_key = ec.generate_private_key(ec.SECP256R1())
    challenge = os.urandom(8)
    assert not verify(ec_key.public_key(), challenge, sign(rsa_key, challenge), None)
    assert not verify(rsa_key.public_key(), challenge, sign(ec_key, challenge), None)
    assert not verify(object(), challenge, b"\x00" * 64, None)
