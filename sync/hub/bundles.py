"""Importing a sealed USB bundle: applied exactly like an online push, answered by a signed ack.

`xaso-<commune>-<device>-<batch>.xsb` → open with the hub's X25519 key (`open_sealed`) → the
device-signed envelope → `receive_batch` (decode_batch, apply_batch, attachment links: the same
code as `POST /v1/push`, so a bundle that was also pushed online, or imported twice, gives
duplicates) → `xaso-<commune>-<device>-<batch>.ack` next to the bundle or in `--ack-out`.

Ack file format (`sync.protocol.ack`): canonical JSON
``{"format": "xaso-sync-ack", "version": 1, "hub_id", "key_id", "result": base64(BatchResult
JSON), "signature": base64(Ed25519(b"xaso-sync-ack-v1\\n" + hub_id + b"\\n" + result))}``,
signed with the hub's Ed25519 key that the device pinned at enrollment; `decode_ack` verifies
it.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sync.hub.db import Database
from sync.hub.errors import FileUnreadable, from_forbidden
from sync.hub.intake import receive_batch
from sync.hub.keys import HubKeys
from sync.hub.ledger import Forbidden
from sync.protocol import Batch, BatchResult, TooLarge, open_sealed
from sync.protocol.ack import encode_ack
from sync.protocol.sealing import HEADER_SIZE, TAG_SIZE
from sync.protocol.signing import max_envelope_size


@dataclass(frozen=True)
class ImportOutcome:
    batch: Batch
    result: BatchResult
    ack_path: Path

    def counts(self) -> dict[str, int]:
        return dict(Counter(r.status for r in self.result.results))


def ack_name(bundle: Path) -> str:
    return (bundle.name[:-4] if bundle.name.endswith(".xsb") else bundle.name) + ".ack"


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def import_bundle(db: Database, keys: HubKeys, bundle: Path, *, ack_dir: Path | None = None,
                  max_body: int) -> ImportOutcome:
    """Apply one sealed bundle and write its signed ack; raises ProtocolError/HubError."""
    limit = max_envelope_size(max_body) + HEADER_SIZE + TAG_SIZE
    bundle = Path(bundle)
    try:
        if bundle.stat().st_size > limit:
            raise TooLarge(f"bundle over {limit} bytes")
        data = bundle.read_bytes()
    except OSError as e:
        raise FileUnreadable(str(bundle)) from e
    envelope = open_sealed(data, keys.sealing, max_size=limit)
    try:
        batch, result = receive_batch(db, envelope, max_body=max_body)
    except Forbidden as e:
        raise from_forbidden(e) from e
    ack_dir = Path(ack_dir) if ack_dir is not None else bundle.parent
    ack_dir.mkdir(parents=True, exist_ok=True)
    ack_path = ack_dir / ack_name(bundle)
    _write_atomic(ack_path, encode_ack(result, keys.signing, keys.hub_id))
    return ImportOutcome(batch, result, ack_path)
