"""Enrolling this PC with a hub: a fresh Ed25519 device key, the one-time code, the hub's keys
pinned. The private key is stored only inside the encrypted database (core sync_state)."""

from __future__ import annotations

import platform

from core.auth import Perm
from core.services import settings, sync_push, sync_state
from core.services.sync_state import DemoNeverSyncs, Enrollment
from core.store import Workspace
from core.text import nfc
from sync.client.errors import HubAnswerInvalid
from sync.client.transport import HubClient
from sync.protocol import (
    generate_device_key,
    private_key_to_pem,
    public_key_from_text,
    public_key_to_text,
    sealing_key_from_text,
)


def enroll(ws: Workspace, hub_url: str, code: str, device_name: str | None = None, *,
           client_options: dict | None = None):
    ws.actor.require(Perm.SYNC_ADMIN)
    if ws.is_demo:
        raise DemoNeverSyncs()
    hub_url = settings.check_hub_url(hub_url)
    if hub_url is None:
        settings.check_hub_url("?")  # blank: raises the message saying what an address is
    name = nfc(device_name or platform.node() or "PC")[:80]
    key = generate_device_key()
    previous = sync_state.get_state(ws)
    with HubClient(hub_url, **(client_options or {})) as client:
        hello = client.hello()
        answer = client.enroll(nfc(code or "").strip(), name, public_key_to_text(key.public_key()))
    if (answer["hub_id"], answer["signing_key"], answer["sealing_key"]) != (
            hello.hub_id, hello.signing_key, hello.sealing_key):
        raise HubAnswerInvalid("enroll: keys differ from hello")
    public_key_from_text(answer["signing_key"])  # refuse keys we could not use later
    sealing_key_from_text(answer["sealing_key"])
    saved = sync_state.save_enrollment(ws, Enrollment(
        hub_url=hub_url, hub_id=answer["hub_id"], device_id=answer["device_id"],
        device_name=name, device_key_pem=private_key_to_pem(key).decode("ascii"),
        hub_signing_key=answer["signing_key"], hub_sealing_key=answer["sealing_key"],
        commune_code=answer["commune_code"]))
    if previous is not None and previous.device_id != answer["device_id"]:
        batch = sync_push.in_flight(ws)  # signed by the old device key: never valid again
        if batch is not None:
            sync_push.discard_in_flight(ws, batch.id)
    sync_state.record_skew(ws, hello.skew)
    if ws.actor.can(Perm.SETTINGS_MANAGE):
        settings.update_settings(ws, hub_url=hub_url)
    return saved
