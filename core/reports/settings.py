"""Report settings of the commune (app_meta, audited): the period rules and the targets.

Targets default to the catalogue's; a commune sets its own from the province's plan.
"""

from __future__ import annotations

import json

from core import audit
from core.auth import Perm
from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg
from core.models import AppMeta
from core.reports.periods import PeriodRules
from core.store import Workspace

WEEK_KEY = "setting.report_week_starts_on"
MONTH_KEY = "setting.report_month_starts_on"
TARGETS_KEY = "setting.report_targets"
WEEKDAYS = (QT_TR_NOOP("Thứ Hai"), QT_TR_NOOP("Thứ Ba"), QT_TR_NOOP("Thứ Tư"),
            QT_TR_NOOP("Thứ Năm"), QT_TR_NOOP("Thứ Sáu"), QT_TR_NOOP("Thứ Bảy"),
            QT_TR_NOOP("Chủ Nhật"))


def period_rules(ws: Workspace) -> PeriodRules:
    default = PeriodRules()
    try:
        return PeriodRules(int(ws.meta(WEEK_KEY, default.week_starts_on)),
                           int(ws.meta(MONTH_KEY, default.month_starts_on)))
    except ValueError:  # a damaged value: the defaults rather than no reports at all
        return default


def _put(session, key: str, value: str | None) -> None:
    row = session.get(AppMeta, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def set_period_rules(ws: Workspace, week_starts_on: int, month_starts_on: int) -> PeriodRules:
    ws.actor.require(Perm.SETTINGS_MANAGE)
    try:
        rules = PeriodRules(int(week_starts_on), int(month_starts_on))
    except (TypeError, ValueError):
        raise ValidationError({"month_starts_on": QT_TR_NOOP(
            "Ngày bắt đầu kỳ tháng phải từ 1 đến 28; ngày trong tuần từ Thứ Hai đến Chủ Nhật.")
        }) from None
    with ws.db.write() as session:
        _put(session, WEEK_KEY, str(rules.week_starts_on))
        _put(session, MONTH_KEY, str(rules.month_starts_on))
        audit.append_event(session, ws.actor.user_id, "settings.update", details={"changes": {
            "report_week_starts_on": rules.week_starts_on,
            "report_month_starts_on": rules.month_starts_on}})
    return rules


def targets(ws: Workspace) -> dict[str, float]:
    """The commune's own targets (indicator code → number); the catalogue's apply otherwise."""
    try:
        stored = json.loads(ws.meta(TARGETS_KEY) or "{}")
    except ValueError:
        return {}
    return {k: v for k, v in stored.items() if isinstance(v, int | float)}


def set_target(ws: Workspace, code: str, value: float | None) -> dict[str, float]:
    """Set (or, with None, drop back to the catalogue's) one indicator's target."""
    from core.reports.catalogue import load_catalogue

    ws.actor.require(Perm.SETTINGS_MANAGE)
    if code not in load_catalogue().by_code:
        raise ValidationError({"code": Msg(QT_TR_NOOP("Không có chỉ tiêu “{code}”."), code=code)})
    if value is not None and (not isinstance(value, int | float) or value < 0):
        raise ValidationError({"target": QT_TR_NOOP("Chỉ tiêu phải là một số không âm.")})
    current = targets(ws)
    if value is None:
        current.pop(code, None)
    else:
        current[code] = value
    with ws.db.write() as session:
        _put(session, TARGETS_KEY, json.dumps(current, sort_keys=True) if current else None)
        audit.append_event(session, ws.actor.user_id, "settings.update",
                           details={"changes": {"report_target": {code: value}}})
    return current
