"""What the dashboard pages show, read in one transaction each: a handful of grouped queries
whatever the number of communes (no query per commune or per device)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sync.hub import report_store
from sync.hub.activity import refusal_counts
from sync.hub.db import Database
from sync.hub.schema import commune, device, device_activity
from sync.hub.web.sessions import WebUser


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _latest(*values: datetime | None) -> datetime | None:
    found = [_aware(v) for v in values if v is not None]
    return max(found) if found else None


def communes_of(conn: Connection, user: WebUser) -> list[tuple[str, str]]:
    query = select(commune.c.code, commune.c.name).order_by(commune.c.code)
    if user.communes is not None:
        query = query.where(commune.c.code.in_(user.communes))
    return [(r.code, r.name) for r in conn.execute(query)]


@dataclass
class CommuneLine:
    code: str
    name: str
    devices: int = 0
    last_sync: datetime | None = None
    pending: int = 0
    refusals: Counter = field(default_factory=Counter)
    latest_report: datetime | None = None


def overview(db: Database, user: WebUser, period_key: str | None
             ) -> tuple[list[CommuneLine], dict, list[tuple[str, str]]]:
    """(one line per visible commune, their snapshots of the period, periods available)."""
    with db.read() as conn:
        communes = communes_of(conn, user)
        codes = [c for c, _ in communes] if user.communes is not None else None
        lines = {code: CommuneLine(code, name) for code, name in communes}
        query = (select(device.c.commune_code, func.count().label("devices"),
                        func.max(device_activity.c.last_push_at).label("push"),
                        func.max(device_activity.c.last_pull_at).label("pull"),
                        func.max(device_activity.c.last_report_at).label("report"),
                        func.sum(device_activity.c.pending_changes).label("pending"))
                 .select_from(device.outerjoin(device_activity,
                                               device_activity.c.device_id == device.c.id))
                 .where(device.c.revoked_at.is_(None))
                 .group_by(device.c.commune_code))
        if codes is not None:
            query = query.where(device.c.commune_code.in_(codes))
        for r in conn.execute(query):
            line = lines.get(r.commune_code)
            if line is not None:
                line.devices = int(r.devices)
                line.last_sync = _latest(r.push, r.pull, r.report)  # any signed contact
                line.pending = int(r.pending or 0)
        for (code, _device), counts in refusal_counts(conn, codes).items():
            if code in lines:
                lines[code].refusals.update(counts)
        for code, at in report_store.latest_reports(conn, codes).items():
            if code in lines:
                lines[code].latest_report = at
        periods = report_store.period_keys(conn, codes)
        key = period_key or (periods[0][0] if periods else None)
        snapshots = report_store.snapshots(conn, key, codes) if key else {}
    return list(lines.values()), snapshots, periods


@dataclass(frozen=True)
class DeviceLine:
    device_id: str
    name: str
    enrolled_at: datetime
    revoked_at: datetime | None
    last_push_at: datetime | None
    last_pull_at: datetime | None
    last_report_at: datetime | None
    pending: int | None
    app_version: str | None
    refusals: Counter


def commune_detail(db: Database, code: str, period_key: str | None):
    """(devices of the commune, its snapshot of the period or None, periods it sent)."""
    with db.read() as conn:
        refusals = refusal_counts(conn, [code])
        rows = conn.execute(
            select(device.c.id, device.c.name, device.c.enrolled_at, device.c.revoked_at,
                   device_activity.c.last_push_at, device_activity.c.last_pull_at,
                   device_activity.c.last_report_at, device_activity.c.pending_changes,
                   device_activity.c.app_version)
            .select_from(device.outerjoin(device_activity,
                                          device_activity.c.device_id == device.c.id))
            .where(device.c.commune_code == code).order_by(device.c.enrolled_at)).all()
        devices = [DeviceLine(r.id, r.name, _aware(r.enrolled_at), _aware(r.revoked_at),
                              _aware(r.last_push_at), _aware(r.last_pull_at),
                              _aware(r.last_report_at), r.pending_changes, r.app_version,
                              refusals.get((code, r.id), Counter())) for r in rows]
        periods = report_store.period_keys(conn, [code])
        key = period_key or (periods[0][0] if periods else None)
        snapshot = report_store.snapshots(conn, key, [code]).get(code) if key else None
    return devices, snapshot, periods


def province(db: Database, user: WebUser, period_key: str | None):
    """(visible communes, their snapshots of the period, periods available, the period)."""
    with db.read() as conn:
        communes = communes_of(conn, user)
        codes = [c for c, _ in communes] if user.communes is not None else None
        periods = report_store.period_keys(conn, codes)
        key = period_key or (periods[0][0] if periods else None)
        snapshots = report_store.snapshots(conn, key, codes) if key else {}
    return communes, snapshots, periods, key


__all__ = ["CommuneLine", "DeviceLine", "commune_detail", "communes_of", "overview", "province"]
