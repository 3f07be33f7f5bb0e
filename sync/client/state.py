"""The enrollment as the client uses it: keys parsed, the hub client made from it.

Reading and writing `sync_state` itself is core's (core.services.sync_state).
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from core.models import SyncState
from core.services import sync_state
from core.store import Workspace
from sync.client.transport import HubClient
from sync.protocol import (
    private_key_from_pem,
    public_key_from_text,
    public_key_to_text,
    sealing_key_from_text,
)


@dataclass(frozen=True)
class Credentials:
    hub_url: str
    hub_id: str
    device_id: str
    commune_code: str
    key: Ed25519PrivateKey
    hub_signing_key: Ed25519PublicKey
    hub_sealing_key: X25519PublicKey
    skew: float  # last measured, seconds

    def lookup(self, device_id: str, _key_id: str | None = None) -> Ed25519PublicKey | None:
        """Our own public key, to re-open batches this PC signed."""
        return self.key.public_key() if device_id == self.device_id else None


def credentials_of(state: SyncState) -> Credentials:
    return Credentials(
        hub_url=state.hub_url, hub_id=state.hub_id, device_id=state.device_id,
        commune_code=state.commune_code,
        key=private_key_from_pem(state.device_key.encode("ascii")),
        hub_signing_key=public_key_from_text(state.hub_signing_key),
        hub_sealing_key=sealing_key_from_text(state.hub_sealing_key),
        skew=state.clock_skew or 0.0)


def load(ws: Workspace) -> Credentials:
    """The enrollment, or NotEnrolled."""
    return credentials_of(sync_state.require_state(ws))


def public_text(creds: Credentials) -> str:
    """The pinned hub signing key as hello spells it."""
    return public_key_to_text(creds.hub_signing_key)


def client_for(creds: Credentials, hub_url: str | None = None, **options) -> HubClient:
    return HubClient(hub_url or creds.hub_url, device_id=creds.device_id, key=creds.key,
                     skew=creds.skew, **options)
