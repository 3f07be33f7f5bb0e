"""User accounts: add, disable, enable, reset and change passwords (each re-wraps a key slot)."""

from __future__ import annotations

import re

from sqlmodel import select

from core import audit
from core.auth import Perm, Role
from core.errors import NotFound, ValidationError, WrongSecret, XasoError
from core.i18n import QT_TR_NOOP, Msg
from core.keyslots import LockoutPolicy
from core.models import User
from core.services._change import save_entity
from core.store import Workspace
from core.text import nfc

MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


def check_new_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationError({"password": Msg(
            QT_TR_NOOP("Mật khẩu phải có ít nhất {n} ký tự."), n=MIN_PASSWORD_LENGTH)})


def _check_username(username: str) -> None:
    if not _USERNAME.match(username or ""):
        raise ValidationError({"username": QT_TR_NOOP(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang (2–32 ký tự).")})


def create_user_record(ws: Workspace, username: str, display_name: str, role: Role) -> User:
    """Insert the user row (no key slot). Used by set-up and by `add_user`."""
    _check_username(username)
    with ws.db.write() as session:
        if session.exec(select(User).where(User.username == username)).first():
            raise ValidationError({"username": Msg(
                QT_TR_NOOP("Tên đăng nhập “{username}” đã tồn tại."), username=username)})
        user = User(username=username, display_name=nfc(display_name), role=Role(role).value)
        save_entity(session, ws, user, "user.create", "admin", {"role": user.role})
    return user


def list_users(ws: Workspace) -> list[User]:
    ws.actor.require(Perm.USER_MANAGE)
    with ws.db.read() as session:
        return list(session.exec(select(User).order_by(User.username)))


def add_user(ws: Workspace, username: str, display_name: str, role: Role, password: str) -> User:
    ws.actor.require(Perm.USER_MANAGE)
    check_new_password(password)
    user = create_user_record(ws, username, display_name, role)
    ws.store.keyslots.set_user_password(ws.db.key, username, password)
    return user


def _get(session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(Msg(QT_TR_NOOP("người dùng “{username}”"), username=username))
    return user


def _active_admins(session) -> int:
    rows = session.exec(select(User).where(User.role == Role.ADMIN.value,
                                           User.disabled == False))  # noqa: E712 - SQL
    return len(list(rows))


def disable_user(ws: Workspace, username: str) -> None:
    """Disable an account and drop its key slot: it can no longer unlock anything."""
    ws.actor.require(Perm.USER_MANAGE)
    with ws.db.write() as session:
        user = _get(session, username)
        if user.role == Role.ADMIN.value and not user.disabled and _active_admins(session) <= 1:
            raise XasoError(QT_TR_NOOP("Không thể vô hiệu hóa quản trị viên cuối cùng."))
        user.disabled = True
        save_entity(session, ws, user, "user.disable", "admin")
    ws.store.keyslots.remove_user(username)


def reset_password(ws: Workspace, username: str, new_password: str) -> None:
    """Admin sets a new password (and re-enables the account): a fresh key slot."""
    ws.actor.require(Perm.USER_MANAGE)
    check_new_password(new_password)
    with ws.db.write() as session:
        user = _get(session, username)
        user.disabled = False
        save_entity(session, ws, user, "user.reset_password", "admin")
        ws.store.keyslots.set_user_password(ws.db.key, username, new_password)


def change_own_password(ws: Workspace, old_password: str, new_password: str) -> None:
    check_new_password(new_password)
    # Proves the old password by unwrapping with it (counts as a login attempt).
    wrong = WrongSecret(QT_TR_NOOP("Mật khẩu cũ không đúng."))
    try:
        key = ws.store.keyslots.unlock_with_password(ws.actor.username, old_password)
    except WrongSecret:
        raise wrong from None
    if key != ws.db.key:
        raise wrong
    with ws.db.write() as session:
        user = _get(session, ws.actor.username)
        save_entity(session, ws, user, "user.change_password", "admin")
        ws.store.keyslots.set_user_password(ws.db.key, ws.actor.username, new_password)


def set_role(ws: Workspace, username: str, role: Role) -> None:
    ws.actor.require(Perm.USER_MANAGE)
    with ws.db.write() as session:
        user = _get(session, username)
        if (user.role == Role.ADMIN.value and role != Role.ADMIN and not user.disabled
                and _active_admins(session) <= 1):
            raise XasoError(QT_TR_NOOP("Không thể bỏ quyền của quản trị viên cuối cùng."))
        user.role = Role(role).value
        save_entity(session, ws, user, "user.set_role", "admin", {"role": user.role})


def set_lockout_policy(ws: Workspace, max_failures: int, lock_minutes: int) -> None:
    """How many wrong passwords lock an account, and for how long (kept beside the key slots,
    because it must be read before anything is unlocked)."""
    ws.actor.require(Perm.SETTINGS_MANAGE)
    if not 3 <= max_failures <= 20 or not 1 <= lock_minutes <= 24 * 60:
        raise ValidationError({"lockout": QT_TR_NOOP(
            "Số lần sai cho phép từ 3 đến 20; thời gian khóa từ 1 phút đến 24 giờ.")})
    ws.store.keyslots.set_policy(LockoutPolicy(max_failures, lock_minutes * 60))
    with ws.db.write() as session:
        audit.append_event(session, ws.actor.user_id, "settings.lockout",
                           details={"max_failures": max_failures, "lock_minutes": lock_minutes})
