"""Hub administration: communes, one-time enrollment codes, devices, revocation, hub users.

Enrollment codes are 16 characters from an alphabet without look-alikes (≈ 79 bits, printed as
XXXX-XXXX-XXXX-XXXX); only their SHA-256 is stored. A code is consumed in the same transaction
that enrolls the device, so it works once; an unknown, used or expired code gets the same answer.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from sync.hub.db import Database
from sync.hub.errors import (
    BadCode,
    BadCommune,
    BadUser,
    CommuneExists,
    InvalidRequest,
    KeyInUse,
    UnknownCommune,
    UnknownDevice,
    UnknownUser,
    WeakPassword,
)
from sync.hub.keys import HubKeys
from sync.hub.schema import commune, device, enrollment_code, hub_session, hub_user
from sync.protocol import BadKey, key_id, public_key_from_text

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
ROLES = ("province", "commune")
_COMMUNE = re.compile(r"\d{5}")
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
_hasher = PasswordHasher()


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite gives naive UTC back


def _commune_name(code: str) -> str | None:
    from core.admin_units import default_units

    unit = default_units().by_code(code)
    return unit.full_name if unit is not None and unit.level == "commune" else None


# -- communes ---------------------------------------------------------------------------------

def add_commune(db: Database, code: str, name: str | None = None) -> dict:
    if not isinstance(code, str) or not _COMMUNE.fullmatch(code):
        raise BadCommune(str(code))
    name = unicodedata.normalize("NFC", name.strip()) if name else _commune_name(code)
    if not name:
        raise BadCommune(code)
    with db.write() as conn:
        if conn.execute(select(commune.c.code).where(commune.c.code == code)).first():
            raise CommuneExists(code)
        conn.execute(insert(commune).values(code=code, name=name, last_seq=0))
    return {"code": code, "name": name}


def list_communes(db: Database) -> list[dict]:
    with db.read() as conn:
        return [{"code": r.code, "name": r.name, "last_seq": int(r.last_seq)}
                for r in conn.execute(select(commune).order_by(commune.c.code))]


# -- enrollment -------------------------------------------------------------------------------

def normalise_code(code: str) -> str:
    return "".join(c for c in str(code).upper() if c not in "- \t")


def _code_hash(code: str) -> str:
    return hashlib.sha256(("xaso-enroll-v1:" + normalise_code(code)).encode()).hexdigest()


def create_enrollment_code(db: Database, commune_code: str, hours: float = 72) -> dict:
    if not 0 < hours <= 24 * 30:
        raise InvalidRequest("hours: 1 minute to 30 days")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    code = "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))
    now = _now()
    expires = now + timedelta(hours=hours)
    with db.write() as conn:
        if not conn.execute(select(commune.c.code).where(commune.c.code == commune_code)).first():
            raise UnknownCommune(commune_code)
        conn.execute(insert(enrollment_code).values(
            code_hash=_code_hash(code), commune_code=commune_code, created_at=now,
            expires_at=expires))
    return {"code": code, "commune_code": commune_code, "expires_at": expires}


def enroll(db: Database, keys: HubKeys, code: str, device_name: str, public_key: str) -> dict:
    """Bind a device key to the code's commune; the code is used up only when this succeeds."""
    try:
        key = public_key_from_text(public_key)
    except BadKey as e:
        raise InvalidRequest("public_key: expected base64 of a raw 32-byte Ed25519 key") from e
    name = unicodedata.normalize("NFC", device_name.strip())
    if not 1 <= len(name) <= 100 or not name.isprintable():
        raise InvalidRequest("device_name: 1-100 printable characters")
    kid = key_id(key)
    now = _now()
    device_id = "d-" + secrets.token_hex(8)
    with db.write() as conn:
        row = conn.execute(update(enrollment_code)
                           .where(enrollment_code.c.code_hash == _code_hash(code),
                                  enrollment_code.c.used_at.is_(None))
                           .values(used_at=now, device_id=device_id)
                           .returning(enrollment_code.c.commune_code,
                                      enrollment_code.c.expires_at)).first()
        if row is None or _aware(row.expires_at) <= now:
            raise BadCode("code")  # rolls back: an expired code stays unused (and useless)
        if conn.execute(select(device.c.id).where(device.c.key_id == kid)).first():
            raise KeyInUse("public_key")  # rolls back: the code can be used with a new key
        conn.execute(insert(device).values(
            id=device_id, commune_code=row.commune_code, name=name, public_key=public_key,
            key_id=kid, enrolled_at=now, revoked_at=None))
        commune_name = conn.execute(select(commune.c.name)
                                    .where(commune.c.code == row.commune_code)).scalar()
    return {"device_id": device_id, "commune_code": row.commune_code,
            "commune_name": commune_name, **keys.public()}


# -- devices ----------------------------------------------------------------------------------

def list_devices(db: Database, commune_code: str | None = None) -> list[dict]:
    query = select(device).order_by(device.c.commune_code, device.c.enrolled_at)
    if commune_code:
        query = query.where(device.c.commune_code == commune_code)
    with db.read() as conn:
        return [{"device_id": r.id, "commune_code": r.commune_code, "name": r.name,
                 "key_id": r.key_id, "enrolled_at": _aware(r.enrolled_at),
                 "revoked_at": _aware(r.revoked_at) if r.revoked_at else None}
                for r in conn.execute(query)]


def revoke_device(db: Database, device_id: str) -> None:
    """Refuse the device from now on, on every endpoint; its past changes stay."""
    with db.write() as conn:
        row = conn.execute(select(device.c.revoked_at).where(device.c.id == device_id)).first()
        if row is None:
            raise UnknownDevice(device_id)
        if row.revoked_at is None:
            conn.execute(update(device).where(device.c.id == device_id)
                         .values(revoked_at=_now()))


# -- hub users (the web dashboard, sync/hub/web) ----------------------------------------------

MIN_PASSWORD = 10

def add_user(db: Database, username: str, role: str, password: str,
             commune_code: str | None = None) -> dict:
    username = (username or "").strip().lower()
    if not _USERNAME.fullmatch(username):
        raise BadUser("tên đăng nhập gồm 2–64 chữ thường, số, dấu chấm, gạch.")
    if role not in ROLES:
        raise BadUser("vai trò phải là province hoặc commune.")
    if (role == "commune") != bool(commune_code):
        raise BadUser("tài khoản commune cần --commune; tài khoản province thì không.")
    if len(password) < MIN_PASSWORD:
        raise BadUser(f"mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    with db.write() as conn:
        if commune_code and not conn.execute(
                select(commune.c.code).where(commune.c.code == commune_code)).first():
            raise UnknownCommune(commune_code)
        if conn.execute(select(hub_user.c.username)
                        .where(hub_user.c.username == username)).first():
            raise BadUser(f"tên đăng nhập “{username}” đã có.")
        conn.execute(insert(hub_user).values(
            username=username, role=role, commune_code=commune_code,
            password_hash=_hasher.hash(password), created_at=_now(), disabled_at=None))
    return {"username": username, "role": role, "commune_code": commune_code}


def disable_user(db: Database, username: str) -> None:
    """The user can no longer log in; open dashboard sessions end at their next request."""
    username = (username or "").strip().lower()
    with db.write() as conn:
        found = conn.execute(update(hub_user).where(hub_user.c.username == username)
                             .values(disabled_at=_now()).returning(hub_user.c.username)).first()
    if found is None:
        raise UnknownUser(username)


def set_password(db: Database, username: str, password: str) -> None:
    """A new password (a forgotten or leaked one); re-enables the account and ends its open
    dashboard sessions."""
    username = (username or "").strip().lower()
    if len(password) < MIN_PASSWORD:
        raise WeakPassword(MIN_PASSWORD)
    with db.write() as conn:
        found = conn.execute(update(hub_user).where(hub_user.c.username == username)
                             .values(password_hash=_hasher.hash(password), disabled_at=None)
                             .returning(hub_user.c.username)).first()
        if found is None:
            raise UnknownUser(username)
        conn.execute(delete(hub_session).where(hub_session.c.username == username))


def verify_user(db: Database, username: str, password: str) -> dict | None:
    """The user's record when the password is right and the account active, else None.

    An unknown or disabled user costs the same argon2 work as a real one, so the time of the
    answer does not tell which usernames exist.
    """
    with db.read() as conn:
        row = conn.execute(select(hub_user).where(
            hub_user.c.username == (username or "").strip().lower()[:64])).first()
    stored = row.password_hash if row is not None else _dummy_hash()
    try:
        _hasher.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled_at is not None:
        return None
    return {"username": row.username, "role": row.role, "commune_code": row.commune_code}


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))
