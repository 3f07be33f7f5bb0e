"""Reading a sheet into a table, and the plan an import shows before it writes anything."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ValidationError
from core.excel import legacy_text
from core.excel.header import Header, detect_header, header_key
from core.excel.workbook import SpreadsheetError, open_workbook, trim_rows
from core.i18n import QT_TR_NOOP, Msg
from core.imports.fields import Target

STATUSES = ("new", "update", "unchanged", "review", "error")
STATUS_LABELS = {
    "new": QT_TR_NOOP("Thêm mới"),
    "update": QT_TR_NOOP("Cập nhật"),
    "unchanged": QT_TR_NOOP("Không đổi"),
    "review": QT_TR_NOOP("Cần rà soát"),
    "error": QT_TR_NOOP("Lỗi"),
}
LEGACY_SAMPLE = 400  # text cells looked at to detect TCVN3/VNI


@dataclass(slots=True)
class RowPlan:
    sheet_row: int  # as Excel numbers it (1-based)
    raw: list
    status: str = "new"
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # field name ("" for the row) -> message
    notes: list = field(default_factory=list)
    outcome: str | None = None  # core.matching.Outcome value, when matched
    target_id: str | None = None  # the stored row this updates / leaves unchanged / resembles
    diff: dict = field(default_factory=dict)  # field -> (stored, from the file)
    extra: dict = field(default_factory=dict)  # target-specific (e.g. candidates, reviews)

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)
        self.status = "error"


@dataclass
class Table:
    """The part of a sheet that is data, with its header and the suggested mapping."""

    file_name: str
    sheet: str
    sheet_names: list[str]
    header: Header
    rows: list[list]  # the data rows only; rows[i] is sheet row header.first_data_row + i + 1
    legacy: str | None = None  # "tcvn3" / "vni" when the text needs converting

    @property
    def columns(self) -> list[str]:
        return self.header.columns

    def sheet_row(self, index: int) -> int:
        return self.header.first_data_row + index + 1


@dataclass
class Plan:
    target: str
    table: Table
    mapping: dict[int, str]
    rows: list[RowPlan]
    convert_legacy: bool = False

    def counts(self) -> dict[str, int]:
        counts = Counter(r.status for r in self.rows)
        return {status: counts.get(status, 0) for status in STATUSES}

    def first_errors(self, limit: int = 20) -> list[dict]:
        found = []
        for row in self.rows:
            if row.status == "error":
                found.append({"row": row.sheet_row, "errors": {k: str(v) for k, v in row.errors.items()}})
                if len(found) >= limit:
                    break
        return found


def read_table(path: str | Path, target: Target, sheet: str | int | None = None) -> Table:
    """Open the file, choose the sheet (the first whose table fits the target, unless one is
    named), find its header and check its text encoding."""
    book = open_workbook(path)
    try:
        known = target.known_keys()
        candidates = [sheet] if sheet is not None else list(range(len(book.sheet_names)))
        chosen = None
        for candidate in candidates:
            rows = trim_rows(book.rows(candidate))
            header = detect_header(rows, known)
            if header is not None and _fits(header, known):
                chosen = (candidate, rows, header)
                break
        if chosen is None:
            if sheet is not None:
                raise SpreadsheetError(Msg(QT_TR_NOOP(
                    "Trang “{sheet}” không có bảng {target} (không thấy dòng tiêu đề có các cột "
                    "như Họ và tên, Ngày sinh…)."), sheet=book.sheet_name(sheet), target=target.label))
            raise SpreadsheetError(Msg(QT_TR_NOOP(
                "Không trang nào trong tệp có bảng {target} (không thấy dòng tiêu đề có các cột "
                "như Họ và tên, Ngày sinh…)."), target=target.label))
        index, rows, header = chosen
        name = book.sheet_name(index)
        data = rows[header.first_data_row:]
        table = Table(Path(path).name, name, book.sheet_names, header, data)
        table.legacy = legacy_text.detect_legacy(_text_sample(data))
        return table
    finally:
        book.close()


def _fits(header: Header, known: set[str]) -> bool:
    return sum(1 for c in header.columns if c and header_key(c) in known) >= 2


def _text_sample(rows: list[list]):
    seen = 0
    for row in rows:
        for value in row:
            if isinstance(value, str) and value.strip():
                yield value
                seen += 1
                if seen >= LEGACY_SAMPLE:
                    return


def check_required(target: Target, mapping: dict[int, str]) -> None:
    """Every required field needs a column before rows can be checked."""
    mapped = set(mapping.values())
    missing = [f for f in target.fields if f.required and f.name not in mapped]
    if missing:
        raise ValidationError({f.name: Msg(QT_TR_NOOP(
            "Chưa có cột nào ghép với “{label}”: hãy chọn cột chứa {label}."), label=f.label)
            for f in missing})
