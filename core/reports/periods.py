"""Report periods: a week, a month (with the province's cut day), a year, or custom dates.

Provinces count differently, so two rules are settings (core.reports.settings):

- ``week_starts_on`` (0 = Monday … 6 = Sunday): a weekly period is seven days from that
  weekday. The seed plan reports on Tuesday, so its weeks run Tuesday → Monday and the report
  covers the week that ended the day before. Week "2026-W47" is the one that starts in ISO
  week 47 of 2026 (ISO weeks start on Monday: with Tuesday it is 17 → 23 Nov 2026).
- ``month_starts_on`` (1–28): 1 gives calendar months; 15 gives 15th → 14th windows, and the
  period is named after the month it ends in ("2026-11" = 15 Oct → 14 Nov 2026), because that
  is the month the report is sent in.

"Cumulative from January" (lũy kế từ đầu năm) starts where the January period of the
reporting year starts (1 Jan with calendar months, 15 Dec of the year before with a 15th cut).
Every bound is inclusive and a plain date: times are the PC's local day (see `utc_bounds`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg

KINDS = ("week", "month", "year", "custom")
MAX_CUSTOM_DAYS = 5 * 366

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})")
_YEAR = re.compile(r"(\d{4})")
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:\.\.|/|→)\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class PeriodRules:
    week_starts_on: int = 1  # Tuesday: the seed plan's weekly report day
    month_starts_on: int = 15  # the seed plan's monthly window: 15th → 14th

    def __post_init__(self):
        if not 0 <= self.week_starts_on <= 6:
            raise ValueError(f"week_starts_on {self.week_starts_on}")
        if not 1 <= self.month_starts_on <= 28:
            raise ValueError(f"month_starts_on {self.month_starts_on}")


CALENDAR = PeriodRules(week_starts_on=0, month_starts_on=1)  # ISO weeks, calendar months


@dataclass(frozen=True)
class Period:
    kind: str  # week / month / year / custom / ytd
    start: date
    end: date  # inclusive
    label: str  # what was asked for: "2026-11", "2026-W47", "2026", "2026-11-01..2026-11-14"

    @property
    def key(self) -> str:
        """The dates themselves: overrides are kept per key, so changing the cut day never
        attaches an old override to a different window."""
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "days": self.days}


def _bad(text: str) -> ValidationError:
    return ValidationError({"period": Msg(QT_TR_NOOP(
        "Kỳ báo cáo “{text}” không hợp lệ. Dùng dạng 2026-11 (tháng), 2026-W47 (tuần), "
        "2026 (năm) hoặc 2026-11-01..2026-11-14 (tùy chọn)."), text=text)})


def week(year: int, number: int, rules: PeriodRules) -> Period:
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        raise _bad(f"{year}-W{number:02d}") from None
    start = monday + timedelta(days=rules.week_starts_on)
    return Period("week", start, start + timedelta(days=6), f"{year}-W{number:02d}")


def month(year: int, number: int, rules: PeriodRules) -> Period:
    if not 1 <= number <= 12 or not 1 <= year <= 9999:
        raise _bad(f"{year}-{number:02d}")
    label = f"{year}-{number:02d}"
    cut = rules.month_starts_on
    if cut == 1:
        following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
        return Period("month", date(year, number, 1), following - timedelta(days=1), label)
    previous = (year - 1, 12) if number == 1 else (year, number - 1)
    return Period("month", date(*previous, cut), date(year, number, cut) - timedelta(days=1),
                  label)


def year(number: int, rules: PeriodRules) -> Period:
    return Period("year", month(number, 1, rules).start, month(number, 12, rules).end,
                  str(number))


def custom(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError({"period": QT_TR_NOOP(
            "Ngày kết thúc của kỳ báo cáo phải sau ngày bắt đầu.")})
    if (end - start).days >= MAX_CUSTOM_DAYS:
        raise ValidationError({"period": QT_TR_NOOP("Kỳ báo cáo tùy chọn dài tối đa 5 năm.")})
    return Period("custom", start, end, f"{start.isoformat()}..{end.isoformat()}")


def parse_period(text: str, rules: PeriodRules) -> Period:
    """"2026-11", "2026-W47", "2026" or "2026-11-01..2026-11-14"."""
    text = (text or "").strip()
    try:
        if match := _RANGE.fullmatch(text):
            return custom(date.fromisoformat(match[1]), date.fromisoformat(match[2]))
        if match := _WEEK.fullmatch(text):
            return week(int(match[1]), int(match[2]), rules)
        if match := _MONTH.fullmatch(text):
            return month(int(match[1]), int(match[2]), rules)
        if match := _YEAR.fullmatch(text):
            return year(int(match[1]), rules)
    except ValueError:  # e.g. 2026-02-30 in a range
        pass
    raise _bad(text)


def containing(day: date, kind: str, rules: PeriodRules) -> Period:
    """The week, month or year period that `day` falls in."""
    if kind == "week":
        start = day - timedelta(days=(day.weekday() - rules.week_starts_on) % 7)
        iso = (start - timedelta(days=rules.week_starts_on)).isocalendar()
        return week(iso.year, iso.week, rules)
    if kind == "month":
        if rules.month_starts_on == 1 or day.day < rules.month_starts_on:
            return month(day.year, day.month, rules)
        return month(day.year + 1, 1, rules) if day.month == 12 else month(
            day.year, day.month + 1, rules)
    if kind == "year":
        return year(containing(day, "month", rules).end.year, rules)
    raise ValueError(kind)


def previous(period: Period, rules: PeriodRules) -> Period:
    """The period of the same kind just before (custom: the same number of days)."""
    if period.kind == "custom":
        return custom(period.start - timedelta(days=period.days),
                      period.start - timedelta(days=1))
    return containing(period.start - timedelta(days=1), period.kind, rules)


def following(period: Period, rules: PeriodRules) -> Period:
    """The period of the same kind just after (custom: the same number of days)."""
    if period.kind == "custom":
        return custom(period.end + timedelta(days=1), period.end + timedelta(days=period.days))
    return containing(period.end + timedelta(days=1), period.kind, rules)


def year_to_date(period: Period, rules: PeriodRules) -> Period:
    """From the start of the reporting year to the end of `period` (lũy kế từ đầu năm)."""
    first = year(containing(period.end, "month", rules).end.year, rules).start
    start = min(first, period.start)
    return Period("ytd", start, period.end, f"{start.isoformat()}..{period.end.isoformat()}")


def months_of_year(day: date, rules: PeriodRules) -> list[Period]:
    """The month periods of `day`'s reporting year up to the one containing `day`."""
    current = containing(day, "month", rules)
    return [month(current.end.year, m, rules) for m in range(1, current.end.month + 1)]


def utc_bounds(period: Period) -> tuple[str, str]:
    """[start, end) of the period in the database's UTC timestamp text, for columns such as
    created_at: the period's days are the PC's local days."""
    def stamp(day: date) -> str:
        local = datetime.combine(day, time()).astimezone()  # the PC's time zone
        return local.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    return stamp(period.start), stamp(period.end + timedelta(days=1))
