"""How a planned row reads in the import preview: its name, status, match, changes, errors
and the detail view."""

from __future__ import annotations

import html

from core.dates import show_iso
from core.excel import cells, legacy_text
from core.excel.header import header_key
from core.excel.writer import column_letter
from core.imports.plan import STATUS_LABELS, Plan, RowPlan
from core.matching import OUTCOME_LABELS
from core.services.persons import SEX_LABELS
from ui.i18n import message_text, tr
from ui.import_wizard.common import field_label

_HIDDEN_VALUES = ("name_folded", "name_key", "sort_key", "dob_precision", "birth_year")


class RowText:
    """The texts the preview shows for a planned row, in the UI language."""

    def __init__(self, plan: Plan, target, hamlet_names: dict[str, str] | None = None):
        self.plan, self.target = plan, target
        self.hamlet_names = hamlet_names or {}
        table = plan.table
        self.legacy = table.legacy if plan.convert_legacy else None
        # The column that names a row: the full name, else a record's first required text.
        if target.field("full_name") is not None:
            name_field = "full_name"
        else:
            name_field = next((f.name for f in target.fields
                               if f.required and f.kind == "text"), None)
        if name_field is None and plan.mapping:
            name_field = plan.mapping[min(plan.mapping)]
        self.name_field = name_field
        self.name_column = {name: i for i, name in plan.mapping.items()}.get(name_field)
        self.name_header = self.label(name_field) if name_field else tr("Họ và tên")

    def label(self, name: str) -> str:
        spec = self.target.field(name) or self.target.field(
            {"hamlet_id": "hamlet"}.get(name, ""))
        return field_label(spec) if spec else name

    def cell(self, row: RowPlan, index: int | None) -> str:
        if index is None or row.raw is None or index >= len(row.raw):
            return ""
        value = row.raw[index]
        text = cells.text(value) or ""
        if text and self.legacy and isinstance(value, str):
            text = legacy_text.convert_cell(text, self.legacy)
        return text

    def name(self, row: RowPlan) -> str:
        value = row.values.get(self.name_field) if self.name_field else None
        return str(value) if value else self.cell(row, self.name_column)

    def status(self, row: RowPlan) -> str:
        return tr(STATUS_LABELS.get(row.status, row.status))

    def outcome(self, row: RowPlan) -> str:
        if not row.outcome:
            return ""
        if row.outcome == "system_id":
            return tr("Khớp theo mã hệ thống")
        label = OUTCOME_LABELS.get(row.outcome)
        return tr(label) if label else row.outcome

    def value(self, name: str, value) -> str:
        if value is None or value == "":
            return tr("(trống)")
        if name == "hamlet_id":
            return self.hamlet_names.get(value, str(value))
        if name == "sex" and value in SEX_LABELS:
            return tr(SEX_LABELS[value])
        spec = self.target.field(name)
        if isinstance(value, str) and (name == "dob" or (spec and spec.kind == "date")):
            return show_iso(value)
        if isinstance(value, bool):
            return tr("Có") if value else tr("Không")
        return str(value)

    def error(self, name: str, message) -> str:
        text = message_text(message)
        label = self.label(name) if name else ""
        return f"{label}: {text}" if label and label not in text else text

    def errors(self, row: RowPlan) -> list[str]:
        return [self.error(name, message) for name, message in row.errors.items()]

    def diff(self, row: RowPlan) -> list[str]:
        return [f"{self.label(name)}: {self.value(name, old)} → {self.value(name, new)}"
                for name, (old, new) in row.diff.items()]

    def reasons(self, row: RowPlan) -> list[str]:
        return list(dict.fromkeys(message_text(r) for r in row.extra.get("reasons", ())))

    def notes(self, row: RowPlan) -> list[str]:
        return [message_text(note) for note in row.notes]

    def changes(self, row: RowPlan) -> str:
        """What the row changes (the diff), why it needs review, or its errors."""
        if row.status == "error":
            return "; ".join(self.errors(row))
        parts = (self.reasons(row) if row.status == "review" else []) + self.diff(row)
        return "; ".join(parts or self.notes(row))

    def detail_html(self, row: RowPlan) -> str:
        esc = html.escape
        out = [f"<h3>{esc(tr('Dòng {n}').format(n=row.sheet_row))} — "
               f"{esc(self.status(row))}</h3>"]
        if row.outcome:
            out.append(f"<p>{esc(tr('Đối chiếu'))}: {esc(self.outcome(row))}</p>")

        def table(title: str, pairs) -> None:
            pairs = list(pairs)
            if pairs:
                out.append(f"<h4>{esc(title)}</h4><table cellspacing='0' cellpadding='3'>")
                out.extend(f"<tr><td><b>{esc(k)}</b></td><td>{esc(v)}</td></tr>"
                           for k, v in pairs)
                out.append("</table>")

        def listing(title: str, items: list[str]) -> None:
            if items:
                out.append(f"<h4>{esc(title)}</h4><ul>")
                out.extend(f"<li>{esc(item)}</li>" for item in items)
                out.append("</ul>")

        columns = self.plan.table.columns

        def source(index: int, name: str) -> str:
            title, label = columns[index] or column_letter(index), self.label(name)
            return label if header_key(title) == header_key(label) else f"{title} → {label}"

        table(tr("Trong tệp"), ((source(i, name), self.cell(row, i))
                                for i, name in sorted(self.plan.mapping.items())))
        fields = {f.name for f in self.target.fields} | {"hamlet_id"}
        table(tr("Sau khi kiểm tra"), (
            (self.label(name), self.value(name, value)) for name, value in row.values.items()
            if name in fields and name not in _HIDDEN_VALUES))
        listing(tr("Thay đổi"), self.diff(row))
        listing(tr("Lý do cần rà soát"), self.reasons(row))
        listing(tr("Ghi chú"), self.notes(row))
        listing(tr("Lỗi"), self.errors(row))
        return "".join(out)
