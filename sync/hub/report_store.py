"""The report figures communes send (PUT /v1/report) and reading them back for the dashboard.

A commune computes its own report (core.reports) and sends the figures of a few periods; the
hub keeps one snapshot per (commune, period key): the one computed last, whichever of the
commune's PCs sent it. Re-sending is harmless (an older or equal `computed_at` changes
nothing), so a device may retry freely. Only catalogue codes are kept; figures are aggregates,
never personal data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sync.hub.activity import upsert_activity
from sync.hub.db import Database
from sync.hub.errors import InvalidRequest
from sync.hub.intake import DeviceRecord
from sync.hub.models import ReportFigure, ReportUpload
from sync.hub.schema import commune_report

FUTURE_SLACK = timedelta(minutes=10)  # computed_at is hub time; more ahead is a broken clock
FIELDS = ("value", "cumulative", "num", "den", "target")
_dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          allow_nan=False).encode


def _plain(value):
    """JSON numbers as a person wrote them: 12 rather than 12.0 (bools stay bools)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _figures(values: dict[str, ReportFigure], known: frozenset[str]) -> tuple[dict, int]:
    kept, ignored = {}, 0
    for code, figure in values.items():
        if code not in known:
            ignored += 1
            continue
        kept[code] = {name: _plain(getattr(figure, name)) for name in FIELDS}
    return kept, ignored


def store_report(db: Database, device: DeviceRecord, upload: ReportUpload,
                 known_codes: frozenset[str], now: datetime | None = None) -> dict:
    """Keep each period's figures unless the hub holds some computed later; note the device's
    activity. Returns {stored, stale, ignored}."""
    now = now or datetime.now(UTC)
    computed = upload.computed_at.astimezone(UTC)
    if computed > now + FUTURE_SLACK:
        raise InvalidRequest("computed_at: ahead of the hub's clock")
    rows, ignored = [], 0
    for period in upload.periods:
        figures, skipped = _figures(period.values, known_codes)
        ignored += skipped
        rows.append({"commune_code": device.commune_code, "period_key": period.key,
                     "kind": period.kind, "start": period.start, "end": period.end,
                     "computed_at": computed, "device_id": device.device_id,
                     "app_version": upload.app_version, "received_at": now,
                     "figures": _dumps(figures)})
    stored = 0
    with db.write() as conn:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        for row in rows:
            statement = dialect.insert(commune_report).values(**row)
            # Newest computation wins, decided in the database: two PCs of a commune may
            # report at the same moment.
            statement = statement.on_conflict_do_update(
                index_elements=[commune_report.c.commune_code, commune_report.c.period_key],
                set_={k: statement.excluded[k] for k in row
                      if k not in ("commune_code", "period_key")},
                where=commune_report.c.computed_at < statement.excluded.computed_at,
            ).returning(commune_report.c.period_key)
            stored += conn.execute(statement).first() is not None
        upsert_activity(conn, device.device_id, {
            "last_report_at": now, "pending_changes": upload.pending_changes,
            "app_version": upload.app_version})
    return {"stored": stored, "stale": len(rows) - stored, "ignored": ignored}


# -- reading ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    commune_code: str
    period_key: str
    kind: str
    start: date
    end: date
    computed_at: datetime
    device_id: str
    figures: dict  # code → {value, cumulative, num, den, target}


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite gives naive UTC back


def _where_communes(query, communes: list[str] | None):
    return query if communes is None else query.where(commune_report.c.commune_code.in_(communes))


def snapshots(conn: Connection, period_key: str,
              communes: list[str] | None = None) -> dict[str, Snapshot]:
    """commune code → its snapshot of `period_key` (None: every commune)."""
    query = _where_communes(select(commune_report).where(
        commune_report.c.period_key == period_key), communes)
    return {r.commune_code: Snapshot(r.commune_code, r.period_key, r.kind, r.start, r.end,
                                     _aware(r.computed_at), r.device_id, json.loads(r.figures))
            for r in conn.execute(query)}


def period_keys(conn: Connection, communes: list[str] | None = None) -> list[tuple[str, str]]:
    """(key, kind) of every period some commune sent, newest first (months, then weeks)."""
    query = _where_communes(select(commune_report.c.period_key, commune_report.c.kind)
                            .distinct(), communes)
    found = {(r.period_key, r.kind) for r in conn.execute(query)}
    return sorted(found, key=lambda p: (p[1] != "month", _descending(p[0])))


def _descending(key: str) -> tuple:
    return tuple(-ord(c) for c in key)


def latest_reports(conn: Connection, communes: list[str] | None = None) -> dict[str, datetime]:
    """commune code → when its newest snapshot was computed (how fresh its figures are)."""
    query = _where_communes(select(commune_report.c.commune_code,
                                   func.max(commune_report.c.computed_at).label("at"))
                            .group_by(commune_report.c.commune_code), communes)
    return {r.commune_code: _aware(r.at) for r in conn.execute(query) if r.at is not None}


__all__ = ["FIELDS", "Snapshot", "latest_reports", "period_keys", "snapshots", "store_report"]
