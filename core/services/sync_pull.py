"""Applying a page of changes pulled from the hub (the network part is sync/client/pull.py).

A pulled row is written only when its version is newer than the local one and the row has no
local change the hub has not answered yet (never overwrite unsynced work: that push will meet
the hub's version as a conflict, shown side by side). A row waiting in an open sync review item
is not written either; the item gets the hub's newer row instead.

The hub sends each row in its latest state, so a row can arrive before a row it references
(a household before the person who heads it was last edited). Such rows are parked in
`sync_parked` and written, in cursor order, as soon as what they reference exists. The page's
rows, the parked rows and the new cursor are committed in one transaction, with one audit
event for the page (counts only).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass

from sqlmodel import Session, select

from core import audit
from core.models import SYNCED_ENTITIES, Attachment, SyncParked, SyncState, utcnow
from core.services import _sync_rows as rows
from core.services.sync_state import NotEnrolled, check_can_sync
from core.store import Workspace

log = logging.getLogger(__name__)
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class PullCounts:
    written: int = 0  # rows written (new or newer)
    older: int = 0  # the local row is already as new (often our own change coming back)
    kept_local: int = 0  # local changes not yet answered by the hub: the hub's row waits
    parked: int = 0  # still waiting for a row they reference, after the page
    refused: int = 0  # invalid, or refused by the database: a review item shows them

    def add(self, later: PullCounts) -> None:
        """Totals over pages; `parked` is a state, so the later page's figure stands."""
        for name, value in asdict(later).items():
            setattr(self, name, value if name == "parked" else getattr(self, name) + value)


@dataclass(frozen=True)
class Candidate:
    cursor: int
    entity: str
    entity_id: str
    version: int
    row: dict


def _valid(change: dict) -> Candidate | None:
    """A well-formed change of a table this version syncs, else None (counted as refused)."""
    try:
        entity, entity_id, version, row = (change["entity"], change["entity_id"],
                                           change["version"], change["row"])
        cursor = int(change["cursor"])
    except (KeyError, TypeError, ValueError):
        return None
    if entity not in SYNCED_ENTITIES or not isinstance(row, dict) or type(version) is not int:
        return None
    if row.get("id") != entity_id or row.get("version") != version or version < 1:
        return None
    return Candidate(cursor, entity, entity_id, version, row)


def _refuse(session: Session, ws: Workspace, cand: Candidate, reason: str) -> None:
    log.warning("pulled %s %s refused: %s", cand.entity, cand.entity_id, reason)
    rows.upsert_item(session, ws, "sync_rejection", cand.entity, cand.entity_id, {
        "direction": "pull", "status": "refused_here", "server_version": cand.version,
        "server_row": cand.row, "errors": {"row": reason},
        "message": "Máy này không ghi được bản từ máy chủ (xem chi tiết); cần người xử lý."})


def _decide(session: Session, ws: Workspace, conn, cand: Candidate, counts: PullCounts,
            with_items: set[tuple[str, str]]) -> bool:
    """Write or drop the candidate (True), or keep it for a later pass (False)."""
    if rows.has_pending(conn, cand.entity, cand.entity_id):
        counts.kept_local += 1
        return True
    item = (rows.open_item(session, cand.entity, cand.entity_id)
            if (cand.entity, cand.entity_id) in with_items else None)
    if item is not None:
        details = json.loads(item.details or "{}")
        if cand.version > (details.get("server_version") or 0):
            details |= {"server_version": cand.version, "server_row": cand.row}
            rows.upsert_item(session, ws, item.kind, cand.entity, cand.entity_id, details)
        counts.kept_local += 1
        return True
    local = rows.local_version(conn, cand.entity, cand.entity_id)
    if local is not None and cand.version <= local:
        counts.older += 1
        return True
    if rows.missing_reference(conn, cand.entity, cand.row) is not None:
        return False
    try:
        rows.write_row(conn, cand.entity, cand.row)
    except rows.RowRefused as exc:
        _refuse(session, ws, cand, exc.reason)
        counts.refused += 1
        return True
    counts.written += 1
    return True


def apply_page(ws: Workspace, changes: list[dict], next_cursor: int, *,
               after_cursor: int) -> PullCounts | None:
    """Apply one page pulled after `after_cursor`; None if the stored cursor is elsewhere
    (another sync of this PC applied it meanwhile): nothing is written then."""
    check_can_sync(ws)
    counts = PullCounts()
    with ws.db.write() as session:
        state = session.get(SyncState, 1)
        if state is None:
            raise NotEnrolled()
        if state.pull_cursor != after_cursor or next_cursor < after_cursor:
            return None
        parked_rows = list(session.exec(select(SyncParked)))
        if not changes and not parked_rows and next_cursor == after_cursor:
            return counts  # nothing new: no write, no audit event
        conn = rows.driver(session)
        candidates: dict[tuple[str, str], Candidate] = {}
        for parked in parked_rows:
            candidates[parked.entity, parked.entity_id] = Candidate(
                parked.cursor, parked.entity, parked.entity_id, parked.version,
                json.loads(parked.payload))
        parked_before = set(candidates)
        for change in changes:
            cand = _valid(change)
            if cand is None:
                log.warning("pulled change malformed or of an unknown table: skipped")
                counts.refused += 1
                continue
            known = candidates.get((cand.entity, cand.entity_id))
            if known is None or cand.version > known.version:
                candidates[cand.entity, cand.entity_id] = cand
        waiting = sorted(candidates.values(), key=lambda c: c.cursor)
        with_items = set(conn.execute(
            "SELECT entity, entity_id FROM review_item WHERE status = 'open' "
            "AND kind IN ('sync_conflict', 'sync_rejection')").fetchall())
        progress = True
        while waiting and progress:  # each pass writes what the previous passes made possible
            before = len(waiting)
            waiting = [c for c in waiting
                       if not _decide(session, ws, conn, c, counts, with_items)]
            progress = len(waiting) < before
        still = {(c.entity, c.entity_id): c for c in waiting}
        for key in parked_before - set(still):
            session.delete(session.get(SyncParked, key))
        for key, cand in still.items():
            parked = session.get(SyncParked, key) or SyncParked(entity=cand.entity,
                                                               entity_id=cand.entity_id,
                                                               version=0, payload="", cursor=0)
            parked.version, parked.cursor = cand.version, cand.cursor
            parked.payload = json.dumps(cand.row, ensure_ascii=False, sort_keys=True)
            parked.parked_at = utcnow()
            session.add(parked)
        counts.parked = len(still)
        state.pull_cursor = next_cursor
        session.add(state)
        audit.append_event(session, ws.actor.user_id, "sync.pull",
                           details={"cursor": next_cursor, "changes": len(changes),
                                    "counts": asdict(counts)})
    return counts


def missing_attachments(ws: Workspace, shas) -> list[str]:
    """Of these SHA-256s, those whose attachment (row or encrypted file) is not here."""
    missing = []
    with ws.db.read() as session:
        for sha in dict.fromkeys(shas):
            if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
                continue  # not a file name we would ever build a path from
            path = ws.store.attachments_dir / sha[:2] / sha
            if session.get(Attachment, sha) is None or not path.exists():
                missing.append(sha)
    return missing


def parked_attachment_shas(ws: Workspace) -> list[str]:
    """Files that parked attachment links wait for (a download that failed earlier)."""
    with ws.db.read() as session:
        parked = session.exec(select(SyncParked.payload).where(
            SyncParked.entity == "record_attachment")).all()
    shas = (json.loads(p).get("sha256") for p in parked)
    return [sha for sha in shas if isinstance(sha, str) and _SHA256.fullmatch(sha)]


def parked_count(ws: Workspace) -> int:
    with ws.db.read() as session:
        return len(session.exec(select(SyncParked.entity_id)).all())
