"""The data folder: encrypted database, key slots, backups, attachments; set-up and unlock.

    <data dir>/xaso.db          SQLCipher database (raw random key)
    <data dir>/keys.json        key slots (wrapped database key) + login-failure counters
    <data dir>/backups/         rotating daily/weekly copies, pre-migration and pre-restore copies
    <data dir>/attachments/     content-addressed encrypted files

`Store.initialise` is the first-run set-up; `Store.unlock` is login. Both return a `Workspace`:
the open database plus the acting user, which every service takes as its first argument.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy.exc
import sqlcipher3
from sqlmodel import select

from core import audit
from core.auth import SYSTEM, Actor, Role
from core.backup import copy_database
from core.db import Database
from core.errors import AlreadyInitialised, DatabaseDamaged, NotInitialised, WrongSecret
from core.i18n import QT_TR_NOOP
from core.keyslots import KdfParams, KeySlotFile, new_database_key, new_recovery_key
from core.migrations import migrate
from core.models import AppMeta, User, new_id

DB_NAME = "xaso.db"
KEYS_NAME = "keys.json"
log = logging.getLogger(__name__)
SESSION_MARKER = "session.open"  # present while a workspace is open; left behind by a crash


INSTALLER_CHOICE = "data-location.txt"  # written beside the frozen app by the Windows installer


def installer_data_dir(executable: str | None = None) -> Path | None:
    """The data folder chosen when installing (e.g. one shared folder on an office PC used
    from several Windows accounts): `data-location.txt` beside the frozen executable, one
    path, environment variables allowed. None when not frozen, absent or empty."""
    if executable is None:
        if not getattr(sys, "frozen", False):
            return None
        executable = sys.executable
    try:
        text = (Path(executable).parent / INSTALLER_CHOICE).read_text("utf-8-sig").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(os.path.expandvars(text)) if text else None


def default_data_dir() -> Path:
    env = os.environ.get("XASO_DATA_DIR")
    if env:
        return Path(env)
    chosen = installer_data_dir()
    if chosen is not None:
        return chosen
    import platformdirs  # only needed when no folder is given

    return Path(platformdirs.user_data_dir("XaSo", appauthor=False))


@dataclass
class Workspace:
    """An unlocked store and the person using it."""

    store: Store
    db: Database
    actor: Actor
    # A demo/training data set: synthetic people that must never reach a hub, so no outbox.
    is_demo: bool = False

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.db.read() as session:
            row = session.get(AppMeta, key)
            return row.value if row else default

    def integrity(self) -> str | None:
        """Result of the integrity check ("ok" or the problem), None while it still runs."""
        return self.db.integrity

    def close(self) -> None:
        self.db.close()
        (self.data_dir / SESSION_MARKER).unlink(missing_ok=True)


class Store:
    def __init__(self, data_dir: Path | str | None = None, kdf: KdfParams | None = None):
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.db_path = self.data_dir / DB_NAME
        self.keyslots = KeySlotFile(self.data_dir / KEYS_NAME, kdf)
        self.backups_dir = self.data_dir / "backups"
        self.attachments_dir = self.data_dir / "attachments"

    def is_initialised(self) -> bool:
        return self.keyslots.exists() and self.db_path.exists()

    def initialise(self, commune_code: str, admin_username: str, admin_password: str,
                   admin_display_name: str | None = None,
                   demo: bool = False) -> tuple[Workspace, str]:
        """First-run set-up. Returns the open workspace and the recovery key (show it once)."""
        from core.services import users  # services import the store's types

        if self.is_initialised():
            raise AlreadyInitialised(str(self.data_dir))
        users.check_new_password(admin_password)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # A database without key slots (crash during an earlier set-up) can never be opened.
        for leftover in self.data_dir.glob(DB_NAME + "*"):
            leftover.unlink()
        db_key = new_database_key()
        db = self._open_database(db_key)
        ws = Workspace(self, db, SYSTEM, is_demo=demo)
        meta = {"commune_code": commune_code, "device_id": new_id(),
                "created_at": datetime.now().isoformat(timespec="seconds")}
        if demo:
            meta["demo"] = "1"
        with db.write() as session:
            for key, value in meta.items():
                session.add(AppMeta(key=key, value=value))
            audit.append_event(session, None, "store.initialise", details={"commune": commune_code})
        admin = users.create_user_record(ws, admin_username, admin_display_name or admin_username,
                                         Role.ADMIN)
        recovery_key = new_recovery_key()
        self.keyslots.create(db_key, admin_username, admin_password, recovery_key)
        ws.actor = Actor(admin.id, admin.username, Role.ADMIN)
        log.info("store initialised for commune %s (demo=%s)", commune_code, demo)
        return ws, recovery_key

    def _open_database(self, db_key: bytes) -> Database:
        """Open, migrate and check the database.

        A session marker tells a clean close from a crash: after a crash (or while another
        process has the data open) the integrity check runs before anything else; otherwise it
        runs in the background so that login stays fast.
        """
        db = Database(self.db_path, db_key)
        try:
            conn = db.raw_connection()
            try:
                migrate(conn, backup=lambda version: copy_database(
                    db, self.backups_dir / "pre-migration" / f"xaso-v{version}.db"))
            finally:
                conn.close()
        except (sqlalchemy.exc.DatabaseError, sqlcipher3.DatabaseError) as exc:
            db.close()  # e.g. the schema page itself is damaged
            raise DatabaseDamaged(str(exc)) from exc
        marker = self.data_dir / SESSION_MARKER
        if marker.exists():
            log.warning("previous session did not close cleanly: checking integrity first")
            result = db.quick_check()
            if result != "ok":
                log.error("integrity check failed")
                db.close()
                raise DatabaseDamaged(result)
            db.integrity = result
        else:
            db.start_quick_check()
        marker.touch()
        return db

    def unlock(self, username: str, password: str) -> Workspace:
        if not self.is_initialised():
            raise NotInitialised(str(self.data_dir))
        db_key = self.keyslots.unlock_with_password(username, password)
        ws = Workspace(self, self._open_database(db_key), SYSTEM)
        with ws.db.write() as session:
            user = session.exec(select(User).where(User.username == username)).first()
            active = user is not None and not user.disabled and user.deleted_at is None
            if active:
                audit.append_event(session, user.id, "user.login", "app_user", user.id)
                ws.actor = Actor(user.id, user.username, Role(user.role))
                ws.is_demo = session.get(AppMeta, "demo") is not None
        if not active:
            ws.close()
            raise WrongSecret(QT_TR_NOOP("Tài khoản đã bị vô hiệu hóa. Hãy liên hệ quản trị viên."))
        log.info("unlocked by user %s", user.id)
        return ws

    def unlock_with_recovery(self, recovery_key: str) -> Workspace:
        """Open with the recovery key; the caller must then set an admin password."""
        if not self.is_initialised():
            raise NotInitialised(str(self.data_dir))
        db_key = self.keyslots.unlock_with_recovery(recovery_key)
        db = self._open_database(db_key)
        with db.write() as session:
            audit.append_event(session, None, "store.recovery_unlock")
            is_demo = session.get(AppMeta, "demo") is not None
        return Workspace(self, db, Actor(None, "recovery", Role.ADMIN), is_demo)
