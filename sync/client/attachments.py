"""Files of record attachments: uploaded before the batch that links them, downloaded before
the pulled link is written (the link's row references the file's `attachment` row)."""

from __future__ import annotations

import logging

from core.auth import Perm
from core.errors import NotFound
from core.services import attachments, sync_pull
from core.store import Workspace
from sync.client.errors import HubRefused
from sync.client.transport import HubClient
from sync.protocol import Batch

log = logging.getLogger(__name__)
LINK = "record_attachment"


def upload_for_batch(ws: Workspace, client: HubClient, batch: Batch) -> int:
    """Make sure the hub holds every file the batch links (resumable); returns files sent."""
    shas = list(dict.fromkeys(op.payload.get("sha256") for op in batch.ops
                              if op.entity == LINK and op.payload.get("sha256")))
    sent = 0
    for sha in shas:
        if client.attachment_status(sha)["complete"]:
            continue
        try:
            content = attachments.read_attachment(ws, sha, permission=Perm.SYNC_RUN)
        except NotFound:  # the encrypted file is gone from this PC: the link still syncs
            log.warning("attachment file missing here; its link is pushed without it")
            continue
        client.upload_attachment(sha, content)
        sent += 1
    if sent:
        log.info("uploaded %d attachment files", sent)
    return sent


def download_missing(ws: Workspace, client: HubClient, shas) -> int:
    """Fetch and store the files not here yet; one the hub does not have (yet) is skipped:
    its link waits, parked, for a later pull."""
    stored = 0
    for sha in sync_pull.missing_attachments(ws, shas):
        try:
            content = client.download_attachment(sha)
        except HubRefused as exc:
            if exc.status == 404:
                log.warning("attachment not on the hub yet; its link waits")
                continue
            raise
        mime = attachments.sniff_mime(content) or "application/octet-stream"
        attachments.store_attachment(ws, content, mime, None, permission=Perm.SYNC_RUN)
        stored += 1
    return stored
