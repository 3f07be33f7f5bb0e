"""What each device last did (the dashboard's "last sync") and its refusals counted from the ledger.

`device_activity` is written on every authenticated push, pull and report: one upsert, at most
once per device and kind every `THROTTLE` seconds (a cycle pulls many pages; on SQLite every
write takes the database lock, so the dashboard must not cost the sync a write per page).
A failure to note activity is logged and never fails the sync request itself.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from sync.hub.db import Database
from sync.hub.schema import device_activity, op_ledger

log = logging.getLogger("xaso.hub")

THROTTLE = 30.0  # seconds between two writes of the same device and kind
KINDS = ("push", "pull")
REFUSALS = ("rejected", "conflict")  # final refusals the ledger records ("held" is not)


def upsert_activity(conn: Connection, device_id: str, values: dict) -> None:
    """Insert the device's activity row or update the given columns (both engines)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(device_activity).values(device_id=device_id, **values)
    conn.execute(statement.on_conflict_do_update(index_elements=[device_activity.c.device_id],
                                                 set_=values))


class ActivityRecorder:
    def __init__(self, db: Database, throttle: float = THROTTLE, clock=time.monotonic,
                 max_keys: int = 100_000):
        self.db = db
        self.throttle = throttle
        self._clock = clock
        self._max_keys = max_keys
        self._written: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def note(self, device_id: str, kind: str) -> None:
        """The device pushed or pulled just now (called from a worker thread)."""
        assert kind in KINDS
        key, now = (device_id, kind), self._clock()
        with self._lock:
            last = self._written.get(key)
            if last is not None and now - last < self.throttle:
                return
            if len(self._written) >= self._max_keys:
                self._written.clear()  # forget everything: the next writes simply happen
            self._written[key] = now
        try:
            with self.db.write() as conn:
                upsert_activity(conn, device_id, {f"last_{kind}_at": datetime.now(UTC)})
        except SQLAlchemyError:
            log.warning("device activity not recorded (device=%s, %s)", device_id, kind)
            with self._lock:
                self._written.pop(key, None)


def refusal_counts(conn: Connection, communes: list[str] | None = None
                   ) -> dict[tuple[str, str], Counter]:
    """(commune, device) → Counter of rejected/conflict ops (on the status index)."""
    query = (select(op_ledger.c.commune_code, op_ledger.c.device_id, op_ledger.c.status,
                    func.count().label("n"))
             .where(op_ledger.c.status.in_(REFUSALS))
             .group_by(op_ledger.c.status, op_ledger.c.commune_code, op_ledger.c.device_id))
    if communes is not None:
        query = query.where(op_ledger.c.commune_code.in_(communes))
    found: dict[tuple[str, str], Counter] = {}
    for r in conn.execute(query):
        found.setdefault((r.commune_code, r.device_id), Counter())[r.status] += int(r.n)
    return found


__all__ = ["KINDS", "REFUSALS", "THROTTLE", "ActivityRecorder", "refusal_counts",
           "upsert_activity"]
