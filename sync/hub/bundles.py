"""Importing a sealed USB bundle: applied exactly like an online push, answered by a signed ack.

`xaso-<commune>-<device>-<batch>.xsb` → open with the hub's X25519 key (`open_sealed`) → the
device-signed envelope → `receive_batch` (decode_batch, apply_batch, attachment links: the same
code as `POST /v1/push`, so a bundle that was also pushed online, or imported twice, gives
duplicates) → `xaso-<commune>-<device>-<batch>.ack` next to the bundle or in `--ack-out`.

Attachment files travel next to the bundle as `<bundle stem>.<sha256>.xsa` (the file's bytes
sealed to the same hub key). Once the sender is proven and before its batch is applied, each one
the signed batch references (a `record_attachment` op) is opened, its SHA-256 checked against
the name, and stored with the same `AttachmentStore.write_chunk` as a completed online upload
(linked to the batch's commune). A damaged, foreign or unreferenced file is refused (nothing is
stored for it) and reported; a missing one does not stop the import: its link is applied and
the file may come later online.

Ack file format (`sync.protocol.ack`): canonical JSON
``{"format": "xaso-sync-ack", "version": 1, "hub_id", "key_id", "result": base64(BatchResult
JSON), "signature": base64(Ed25519(b"xaso-sync-ack-v1\\n" + hub_id + b"\\n" + result))}``,
signed with the hub's Ed25519 key that the device pinned at enrollment; `decode_ack` verifies
it.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sync.hub.attachments import AttachmentStore
from sync.hub.db import Database
from sync.hub.errors import AttachmentHashMismatch, FileUnreadable, HubError, from_forbidden
from sync.hub.intake import DeviceKeyLookup, receive_batch
from sync.hub.keys import HubKeys
from sync.hub.ledger import Forbidden
from sync.protocol import Batch, BatchResult, ProtocolError, TooLarge, decode_batch, open_sealed
from sync.protocol.ack import encode_ack
from sync.protocol.sealing import HEADER_SIZE, TAG_SIZE
from sync.protocol.signing import max_envelope_size
from sync.protocol.wire import HEX64

FILE_SUFFIX = ".xsa"
LINK = "record_attachment"


@dataclass
class FileReport:
    """What became of the attachment files the bundle references or carries."""

    stored: list[str] = field(default_factory=list)  # sha256 newly stored by this import
    already: list[str] = field(default_factory=list)  # the commune could already read them
    missing: list[str] = field(default_factory=list)  # referenced, no .xsa, not on the hub
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)

    def as_dict(self) -> dict:
        return {"stored": len(self.stored), "already": len(self.already),
                "missing": list(self.missing),
                "refused": [{"file": n, "reason": r} for n, r in self.refused]}


@dataclass(frozen=True)
class ImportOutcome:
    batch: Batch
    result: BatchResult
    ack_path: Path
    files: FileReport = field(default_factory=FileReport)

    def counts(self) -> dict[str, int]:
        return dict(Counter(r.status for r in self.result.results))


def ack_name(bundle: Path) -> str:
    return bundle_stem(bundle) + ".ack"


def bundle_stem(bundle: Path) -> str:
    return bundle.name[:-4] if bundle.name.endswith(".xsb") else bundle.name


def attachment_files(bundle: Path) -> list[Path]:
    """The `<bundle stem>.*.xsa` files next to the bundle."""
    pattern = glob.escape(str(bundle.parent / bundle_stem(bundle))) + ".*" + FILE_SUFFIX
    return sorted(Path(p) for p in glob.glob(pattern))


def _referenced(batch: Batch) -> list[str]:
    return list(dict.fromkeys(op.payload.get("sha256") for op in batch.ops
                              if op.entity == LINK and isinstance(op.payload.get("sha256"), str)
                              and HEX64.fullmatch(op.payload["sha256"])))


def _open_file(path: Path, keys: HubKeys, store: AttachmentStore, sha: str) -> bytes:
    """The verified bytes of one .xsa file; raises ValueError with the reason (Vietnamese)."""
    limit = store.max_size + HEADER_SIZE + TAG_SIZE
    try:
        if path.stat().st_size > limit:
            raise ValueError(f"lớn hơn giới hạn {store.max_size} byte")
        data = path.read_bytes()
    except OSError as e:
        raise ValueError("không đọc được tệp") from e
    try:
        content = open_sealed(data, keys.sealing, max_size=limit)
    except ProtocolError as e:
        raise ValueError("bị hỏng hoặc không được niêm phong cho máy chủ này") from e
    if hashlib.sha256(content).hexdigest() != sha:
        raise ValueError("nội dung không khớp mã SHA-256 trong tên tệp")
    return content


def _store(store: AttachmentStore, commune: str, device_id: str, sha: str,
           content: bytes) -> bool:
    """Store verified bytes as a completed upload would; False if the commune already has it."""
    for _ in range(2):
        current = store.state(commune, sha)
        if current["complete"]:
            return False
        # resume an online upload of the same file left half way (its bytes are re-hashed)
        offset = current["offset"] if current["size"] == len(content) else 0
        try:
            store.write_chunk(commune, device_id, sha, offset, len(content), content[offset:])
            return True
        except AttachmentHashMismatch:  # the half-done upload held other bytes; it is dropped
            continue
    raise ValueError("không lưu được tệp")


def _import_files(store: AttachmentStore, keys: HubKeys, bundle: Path, batch: Batch,
                  files: FileReport) -> None:
    referenced = _referenced(batch)
    carried: dict[str, Path] = {}
    stem = bundle_stem(bundle)
    for path in attachment_files(bundle):
        sha = path.name[len(stem) + 1:-len(FILE_SUFFIX)]
        if not HEX64.fullmatch(sha):
            files.refused.append((path.name, "tên tệp không chứa mã SHA-256 hợp lệ"))
        elif sha not in referenced:
            files.refused.append((path.name, "gói này không dẫn chiếu tới tệp này"))
        else:
            carried[sha] = path
    for sha in referenced:
        path = carried.get(sha)
        if path is None:
            if store.state(batch.commune_code, sha)["complete"]:
                files.already.append(sha)
            else:
                files.missing.append(sha)
            continue
        try:
            content = _open_file(path, keys, store, sha)
            if _store(store, batch.commune_code, batch.device_id, sha, content):
                files.stored.append(sha)
            else:
                files.already.append(sha)
        except (ValueError, HubError) as e:
            files.refused.append((path.name, str(e)))


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def import_bundle(db: Database, keys: HubKeys, bundle: Path, *, attachments: AttachmentStore,
                  ack_dir: Path | None = None, max_body: int) -> ImportOutcome:
    """Store the bundle's attachment files, apply its batch and write its signed ack; raises
    ProtocolError/HubError (a refused attachment file is reported, not raised)."""
    limit = max_envelope_size(max_body) + HEADER_SIZE + TAG_SIZE
    bundle = Path(bundle)
    try:
        if bundle.stat().st_size > limit:
            raise TooLarge(f"bundle over {limit} bytes")
        data = bundle.read_bytes()
    except OSError as e:
        raise FileUnreadable(str(bundle)) from e
    envelope = open_sealed(data, keys.sealing, max_size=limit)
    files = FileReport()

    def before_apply(_device_id: str) -> None:  # the sender is proven and not revoked
        # which files the signed batch links (verified again by receive_batch, unchanged)
        lookup = DeviceKeyLookup(db)
        signed = decode_batch(envelope, lookup, max_size=max_body)
        if lookup.found is not None and lookup.found.commune_code == signed.commune_code:
            _import_files(attachments, keys, bundle, signed, files)
        # otherwise apply_batch refuses the batch (wrong commune): no file is linked to it

    try:
        batch, result = receive_batch(db, envelope, max_body=max_body, before_apply=before_apply)
    except Forbidden as e:
        raise from_forbidden(e) from e
    ack_dir = Path(ack_dir) if ack_dir is not None else bundle.parent
    ack_dir.mkdir(parents=True, exist_ok=True)
    ack_path = ack_dir / ack_name(bundle)
    _write_atomic(ack_path, encode_ack(result, keys.signing, keys.hub_id))
    return ImportOutcome(batch, result, ack_path, files)
