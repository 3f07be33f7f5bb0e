"""Commune settings kept in the encrypted store (app_meta): auto-lock delay, hub address, the
sync guard (un-pushed changes older than N days warn; with "block", new work is refused).

Settings of the commune, not of one user: every officer on the PC locks after the same idle
time and syncs to the same hub. Changing them needs SETTINGS_MANAGE and is audited (the values
are not personal data, so the audit event carries them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import select

from core import audit
from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.models import AppMeta
from core.store import Workspace

PREFIX = "setting."
AUTO_LOCK_DEFAULT = 10
AUTO_LOCK_RANGE = (1, 120)  # minutes: never "off" on a shared office PC
SYNC_GUARD_DAYS_DEFAULT = 7
SYNC_GUARD_DAYS_RANGE = (1, 90)


@dataclass(frozen=True)
class CommuneSettings:
    auto_lock_minutes: int = AUTO_LOCK_DEFAULT
    hub_url: str | None = None
    sync_guard_days: int = SYNC_GUARD_DAYS_DEFAULT
    sync_guard_block: bool = False


# scheme://host[:port][/path…]: parsed here rather than with urllib (core imports nothing
# network-related, and only this shape is wanted).
_HUB_URL = re.compile(r"(?i)(https?)://([a-z0-9.\-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?(/\S*)?")


def check_hub_url(text: str | None) -> str | None:
    """The normalised hub address, None when blank; ValidationError when it is not an
    http(s) address with a host."""
    text = (text or "").strip()
    if not text:
        return None
    match = _HUB_URL.fullmatch(text)
    if match is None or (match.group(3) and not 0 < int(match.group(3)) < 65536) \
            or not match.group(2).strip(".-"):
        raise ValidationError({"hub_url": QT_TR_NOOP(
            "Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://, ví dụ: "
            "https://dongbo.thanhhoa.gov.vn. Có thể để trống và nhập sau.")})
    scheme, rest = text.split("://", 1)
    return f"{scheme.lower()}://{rest}"


def check_auto_lock(minutes) -> int:
    low, high = AUTO_LOCK_RANGE
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        value = 0
    if not low <= value <= high:
        raise ValidationError({"auto_lock_minutes": Msg(
            QT_TR_NOOP("Thời gian tự khóa phải từ {low} đến {high} phút."), low=low, high=high)})
    return value


def check_sync_guard_days(days) -> int:
    low, high = SYNC_GUARD_DAYS_RANGE
    try:
        value = int(days)
    except (TypeError, ValueError):
        value = 0
    if not low <= value <= high:
        raise ValidationError({"sync_guard_days": Msg(
            QT_TR_NOOP("Số ngày chưa đồng bộ trước khi cảnh báo phải từ {low} đến {high}."),
            low=low, high=high)})
    return value


def get_settings(ws: Workspace) -> CommuneSettings:
    with ws.db.read() as session:
        rows = {row.key.removeprefix(PREFIX): row.value
                for row in session.exec(select(AppMeta).where(AppMeta.key.startswith(PREFIX)))}
    try:
        auto_lock = check_auto_lock(rows.get("auto_lock_minutes", AUTO_LOCK_DEFAULT))
    except ValidationError:
        auto_lock = AUTO_LOCK_DEFAULT
    try:
        guard_days = check_sync_guard_days(rows.get("sync_guard_days", SYNC_GUARD_DAYS_DEFAULT))
    except ValidationError:
        guard_days = SYNC_GUARD_DAYS_DEFAULT
    return CommuneSettings(auto_lock_minutes=auto_lock, hub_url=rows.get("hub_url") or None,
                           sync_guard_days=guard_days,
                           sync_guard_block=rows.get("sync_guard_block") == "1")


def update_settings(ws: Workspace, *, auto_lock_minutes: int | None = None,
                    hub_url: str | None | type[...] = ...,
                    sync_guard_days: int | None = None,
                    sync_guard_block: bool | None = None) -> CommuneSettings:
    """Change the given settings (hub_url=None clears the address; leave it out to keep it)."""
    ws.actor.require(Perm.SETTINGS_MANAGE)
    changes: dict[str, str | int | None] = {}
    if auto_lock_minutes is not None:
        changes["auto_lock_minutes"] = check_auto_lock(auto_lock_minutes)
    if hub_url is not ...:
        changes["hub_url"] = check_hub_url(hub_url)
    if sync_guard_days is not None:
        changes["sync_guard_days"] = check_sync_guard_days(sync_guard_days)
    if sync_guard_block is not None:
        changes["sync_guard_block"] = "1" if sync_guard_block else "0"
    if changes:
        with ws.db.write() as session:
            for name, value in changes.items():
                row = session.get(AppMeta, PREFIX + name)
                if value is None:
                    if row is not None:
                        session.delete(row)
                elif row is None:
                    session.add(AppMeta(key=PREFIX + name, value=str(value)))
                else:
                    row.value = str(value)
                    session.add(row)
            audit.append_event(session, ws.actor.user_id, "settings.update",
                               details={"changes": changes})
    return get_settings(ws)
