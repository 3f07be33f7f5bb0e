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
from core.i18n import QT_TR_NOOP, Msg
from core.migrations import LATEST_VERSION, migrate
from core.progress import NO_PROGRESS, Progress

KEEP_DAILY = 7
KEEP_WEEKLY = 4


def _open_keyed(path: Path, key: bytes):
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f'PRAGMA key = "{_key_pragma_value(key)}"')
    return conn


BACKUP_STEP_PAGES = 1024  # 4 MiB per step: progress and cancellation between steps


def _backup(src, dst, progress: Progress) -> None:
    src.backup(dst, pages=BACKUP_STEP_PAGES,
               progress=lambda _status, remaining, total: progress.step(total - remaining, total))


def copy_database(db: Database, target: Path, progress: Progress = NO_PROGRESS) -> Path:
    """Consistent snapshot of `db` into `target` (written beside it, then renamed into place).
    Cancelled (through `progress`) it leaves nothing behind."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    src = db.raw_connection()
    try:
        dst = _open_keyed(tmp, db.key)
        try:
            _backup(src.driver_connection, dst, progress)
            dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
        finally:
            dst.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def copy_files(source: Path, target: Path, progress: Progress = NO_PROGRESS) -> int:
    """Copy every file under `source` into `target` (same layout), checking for cancellation
    between files; returns how many. Attachments are immutable, content-addressed files, so a
    plain copy of each is a consistent snapshot."""
    files = [p for p in Path(source).rglob("*") if p.is_file() and p.suffix != ".partial"] \
        if Path(source).is_dir() else []  # .partial: a file still being written
    for done, path in enumerate(files):
        progress.step(done, len(files))
        destination = Path(target) / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return len(files)


def check_backup(path: Path, key: bytes) -> int:
    """Open a backup with `key`; return its schema version or raise a clear error.

    A missing, empty or foreign file must never get as far as a restore: SQLite would happily
    "open" it as an empty database and the restore would wipe the live data.
    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise XasoError(Msg(QT_TR_NOOP("Không tìm thấy bản sao lưu hợp lệ tại {path}."), path=path))
    unreadable = XasoError(QT_TR_NOOP(
        "Không mở được bản sao lưu: tệp hỏng hoặc thuộc một bộ dữ liệu khác (khóa khác)."))
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


def daily_path(backups_dir: Path, day: date) -> Path:
    return backups_dir / "daily" / f"xaso-{day.isoformat()}.db"


def rotate(backups_dir: Path, db: Database, today: date | None = None,
           progress: Progress = NO_PROGRESS) -> list[Path]:
    """Write today's daily copy (and this week's weekly copy if missing), then prune old ones."""
    today = today or date.today()
    daily_dir, weekly_dir = backups_dir / "daily", backups_dir / "weekly"
    written = [copy_database(db, daily_path(backups_dir, today), progress)]
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


def restore_into(db: Database, backup_path: Path, safety_dir: Path,
                 progress: Progress = NO_PROGRESS) -> Path:
    """Replace the live database's content with a backup; keep a safety copy of the current one.

    Cancellable while the safety copy is written; the restore itself is one step that runs to
    its end (an interrupted SQLite backup leaves the destination as it was, but stopping there
    would only confuse)."""
    check_backup(backup_path, db.key)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safety = copy_database(db, safety_dir / f"xaso-before-restore-{stamp}.db", progress)
    with db._write_lock:
        src = _open_keyed(Path(backup_path), db.key)
        dst = db.raw_connection()
        try:
            _backup(src, dst.driver_connection, progress.uncancellable())
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
