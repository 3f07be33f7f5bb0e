"""Signed device requests (pull, attachments): four headers proving the device and the moment.

    X-Xaso-Device, X-Xaso-Time, X-Xaso-Nonce, X-Xaso-Signature =
    base64 Ed25519 over "xaso-request-v1\\n{METHOD}\\n{path?query}\\n{time}\\n{nonce}\\n{sha256(body)}"

The time is the hub's clock as the device estimates it (its own clock corrected by the skew
`hello` measured), so a device whose clock is wrong by hours can still sync; the hub accepts
±`MAX_SKEW` and refuses a nonce it has seen within the window (a captured request cannot be
replayed). A push needs none of this: its envelope is signed and a replayed push is idempotent.
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from sync.protocol.errors import BadSignature, Malformed, UnknownDevice
from sync.protocol.signing import PublicKeyLookup, b64decode_strict, key_id
from sync.protocol.wire import format_time, parse_time

H_DEVICE, H_TIME = "X-Xaso-Device", "X-Xaso-Time"
H_NONCE, H_SIGNATURE = "X-Xaso-Nonce", "X-Xaso-Signature"
HEADERS = (H_DEVICE, H_TIME, H_NONCE, H_SIGNATURE)
MAX_SKEW = timedelta(seconds=300)
_PREFIX = "xaso-request-v1"


class StaleRequest(BadSignature):
    """The request's time is outside the window, or its nonce was already used."""

    code = "stale_request"


def _message(method: str, target: str, when: str, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"{_PREFIX}\n{method.upper()}\n{target}\n{when}\n{nonce}\n{digest}".encode()


def sign_request(private_key: Ed25519PrivateKey, device_id: str, method: str, target: str,
                 body: bytes = b"", *, skew: timedelta = timedelta(0),
                 now: datetime | None = None) -> dict[str, str]:
    """Headers for one request; `target` is the path with its query (`/v1/pull?after=3`).

    `skew` = hub clock − device clock, as measured by hello.
    """
    when = format_time((now or datetime.now(UTC)) + skew)
    nonce = os.urandom(16).hex()
    signature = private_key.sign(_message(method, target, when, nonce, body))
    return {H_DEVICE: device_id, H_TIME: when, H_NONCE: nonce,
            H_SIGNATURE: base64.b64encode(signature).decode("ascii")}


class NonceCache:
    """Nonces seen within the skew window (bounded; thread-safe for a threaded server)."""

    def __init__(self, window: timedelta = MAX_SKEW * 2, max_entries: int = 200_000):
        self._window = window.total_seconds()
        self._max = max_entries
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, nonce: str) -> bool:
        """False if the nonce was seen within the window."""
        now = time.monotonic()
        with self._lock:
            while self._seen:
                oldest, at = next(iter(self._seen.items()))
                if now - at <= self._window and len(self._seen) < self._max:
                    break
                self._seen.pop(oldest)
            if nonce in self._seen:
                return False
            self._seen[nonce] = now
            return True


def verify_request(headers, method: str, target: str, body: bytes, lookup: PublicKeyLookup,
                   nonces: NonceCache, *, now: datetime | None = None) -> str:
    """Return the proven device id, or raise Malformed / UnknownDevice / BadSignature / Stale.

    `headers` is any case-insensitive mapping (Starlette's, httpx's). `lookup(device_id, None)`
    must return the device's current public key, or None when unknown or revoked.
    """
    values = [headers.get(name) for name in HEADERS]
    if any(not isinstance(v, str) or not v for v in values):
        raise Malformed("headers: X-Xaso-Device/Time/Nonce/Signature required")
    device_id, when, nonce, signature_text = values
    if len(device_id) > 64 or len(nonce) != 32 or any(c not in "0123456789abcdef" for c in nonce):
        raise Malformed("headers: device id or nonce malformed")
    signature = b64decode_strict(signature_text, "X-Xaso-Signature", Malformed)
    instant = parse_time(when, H_TIME)
    public_key: Ed25519PublicKey | None = lookup(device_id, None)
    if public_key is None:
        raise UnknownDevice("X-Xaso-Device: no enrolled key")
    try:
        public_key.verify(signature, _message(method, target, when, nonce, body))
    except InvalidSignature as e:
        raise BadSignature(f"X-Xaso-Signature: does not verify (key {key_id(public_key)})") from e
    if abs((now or datetime.now(UTC)) - instant) > MAX_SKEW:
        raise StaleRequest("X-Xaso-Time: outside the accepted window")
    if not nonces.add(nonce):
        raise StaleRequest("X-Xaso-Nonce: already used")
    return device_id


__all__ = ["HEADERS", "MAX_SKEW", "NonceCache", "StaleRequest", "sign_request",
           "verify_request"]
