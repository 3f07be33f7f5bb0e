"""The commune's report figures sent to the hub after a sync (docs/SYNC.md "Report figures").

The hub cannot recompute 41 indicators for every commune from raw rows, and the PC already
computes its reports (core.reports): so after a successful pull the PC computes its current
week, current month and previous month — its own period rules, manual overrides included —
and PUTs the figures. Only when due: at most once an hour, or at once when the cycle moved
data. A failure here never fails the cycle; it becomes a note in the cycle's report and the
next cycle tries again. Figures are aggregates: no name, number or date of anyone.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta
from importlib import metadata

from core.errors import XasoError
from core.i18n import QT_TR_NOOP, Msg
from core.reports import settings
from core.reports.compute import IndicatorValue, Report, compute_report
from core.reports.periods import Period, PeriodRules, containing, previous
from core.services import sync_state
from core.store import Workspace
from sync.client.errors import SyncFailure
from sync.client.transport import HubClient
from sync.protocol import ProtocolError
from sync.protocol.wire import format_time

log = logging.getLogger(__name__)

INTERVAL = timedelta(hours=1)


def app_version() -> str:
    try:
        return metadata.version("xaso")
    except metadata.PackageNotFoundError:  # a frozen build without package metadata
        return "0"


def is_due(ws: Workspace, moved: bool, now: datetime | None = None) -> bool:
    if moved:
        return True
    last = sync_state.report_sent_at(ws)
    return last is None or (now or datetime.now(UTC)) - last >= INTERVAL


def periods_to_send(rules: PeriodRules, today: date) -> list[Period]:
    """This week, this month and the month before (a month's figures settle after it ends)."""
    month = containing(today, "month", rules)
    return [containing(today, "week", rules), month, previous(month, rules)]


def _number(value):
    if value is None or isinstance(value, bool):
        return value
    return int(value) if float(value).is_integer() else float(value)


def figure_of(item: IndicatorValue) -> dict:
    """What the hub needs of one indicator. An overridden figure is the reported one, and its
    numerator is made to agree with it, so province totals carry what the commune reported."""
    kind = item.indicator.kind
    value, num, den = item.value, item.part.num, item.part.den
    if item.override is not None:
        if kind == "count":
            num = value
        elif kind == "yesno":
            num = 1 if value else 0
        elif kind == "ratio" and den:
            num = round(float(value) * den / 100, 3)
    return {"value": _number(value),
            "cumulative": _number(item.cumulative) if item.indicator.cumulative else None,
            "num": _number(num), "den": _number(den), "target": _number(item.target)}


def period_body(report: Report) -> dict:
    period = report.period
    return {"key": period.label, "kind": period.kind, "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "values": {item.code: figure_of(item) for item in report.values}}


def build_body(ws: Workspace, today: date, computed_at: datetime) -> dict:
    rules = settings.period_rules(ws)
    reports = [compute_report(ws, period, today=today)
               for period in periods_to_send(rules, today)]
    return {"computed_at": format_time(computed_at), "app_version": app_version(),
            "pending_changes": sync_state.pending_figures(ws).count,
            "periods": [period_body(report) for report in reports]}


def send_if_due(ws: Workspace, client: HubClient, *, moved: bool, today: date | None = None,
                now: datetime | None = None) -> tuple[bool, str | None]:
    """(sent, note): the figures went to the hub; or why not, as a Vietnamese note."""
    now = now or datetime.now(UTC)
    if not is_due(ws, moved, now):
        return False, None
    try:
        # computed_at is hub time, like signed requests: newest wins across the commune's PCs
        hub_now = now + timedelta(seconds=client.skew)
        body = build_body(ws, today or date.today(), hub_now)
        answer = client.put_report(json.dumps(body, ensure_ascii=False,
                                              separators=(",", ":")).encode("utf-8"))
        sync_state.record_report_sent(ws, now)
        log.info("report figures sent: %s", answer)
        return True, None
    except (SyncFailure, ProtocolError, XasoError) as exc:
        reason = str(exc)
    except Exception as exc:  # a bug in a figure must never cost the commune its sync
        log.exception("report figures not sent")
        reason = type(exc).__name__
    log.warning("report figures not sent")
    return False, Msg(QT_TR_NOOP("Chưa gửi được số liệu báo cáo lên máy chủ ({reason}); máy sẽ "
                                 "gửi lại ở lần đồng bộ sau."), reason=reason)


__all__ = ["INTERVAL", "app_version", "build_body", "figure_of", "is_due", "periods_to_send",
           "send_if_due"]
