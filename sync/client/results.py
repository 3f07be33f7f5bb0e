"""Recording the hub's answer to a batch, whether it came online or in a USB ack file.

The answer is trusted only if it answers exactly the stored batch's ops, in order
(`BatchResult.check_against`); then core marks the outbox entries and makes review items.
"""

from __future__ import annotations

from core.services import sync_push
from core.services.sync_push import ResultCounts
from core.store import Workspace
from sync.client.errors import HubAnswerInvalid
from sync.protocol import Batch, BatchResult, ProtocolError


def record(ws: Workspace, batch: Batch, result: BatchResult, via: str) -> ResultCounts:
    try:
        result.check_against(batch)
    except ProtocolError as exc:
        raise HubAnswerInvalid(exc.detail or "result") from exc
    return sync_push.record_results(ws, batch.batch_id,
                                    [r.to_dict() for r in result.results], via)
