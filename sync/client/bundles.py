"""USB hand-carry: the batch in flight (or a new one) sealed to the hub's pinned X25519 key, and
the hub's signed acknowledgement recorded exactly like an online answer.

    xaso-<commune>-<device>-<batch8>.xsb    sealed, device-signed batch (sync.protocol.sealing)
    xaso-<commune>-<device>-<batch8>.<sha256>.xsa   a file a `record_attachment` op of that batch
                                            links, its bytes sealed to the same hub key

The ack format is the hub's (sync/hub/bundles.py, docs/SYNC.md "USB"); it is verified with the
hub signing key pinned at enrollment before anything is recorded. A replayed bundle is answered
"duplicate" by the hub; a replayed ack (its batch already answered) changes nothing here.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from core.auth import Perm
from core.errors import NotFound, XasoError
from core.i18n import QT_TR_NOOP, Msg
from core.services import attachments, sync_push, sync_state
from core.store import Workspace
from sync.client import outbox_batches, results, state
from sync.client.acks import read_ack
from sync.protocol import seal_for_hub

log = logging.getLogger(__name__)
SUFFIX = ".xsb"
FILE_SUFFIX = ".xsa"
LINK = "record_attachment"


class NothingToSend(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP("Không có thay đổi nào chờ gửi lên máy chủ."))


@dataclass(frozen=True)
class AckReport:
    batch_id: str
    results: dict[str, int]  # count per result status
    review_items: int
    already_recorded: bool  # a replayed ack (or the batch was answered online meanwhile)

    def as_dict(self) -> dict:
        return {"batch_id": self.batch_id, "results": self.results,
                "review_items": self.review_items, "already_recorded": self.already_recorded}


def bundle_name(commune_code: str, device_id: str, batch_id: str) -> str:
    return f"xaso-{commune_code}-{device_id}-{batch_id[:8]}{SUFFIX}"


def file_name(bundle: Path, sha256: str) -> str:
    return f"{bundle.name.removesuffix(SUFFIX)}.{sha256}{FILE_SUFFIX}"


def attachment_files(bundle: Path) -> list[Path]:
    """The sealed attachment files written next to `bundle`."""
    return sorted(bundle.parent.glob(f"{bundle.name.removesuffix(SUFFIX)}.*{FILE_SUFFIX}"))


def _write_attachments(ws: Workspace, creds, stored, bundle: Path) -> int:
    """Seal every file the batch links next to the bundle (offline, the hub cannot be asked
    which it holds; it keeps one copy). A file gone from this PC is skipped: its link still
    travels and the file can follow online."""
    batch = outbox_batches.open_stored(creds, stored.body)
    shas = list(dict.fromkeys(op.payload.get("sha256") for op in batch.ops
                              if op.entity == LINK and op.payload.get("sha256")))
    written = 0
    for sha in shas:
        try:
            content = attachments.read_attachment(ws, sha, permission=Perm.SYNC_RUN)
        except NotFound:
            log.warning("attachment file missing here; its link is exported without it")
            continue
        _write_atomically(bundle.parent / file_name(bundle, sha),
                          seal_for_hub(content, creds.hub_sealing_key))
        written += 1
    return written


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def export_bundle(ws: Workspace, out_dir: Path | str) -> Path:
    """Seal the batch in flight (or the next one) into out_dir, with the attachment files it
    links (`<bundle stem>.<sha256>.xsa`, see attachment_files); returns the bundle written."""
    sync_state.check_can_sync(ws)
    creds = state.load(ws)
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise XasoError(Msg(QT_TR_NOOP(
            "Không tìm thấy thư mục {path}. Hãy cắm USB và chọn đúng thư mục."), path=str(out_dir)))
    stored = outbox_batches.next_batch(ws, creds)
    if stored is None:
        raise NothingToSend()
    sealed = seal_for_hub(stored.body, creds.hub_sealing_key)
    path = out_dir / bundle_name(creds.commune_code, creds.device_id, stored.batch_id)
    _write_attachments(ws, creds, stored, path)  # before the bundle: it comes last, complete
    _write_atomically(path, sealed)
    sync_push.mark_sent(ws, stored.batch_id, exported=True)
    return path


class UnknownAck(XasoError):
    def __init__(self):
        super().__init__(QT_TR_NOOP(
            "Tệp xác nhận này không thuộc gói nào của máy này (có thể của máy khác hoặc của "
            "lần đăng ký trước). Không có gì thay đổi."))


def import_ack(ws: Workspace, path: Path | str) -> AckReport:
    """Verify the hub's signed ack and record its answers like an online push."""
    sync_state.check_can_sync(ws)
    creds = state.load(ws)
    result = read_ack(Path(path).read_bytes(), creds)
    batch = sync_push.get_batch(ws, result.batch_id)
    if batch is None:
        raise UnknownAck()
    if batch.answered_at is not None or batch.body is None:
        return AckReport(result.batch_id, {}, 0, True)
    counts = results.record(ws, outbox_batches.open_stored(creds, batch.body), result, "usb")
    return AckReport(result.batch_id, dict(counts.by_status), counts.review_items,
                     counts.already_recorded)
