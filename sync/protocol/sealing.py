"""Sealing a signed batch to the hub's X25519 key for USB hand-carry.

Layout (binary)::

    magic b"XASOSEAL" | version u8 (1) | suite u8 (1) | ephemeral X25519 public (32) | nonce (12)
    | AES-256-GCM ciphertext + 16-byte tag

suite 1 = X25519 ECDH + HKDF-SHA256 (salt = ephemeral public ‖ hub public, info = b"xaso-seal v1")
+ AES-256-GCM. The 54-byte header is the associated data, so it cannot be changed either. The
plaintext is the device-signed envelope: sealing hides the data on the stick, the signature
inside still proves who wrote it.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.protocol.errors import BadKey, BadSeal, Malformed, TooLarge, UnsupportedVersion
from sync.protocol.signing import b64decode_strict

MAGIC = b"XASOSEAL"
SEAL_VERSION = 1
SUITE_X25519_AES256GCM = 1
HEADER_SIZE = len(MAGIC) + 2 + 32 + 12
TAG_SIZE = 16
_INFO = b"xaso-seal v1"


def generate_hub_sealing_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def sealing_key_to_text(key: X25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes_raw()).decode("ascii")


def sealing_key_from_text(text: str) -> X25519PublicKey:
    raw = b64decode_strict(text, "hub sealing key", BadKey)
    if len(raw) != 32:
        raise BadKey("hub sealing key must be 32 bytes")
    return X25519PublicKey.from_public_bytes(raw)


def _derive(shared: bytes, ephemeral_raw: bytes, hub_raw: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_raw + hub_raw,
                info=_INFO).derive(shared)


def seal_for_hub(batch_bytes: bytes, hub_public_x25519: X25519PublicKey) -> bytes:
    """Encrypt to the hub: a fresh ephemeral key per bundle, so no two bundles share a key."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes_raw()
    hub_raw = hub_public_x25519.public_bytes_raw()
    try:
        shared = ephemeral.exchange(hub_public_x25519)
    except ValueError as e:  # a low-order "public key" gives an all-zero secret
        raise BadKey("hub sealing key is not usable") from e
    nonce = os.urandom(12)
    header = MAGIC + bytes([SEAL_VERSION, SUITE_X25519_AES256GCM]) + ephemeral_raw + nonce
    ciphertext = AESGCM(_derive(shared, ephemeral_raw, hub_raw)).encrypt(
        nonce, bytes(batch_bytes), header)
    return header + ciphertext


def open_sealed(data: bytes, hub_private_x25519: X25519PrivateKey, *,
                max_size: int | None = None) -> bytes:
    """Decrypt a bundle sealed to this hub; any change to header or ciphertext is refused."""
    if max_size is not None and len(data) > max_size:
        raise TooLarge(f"bundle over {max_size} bytes")
    data = bytes(data)
    if len(data) < HEADER_SIZE + TAG_SIZE or not data.startswith(MAGIC):
        raise Malformed("bundle: not a sealed xaso bundle")
    version, suite = data[len(MAGIC)], data[len(MAGIC) + 1]
    if version != SEAL_VERSION or suite != SUITE_X25519_AES256GCM:
        raise UnsupportedVersion(f"bundle: version {version} suite {suite} not understood")
    header = data[:HEADER_SIZE]
    ephemeral_raw = header[len(MAGIC) + 2:len(MAGIC) + 34]
    nonce = header[len(MAGIC) + 34:]
    hub_raw = hub_private_x25519.public_key().public_bytes_raw()
    try:
        shared = hub_private_x25519.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        return AESGCM(_derive(shared, ephemeral_raw, hub_raw)).decrypt(
            nonce, data[HEADER_SIZE:], header)
    except (InvalidTag, ValueError) as e:
        raise BadSeal("bundle: cannot be decrypted with this hub's key") from e
