"""The hub's own keys: Ed25519 (signs USB acks) and X25519 (USB bundles are sealed to it).

`DATA/hub_keys.json` (mode 0600, created once, never rewritten)::

    {"format": "xaso-hub-keys", "version": 1, "hub_id": "hub-<16 hex>",
     "signing_key": base64(raw 32-byte Ed25519 private), "sealing_key": base64(raw X25519 private),
     "created_at": "…Z"}

`hub_id` is derived from the signing key, so it names the key pair devices pinned at enrollment.
Losing this file means every device must enroll again: back it up with the database.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sync.hub.errors import KeysMissing
from sync.protocol import key_id, public_key_to_text, sealing_key_to_text
from sync.protocol.wire import format_time

FORMAT = "xaso-hub-keys"


@dataclass(frozen=True)
class HubKeys:
    signing: Ed25519PrivateKey
    sealing: X25519PrivateKey

    @property
    def hub_id(self) -> str:
        return "hub-" + key_id(self.signing.public_key())

    @property
    def signing_key_text(self) -> str:
        return public_key_to_text(self.signing.public_key())

    @property
    def sealing_key_text(self) -> str:
        return sealing_key_to_text(self.sealing.public_key())

    def public(self) -> dict:
        return {"hub_id": self.hub_id, "signing_key": self.signing_key_text,
                "sealing_key": self.sealing_key_text}


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _read(path: Path) -> HubKeys:
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("format") != FORMAT or data.get("version") != 1:
            raise ValueError("not a hub key file")
        keys = HubKeys(
            signing=Ed25519PrivateKey.from_private_bytes(base64.b64decode(data["signing_key"])),
            sealing=X25519PrivateKey.from_private_bytes(base64.b64decode(data["sealing_key"])))
        if data.get("hub_id") != keys.hub_id:
            raise ValueError("hub_id does not match the signing key")
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise KeysMissing(str(path)) from e
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # private keys: owner only, whatever a copy or restore left
    return keys


def load_keys(data_dir: Path) -> HubKeys:
    return _read(Path(data_dir) / "hub_keys.json")


def load_or_create_keys(data_dir: Path) -> HubKeys:
    """Read the keys, creating them on first start (two processes racing make one pair)."""
    data_dir = Path(data_dir)
    path = data_dir / "hub_keys.json"
    if path.exists():
        return _read(path)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    keys = HubKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    document = {"format": FORMAT, "version": 1, "hub_id": keys.hub_id,
                "signing_key": _b64(keys.signing.private_bytes_raw()),
                "sealing_key": _b64(keys.sealing.private_bytes_raw()),
                "created_at": format_time(datetime.now(UTC))}
    tmp = data_dir / f".hub_keys.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(document, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        os.link(tmp, path)  # fails if another process made its pair first: use that one
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return _read(path)
