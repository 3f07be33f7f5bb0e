"""Province figures from the communes' snapshots of one period (pure: no database, no HTTP).

- count: the communes' figures summed (a commune's manual override included: it is its
  reported figure); cumulative likewise.
- ratio: recomputed as 100·Σnum/Σden, never an average of percentages (a commune of 20,000
  weighs more than one of 2,000).
- yes/no: the number of communes answering "yes", out of the communes that reported it.
- target: counts: the communes' targets summed (when each reporting commune has one); ratios:
  the communes' targets weighted by their denominators (the province figure reached when every
  commune exactly meets its own target); yes/no: the communes whose target is "yes".

Communes with no snapshot for the period are listed as not sent ("chưa gửi").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from core.reports.catalogue import Catalogue, Indicator
from sync.hub.report_store import Snapshot

PROGRESS_CODE = "vneid_coverage_14"  # the plan's headline: level-2 VNeID coverage of 14+


@dataclass(frozen=True)
class Total:
    indicator: Indicator
    value: float | int | None
    cumulative: float | int | None
    target: float | int | None
    reporting: int  # communes whose snapshot has a figure for it
    num: float | None = None  # ratios: Σ numerators
    den: float | None = None  # ratios: Σ denominators

    @property
    def progress(self) -> float | None:
        return progress_of(self.indicator, self.value, self.cumulative, self.target)


@dataclass(frozen=True)
class ProvinceReport:
    period_key: str
    kind: str | None
    start: date | None  # the dates most reporting communes used
    end: date | None
    mixed_dates: bool  # some communes count this period over other dates (their cut day)
    communes: list[tuple[str, str]]  # (code, name) of every commune covered, in code order
    snapshots: dict[str, Snapshot]
    totals: list[Total]
    missing: list[tuple[str, str]] = field(default_factory=list)  # "chưa gửi"

    def total(self, code: str) -> Total:
        return next(t for t in self.totals if t.indicator.code == code)

    def figure(self, commune_code: str, code: str) -> dict | None:
        snapshot = self.snapshots.get(commune_code)
        return snapshot.figures.get(code) if snapshot else None


def progress_of(indicator: Indicator, value, cumulative, target) -> float | None:
    """Per cent of the target reached, like core.reports (cumulative figure when there is
    one); None without a positive target."""
    if not target:
        return None
    reached = cumulative if indicator.cumulative and indicator.kind == "count" else value
    if reached is None or isinstance(reached, bool):
        return None
    return round(100 * float(reached) / float(target), 1)


def _tidy(value: float | None):
    return int(value) if value is not None and float(value).is_integer() else value


def _total(indicator: Indicator, figures: list[dict]) -> Total:
    values = [f.get("value") for f in figures if f.get("value") is not None]
    reporting = len(values)
    cumulative = None
    if indicator.kind == "ratio":
        pairs = [(f.get("num"), f.get("den")) for f in figures
                 if f.get("num") is not None and f.get("den") is not None]
        num = sum(float(n) for n, _ in pairs)
        den = sum(float(d) for _, d in pairs)
        value = round(100 * num / den, 1) if den else None
        weighted = [(float(f["target"]), float(f["den"])) for f in figures
                    if f.get("target") is not None and f.get("den")]
        weight = sum(d for _, d in weighted)
        target = round(sum(t * d for t, d in weighted) / weight, 1) if weight else None
        return Total(indicator, value, None, target, reporting, _tidy(num) if pairs else None,
                     _tidy(den) if pairs else None)
    if indicator.kind == "yesno":
        value = sum(1 for v in values if v) if values else None
        if indicator.cumulative:
            ytd = [f.get("cumulative") for f in figures if f.get("cumulative") is not None]
            cumulative = sum(1 for v in ytd if v) if ytd else None
        targets = [f.get("target") for f in figures if f.get("value") is not None]
        known = [t for t in targets if t is not None]
        target = sum(1 for t in known if t >= 1) if known else None
        return Total(indicator, value, cumulative, target, reporting)
    value = _tidy(sum(float(v) for v in values)) if values else None
    if indicator.cumulative:
        ytd = [float(f["cumulative"]) for f in figures if f.get("cumulative") is not None]
        cumulative = _tidy(sum(ytd)) if ytd else None
    targets = [f.get("target") for f in figures if f.get("value") is not None]
    target = (_tidy(sum(float(t) for t in targets))
              if targets and all(t is not None for t in targets) else None)
    return Total(indicator, value, cumulative, target, reporting)


def _dates(snapshots: dict[str, Snapshot]) -> tuple[date | None, date | None, bool]:
    spans = Counter((s.start, s.end) for s in snapshots.values())
    if not spans:
        return None, None, False
    (start, end), _ = spans.most_common(1)[0]
    return start, end, len(spans) > 1


def aggregate(catalogue: Catalogue, communes: list[tuple[str, str]],
              snapshots: dict[str, Snapshot], period_key: str) -> ProvinceReport:
    """The province (or the given communes') figures of one period."""
    covered = {code for code, _ in communes}
    mine = {code: s for code, s in snapshots.items() if code in covered}
    start, end, mixed = _dates(mine)
    kinds = {s.kind for s in mine.values()}
    totals = []
    for indicator in catalogue.indicators:
        figures = [s.figures[indicator.code] for s in mine.values()
                   if indicator.code in s.figures]
        totals.append(_total(indicator, figures))
    missing = [(code, name) for code, name in communes if code not in mine]
    return ProvinceReport(period_key, kinds.pop() if len(kinds) == 1 else None, start, end,
                          mixed, list(communes), mine, totals, missing)


def commune_progress(catalogue: Catalogue, snapshot: Snapshot | None,
                     code: str = PROGRESS_CODE) -> tuple[float | None, float | None]:
    """(figure, target) of the headline indicator in a commune's snapshot."""
    indicator = catalogue.by_code.get(code)
    if snapshot is None or indicator is None:
        return None, None
    figure = snapshot.figures.get(code) or {}
    target = figure.get("target", indicator.target)
    return figure.get("value"), target


__all__ = ["PROGRESS_CODE", "ProvinceReport", "Total", "aggregate", "commune_progress",
           "progress_of"]
