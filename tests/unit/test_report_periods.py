"""Report periods: weeks from any weekday (across months and years), months with a cut day,
leap years, the year-to-date window, and the text forms the CLI accepts."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import ValidationError
from core.reports.periods import (
    CALENDAR,
    PeriodRules,
    containing,
    month,
    months_of_year,
    parse_period,
    previous,
    utc_bounds,
    week,
    year,
    year_to_date,
)

SEED_PLAN = PeriodRules(week_starts_on=1, month_starts_on=15)  # Tuesday; 15th → 14th


def span(period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


def test_calendar_months_including_leap_february():
    assert span(month(2026, 11, CALENDAR)) == ("2026-11-01", "2026-11-30")
    assert span(month(2026, 12, CALENDAR)) == ("2026-12-01", "2026-12-31")
    assert span(month(2028, 2, CALENDAR)) == ("2028-02-01", "2028-02-29")  # leap
    assert span(month(2027, 2, CALENDAR)) == ("2027-02-01", "2027-02-28")
    assert span(month(2100, 2, CALENDAR)) == ("2100-02-01", "2100-02-28")  # not leap


def test_cut_day_months_are_named_after_the_month_they_end_in():
    assert span(month(2026, 11, SEED_PLAN)) == ("2026-10-15", "2026-11-14")
    assert span(month(2026, 1, SEED_PLAN)) == ("2025-12-15", "2026-01-14")  # across years
    assert span(month(2028, 3, SEED_PLAN)) == ("2028-02-15", "2028-03-14")  # 29 days
    assert month(2028, 3, SEED_PLAN).days == 29
    assert month(2027, 3, SEED_PLAN).days == 28
    # consecutive months tile the year with no gap and no overlap
    periods = [month(2026, m, SEED_PLAN) for m in range(1, 13)]
    for before, after in zip(periods, periods[1:], strict=False):
        assert (after.start - before.end).days == 1
    assert sum(p.days for p in periods) == 365


def test_weeks_start_on_the_configured_weekday_across_months_and_years():
    assert span(week(2026, 47, CALENDAR)) == ("2026-11-16", "2026-11-22")  # ISO: Mon → Sun
    assert span(week(2026, 47, SEED_PLAN)) == ("2026-11-17", "2026-11-23")  # Tue → Mon
    assert week(2026, 47, SEED_PLAN).start.weekday() == 1
    assert span(week(2026, 44, SEED_PLAN)) == ("2026-10-27", "2026-11-02")  # Oct → Nov
    # 2026 has 53 ISO weeks; its last Tuesday-week ends in 2027
    assert span(week(2026, 53, SEED_PLAN)) == ("2026-12-29", "2027-01-04")
    assert span(week(2027, 1, CALENDAR)) == ("2027-01-04", "2027-01-10")
    with pytest.raises(ValidationError):
        week(2027, 53, CALENDAR)  # 2027 has only 52
    sunday = PeriodRules(week_starts_on=6, month_starts_on=1)
    assert span(week(2026, 1, sunday)) == ("2026-01-04", "2026-01-10")


def test_containing_and_previous_agree_with_the_named_periods():
    day = date(2026, 11, 28)  # a Saturday
    assert containing(day, "week", SEED_PLAN) == week(2026, 48, SEED_PLAN)
    assert span(containing(day, "week", SEED_PLAN)) == ("2026-11-24", "2026-11-30")
    assert containing(date(2026, 11, 24), "week", SEED_PLAN).start == date(2026, 11, 24)
    assert containing(date(2026, 11, 23), "week", SEED_PLAN) == week(2026, 47, SEED_PLAN)
    assert containing(date(2026, 11, 14), "month", SEED_PLAN).label == "2026-11"
    assert containing(date(2026, 11, 15), "month", SEED_PLAN).label == "2026-12"
    assert containing(date(2026, 12, 20), "month", SEED_PLAN).label == "2027-01"
    assert containing(date(2026, 12, 20), "year", SEED_PLAN).label == "2027"
    assert previous(week(2026, 1, SEED_PLAN), SEED_PLAN) == week(2025, 52, SEED_PLAN)
    assert previous(month(2026, 1, SEED_PLAN), SEED_PLAN) == month(2025, 12, SEED_PLAN)
    assert previous(month(2026, 3, CALENDAR), CALENDAR).end == date(2026, 2, 28)
    custom = parse_period("2026-11-01..2026-11-14", CALENDAR)
    assert span(previous(custom, CALENDAR)) == ("2026-10-18", "2026-10-31")


def test_year_and_year_to_date_follow_the_cut_day():
    assert span(year(2026, CALENDAR)) == ("2026-01-01", "2026-12-31")
    assert span(year(2026, SEED_PLAN)) == ("2025-12-15", "2026-12-14")
    assert span(year_to_date(month(2026, 11, SEED_PLAN), SEED_PLAN)) == ("2025-12-15",
                                                                         "2026-11-14")
    assert span(year_to_date(month(2026, 11, CALENDAR), CALENDAR)) == ("2026-01-01",
                                                                       "2026-11-30")
    # the January period is its own year to date
    jan = month(2027, 1, SEED_PLAN)
    assert year_to_date(jan, SEED_PLAN).start == jan.start == date(2026, 12, 15)
    # a week straddling New Year counts from the year it ends in
    assert year_to_date(week(2026, 53, CALENDAR), CALENDAR).start == date(2026, 12, 28)
    assert year_to_date(week(2026, 52, CALENDAR), CALENDAR).start == date(2026, 1, 1)
    assert [p.label for p in months_of_year(date(2026, 3, 20), SEED_PLAN)] == [
        "2026-01", "2026-02", "2026-03", "2026-04"]  # 20 March is in the April window


def test_parse_period_forms_and_errors():
    assert parse_period("2026-11", CALENDAR).kind == "month"
    assert parse_period("2026-W07", CALENDAR) == week(2026, 7, CALENDAR)
    assert parse_period("2026w7", CALENDAR) == week(2026, 7, CALENDAR)
    assert parse_period("2026", CALENDAR) == year(2026, CALENDAR)
    custom = parse_period(" 2026-11-01..2026-11-14 ", CALENDAR)
    assert (custom.kind, custom.days, custom.key) == ("custom", 14, "2026-11-01..2026-11-14")
    assert 14 == parse_period("2028-02-16..2028-02-29", CALENDAR).days  # leap day accepted
    for bad in ("2026-13", "2026-00", "2026-W00", "2026-02-30..2026-03-01",
                "2026-11-14..2026-11-01", "tháng 11", "", "2027-02-29..2027-03-01"):
        with pytest.raises(ValidationError):
            parse_period(bad, CALENDAR)
    with pytest.raises(ValueError):
        PeriodRules(month_starts_on=29)


def test_utc_bounds_cover_the_local_days(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        start, end = utc_bounds(parse_period("2026-11-01..2026-11-14", CALENDAR))
        assert (start, end) == ("2026-10-31 17:00:00.000000", "2026-11-14 17:00:00.000000")
    finally:
        monkeypatch.undo()
        time.tzset()
