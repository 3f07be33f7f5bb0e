"""Pulling: pages of the commune's changes after the stored cursor, applied page by page.

Files of pulled attachment links are fetched before their page is applied (the link's row
references the file's row); core applies the page and moves the cursor in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from core.services import sync_pull, sync_state
from core.services.sync_pull import PullCounts
from core.store import Workspace
from sync.client.attachments import LINK, download_missing
from sync.client.errors import CycleCancelled, HubAnswerInvalid
from sync.client.transport import HubClient

PAGE = 500


def pull_all(ws: Workspace, client: HubClient, *,
             progress: Callable[[int, int], None] | None = None,
             cancel: Callable[[], bool] | None = None, page_size: int = PAGE) -> PullCounts:
    total = PullCounts()
    cursor = sync_state.require_state(ws).pull_cursor
    download_missing(ws, client, sync_pull.parked_attachment_shas(ws))
    reference = None
    received = 0
    while True:
        if cancel is not None and cancel():
            raise CycleCancelled()
        page = client.pull(cursor, page_size)
        changes, next_cursor = page["changes"], page["next_cursor"]
        if next_cursor < cursor or (page["more"] and next_cursor == cursor):
            raise HubAnswerInvalid("pull.next_cursor")
        download_missing(ws, client, [c["row"].get("sha256") for c in changes
                                      if isinstance(c, dict) and c.get("entity") == LINK
                                      and isinstance(c.get("row"), dict)])
        counts = sync_pull.apply_page(ws, changes, next_cursor, after_cursor=cursor)
        if counts is None:  # another sync of this PC moved the cursor meanwhile: stop here
            break
        total.add(counts)
        cursor = next_cursor
        received += len(changes)
        reference = page.get("reference", reference)
        if progress is not None:
            progress(received, 0)  # the total is not known before the last page
        if not page["more"]:
            break
    if isinstance(reference, dict):
        sync_state.record_reference(ws, reference)
    return total
