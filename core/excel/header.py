"""Find the table inside a messy sheet: the header row under titles, merged two-row headers,
and the "(1) (2) (3)" numbering row that government forms put under the header.

The result names every column by its header text; a two-row header gives "Parent Child"
(e.g. "Ngày sinh Nam" / "Ngày sinh Nữ"). Which field a column means is `core.imports.mapping`'s
job: this module knows nothing of fields beyond a set of folded names it may score against.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from core.excel import cells
from core.text import fold

SCAN_ROWS = 40
_NUMBERING = re.compile(r"^\(?[0-9]{1,2}\)?$|^\(?[A-Z]\)?$")


@dataclass(frozen=True)
class Header:
    row: int  # zero-based index of the (last) header row in the sheet
    first_data_row: int  # zero-based
    columns: list[str]  # header text per column ("" for a column without one)


def _texts(row: list) -> list[str]:
    return [cells.text(v) or "" if isinstance(v, str) else "" for v in row]


def header_key(text: str) -> str:
    """What header names are compared by: folded, without "(…)" notes and punctuation."""
    text = re.sub(r"\([^)]*\)", " ", text or "")
    text = re.sub(r"[^\w\s]", " ", text)
    return fold(text)


def _score(row: list, known: Collection[str]) -> float:
    texts = _texts(row)
    filled = [t for t in texts if t]
    if len(filled) < 2:
        return 0
    numbers = sum(1 for v in row if isinstance(v, int | float) and not isinstance(v, bool))
    short = sum(1 for t in filled if len(t) <= 60 and not t.replace(" ", "").isdigit())
    hits = sum(1 for t in filled if header_key(t) in known)
    return short + 3 * hits - 2 * numbers


def detect_header(rows: list[list], known: Collection[str] = ()) -> Header | None:
    """The likeliest header row among the first rows; None when the sheet has no table."""
    best, best_score = None, 0.0
    for index, row in enumerate(rows[:SCAN_ROWS]):
        score = _score(row, known)
        if score > best_score:
            best, best_score = index, score
    if best is None:
        return None
    width = max((len(r) for r in rows[best:best + 3]), default=0)
    top = _texts(rows[best]) + [""] * width
    top = top[:width]
    last = best
    below = rows[best + 1] if best + 1 < len(rows) else []
    if _is_subheader(top, _texts(below) + [""] * width, below, known):
        columns = _combine(top, _texts(below) + [""] * width)
        last = best + 1
    else:
        columns = top
    first_data = last + 1
    if first_data < len(rows) and _is_numbering(rows[first_data]):
        first_data += 1
    return Header(last, first_data, columns)


def _is_subheader(top: list[str], sub: list[str], raw: list, known: Collection[str]) -> bool:
    """The row under the header continues it: text only, and either under gaps the merged
    parent cells left, or itself made of known column names."""
    if any(isinstance(v, int | float | bool) for v in raw if not cells.is_empty(v)):
        return False
    filled = [i for i, t in enumerate(sub) if t]
    if not filled or _is_numbering(raw):
        return False
    under_gaps = sum(1 for i in filled if i < len(top) and (not top[i] or _gap_after(top, i)))
    hits = sum(1 for i in filled if header_key(sub[i]) in known)
    return under_gaps >= max(1, len(filled) // 2) or hits >= 2


def _gap_after(top: list[str], i: int) -> bool:
    return i + 1 < len(top) and not top[i + 1]


def _combine(top: list[str], sub: list[str]) -> list[str]:
    """Carry each merged parent's text right over its empty cells; append the child's text."""
    columns, parent = [], ""
    for i, name in enumerate(top):
        if name:
            parent = name
            columns.append(f"{name} {sub[i]}".strip() if sub[i] else name)
        elif sub[i]:
            columns.append(f"{parent} {sub[i]}".strip() if parent else sub[i])
        else:
            columns.append("")
            parent = ""
    return columns


def _is_numbering(row: list) -> bool:
    """A row like (1) (2) (3) … or 1 2 3 … or A B C under the header."""
    values = [v for v in row if not cells.is_empty(v)]
    if len(values) < 2:
        return False
    texts = [cells.text(v) or "" for v in values]
    if not all(_NUMBERING.match(t) for t in texts):
        return False
    digits = [int(re.sub(r"\D", "", t)) for t in texts if re.sub(r"\D", "", t)]
    return len(digits) < 2 or digits == sorted(digits)
