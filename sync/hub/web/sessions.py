"""Dashboard sessions: server-side rows keyed by the SHA-256 of a random cookie token.

The cookie alone opens nothing if the database leaks (only hashes are stored), and logging out
or disabling the user ends the session at once (every request re-reads the user). A session
ends after `idle` without a request; its CSRF token is random per session and must come back
in every POST form. Hub users are separate from devices: a device key never opens a page.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select, update

from sync.hub.db import Database
from sync.hub.schema import hub_session, hub_user

TOUCH_EVERY = timedelta(minutes=1)  # write last_seen at most this often per session


@dataclass(frozen=True)
class WebUser:
    username: str
    role: str  # province | commune
    commune_code: str | None
    csrf: str

    def may_see(self, commune_code: str) -> bool:
        return self.role == "province" or commune_code == self.commune_code

    @property
    def communes(self) -> list[str] | None:
        """The communes this user may see (None: all of them)."""
        return None if self.role == "province" else [self.commune_code or ""]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens (False when either is missing)."""
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


class Sessions:
    def __init__(self, db: Database, idle: timedelta):
        self.db = db
        self.idle = idle

    def open(self, username: str, now: datetime | None = None) -> str:
        """A new session for a user whose password was just verified; returns the token."""
        now = now or datetime.now(UTC)
        token = secrets.token_urlsafe(32)
        with self.db.write() as conn:
            conn.execute(delete(hub_session).where(hub_session.c.expires_at < now))
            conn.execute(insert(hub_session).values(
                token_hash=_hash(token), username=username, csrf=secrets.token_urlsafe(24),
                created_at=now, last_seen_at=now, expires_at=now + self.idle))
        return token

    def user(self, token: str | None, now: datetime | None = None) -> WebUser | None:
        """The active user of a session token, or None (unknown, expired, user disabled)."""
        if not token or len(token) > 100:
            return None
        now = now or datetime.now(UTC)
        key = _hash(token)
        with self.db.read() as conn:
            row = conn.execute(
                select(hub_session.c.csrf, hub_session.c.expires_at, hub_session.c.last_seen_at,
                       hub_user.c.username, hub_user.c.role, hub_user.c.commune_code,
                       hub_user.c.disabled_at)
                .join(hub_user, hub_user.c.username == hub_session.c.username)
                .where(hub_session.c.token_hash == key)).first()
        if row is None:
            return None
        if _aware(row.expires_at) <= now or row.disabled_at is not None:
            self.close(token)
            return None
        if now - _aware(row.last_seen_at) >= TOUCH_EVERY:
            with self.db.write() as conn:
                conn.execute(update(hub_session).where(hub_session.c.token_hash == key)
                             .values(last_seen_at=now, expires_at=now + self.idle))
        return WebUser(row.username, row.role, row.commune_code, row.csrf)

    def close(self, token: str | None) -> None:
        if token:
            with self.db.write() as conn:
                conn.execute(delete(hub_session).where(hub_session.c.token_hash == _hash(token)))


__all__ = ["Sessions", "WebUser", "same"]
