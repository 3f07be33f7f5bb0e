"""Bulk insert of new entities (imports, demo data): the same write path at batch speed.

One transaction per call: rows, one outbox entry per synced row, and one audit event that
summarises the batch (per-row audit events would multiply the work without telling more).
Rows go straight to the driver's `executemany`: per-row ORM bind processing costs more than the
whole SQLite insert, so callers hand in DB-ready values (see `core.models.db_value`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter

from sqlmodel import Session

from core import audit
from core.auth import Perm
from core.models import SYNCED_ENTITIES, OutboxEntry, db_value, new_id, utcnow
from core.outbox import row_hash
from core.store import Workspace


@contextmanager
def deferred_indexes(session: Session, tables: tuple[str, ...],
                     keep: tuple[str, ...] = ()) -> Iterator[None]:
    """Drop the secondary indexes of `tables` (but those named in `keep`), run the block,
    recreate them from their own SQL.

    All in the caller's transaction, so a failure (or a kill) leaves the schema untouched.
    Constraint indexes (primary keys, UNIQUE) have no SQL and stay in place. Keep indexes led
    by a time-ordered id: new rows append to their end, cheaper than a rebuild.
    """
    driver = session.connection().connection.driver_connection
    marks = ", ".join("?" * len(tables))
    indexes = [(name, sql) for name, sql in driver.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
        f"AND tbl_name IN ({marks})", tables) if name not in keep]
    for name, _ in indexes:
        driver.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        driver.execute(sql)


# Below this many new persons a bulk load ranks them one by one between their neighbours;
# above it, rebuilding every rank set-wise is cheaper (see the v2 schema, person_rank).
RANK_ONE_BY_ONE_MAX = 200
# Fires on every person insert, but only acts when fts_suspended is empty (schema v2).
IDLE_WHILE_SUSPENDED = "person_rank_person_ai"


def insert_values(session: Session, table: str, columns: list[str] | tuple[str, ...],
                  values: Iterable[tuple], constants: dict | None = None) -> None:
    """Insert value tuples straight through the driver, in the session's transaction.

    `constants` (column -> value) are the same for every row: they go into the statement as
    SQL literals (quoted by SQLite itself) instead of being bound row by row, which costs more
    than the insert when a row has many of them.
    No outbox: callers queue synced rows themselves (insert_rows) or own data that never syncs
    (demo). Persons must be inserted inside `search_index_deferred` (their search ranks and FTS
    rows are made set-wise at its end).
    """
    driver = session.connection().connection.driver_connection  # same transaction
    if table == "person" and driver.execute("SELECT 1 FROM fts_suspended").fetchone() is None:
        raise RuntimeError("insert persons inside search_index_deferred()")
    names = [*columns, *(constants or ())]
    marks = ["?"] * len(columns) + [
        driver.execute("SELECT quote(?)", (value,)).fetchone()[0]
        for value in (constants or {}).values()]
    sql = (f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 - names from our models
           f"VALUES ({', '.join(marks)})")
    driver.executemany(sql, values)


@contextmanager
def search_index_deferred(session: Session) -> Iterator[None]:
    """Persons inserted in the block get their search ranks and FTS rows at its end.

    Row-by-row indexing costs ~40 µs a person in FTS5 alone; one set-wise pass afterwards a few.
    The per-person ranking trigger does nothing while fts_suspended has a row, yet evaluating
    it costs ~2.5 µs an insert: it is dropped for the block and recreated from its own SQL, all
    in the caller's transaction (a failure or a kill leaves the schema untouched).
    """
    driver = session.connection().connection.driver_connection
    driver.execute("INSERT INTO fts_suspended SELECT coalesce(max(rowid), 0) FROM person")
    idle = driver.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                          (IDLE_WHILE_SUSPENDED,)).fetchone()
    if idle:
        driver.execute(f"DROP TRIGGER {IDLE_WHILE_SUSPENDED}")
    yield
    if idle:
        driver.execute(idle[0])
    since = driver.execute("SELECT since_rowid FROM fts_suspended").fetchone()[0]
    driver.execute("DELETE FROM fts_suspended")
    new = driver.execute("SELECT count(*) FROM person WHERE rowid > ? AND deleted_at IS NULL",
                         (since,)).fetchone()[0]
    ranked = driver.execute("SELECT count(*) FROM person_rank").fetchone()[0]
    if new > RANK_ONE_BY_ONE_MAX or new > ranked:
        driver.execute("INSERT INTO search_rank_rebuild VALUES (1)")
    elif new:
        driver.execute("INSERT INTO person_rank_pending SELECT rowid FROM person "
                       "WHERE rowid > ? AND deleted_at IS NULL ORDER BY sort_key", (since,))


def _insert_dicts(session: Session, table: str, rows: list[dict]) -> None:
    columns = list(rows[0])
    insert_values(session, table, columns, map(itemgetter(*columns), rows))


def insert_rows(session: Session, ws: Workspace, batches: list[tuple[type, list[dict]]],
                data_domain: str) -> dict[str, int]:
    """Insert complete new rows (every column, DB-ready values) and their outbox entries."""
    counts: dict[str, int] = {}
    outbox_rows = []
    created = db_value(utcnow())
    with search_index_deferred(session):
        for model, rows in batches:
            if rows:
                _insert_dicts(session, model.__tablename__, rows)
    for model, rows in batches:
        if not rows:
            continue
        table = model.__tablename__
        counts[table] = counts.get(table, 0) + len(rows)
        if table in SYNCED_ENTITIES and not ws.is_demo:
            for row in rows:
                outbox_rows.append({
                    "op_id": new_id(), "entity": table, "entity_id": row["id"], "op": "upsert",
                    "base_version": 0, "version": 1, "payload_hash": row_hash(row),
                    "data_domain": data_domain, "created_at": created, "pushed_at": None,
                    "result": None,
                })
    if outbox_rows:
        _insert_dicts(session, OutboxEntry.__tablename__, outbox_rows)
    return counts


def bulk_create(ws: Workspace, batches: list[tuple[type, list[dict]]], action: str,
                data_domain: str, details: dict | None = None,
                permission: Perm = Perm.PERSON_WRITE) -> dict[str, int]:
    ws.actor.require(permission)
    with ws.db.write() as session:
        counts = insert_rows(session, ws, batches, data_domain)
        audit.append_event(session, ws.actor.user_id, action,
                           details={**(details or {}), "counts": counts})
    return counts
