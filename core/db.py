"""The encrypted SQLite database: connection set-up, read and write transactions.

SQLCipher (through `sqlcipher3` and SQLAlchemy's pysqlcipher dialect) opened with a raw 256-bit
key (`PRAGMA key = "x'…'"` skips the passphrase KDF: ~0.3 ms per connection). Every connection
gets WAL, foreign keys and a busy timeout. Python's sqlite driver opens transactions lazily and
never with IMMEDIATE, so we take over BEGIN ourselves: reads use a plain BEGIN, writes use
BEGIN IMMEDIATE (the write lock is taken up front, so two writers never deadlock on upgrade)
and are serialised in-process by one lock: one writer at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

BUSY_TIMEOUT_MS = 10_000


def _key_pragma_value(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("database key must be 32 bytes")
    return f"x'{key.hex()}'"


WRITER_CACHE_KIB = 65536  # bulk work and audited searches run on the writer
READER_CACHE_KIB = 16384  # up to 8 readers: their caches add up in a 300 MB budget


def make_engine(path: Path, key: bytes, pool_size: int = 4,
                cache_kib: int = READER_CACHE_KIB) -> Engine:
    url = URL.create("sqlite+pysqlcipher", password=_key_pragma_value(key), database=str(path))
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=0 if pool_size == 1 else pool_size,
        pool_use_lifo=True,  # reuse the connection whose page cache is warm
        connect_args={"check_same_thread": False, "isolation_level": None},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        # The key pragma has run (dialect on_connect). Touch the schema so a wrong key fails here.
        cur.execute("PRAGMA cipher_log_level = NONE")  # errors reach us as exceptions, not stderr
        cur.execute("SELECT count(*) FROM sqlite_master")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoint, no corruption
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Every page SQLCipher evicts must be decrypted again on the next read: a larger cache
        # (allocated only as used) keeps index pages hot during bulk work and search.
        cur.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _assert_no_dangling_references(session: Session) -> None:
    driver = session.connection().connection.driver_connection
    dangling = driver.execute("PRAGMA foreign_key_check").fetchmany(5)
    if dangling:
        raise sqlcipher3.IntegrityError(f"dangling references: {dangling}")


class Database:
    """One encrypted database file: sessions for reading, one serialised writer."""

    def __init__(self, path: Path, key: bytes):
        self.path = Path(path)
        self._key = key
        self.engine = make_engine(self.path, key)
        # One connection for all writes: writes are serialised anyway, and a single writer keeps
        # its decrypted page cache warm (a cache is dropped when another connection writes).
        self._write_engine = make_engine(self.path, key, pool_size=1,
                                         cache_kib=WRITER_CACHE_KIB).execution_options(
            sqlite_begin="IMMEDIATE")
        self._write_lock = threading.Lock()
        self._in_write = threading.local()
        self._check_thread: threading.Thread | None = None
        self._check_conn = None
        self.integrity: str | None = None  # None until a quick_check has finished

    @property
    def key(self) -> bytes:
        return self._key

    @contextmanager
    def read(self) -> Iterator[Session]:
        # Closing (not rolling back) keeps loaded objects usable after the block; the pool
        # rolls the read transaction back when the connection returns.
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self, check_foreign_keys_at_end: bool = False, cache_kib: int | None = None,
              trusted_references: bool = False,
              rollback_journal: bool = False) -> Iterator[Session]:
        """A write transaction: BEGIN IMMEDIATE, commit on success, roll back on any error.

        `check_foreign_keys_at_end` (bulk loads): no per-row foreign-key lookups; one
        `foreign_key_check` of the whole database before commit instead, and any dangling
        reference rolls everything back.
        `trusted_references` (generated data only): no foreign-key lookups at all, for rows that
        are made together with every row they point at (the demo generator; its tests check
        the result with `foreign_key_check`).
        `cache_kib` (bulk loads): the writer's page cache for this transaction only, e.g. room
        for every page it writes (an evicted page is encrypted and written early, and decrypted
        again when read back by an index build).
        `rollback_journal` (a bulk load into a nearly empty database, e.g. a new demo commune):
        this one transaction runs with a rollback journal and synchronous=FULL instead of WAL,
        when the writer is the only connection to the file (otherwise it stays in WAL). The
        journal only holds the pages that existed before (new pages need no undo), and the
        commit writes every page once, instead of into the WAL and again at the checkpoint.
        Just as atomic: after a crash the hot journal rolls the transaction back on next open.
        """
        if getattr(self._in_write, "active", False):
            # The writer pool has one connection: a nested write would wait for itself.
            raise RuntimeError("nested write transaction: pass the session down instead")
        with self._write_lock:
            self._in_write.active = True
            if check_foreign_keys_at_end or trusted_references:
                self._writer_pragma("foreign_keys = OFF")  # only possible outside a transaction
            if cache_kib:
                self._writer_pragma(f"cache_size = -{int(cache_kib)}")
            journal = self._leave_wal() if rollback_journal else "wal"
            try:
                with Session(self._write_engine, expire_on_commit=False) as session:
                    try:
                        yield session
                        if check_foreign_keys_at_end:
                            _assert_no_dangling_references(session)
                        session.commit()
                    except BaseException:
                        session.rollback()
                        raise
            finally:
                self._in_write.active = False
                if check_foreign_keys_at_end or trusted_references:
                    self._writer_pragma("foreign_keys = ON")
                if cache_kib:  # shrinking frees the pages above the usual size
                    self._writer_pragma(f"cache_size = -{WRITER_CACHE_KIB}")
                if journal != "wal":
                    self._back_to_wal()

    def _leave_wal(self) -> str:
        """Rollback-journal mode for one transaction if no other connection has the file open."""
        self.wait_for_quick_check()  # its connection closes when it ends
        if self.engine.pool.checkedout():
            return "wal"  # a read session is open right now
        self.engine.dispose()  # idle readers (they reconnect on next use)
        try:
            journal = self._writer_pragma("journal_mode = DELETE")
        except sqlcipher3.OperationalError:  # "database is locked": not alone on the file
            return "wal"
        if journal != "wal":
            self._writer_pragma("synchronous = FULL")
        return journal

    def _back_to_wal(self) -> None:
        try:
            journal = self._writer_pragma("journal_mode = WAL")
        except sqlcipher3.OperationalError:
            journal = None
        if journal == "wal":
            self._writer_pragma("synchronous = NORMAL")
        # else: a reader holds the file right now; synchronous stays FULL (as safe as WAL) and
        # every new connection asks for WAL again (see make_engine).

    def _writer_pragma(self, pragma: str):
        # The writer pool holds one connection, so the next session gets this very connection.
        conn = self._write_engine.raw_connection()
        try:
            cursor = conn.cursor()
            try:  # a failed statement must not stay open (it would keep the file locked)
                row = cursor.execute(f"PRAGMA {pragma}").fetchone()
            finally:
                cursor.close()
            return row[0] if row else None
        finally:
            conn.close()

    def raw_connection(self):
        """A DB-API connection for pragmas and the backup API (caller closes it)."""
        return self.engine.raw_connection()

    def user_version(self) -> int:
        conn = self.raw_connection()
        try:
            return conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()

    def quick_check(self) -> str:
        """"ok", or what is wrong (a page so damaged that the check itself fails counts too)."""
        conn = self.raw_connection()
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlcipher3.DatabaseError as exc:
            return str(exc)
        finally:
            conn.close()
        return "; ".join(r[0] for r in rows)

    def start_quick_check(self) -> None:
        """Run `PRAGMA quick_check` on its own connection in the background.

        It reads (and decrypts) every page: ~3 s for a 300 MB commune, far too long to hold up a
        login. The result lands in `self.integrity`; `close()` interrupts a check still running.
        """
        def run() -> None:
            conn = self._check_conn
            try:
                rows = conn.execute("PRAGMA quick_check").fetchall()
                self.integrity = "; ".join(r[0] for r in rows)
            except Exception as exc:  # noqa: BLE001 - interrupted at close, or a broken file
                if "interrupted" not in str(exc):
                    self.integrity = f"{type(exc).__name__}: {exc}"
            finally:
                conn.close()

        conn = self.raw_connection()
        conn.detach()  # its own connection: interruptible, never returned to the pool
        self._check_conn = conn
        self._check_thread = threading.Thread(target=run, name="quick-check", daemon=True)
        self._check_thread.start()

    def wait_for_quick_check(self, timeout: float | None = None) -> str | None:
        if self._check_thread is not None:
            self._check_thread.join(timeout)
        return self.integrity

    def integrity_check(self) -> str:
        conn = self.raw_connection()
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
        return "; ".join(r[0] for r in rows)

    def reset_connections(self) -> None:
        """Drop pooled connections (after the file was replaced underneath them)."""
        self.engine.dispose()
        self._write_engine.engine.dispose()

    def close(self) -> None:
        if self._check_thread is not None and self._check_thread.is_alive():
            self._check_conn.interrupt()
            self._check_thread.join()
        self.reset_connections()
