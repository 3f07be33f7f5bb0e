"""Device keys (Ed25519) and the signed envelope around a batch body.

Envelope (UTF-8 canonical JSON, one object, exactly these keys)::

    {"format": "xaso-sync", "version": 1, "device_id": str, "key_id": 16 hex,
     "body_sha256": 64 hex, "signature": base64(64 bytes), "body": base64(gzip bytes)}

The signature is Ed25519 over the exact gzip bytes of the body, so nothing is decompressed or
parsed before the sender is proven. JSON + base64 costs a third more bytes than a binary frame,
but any tool (and a person with a text editor) can inspect a USB bundle's header.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.protocol.errors import (
    BadKey,
    BadSignature,
    Malformed,
    TooLarge,
    UnknownDevice,
    UnsupportedVersion,
)
from sync.protocol.wire import HEX64, canonical_bytes, loads_strict

FORMAT = "xaso-sync"
VERSION = 1
SIGNATURE_SIZE = 64
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_DEVICE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
ENVELOPE_KEYS = frozenset({"format", "version", "device_id", "key_id", "body_sha256",
                           "signature", "body"})

# (device_id, key_id) -> the enrolled public key, or None when unknown or revoked.
PublicKeyLookup = Callable[[str, str], Ed25519PublicKey | None]


def generate_device_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_pem(key: Ed25519PrivateKey, passphrase: str | bytes | None = None) -> bytes:
    """PKCS#8 PEM; with a passphrase the key is encrypted at rest (best available scheme)."""
    if passphrase:
        secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
        encryption = serialization.BestAvailableEncryption(secret)
    else:
        encryption = serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             encryption)


def private_key_from_pem(data: bytes, passphrase: str | bytes | None = None) -> Ed25519PrivateKey:
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    try:
        key = serialization.load_pem_private_key(data, password=secret or None)
    except (ValueError, TypeError) as e:  # wrong/missing passphrase, not PEM, damaged
        raise BadKey("private key unreadable or wrong passphrase") from e
    if not isinstance(key, Ed25519PrivateKey):
        raise BadKey("not an Ed25519 key")
    return key


def public_key_to_text(key: Ed25519PublicKey) -> str:
    """The raw 32 bytes in base64: short enough to read out over the phone at enrollment."""
    return base64.b64encode(key.public_bytes_raw()).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    raw = b64decode_strict(text, "public key", BadKey)
    if len(raw) != 32:
        raise BadKey("public key must be 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def key_id(key: Ed25519PublicKey) -> str:
    """First 16 hex of SHA-256 of the raw key: names a key in envelopes and logs."""
    return hashlib.sha256(key.public_bytes_raw()).hexdigest()[:16]


def b64decode_strict(text, where: str, error=Malformed) -> bytes:
    if not isinstance(text, str):
        raise error(f"{where}: expected base64 text")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as e:
        raise error(f"{where}: not valid base64") from e
    if base64.b64encode(raw).decode("ascii") != text:  # stray padding bits: one spelling only
        raise error(f"{where}: not canonical base64")
    return raw


def max_envelope_size(max_body: int) -> int:
    """Largest envelope worth parsing for a body limit (gzip may grow random data a little)."""
    return (max_body + max_body // 100 + 1024) * 4 // 3 + 4096


def sign_envelope(body: bytes, private_key: Ed25519PrivateKey, device_id: str) -> bytes:
    """Wrap already-compressed body bytes; deterministic (Ed25519 signatures are)."""
    if not isinstance(device_id, str) or not _DEVICE_ID.fullmatch(device_id):
        raise Malformed("device_id: 1-64 of A-Z a-z 0-9 . _ : -")
    envelope = {
        "format": FORMAT,
        "version": VERSION,
        "device_id": device_id,
        "key_id": key_id(private_key.public_key()),
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "signature": base64.b64encode(private_key.sign(body)).decode("ascii"),
        "body": base64.b64encode(body).decode("ascii"),
    }
    return canonical_bytes(envelope)


def open_envelope(data: bytes, lookup: PublicKeyLookup, max_body: int) -> tuple[str, bytes]:
    """Check the envelope and its signature; return (device_id, body bytes) of a proven sender.

    The order matters: cheap structural checks, then the key, then the signature; the body is
    not decompressed here.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise Malformed("envelope: expected bytes")
    if len(data) > max_envelope_size(max_body):
        raise TooLarge(f"envelope over {max_envelope_size(max_body)} bytes")
    envelope = loads_strict(bytes(data), "envelope")
    if not isinstance(envelope, dict):
        raise Malformed("envelope: expected an object")
    if envelope.get("format") != FORMAT:
        raise Malformed("envelope.format: not a xaso-sync batch")
    if envelope.get("version") != VERSION:
        raise UnsupportedVersion(f"envelope.version: only {VERSION} is understood")
    if envelope.keys() != ENVELOPE_KEYS:
        raise Malformed("envelope: wrong set of fields")
    device_id, kid = envelope["device_id"], envelope["key_id"]
    if not isinstance(device_id, str) or not _DEVICE_ID.fullmatch(device_id):
        raise Malformed("envelope.device_id: invalid")
    if not isinstance(kid, str) or not _KEY_ID.fullmatch(kid):
        raise Malformed("envelope.key_id: expected 16 lowercase hex")
    body_sha = envelope["body_sha256"]
    if not isinstance(body_sha, str) or not HEX64.fullmatch(body_sha):
        raise Malformed("envelope.body_sha256: expected 64 lowercase hex")
    signature = b64decode_strict(envelope["signature"], "envelope.signature")
    if len(signature) != SIGNATURE_SIZE:
        raise BadSignature("envelope.signature: wrong length")
    body = b64decode_strict(envelope["body"], "envelope.body")

    public_key = lookup(device_id, kid)
    if public_key is None:
        raise UnknownDevice("envelope.device_id: no enrolled key")
    if key_id(public_key) != kid:
        raise BadSignature("envelope.key_id: not the device's enrolled key")
    try:
        public_key.verify(signature, body)
    except InvalidSignature as e:
        raise BadSignature("envelope.signature: does not verify") from e
    if hashlib.sha256(body).hexdigest() != body_sha:
        raise BadSignature("envelope.body_sha256: does not match the signed body")
    return device_id, body
