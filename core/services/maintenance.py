"""Backups, restore and audit verification, with permissions and audit events."""

from __future__ import annotations

import logging
import shutil
from datetime import date, datetime
from pathlib import Path

from sqlmodel import select

from core import audit, backup
from core.auth import Perm
from core.models import AuditEvent, User
from core.progress import NO_PROGRESS, Progress
from core.store import KEYS_NAME, Workspace

log = logging.getLogger(__name__)


def backup_now(ws: Workspace, today: date | None = None,
               progress: Progress = NO_PROGRESS) -> list[Path]:
    ws.actor.require(Perm.BACKUP_CREATE)
    with ws.db.write() as session:  # audited first so the copy contains its own event
        audit.append_event(session, ws.actor.user_id, "backup.create")
    written = backup.rotate(ws.store.backups_dir, ws.db, today, progress)
    log.info("backup written: %s", ", ".join(p.name for p in written))
    return written


def daily_backup_if_due(ws: Workspace, today: date | None = None) -> list[Path]:
    """The day's rotating backup, taken automatically once a day whoever signs in: a commune
    PC must not depend on someone remembering (the copy stays encrypted, in the data folder).
    Nothing when today's copy exists or for a demo data set."""
    today = today or date.today()
    if ws.is_demo or backup.daily_path(ws.store.backups_dir, today).exists():
        return []
    with ws.db.write() as session:  # the system's act, not the person's: no user on the event
        audit.append_event(session, None, "backup.auto")
    written = backup.rotate(ws.store.backups_dir, ws.db, today)
    log.info("daily backup written: %s", ", ".join(p.name for p in written))
    return written


def backup_to_folder(ws: Workspace, folder: Path, progress: Progress = NO_PROGRESS) -> Path:
    """A copy for a USB stick: the encrypted database, its encrypted attachment files and the
    key-slot file that opens them — a complete data folder that opens on another PC."""
    ws.actor.require(Perm.BACKUP_CREATE)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target_dir = Path(folder) / f"xaso-backup-{stamp}"
    suffix = 1
    while target_dir.exists():  # two exports within one second must not overwrite each other
        suffix += 1
        target_dir = Path(folder) / f"xaso-backup-{stamp}-{suffix}"
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "backup.export", details={"to": "folder"})
    try:
        backup.copy_database(ws.db, target_dir / "xaso.db", progress)
        backup.copy_files(ws.store.attachments_dir, target_dir / ws.store.attachments_dir.name,
                          progress)
    except BaseException:  # cancelled, disk full, USB pulled: no half-written backup folder
        shutil.rmtree(target_dir, ignore_errors=True)
        raise
    shutil.copyfile(ws.store.keyslots.path, target_dir / KEYS_NAME)
    return target_dir


def restore(ws: Workspace, backup_path: Path, progress: Progress = NO_PROGRESS) -> Path:
    """Restore a backup of this data set; returns the safety copy taken of the current data."""
    ws.actor.require(Perm.BACKUP_RESTORE)
    safety = backup.restore_into(ws.db, Path(backup_path), ws.store.backups_dir / "pre-restore",
                                 progress)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "backup.restore",
                           details={"backup": Path(backup_path).name, "safety": safety.name})
    log.warning("restored from %s; safety copy %s", Path(backup_path).name, safety.name)
    return safety


def verify_audit(ws: Workspace) -> audit.ChainReport:
    ws.actor.require(Perm.AUDIT_READ)
    with ws.db.read() as session:
        report = audit.verify_chain(session)
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "audit.verify",
                           details={"ok": report.ok, "events": report.events})
    return report


def recent_events(ws: Workspace, limit: int = 200, action: str | None = None,
                  user_id: str | None = None, since: datetime | None = None,
                  until: datetime | None = None) -> list[AuditEvent]:
    """Newest first, filtered; the events hold ids and counts only, never personal values."""
    ws.actor.require(Perm.AUDIT_READ)
    with ws.db.read() as session:
        query = select(AuditEvent)
        if action:
            query = query.where(AuditEvent.action == action)
        if user_id:
            query = query.where(AuditEvent.user_id == user_id)
        if since:
            query = query.where(AuditEvent.at >= since)
        if until:
            query = query.where(AuditEvent.at < until)
        return list(session.exec(query.order_by(AuditEvent.seq.desc()).limit(limit)))


def audit_filters(ws: Workspace) -> tuple[list[str], dict[str, str]]:
    """(actions that occur in the log, user id → username) for the viewer's filter lists."""
    ws.actor.require(Perm.AUDIT_READ)
    with ws.db.read() as session:
        actions = list(session.exec(select(AuditEvent.action).distinct()
                                    .order_by(AuditEvent.action)))
        users = dict(session.exec(select(User.id, User.username)).all())
    return actions, users
