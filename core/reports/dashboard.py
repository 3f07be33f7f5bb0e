"""The figures of the Tổng quan dashboard: counts, level-2 coverage per hamlet, coverage at the
end of each month of the year against the target, this month's funnel, the work waiting
(follow-ups, review items) and how fresh the upstream copy is (changes not yet synced).

Aggregates only (no personal data): not audited. One read per figure group, each set-wise.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from core.auth import Perm
from core.reports import settings
from core.reports.catalogue import load_catalogue
from core.reports.compute import make_plan
from core.reports.indicators import as_of_day, gather
from core.reports.periods import Period, containing, months_of_year, year_to_date
from core.services.overview import Overview, overview
from core.services.vneid_reports import LEVEL2_AGE, HamletCoverage, _cutoff, coverage
from core.store import Workspace

COVERAGE_CODE = "vneid_coverage_14"
DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class MonthPoint:
    label: str  # "2026-11"
    end: date
    coverage_pct: float | None  # level 2 among residents aged 14+ at the end of that month


@dataclass(frozen=True)
class Dashboard:
    today: date
    counts: Overview
    coverage: list[HamletCoverage]  # per hamlet, aged 14+, today
    coverage_target: float | None
    months: list[MonthPoint]
    month: Period  # the current monthly period
    month_funnel: dict[str, int] = field(default_factory=dict)  # collected/issued/activated
    overdue: int = 0  # follow-ups due before today, not done
    due_soon: int = 0  # due today or within DUE_SOON_DAYS days
    review_backlog: int = 0
    pending_changes: int = 0
    oldest_pending: datetime | None = None  # the oldest change not yet synced (UTC)

    @property
    def oldest_pending_days(self) -> int | None:
        if self.oldest_pending is None:
            return None
        return max(0, (datetime.now(UTC) - self.oldest_pending).days)


def _coverage_by_month(session, ends: list[date]) -> list[float | None]:
    """Level-2 share of residents aged 14+ at each day in `ends`, in two set-wise passes."""
    if not ends:
        return []
    params = {f"c{i}": _cutoff(day, LEVEL2_AGE) for i, day in enumerate(ends)}
    params |= {f"e{i}": day.isoformat() for i, day in enumerate(ends)}
    eligible_sql = "SELECT " + ", ".join(f"sum(dob <= :c{i})" for i in range(len(ends))) + \
        " FROM person INDEXED BY ix_person_coverage WHERE deleted_at IS NULL"  # noqa: S608
    sums = ", ".join(f"sum(p.dob <= :c{i} AND (r IS NULL OR r <= :e{i}))"
                     for i in range(len(ends)))
    reached_sql = f"""SELECT {sums}
        FROM (SELECT person_id,
                     nullif(min(coalesce(state_dates ->> '$.issued', '9'),
                                coalesce(state_dates ->> '$.activated', '9')), '9') AS r
              FROM digital_citizen_status NOT INDEXED
              WHERE deleted_at IS NULL AND vneid_state IN ('issued', 'activated')
              LIMIT -1) s
        CROSS JOIN person p INDEXED BY ix_person_coverage
              ON p.id = s.person_id AND p.deleted_at IS NULL"""  # noqa: S608 - names only
    eligible = session.execute(text(eligible_sql), params).one()
    reached = session.execute(text(reached_sql), params).one()
    return [round(100 * (n or 0) / d, 1) if d else None
            for n, d in zip(reached, eligible, strict=True)]


def dashboard(ws: Workspace, today: date | None = None) -> Dashboard:
    ws.actor.require(Perm.REPORT_READ)
    today = today or date.today()
    rules = settings.period_rules(ws)
    catalogue = load_catalogue()
    month = containing(today, "month", rules)
    target = settings.targets(ws).get(COVERAGE_CODE, catalogue.by_code[COVERAGE_CODE].target)
    funnel_codes = ("vneid_collected", "vneid_issued", "vneid_activated", "review_backlog",
                    "follow_ups_overdue")
    indicators = [catalogue.by_code[c] for c in funnel_codes]
    plan = make_plan(indicators, month, year_to_date(month, rules), as_of_day(month, today), ())
    months = months_of_year(today, rules)
    ends = [min(m.end, today) for m in months]

    def waiting():
        with ws.db.read() as session:
            due_soon = session.execute(text(
                "SELECT count(*) FROM follow_up f JOIN person p ON p.id = f.person_id "
                "AND p.deleted_at IS NULL WHERE f.done_at IS NULL AND f.deleted_at IS NULL "
                "AND f.due_date BETWEEN :today AND :soon"),
                {"today": today.isoformat(),
                 "soon": (today + timedelta(days=DUE_SOON_DAYS)).isoformat()}).scalar_one()
            oldest = session.execute(text(
                "SELECT created_at FROM outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT 1")
            ).scalar_one_or_none()
            return _coverage_by_month(session, ends), due_soon, oldest

    # Independent reads, each on its own connection: side by side (SQLite releases the GIL).
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="xaso-dashboard") as pool:
        jobs = [pool.submit(gather, ws.db.read, plan, {}), pool.submit(overview, ws),
                pool.submit(coverage, ws, today), pool.submit(waiting)]
        facts, counts, hamlets, (shares, due_soon, oldest) = (j.result() for j in jobs)
    total = {key: sum(c[key] for c in facts.values()) for key in (
        "reached:submitted:period", "reached:issued:period", "reached:activated:period",
        "review_open", "follow_ups_overdue")}
    return Dashboard(
        today=today, counts=counts, coverage=hamlets, coverage_target=target,
        months=[MonthPoint(m.label, end, share)
                for m, end, share in zip(months, ends, shares, strict=True)],
        month=month,
        month_funnel={"collected": total["reached:submitted:period"],
                      "issued": total["reached:issued:period"],
                      "activated": total["reached:activated:period"]},
        overdue=total["follow_ups_overdue"], due_soon=due_soon,
        review_backlog=total["review_open"], pending_changes=counts.pending_changes,
        oldest_pending=_utc(oldest))


def _utc(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
