"""A report: every catalogue indicator for a period, for the commune or one hamlet, with the
per-hamlet breakdown, the cumulative figures, targets and manual overrides applied.

Computing reads aggregates only (no names, no numbers of anyone), so it is not audited; an
export of it is (core.reports.export).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import select

from core.admin_units import default_units
from core.auth import Perm
from core.errors import NotFound
from core.i18n import QT_TR_NOOP
from core.models import Hamlet
from core.record_types import load_record_types
from core.reports import settings
from core.reports.catalogue import Catalogue, Indicator, load_catalogue
from core.reports.indicators import Breakdown, Part, Plan, as_of_day, gather
from core.reports.overrides import Override, overrides_for
from core.reports.periods import Period, year_to_date
from core.services.digital_citizen import enabled_criteria
from core.services.vneid_reports import NO_HAMLET
from core.store import Workspace


def figure(indicator: Indicator, part: Part) -> int | float | bool | None:
    """What the report shows for a part: a count, a percentage (None without a denominator),
    or yes/no (at least one)."""
    if indicator.kind == "ratio":
        return round(100 * part.num / part.den, 1) if part.den else None
    if indicator.kind == "yesno":
        return part.num >= 1
    return part.num


def _total(parts) -> Part:
    parts = list(parts)
    dens = [p.den for p in parts if p.den is not None]
    return Part(sum(p.num for p in parts), sum(dens) if dens else None)


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    computed: int | float | bool | None  # the period's figure from the data
    part: Part  # its numerator / denominator
    computed_cumulative: int | float | bool | None = None  # from the start of the year
    by_hamlet: dict = field(default_factory=dict)  # hamlet id → computed figure (period)
    target: float | None = None
    override: Override | None = None
    cumulative_override: Override | None = None

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def value(self):
        """The figure to report: the override when there is one."""
        return self._overridden(self.override, self.computed)

    @property
    def cumulative(self):
        return self._overridden(self.cumulative_override, self.computed_cumulative)

    def _overridden(self, override: Override | None, computed):
        if override is None:
            return computed
        return bool(override.value) if self.indicator.kind == "yesno" else override.value

    @property
    def progress(self) -> float | None:
        """Per cent of the target reached (cumulative figure when there is one); None without
        a positive target or for "at most" targets of 0."""
        if not self.target or self.indicator.kind == "yesno":
            return None
        reached = self.cumulative if self.indicator.cumulative else self.value
        return None if reached is None else round(100 * float(reached) / self.target, 1)

    def as_dict(self, hamlet_names: dict | None = None) -> dict:
        out = {"code": self.code, "name": self.indicator.name["vi"], "kind": self.indicator.kind,
               "value": self.value, "computed": self.computed, "numerator": self.part.num,
               "denominator": self.part.den, "target": self.target, "progress": self.progress,
               "override": self.override.as_dict() if self.override else None}
        if self.indicator.cumulative:
            out |= {"cumulative": self.cumulative, "computed_cumulative": self.computed_cumulative,
                    "cumulative_override": (self.cumulative_override.as_dict()
                                            if self.cumulative_override else None)}
        if hamlet_names is not None:
            out["by_hamlet"] = {hamlet_names.get(h, NO_HAMLET): v
                                for h, v in self.by_hamlet.items()}
        return out


@dataclass(frozen=True)
class Report:
    period: Period
    ytd: Period
    as_of: date
    commune_code: str
    commune_name: str
    hamlet_id: str | None  # the report is for this hamlet only; None: the whole commune
    hamlets: list[tuple[str | None, str]]  # (id, name) in the commune's order; None: no hamlet
    values: list[IndicatorValue]
    generated_at: datetime
    catalogue: Catalogue

    def get(self, code: str) -> IndicatorValue:
        return next(v for v in self.values if v.code == code)

    @property
    def hamlet_name(self) -> str | None:
        return dict(self.hamlets).get(self.hamlet_id) if self.hamlet_id else None

    @property
    def overrides(self) -> int:
        return sum((v.override is not None) + (v.cumulative_override is not None)
                   for v in self.values)

    def as_dict(self) -> dict:
        names = dict(self.hamlets)
        return {"commune": {"code": self.commune_code, "name": self.commune_name},
                "hamlet": self.hamlet_name, "period": self.period.as_dict(),
                "cumulative_from": self.ytd.start.isoformat(), "as_of": self.as_of.isoformat(),
                "generated_at": self.generated_at.isoformat(timespec="seconds"),
                "hamlets": [name for _, name in self.hamlets],
                "indicators": [v.as_dict(names if not self.hamlet_id else None)
                               for v in self.values]}


def _hamlets(ws: Workspace) -> list[tuple[str | None, str]]:
    with ws.db.read() as session:
        rows = session.exec(select(Hamlet).where(Hamlet.deleted_at.is_(None))
                            .order_by(Hamlet.position, Hamlet.name)).all()
    return [(h.id, h.name) for h in rows]


def make_plan(indicators, period: Period, ytd: Period, as_of: date, criteria) -> Plan:
    plan = Plan(windows={"period": period, "ytd": ytd}, as_of=as_of,
                criteria=tuple(criteria), record_types=load_record_types())
    for indicator in indicators:
        computation = indicator.computation
        plan.passes.update(computation.passes)
        computation.plan(plan, indicator.params)
    return plan


def compute_report(ws: Workspace, period: Period, hamlet_id: str | None = None,
                   today: date | None = None, catalogue: Catalogue | None = None) -> Report:
    ws.actor.require(Perm.REPORT_READ)
    catalogue = catalogue or load_catalogue()
    today = today or date.today()
    rules = settings.period_rules(ws)
    ytd = year_to_date(period, rules)
    as_of = as_of_day(period, today)
    hamlets = _hamlets(ws)
    known = dict(hamlets)
    if hamlet_id is not None and hamlet_id not in known:
        raise NotFound(QT_TR_NOOP("thôn, tổ dân phố"))
    plan = make_plan(catalogue.indicators, period, ytd, as_of, enabled_criteria(ws))
    plan.split_ytd = hamlet_id is not None  # its year to date is that hamlet's only
    facts = gather(ws.db.read, plan, known)
    if None in facts and None not in known:
        hamlets.append((None, NO_HAMLET))  # residents whose address names no hamlet
    targets = settings.targets(ws)
    overrides = overrides_for(ws, period, hamlet_id)

    def pick(breakdown: Breakdown) -> Part:
        if hamlet_id is not None:
            return breakdown.get(hamlet_id, Part(0, 0 if _has_den(breakdown) else None))
        return _total(breakdown.values())

    values = []
    for indicator in catalogue.indicators:
        computation = indicator.computation
        breakdown = computation.evaluate(facts, indicator.params, "period")
        part = pick(breakdown)
        cumulative = None
        if indicator.cumulative:
            cumulative = figure(indicator, pick(computation.evaluate(facts, indicator.params,
                                                                     "ytd")))
        by_hamlet = {h: figure(indicator, breakdown.get(h, Part(0, 0 if _has_den(breakdown)
                                                                else None)))
                     for h, _ in hamlets}
        values.append(IndicatorValue(
            indicator, figure(indicator, part), part, cumulative, by_hamlet,
            targets.get(indicator.code, indicator.target),
            overrides.get((indicator.code, "value")),
            overrides.get((indicator.code, "cumulative"))))
    unit = default_units().by_code(ws.meta("commune_code") or "")
    return Report(period, ytd, as_of, ws.meta("commune_code") or "",
                  unit.full_name if unit else "", hamlet_id, hamlets, values,
                  datetime.now().astimezone(), catalogue)


def _has_den(breakdown: Breakdown) -> bool:
    return any(p.den is not None for p in breakdown.values())
