"""Reading the hub's signed acknowledgement of a USB bundle (format: sync/protocol/ack.py)."""

from __future__ import annotations

from sync.client.errors import WrongHub
from sync.client.state import Credentials
from sync.protocol import BatchResult
from sync.protocol.ack import decode_ack


def read_ack(data: bytes, creds: Credentials) -> BatchResult:
    """Verify the ack with the hub signing key pinned at enrollment (BadSignature otherwise);
    an ack signed by the right key but naming another hub is refused too."""
    hub_id, result = decode_ack(data, creds.hub_signing_key)
    if hub_id != creds.hub_id:
        raise WrongHub()
    return result
