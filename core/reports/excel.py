"""The report as an .xlsx (openpyxl: styles, merged titles, charts; a report is a few hundred
cells, so the streaming writer of core.excel is not needed here).

- The built-in layout: "Báo cáo" (one row per indicator: this period, from January, target,
  % reached, note of an adjusted figure), "Theo thôn" (each indicator per hamlet) with a bar
  chart of level-2 coverage per hamlet against the target, for a commune-wide report.
- A province's template: its own workbook with the mapped cells filled; formulas recompute
  when the file is opened.
Aggregates only: no name, number or date of birth of anyone is ever written.
"""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

from core.reports.compute import Report
from core.reports.templates import (
    DEFAULT_FIRST_ROW,
    DEFAULT_SHEET,
    FIELDS,
    Template,
    default_rows,
    split_cell,
)

HAMLET_SHEET = "Theo thôn"
COVERAGE_CODE = "vneid_coverage_14"  # the chart's figure
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*(?:@[a-z]+)?)\s*\}\}")
YES, NO = "Có", "Không"


def _show_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def field_value(report: Report, key: str):
    """The value a template key stands for (None: leave the cell empty)."""
    if key in FIELDS:
        return {"_commune": report.commune_name, "_hamlet": report.hamlet_name or "",
                "_period": f"{_show_day(report.period.start)} – {_show_day(report.period.end)}",
                "_from": report.period.start, "_to": report.period.end,
                "_ytd_from": report.ytd.start,
                "_generated": report.generated_at.date()}[key]
    code, _, suffix = key.partition("@")
    value = report.get(code)
    if suffix == "target":
        return value.target
    if suffix == "note":
        notes = [o.note for o in (value.override, value.cumulative_override) if o]
        return "; ".join(notes) or None
    figure = value.cumulative if suffix == "ytd" else value.value
    if isinstance(figure, bool):
        return YES if figure else NO
    return figure


def _save(book, path: Path) -> None:
    """Write next to the target, then rename: a crash never leaves half a report."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    book.save(tmp)
    os.replace(tmp, path)


def write_report(report: Report, template: Template, path: Path, lang: str = "vi") -> None:
    if template.builtin:
        _save(_builtin_book(report, template, lang), path)
    else:
        _save(_filled_book(report, template), path)


def _filled_book(report: Report, template: Template):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(template.workbook))
    for key, ref in template.cells.items():
        sheet, coordinate = split_cell(ref)
        cell = book[sheet][coordinate]
        value = field_value(report, key)
        original = cell.value
        if isinstance(original, str) and _PLACEHOLDER.search(original) and \
                _PLACEHOLDER.fullmatch(original.strip()) is None:
            # "Kỳ báo cáo: {{_period}}": the text stays, the placeholders are filled
            cell.value = _PLACEHOLDER.sub(lambda m: _text(field_value(report, m[1]))
                                          if _known(report, m[1]) else m[0], original)
        else:
            cell.value = value
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
    book.calculation.fullCalcOnLoad = True  # the template's own sums see the new figures
    return book


def _known(report: Report, key: str) -> bool:
    code = key.partition("@")[0]
    return key in FIELDS or any(v.code == code for v in report.values)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return _show_day(value)
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


# -- the built-in layout --------------------------------------------------------------------

HEADERS = {
    "vi": ("STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Lũy kế từ đầu năm", "Chỉ tiêu giao",
           "% đạt", "Ghi chú"),
    "en": ("No.", "Indicator", "Unit", "This period", "Since January", "Target", "% reached",
           "Note"),
}
TEXTS = {
    "vi": {"title": "BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06", "period": "Kỳ báo cáo: {period}",
           "ytd": "Lũy kế tính từ ngày {day}; số liệu tình trạng tính đến hết ngày {as_of}.",
           "hamlet": "Thôn, tổ dân phố: {hamlet}", "generated": "Lập ngày {day} bằng Xã Số.",
           "adjusted": "Đã điều chỉnh ({by}): {note}. Số tính từ dữ liệu: {computed}.",
           "all": "Toàn xã", "chart": "Tỷ lệ có định danh điện tử mức 2 theo thôn (từ 14 tuổi)",
           "target": "Chỉ tiêu", "coverage": "Tỷ lệ (%)", "none": "—"},
    "en": {"title": "PROJECT 06 PROGRESS REPORT", "period": "Period: {period}",
           "ytd": "Cumulative figures from {day}; states as at the end of {as_of}.",
           "hamlet": "Hamlet: {hamlet}", "generated": "Made on {day} with Xã Số.",
           "adjusted": "Adjusted ({by}): {note}. Computed from the data: {computed}.",
           "all": "Whole commune", "chart": "Level-2 e-ID coverage per hamlet (aged 14+)",
           "target": "Target", "coverage": "Share (%)", "none": "—"},
}


def _builtin_book(report: Report, template: Template, lang: str):
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    texts, lang = TEXTS.get(lang, TEXTS["vi"]), lang if lang in TEXTS else "vi"
    bold, thin = Font(bold=True), Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    adjusted = PatternFill("solid", fgColor="FFF2CC")
    heading = PatternFill("solid", fgColor="DDEBF7")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = DEFAULT_SHEET
    period = f"{_show_day(report.period.start)} – {_show_day(report.period.end)}"
    lines = [(texts["title"], Font(bold=True, size=14)), (report.commune_name, bold),
             (texts["hamlet"].format(hamlet=report.hamlet_name) if report.hamlet_id else "",
              None),
             (texts["period"].format(period=period), None),
             (texts["ytd"].format(day=_show_day(report.ytd.start),
                                  as_of=_show_day(report.as_of)), None),
             (texts["generated"].format(day=_show_day(report.generated_at.date())), None)]
    for row, (line, font) in enumerate(lines, start=1):
        sheet.cell(row, 1, line or None).font = font or Font()
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    header_row = DEFAULT_FIRST_ROW - 1
    for column, title in enumerate(HEADERS[lang], start=1):
        cell = sheet.cell(header_row, column, title)
        cell.font, cell.fill, cell.border = bold, heading, box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    number = 0
    for offset, (kind, key) in enumerate(default_rows(report.catalogue)):
        row = DEFAULT_FIRST_ROW + offset
        if kind == "domain":
            cell = sheet.cell(row, 1, report.catalogue.domain_label(key).texts[lang])
            cell.font = bold
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
            continue
        number += 1
        value = report.get(key)
        indicator = value.indicator
        note = []
        for override, computed in ((value.override, value.computed),
                                   (value.cumulative_override, value.computed_cumulative)):
            if override:
                note.append(texts["adjusted"].format(by=override.by or "", note=override.note,
                                                     computed=_text(computed) or texts["none"]))
        cells = [number, indicator.name_in(lang), indicator.unit_in(lang), None, None, None,
                 value.progress, " ".join(note) or None]
        for column, content in enumerate(cells, start=1):
            cell = sheet.cell(row, column, content)
            cell.border = box
            cell.alignment = Alignment(vertical="center", wrap_text=column == 2)
        sheet.cell(row, 7).number_format = "0.0"
        if note:
            for column in (4, 5, 8):
                sheet.cell(row, column).fill = adjusted
    _fill_mapped(sheet, report, template)
    for column, width in zip("ABCDEFGH", (5, 58, 11, 11, 13, 11, 8, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = f"C{DEFAULT_FIRST_ROW}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    if report.hamlet_id is None and len(report.hamlets) > 0:
        _hamlet_sheet(book, report, texts, lang, bold, heading, box)
    return book


def _fill_mapped(sheet, report: Report, template: Template) -> None:
    """The figures go where the template definition says (the same path as a province's)."""
    from openpyxl.styles import Alignment

    for key, ref in template.cells.items():
        name, coordinate = split_cell(ref)
        if name != sheet.title or key.startswith("_"):
            continue
        value = field_value(report, key)
        cell = sheet[coordinate]
        cell.value = value
        indicator = report.catalogue.by_code[key.partition("@")[0]]
        if indicator.kind == "ratio" and not key.endswith("@note"):
            cell.number_format = "0.0"
        elif indicator.kind == "count":
            cell.number_format = "#,##0"
        cell.alignment = Alignment(horizontal="right", vertical="center")


def _hamlet_sheet(book, report: Report, texts: dict, lang: str, bold, heading, box) -> None:
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Alignment

    sheet = book.create_sheet(HAMLET_SHEET)
    names = [name for _, name in report.hamlets]
    headers = [HEADERS[lang][1], HEADERS[lang][2], *names, texts["all"]]
    for column, title in enumerate(headers, start=1):
        cell = sheet.cell(1, column, title)
        cell.font, cell.fill, cell.border = bold, heading, box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    coverage_row = None
    for row, value in enumerate(report.values, start=2):
        indicator = value.indicator
        figures = [value.by_hamlet.get(h) for h, _ in report.hamlets] + [value.computed]
        cells = [indicator.name_in(lang), indicator.unit_in(lang),
                 *((YES if f else NO) if isinstance(f, bool) else f for f in figures)]
        for column, content in enumerate(cells, start=1):
            cell = sheet.cell(row, column, content)
            cell.border = box
            if column > 2:
                cell.number_format = "0.0" if indicator.kind == "ratio" else "#,##0"
        if value.code == COVERAGE_CODE:
            coverage_row = row
    sheet.column_dimensions["A"].width = 58
    sheet.column_dimensions["B"].width = 10
    sheet.freeze_panes = "C2"
    if coverage_row is None or not names:
        return
    # The chart reads a small table of its own: coverage per hamlet and the target.
    value = report.get(COVERAGE_CODE)
    top = len(report.values) + 4
    sheet.cell(top, 1, texts["chart"]).font = bold
    sheet.cell(top + 1, 2, texts["coverage"])
    sheet.cell(top + 1, 3, texts["target"])
    for i, (hamlet_id, name) in enumerate(report.hamlets):
        sheet.cell(top + 2 + i, 1, name)
        sheet.cell(top + 2 + i, 2, value.by_hamlet.get(hamlet_id))
        sheet.cell(top + 2 + i, 3, value.target)
    last = top + 1 + len(report.hamlets)
    bars = BarChart()
    bars.type, bars.style = "col", 10
    bars.title = texts["chart"]
    bars.y_axis.title, bars.y_axis.scaling.min, bars.y_axis.scaling.max = "%", 0, 100
    bars.add_data(Reference(sheet, min_col=2, min_row=top + 1, max_row=last),
                  titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=1, min_row=top + 2, max_row=last))
    if value.target is not None:
        line = LineChart()
        line.add_data(Reference(sheet, min_col=3, min_row=top + 1, max_row=last),
                      titles_from_data=True)
        bars += line
    bars.height, bars.width = 9, 22
    sheet.add_chart(bars, sheet.cell(top, 5).coordinate)
