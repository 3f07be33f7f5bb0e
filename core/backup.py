"""Backups through the SQLite online-backup API (never a file copy of a live WAL database).

Backups stay encrypted with the same database key, so the key-slot file (copied beside a backup
taken to a USB folder) opens them. Local rotation keeps 7 daily and 4 weekly copies.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from pathlib import Path

import sqlcipher3

from core.db import Database, _key_pragma_value
from core.errors import DatabaseDamaged, DatabaseTooNew, XasoError
from core.migrations import LATEST_VERSION, migrate

KEEP_DAILY = 7
KEEP_WEEKLY = 4


def _open_keyed(path: Path, key: bytes):
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f'PRAGMA key = "{_key_pragma_value(key)}"')
    return conn


def copy_database(db: Database, target: Path) -> Path:
    """Consistent snapshot of `db` into `target` (written beside it, then renamed into place)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    src = db.raw_connection()
    try:
        dst = _open_keyed(tmp, db.key)
        try:
            src.driver_connection.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
        finally:
            dst.close()
    finally:
        src.close()
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def check_backup(path: Path, key: bytes) -> int:
    """Open a backup with `key`; return its schema version or raise a clear error.

    A missing, empty or foreign file must never get as far as a restore: SQLite would happily
    "open" it as an empty database and the restore would wipe the live data.
    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise XasoError(f"Không tìm thấy bản sao lưu hợp lệ tại {path}.")
    unreadable = XasoError(
        "Không mở được bản sao lưu: tệp hỏng hoặc thuộc một bộ dữ liệu khác (khóa khác).")
    try:
        conn = _open_keyed(path, key)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_data = version >= 1 and conn.execute(
                "SELECT count(*) FROM app_meta WHERE key = 'commune_code'").fetchone()[0] == 1
        finally:
            conn.close()
    except sqlcipher3.DatabaseError as exc:
        raise unreadable from exc
    if not has_data:
        raise unreadable
    if result != "ok":
        raise DatabaseDamaged(result)
    if version > LATEST_VERSION:
        raise DatabaseTooNew(version, LATEST_VERSION)
    return version


def rotate(backups_dir: Path, db: Database, today: date | None = None) -> list[Path]:
    """Write today's daily copy (and this week's weekly copy if missing), then prune old ones."""
    today = today or date.today()
    daily_dir, weekly_dir = backups_dir / "daily", backups_dir / "weekly"
    written = [copy_database(db, daily_dir / f"xaso-{today.isoformat()}.db")]
    year, week, _ = today.isocalendar()
    weekly = weekly_dir / f"xaso-{year}-W{week:02d}.db"
    if not weekly.exists():
        weekly.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(written[0], weekly)  # a closed, non-WAL snapshot: a file copy is safe
        written.append(weekly)
    _prune(daily_dir, KEEP_DAILY)
    _prune(weekly_dir, KEEP_WEEKLY)
    return written


def _prune(folder: Path, keep: int) -> None:
    # Names embed ISO dates/weeks, so name order is age order.
    for old in sorted(folder.glob("xaso-*.db"))[:-keep]:
        old.unlink()


def list_backups(backups_dir: Path) -> list[Path]:
    files = list(backups_dir.glob("*/xaso-*.db"))
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def restore_into(db: Database, backup_path: Path, safety_dir: Path) -> Path:
    """Replace the live database's content with a backup; keep a safety copy of the current one."""
    check_backup(backup_path, db.key)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safety = copy_database(db, safety_dir / f"xaso-before-restore-{stamp}.db")
    with db._write_lock:
        src = _open_keyed(Path(backup_path), db.key)
        dst = db.raw_connection()
        try:
            src.backup(dst.driver_connection)
        finally:
            dst.close()
            src.close()
        db.reset_connections()  # pooled connections may cache the old schema
        conn = db.raw_connection()
        try:
            migrate(conn)  # a backup from an older schema version is brought up to date
        finally:
            conn.close()
    return safety
