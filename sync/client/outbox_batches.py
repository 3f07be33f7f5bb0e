"""The next batch to push: the one in flight, else a new one built from the outbox and signed.

Building and marking are core's (core.services.sync_push.store_new_batch); this module turns
its drafts into protocol ops and signs them with the device key, inside that transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.models import new_id
from core.services import sync_push
from core.services.sync_push import OpDraft, StoredBatch
from core.store import Workspace
from sync.client.state import Credentials
from sync.protocol import Batch, Op, decode_batch, encode_batch

# Leave room under the hub's body limit: the envelope's base64 adds a third to the gzip bytes.
_BODY_SHARE = 4
# The batch this process signed last, with its bytes: the cycle needs it as a Batch right after
# storing it, and decoding our own 2,000 ops again cost a sixth of a push. One cycle runs at a
# time (cycle.AlreadyRunning); a batch re-sent after a restart is decoded from its bytes.
_last_signed: tuple[bytes, Batch] | None = None


def sign_drafts(creds: Credentials, drafts: list[OpDraft]) -> tuple[str, bytes]:
    ops = [Op(op_id=d.op_id, seq=d.seq, entity=d.entity, entity_id=d.entity_id, op=d.op,
              base_version=d.base_version, version=d.version, payload=d.payload,
              payload_hash=d.payload_hash, data_domain=d.data_domain, supersedes=d.supersedes)
           for d in drafts]
    batch = Batch(commune_code=creds.commune_code, device_id=creds.device_id,
                  batch_id=new_id(), created_at=datetime.now(UTC), ops=ops)
    body = encode_batch(batch, creds.key)
    global _last_signed
    _last_signed = (body, batch)
    return batch.batch_id, body


def next_batch(ws: Workspace, creds: Credentials, *, max_body: int | None = None,
               max_ops: int = sync_push.MAX_OPS) -> StoredBatch | None:
    """The batch in flight, or a new one (None when nothing waits)."""
    max_bytes = sync_push.MAX_BYTES
    if max_body:
        max_bytes = max(64 * 1024, min(max_bytes, max_body // _BODY_SHARE))
    return sync_push.store_new_batch(ws, lambda drafts: sign_drafts(creds, drafts),
                                     max_ops=max_ops, max_bytes=max_bytes)


def open_stored(creds: Credentials, body: bytes) -> Batch:
    """Re-read a batch this PC signed (to check the hub's answer and find its attachments)."""
    signed = _last_signed
    if signed is not None and signed[0] == body:
        return signed[1]
    return decode_batch(body, creds.lookup)
