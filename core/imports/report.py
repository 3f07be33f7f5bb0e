"""The error report: the rejected rows as they were, each problem explained in Vietnamese.

Same columns as the file (header on row 1), so the officer fixes the rows in the report itself
and imports it again; the two added columns are ignored by the importer.
"""

from __future__ import annotations

from pathlib import Path

from core.excel import cells
from core.excel.writer import ERROR, Sheet, Styled, write_xlsx
from core.imports.plan import Plan
from core.imports.targets import target_of

ERROR_COLUMN = "Lỗi cần sửa"
ROW_COLUMN = "Dòng trong tệp gốc"


def write_error_report(plan: Plan, path: str | Path, statuses: tuple[str, ...] = ("error",)) -> int:
    """Write the rows with these statuses; returns how many."""
    target = target_of(plan.target)
    columns = plan.table.columns
    field_of = plan.mapping
    id_columns = {i for i, name in field_of.items()
                  if target.field(name) and target.field(name).kind in ("id12", "id_old")}
    labels = {f.name: f.label for f in target.fields}

    def rows():
        for row in plan.rows:
            if row.status not in statuses:
                continue
            out = []
            for i in range(len(columns)):
                value = row.raw[i] if i < len(row.raw) else None
                if i in id_columns:
                    value = cells.id_text(value)[0]  # never a float that loses its leading 0
                if field_of.get(i) in row.errors:
                    value = Styled(value, ERROR)
                out.append(value)
            problems = [f"{labels[k]}: {v}" if k in labels and str(labels[k]) not in str(v)
                        else str(v) for k, v in row.errors.items()]
            if row.status == "review":
                problems += [str(r) for r in row.extra.get("reasons", ())]
            out += ["; ".join(problems), row.sheet_row]
            yield out

    headers = [c or f"Cột {i + 1}" for i, c in enumerate(columns)] + [ERROR_COLUMN, ROW_COLUMN]
    widths = [max(10.0, min(40.0, len(h) * 1.2 + 2)) for h in headers[:-2]] + [60.0, 12.0]
    return write_xlsx(path, [Sheet("Dòng lỗi", headers, rows(), widths=widths)])
