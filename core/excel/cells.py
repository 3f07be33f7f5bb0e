"""Cell values as Vietnamese spreadsheets hold them → the text our validators understand.

Numbers arrive as floats (ID numbers included, so their leading zero is gone), dates as real
dates, Excel serials, "dd/mm/yyyy" text, ddmmyyyy numbers that lost their leading zero, or bare
years. Each function returns text (or None for an empty cell) plus, where a value had to be
repaired, a note the preview shows.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from core.text import nfc

_EPOCH = date(1899, 12, 30)  # serial 0 in the 1900 date system (valid for serials ≥ 61)
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?E\+\d+$", re.IGNORECASE)
# Serials of dates 1880-01-01 .. 2099-12-31: a plausible date in our files.
_SERIAL_MIN, _SERIAL_MAX = (date(1880, 1, 1) - _EPOCH).days, (date(2099, 12, 31) - _EPOCH).days


def _dmy(day: date) -> str:
    """dd/mm/yyyy (an f-string: strftime costs ten times more, on every date cell)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text(value) -> str | None:
    """Any cell as NFC text with single spaces; whole-number floats without ".0"."""
    if type(value) is str:  # the common case first: most cells are text
        return nfc(value) or None
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _dmy(value)
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return _number_text(value)
    return nfc(str(value)) or None


def date_text(value) -> tuple[str | None, str | None]:
    """A date cell as text for core.dates.parse_partial_date, and a note when it was guessed.

    - a real date → dd/mm/yyyy;
    - a whole number 1880..2099 → a year (a birth year, far likelier than a 1905 serial);
    - 7 or 8 digits → ddmmyyyy (7: the leading zero of the day was lost);
    - another whole number in the serial range → an Excel date serial;
    - text → as typed (parse_partial_date knows dd/mm/yyyy, mm/yyyy, yyyy, ISO, ddmmyyyy).
    """
    if is_empty(value):
        return None, None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _dmy(value), None
    if isinstance(value, timedelta):  # a duration cell: never a date
        return str(value), None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not (isinstance(value, int) or value.is_integer()):
            return _number_text(value), None
        number = int(value)
        if 1880 <= number <= 2099:
            return str(number), None
        digits = str(number)
        if len(digits) in (7, 8):
            return digits.zfill(8), None
        if _SERIAL_MIN <= number <= _SERIAL_MAX:
            day = _EPOCH + timedelta(days=number)
            return _dmy(day), "serial"
        return digits, None
    return text(value), None


def id_text(value, length: int = 12) -> tuple[str | None, str | None]:
    """An ID number cell as digits. A number cell one digit short lost its leading zero
    (province codes 001–096 start with 0): put it back and say so. Returns (text, note) where
    note is "leading_zero" or "scientific" (Excel showed 3.8E+10: digits are lost for good)."""
    if is_empty(value):
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return _number_text(value), None
        digits = str(int(value))
        if len(digits) == length - 1:
            return "0" + digits, "leading_zero"
        return digits, None
    raw = text(value) or ""
    raw = raw.lstrip("'’")
    if _SCIENTIFIC.match(raw):
        return raw, "scientific"
    return raw, None
