"""The hub's signed answer to a USB bundle: a BatchResult the device can trust off-line.

Ack file (UTF-8 canonical JSON, exactly these keys)::

    {"format": "xaso-sync-ack", "version": 1, "hub_id": str, "key_id": 16 hex,
     "result": base64(encode_batch_result bytes),
     "signature": base64(Ed25519 over b"xaso-sync-ack-v1\\n" + hub_id + b"\\n" + result bytes)}

`key_id` names the hub's Ed25519 key (first 16 hex of SHA-256 of the raw public key). The
signed message starts with a fixed prefix, so the hub's signature over a result can never be
taken for a signature over anything else. The device checks it against the hub key it pinned
at enrollment, then `BatchResult.check_against(batch)` before recording the answers.
"""

from __future__ import annotations

import base64

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.protocol.errors import BadSignature, Malformed, TooLarge
from sync.protocol.results import BatchResult, decode_batch_result, encode_batch_result
from sync.protocol.signing import b64decode_strict, key_id
from sync.protocol.wire import canonical_bytes, check_document, loads_strict

ACK_FORMAT = "xaso-sync-ack"
ACK_VERSION = 1
ACK_KEYS = frozenset({"format", "version", "hub_id", "key_id", "result", "signature"})
_PREFIX = b"xaso-sync-ack-v1\n"
MAX_ACK_SIZE = 96 * 1024 * 1024


def _message(hub_id: str, body: bytes) -> bytes:
    return _PREFIX + hub_id.encode("utf-8") + b"\n" + body


def encode_ack(result: BatchResult, hub_key: Ed25519PrivateKey, hub_id: str) -> bytes:
    body = encode_batch_result(result)
    return canonical_bytes({
        "format": ACK_FORMAT, "version": ACK_VERSION, "hub_id": hub_id,
        "key_id": key_id(hub_key.public_key()),
        "result": base64.b64encode(body).decode("ascii"),
        "signature": base64.b64encode(hub_key.sign(_message(hub_id, body))).decode("ascii")})


def decode_ack(data: bytes, hub_public_key: Ed25519PublicKey, *,
               max_size: int = MAX_ACK_SIZE) -> tuple[str, BatchResult]:
    """Verify an ack against the pinned hub key; return (hub_id, result) or raise."""
    if len(data) > max_size:
        raise TooLarge(f"ack over {max_size} bytes")
    doc = loads_strict(bytes(data), "ack")
    check_document(doc, ACK_FORMAT, ACK_VERSION, ACK_KEYS, "ack")
    if not isinstance(doc["hub_id"], str) or not 1 <= len(doc["hub_id"]) <= 64:
        raise Malformed("ack.hub_id: expected text")
    if doc["key_id"] != key_id(hub_public_key):
        raise BadSignature("ack.key_id: not the pinned hub key")
    body = b64decode_strict(doc["result"], "ack.result")
    signature = b64decode_strict(doc["signature"], "ack.signature")
    try:
        hub_public_key.verify(signature, _message(doc["hub_id"], body))
    except InvalidSignature as e:
        raise BadSignature("ack.signature: does not verify") from e
    return doc["hub_id"], decode_batch_result(body)


__all__ = ["ACK_FORMAT", "ACK_VERSION", "decode_ack", "encode_ack"]
