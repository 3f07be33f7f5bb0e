"""Partial dates as people write them: dd/mm/yyyy, mm/yyyy, yyyy, ISO, or Excel-style ddmmyyyy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from core.errors import ValidationError
from core.i18n import QT_TR_NOOP, Msg

MIN_YEAR = 1880


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        if self.day:
            return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"
        if self.month:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.year:04d}"

    def as_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day else None

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)


_PATTERNS = (
    (re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{2})(\d{2})(\d{4})$"), ("d", "m", "y")),  # ddmmyyyy, as in the card QR
    (re.compile(r"^(\d{1,2})[/.\-](\d{4})$"), ("m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{4})$"), ("y",)),
)


def parse_partial_date(text: str, field: str = "dob", today: date | None = None) -> PartialDate:
    """Parse a date that may be known only to the month or year; reject impossible dates."""
    result = _parse((text or "").strip(), today or date.today())
    if isinstance(result, PartialDate):
        return result
    raise ValidationError({field: result})


@lru_cache(maxsize=65536)  # an import repeats the same dates thousands of times
def _parse(value: str, today: date) -> PartialDate | Msg:
    """The date, or the message saying why it is not one (cached either way)."""
    for pattern, order in _PATTERNS:
        match = pattern.match(value)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            break
    else:
        return Msg(QT_TR_NOOP("Ngày “{value}” không đúng dạng ngày/tháng/năm."), value=value)
    year, month, day = parts["y"], parts.get("m"), parts.get("d")
    if month is not None and not 1 <= month <= 12:
        return Msg(QT_TR_NOOP("Tháng {month} không hợp lệ."), month=month)
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return Msg(QT_TR_NOOP("Ngày {value} không có trên lịch."), value=value)
    result = PartialDate(year, month, day)
    if year < MIN_YEAR or (year, month or 1, day or 1) > (today.year, today.month, today.day):
        return Msg(QT_TR_NOOP("Ngày {date} nằm ngoài khoảng hợp lệ."), date=result.display())
    return result


def age_on(dob: PartialDate, on: date) -> int:
    """Age in whole years; with a partial date, assume the latest possible birthday."""
    month, day = dob.month or 12, dob.day or 31
    if dob.day is None and dob.month is not None:
        day = 31
    had_birthday = (on.month, on.day) >= (month, day)
    return on.year - dob.year - (0 if had_birthday else 1)


def show_iso(iso: str | None) -> str:
    """A stored ISO date, full or partial ("1990-05-17", "1990-05", "1990"), as people write
    it ("17/05/1990", "05/1990", "1990"); empty for none."""
    return "/".join(reversed(iso.split("-"))) if iso else ""
