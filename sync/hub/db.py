"""The hub's database: an engine for SQLite (embedded default) or PostgreSQL (production).

SQLite: WAL, a busy timeout, foreign keys, and transactions begun by us rather than by the
driver (pysqlite's own BEGIN handling breaks SAVEPOINTs); write transactions use BEGIN
IMMEDIATE so two writers queue on the lock instead of failing when one upgrades a read.
PostgreSQL (`postgresql+psycopg://…`): READ COMMITTED; a batch's ordering comes from the
commune row lock taken by the ledger.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from sync.hub import schema

_IMMEDIATE = "xaso_immediate"


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2,
                               pool_timeout=120)
        _sqlite_setup(engine)
        return engine
    # No server-side prepared statements: after five runs psycopg would prepare a query, and
    # PostgreSQL's generic plan for "entity_id = ANY(array)" scans the whole commune.
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2, pool_timeout=120,
                         pool_pre_ping=True, connect_args={"prepare_threshold": None})


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we send BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: durable against process crashes
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        immediate = conn.get_execution_options().get(_IMMEDIATE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """The engine plus the two kinds of transaction the hub uses."""

    def __init__(self, url: str, *, pool_size: int = 10):
        self.url = url
        self.engine = make_engine(url, pool_size=pool_size)
        self.is_sqlite = self.engine.dialect.name == "sqlite"

    def create_schema(self) -> None:
        schema.create_all(self.engine)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, committed on success and rolled back on any exception."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn = conn.execution_options(**{_IMMEDIATE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One read transaction (a consistent snapshot on both engines)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def insert_ignore(conn: Connection, table, rows: list[dict]) -> None:
    """Insert rows, skipping those whose primary key already exists (both engines)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)
