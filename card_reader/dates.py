"""Dates as printed on the card, in DG13 and in the QR code → ISO (partial when incomplete)."""

from __future__ import annotations

import datetime as _dt
import re

_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_MY = re.compile(r"(\d{1,2})[/.\-](\d{4})")
_Y = re.compile(r"\d{4}")
_DDMMYYYY = re.compile(r"(\d{2})(\d{2})(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1000 <= year <= 9999:
        return None
    if month == 0:  # "00/00/1950": only the year is known
        return f"{year:04d}" if day == 0 else None
    if not 1 <= month <= 12:
        return None
    if day == 0:
        return f"{year:04d}-{month:02d}"
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def card_date_to_iso(text: str | None) -> str | None:
    """dd/mm/yyyy (also with - or .), ddmmyyyy, mm/yyyy, yyyy, 00 for unknown day/month, or an
    ISO date → ISO "YYYY-MM-DD" / "YYYY-MM" / "YYYY". None when `text` is not a date (e.g.
    "Không thời hạn" on cards without expiry)."""
    if not text:
        return None
    value = text.strip()
    if m := _DMY.fullmatch(value):
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    if m := _DDMMYYYY.fullmatch(value):
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    if m := _MY.fullmatch(value):
        return _iso(int(m[2]), int(m[1]), 0)
    if _Y.fullmatch(value):
        return _iso(int(value), 0, 0)
    if m := _ISO.fullmatch(value):
        return _iso(int(m[1]), int(m[2]), int(m[3] or 0))
    return None
