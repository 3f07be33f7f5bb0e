"""Attachments: content-addressed by SHA-256, stored encrypted (AES-256-GCM) in the data folder.

The file key is derived from the database key, so a backup of the folder is useless without a
user's password or the recovery key, exactly like the database.
"""

from __future__ import annotations

import hashlib
import os
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlmodel import Session

from core import audit
from core.auth import Perm
from core.errors import NotFound, ValidationError
from core.i18n import QT_TR_NOOP
from core.models import Attachment
from core.services._change import writing
from core.store import Workspace

MAX_BYTES = 50 * 1024 * 1024
# What a scanned paper entry or a decision may be: recognised by its first bytes, never by the
# name or the MIME type a caller claims.
DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/tiff", "image/webp")


def sniff_mime(content: bytes) -> str | None:
    """The document type of `content` by its magic bytes (DOCUMENT_TYPES), None otherwise."""
    head = content[:1024]
    if b"%PDF-" in head:  # the PDF spec allows some bytes before the header
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _file_key(ws: Workspace) -> bytes:
    return HKDF(hashes.SHA256(), 32, None, b"xaso attachments v1").derive(ws.db.key)


def _path(ws: Workspace, sha256: str):
    return ws.store.attachments_dir / sha256[:2] / sha256


def store_attachment(ws: Workspace, content: bytes, mime: str, filename: str | None = None,
                     permission: Perm = Perm.RECORD_WRITE, *,
                     session: Session | None = None) -> Attachment:
    """Encrypt and keep `content` once (content-addressed); `session`: the caller's write
    transaction (the file itself is written first: an orphan file is harmless)."""
    ws.actor.require(permission)
    if not content or len(content) > MAX_BYTES:
        raise ValidationError({"file": QT_TR_NOOP("Tệp rỗng hoặc lớn hơn 50 MB.")})
    digest = hashlib.sha256(content).hexdigest()
    path = _path(ws, digest)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        nonce = secrets.token_bytes(12)
        sealed = nonce + AESGCM(_file_key(ws)).encrypt(nonce, content, digest.encode())
        tmp = path.with_suffix(".partial")
        with tmp.open("wb") as fh:
            fh.write(sealed)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    with writing(ws, session) as session:
        row = session.get(Attachment, digest)
        if row is None:
            row = Attachment(sha256=digest, size=len(content), mime=mime, filename=filename,
                             created_by=ws.actor.user_id)
            session.add(row)
            audit.append_event(session, ws.actor.user_id, "attachment.store", "attachment", None,
                               {"sha256": digest, "size": len(content)})
            session.flush()
    return row


def read_attachment(ws: Workspace, sha256: str, permission: Perm = Perm.RECORD_READ) -> bytes:
    """Decrypt and return the content; every read is audited."""
    ws.actor.require(permission)
    path = _path(ws, sha256)
    if not path.exists():
        raise NotFound(QT_TR_NOOP("tệp đính kèm"))
    sealed = path.read_bytes()
    content = AESGCM(_file_key(ws)).decrypt(sealed[:12], sealed[12:], sha256.encode())
    if hashlib.sha256(content).hexdigest() != sha256:
        raise ValidationError({"file": QT_TR_NOOP("Tệp đính kèm bị hỏng.")})
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "attachment.read", "attachment", None,
                           {"sha256": sha256})
    return content
