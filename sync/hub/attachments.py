"""Content-addressed attachment files with resumable upload (offset query + chunked PATCH).

Layout under DATA/attachments/: `objects/ab/<sha256>` (complete files, shared by every commune
that may read them) and `partial/<commune>/<sha256>.part` (an upload in progress, kept so it
can resume; the bytes already held are its size).

Each commune uploads on its own: a file another commune already holds is neither revealed nor
lent (no "do you have this hash?" oracle); when the upload completes and hashes right, the
existing copy is kept and the commune is linked to it. A commune may read a complete file it
uploaded or that one of its pushed `record_attachment` rows references.
"""

from __future__ import annotations

import hashlib
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from sync.hub.db import Database, insert_ignore
from sync.hub.errors import (
    AttachmentHashMismatch,
    BodyTooLarge,
    InvalidRequest,
    LengthMismatch,
    OffsetMismatch,
)
from sync.hub.schema import attachment, attachment_link, attachment_upload
from sync.protocol.wire import HEX64


def _now() -> datetime:
    return datetime.now(UTC)


def link(conn: Connection, commune_code: str, sha256s, source: str) -> None:
    """Let the commune read these files (when complete); existing links are kept."""
    now = _now()
    rows = [{"commune_code": commune_code, "sha256": s, "source": source, "linked_at": now}
            for s in sorted(set(sha256s)) if isinstance(s, str) and HEX64.fullmatch(s)]
    insert_ignore(conn, attachment_link, rows)


def _fsync_dir(path: Path) -> None:
    if os.name == "posix":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class AttachmentStore:
    def __init__(self, root: Path, db: Database, *, max_size: int):
        self.root = Path(root)
        self.db = db
        self.max_size = max_size
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def object_path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def _partial_path(self, commune_code: str, sha256: str) -> Path:
        return self.root / "partial" / commune_code / f"{sha256}.part"

    def _lock(self, commune_code: str, sha256: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault((commune_code, sha256), threading.Lock())

    def _readable(self, conn: Connection, commune_code: str, sha256: str) -> int | None:
        """The size of a complete file this commune may read, else None."""
        row = conn.execute(
            select(attachment.c.size)
            .join(attachment_link, attachment_link.c.sha256 == attachment.c.sha256)
            .where(attachment.c.sha256 == sha256,
                   attachment_link.c.commune_code == commune_code)).first()
        return int(row.size) if row is not None and self.object_path(sha256).exists() else None

    def state(self, commune_code: str, sha256: str) -> dict:
        with self.db.read() as conn:
            size = self._readable(conn, commune_code, sha256)
            if size is not None:
                return {"sha256": sha256, "size": size, "offset": size, "complete": True}
            upload = conn.execute(select(attachment_upload.c.length).where(
                attachment_upload.c.commune_code == commune_code,
                attachment_upload.c.sha256 == sha256)).first()
        if upload is None:
            return {"sha256": sha256, "size": None, "offset": 0, "complete": False}
        partial = self._partial_path(commune_code, sha256)
        held = partial.stat().st_size if partial.exists() else 0
        return {"sha256": sha256, "size": int(upload.length), "offset": held, "complete": False}

    def content_path(self, commune_code: str, sha256: str) -> Path | None:
        with self.db.read() as conn:
            if self._readable(conn, commune_code, sha256) is None:
                return None
        return self.object_path(sha256)

    def write_chunk(self, commune_code: str, device_id: str, sha256: str, offset: int,
                    length: int, chunk: bytes) -> dict:
        """Append `chunk` at `offset` of an upload of `length` bytes; finish it when complete."""
        if length > self.max_size:
            raise BodyTooLarge(self.max_size)
        if offset + len(chunk) > length:
            raise InvalidRequest("body: runs past Upload-Length")
        with self._lock(commune_code, sha256):
            current = self.state(commune_code, sha256)
            if current["complete"]:
                return current  # a retried last chunk: nothing more to do
            if current["size"] is None:
                if offset != 0:
                    raise OffsetMismatch(0)
                with self.db.write() as conn:
                    insert_ignore(conn, attachment_upload, [{
                        "commune_code": commune_code, "sha256": sha256, "length": length,
                        "device_id": device_id, "started_at": _now()}])
            elif current["size"] != length:
                raise LengthMismatch("Upload-Length: differs from the upload in progress")
            elif offset != current["offset"]:
                raise OffsetMismatch(current["offset"])
            partial = self._partial_path(commune_code, sha256)
            partial.parent.mkdir(parents=True, exist_ok=True)
            with open(partial, "ab") as fh:
                fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            held = offset + len(chunk)
            if held < length:
                return {"sha256": sha256, "size": length, "offset": held, "complete": False}
            return self._finish(commune_code, sha256, partial, length)

    def _finish(self, commune_code: str, sha256: str, partial: Path, length: int) -> dict:
        digest = hashlib.sha256()
        with open(partial, "rb") as fh:
            while block := fh.read(1024 * 1024):
                digest.update(block)
        if digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            self._forget_upload(commune_code, sha256)
            raise AttachmentHashMismatch("body: the complete bytes do not hash to the name")
        target = self.object_path(sha256)
        if target.exists():
            partial.unlink()  # same bytes already stored for another commune
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(partial, target)
            _fsync_dir(target.parent)
        with self.db.write() as conn:
            insert_ignore(conn, attachment, [{"sha256": sha256, "size": length,
                                              "stored_at": _now()}])
            link(conn, commune_code, [sha256], "upload")
            conn.execute(delete(attachment_upload).where(
                attachment_upload.c.commune_code == commune_code,
                attachment_upload.c.sha256 == sha256))
        return {"sha256": sha256, "size": length, "offset": length, "complete": True}

    def _forget_upload(self, commune_code: str, sha256: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(attachment_upload).where(
                attachment_upload.c.commune_code == commune_code,
                attachment_upload.c.sha256 == sha256))


__all__ = ["AttachmentStore", "link"]
