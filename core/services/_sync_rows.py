"""Row-level helpers shared by the sync services: hub rows written as DB values, reference
checks, un-pushed changes and the one open sync review item of a row.

Rows from a hub are written with SQL upserts of the DB values they carry (the same values
`core.models.row_of` gives, so the row hash survives the round trip) and make no outbox entry:
they are the hub's, not this PC's, changes. The person search triggers (schema v2) keep ranks
and the FTS index in step for these inserts and updates like for any other.
"""

from __future__ import annotations

import json
from functools import cache

import sqlcipher3
from sqlmodel import Session, SQLModel, select

from core.models import SYNCED_ENTITIES, RecordAction, ReviewItem, row_of
from core.services._change import save_entity
from core.store import Workspace

SYNC_KINDS = ("sync_conflict", "sync_rejection")
_APPEND_ONLY = {RecordAction.__tablename__}


class RowRefused(Exception):
    """The database refused a hub row (a trigger or a constraint); `reason` is English."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def driver(session: Session):
    """The DB-API connection of the session's transaction (same BEGIN IMMEDIATE)."""
    return session.connection().connection.driver_connection


@cache
def references(table: str) -> tuple[tuple[str, str, str], ...]:
    """(column, referenced table, referenced column) of each foreign key of a synced table."""
    model = SYNCED_ENTITIES[table]
    return tuple((fk.parent.name, fk.column.table.name, fk.column.name)
                 for fk in model.__table__.foreign_keys)


def missing_reference(conn, table: str, row: dict) -> str | None:
    """The first referenced table whose row is not here yet, or None."""
    for column, ref_table, ref_column in references(table):
        value = row.get(column)
        if value is not None and conn.execute(
                f'SELECT 1 FROM "{ref_table}" WHERE "{ref_column}" = ?',  # noqa: S608 - names from our models
                (value,)).fetchone() is None:
            return ref_table
    return None


def local_version(conn, table: str, entity_id: str) -> int | None:
    row = conn.execute(f'SELECT version FROM "{table}" WHERE id = ?',  # noqa: S608
                       (entity_id,)).fetchone()
    return None if row is None else int(row[0])


def local_row(session: Session, table: str, entity_id: str) -> dict | None:
    obj = session.get(SYNCED_ENTITIES[table], entity_id)
    return None if obj is None else row_of(obj)


def has_pending(conn, table: str, entity_id: str) -> bool:
    """Local changes of the row not yet answered by the hub (queued or in flight)."""
    return conn.execute("SELECT 1 FROM outbox WHERE entity_id = ? AND entity = ? "
                        "AND pushed_at IS NULL LIMIT 1", (entity_id, table)).fetchone() is not None


def columns_of(table: str) -> list[str]:
    return [c.name for c in SYNCED_ENTITIES[table].__table__.columns]


def write_row(conn, table: str, row: dict) -> None:
    """Insert or update a hub row as DB values; append-only tables are insert-if-absent.

    Each write is its own savepoint: a refused row (RowRefused) leaves the transaction as it
    was. Columns this version does not know are ignored. A legal record's payload is only set
    when it changes (its trigger checks the payload against the latest record_action).
    """
    columns = [c for c in columns_of(table) if c in row]
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT(id) DO '  # noqa: S608
    if table in _APPEND_ONLY:
        sql += "NOTHING"
    else:
        updates = [c for c in columns if c != "id"]
        if table == "record":
            current = conn.execute("SELECT payload FROM record WHERE id = ?",
                                   (row["id"],)).fetchone()
            if current is not None and current[0] == row.get("payload"):
                updates.remove("payload")
        sql += "UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in updates)
    conn.execute("SAVEPOINT sync_row")
    try:
        conn.execute(sql, [row[c] for c in columns])
    except sqlcipher3.DatabaseError as exc:
        conn.execute("ROLLBACK TO sync_row")
        conn.execute("RELEASE sync_row")
        raise RowRefused(str(exc).splitlines()[0][:200]) from exc
    conn.execute("RELEASE sync_row")


def open_item(session: Session, table: str, entity_id: str) -> ReviewItem | None:
    return session.exec(select(ReviewItem).where(
        ReviewItem.entity_id == entity_id, ReviewItem.entity == table,
        ReviewItem.kind.in_(SYNC_KINDS), ReviewItem.status == "open")).first()


def upsert_item(session: Session, ws: Workspace, kind: str, table: str, entity_id: str,
                details: dict) -> ReviewItem:
    """One open sync review item per row: a newer problem replaces the details of the open one.

    The details (local and hub rows) are personal data: they stay in the database, never in
    the audit details or a log.
    """
    item = open_item(session, table, entity_id)
    if item is None:
        item = ReviewItem(kind=kind, entity=table, entity_id=entity_id)
    item.kind = kind
    item.details = json.dumps(details, ensure_ascii=False, sort_keys=True)
    save_entity(session, ws, item, "review.sync_problem", "sync", {"kind": kind, "entity": table})
    return item


def model_of(table: str) -> type[SQLModel]:
    return SYNCED_ENTITIES[table]
