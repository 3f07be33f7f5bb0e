"""The province report as an .xlsx (openpyxl): "Tổng hợp" (one row per indicator: province
figure, cumulative, target, communes reporting) and "Theo xã" (communes × indicators).

Figures are written as numbers with a number format (the province can compute on them);
yes/no answers of a commune as "Có"/"Không". Aggregates only: no personal data.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from functools import partial

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from sync.hub.reports import ProvinceReport
from sync.hub.web.i18n import VIETNAM, day, translate

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
THIN = Side(style="thin", color="B0B7C3")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
KIND_WORDS = {"count": "số lượng", "ratio": "tỷ lệ", "yesno": "có/không"}


def _number_format(kind: str) -> str:
    return "0.0" if kind == "ratio" else "#,##0"


def _header(sheet, row: int, labels: list[str]) -> None:
    for column, label in enumerate(labels, start=1):
        cell = sheet.cell(row=row, column=column, value=label)
        cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def title(report: ProvinceReport, lang: str) -> str:
    t = partial(translate, lang=lang)
    dates = f" ({day(report.start)} – {day(report.end)})" if report.start else ""
    return f"{t('BÁO CÁO TỔNG HỢP ĐỀ ÁN 06')} – {t('Kỳ')} {report.period_key}{dates}"


def _summary(sheet, report: ProvinceReport, lang: str, generated: datetime) -> None:
    t = partial(translate, lang=lang)
    sheet["A1"] = title(report, lang)
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = (f"{t('Lập lúc')}: {generated.astimezone(VIETNAM):%d/%m/%Y %H:%M} · "
                   f"{t('Số xã đã gửi')}: {len(report.snapshots)}/{len(report.communes)}")
    if report.mixed_dates:
        sheet["A3"] = t("Các xã tính kỳ này theo ngày khác nhau.")
    _header(sheet, 4, [t("STT"), t("Chỉ tiêu"), t("Đơn vị") + " / " + t("Loại"),
                       t("Toàn tỉnh"), t("Lũy kế"), t("Mục tiêu"), t("Số xã đã gửi")])
    for number, total in enumerate(report.totals, start=1):
        indicator = total.indicator
        unit = indicator.unit_in(lang) or t("xã")
        row = [number, indicator.name_in(lang), f"{unit} / {t(KIND_WORDS[indicator.kind])}",
               total.value, total.cumulative, total.target, total.reporting]
        sheet.append(row)
        r = sheet.max_row
        for column in (4, 5, 6):
            sheet.cell(row=r, column=column).number_format = _number_format(indicator.kind)
        for column in range(1, 8):
            sheet.cell(row=r, column=column).border = BOX
        sheet.cell(row=r, column=2).alignment = WRAP
    if report.missing:
        sheet.append([])
        sheet.append([None, f"{t('Chưa gửi')} ({len(report.missing)}): " + ", ".join(
            f"{code} {name}" for code, name in report.missing)])
        sheet.cell(row=sheet.max_row, column=2).alignment = WRAP
    for column, width in zip("ABCDEFG", (6, 60, 22, 14, 14, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C5"


def _by_commune(sheet, report: ProvinceReport, lang: str) -> None:
    t = partial(translate, lang=lang)
    sheet["A1"] = title(report, lang)
    sheet["A1"].font = TITLE_FONT
    totals = report.totals
    _header(sheet, 3, [t("Mã xã"), t("Tên xã"), t("Tính lúc")]
            + [total.indicator.name_in(lang) for total in totals])
    sheet.row_dimensions[3].height = 90
    for code, name in report.communes:
        snapshot = report.snapshots.get(code)
        if snapshot is None:
            sheet.append([code, name, t("chưa gửi")])
            continue
        row = [code, name, f"{snapshot.computed_at.astimezone(VIETNAM):%d/%m/%Y %H:%M}"]
        for total in totals:
            value = (snapshot.figures.get(total.indicator.code) or {}).get("value")
            if total.indicator.kind == "yesno" and value is not None:
                value = t("Có") if value else t("Không")
            row.append(value)
        sheet.append(row)
        r = sheet.max_row
        for offset, total in enumerate(totals, start=4):
            sheet.cell(row=r, column=offset).number_format = _number_format(
                total.indicator.kind)
    sheet.append([None, t("Toàn tỉnh"), None] + [total.value for total in totals])
    last = sheet.max_row
    for column in range(1, len(totals) + 4):
        sheet.cell(row=last, column=column).font = Font(bold=True)
    for offset, total in enumerate(totals, start=4):
        sheet.cell(row=last, column=offset).number_format = _number_format(total.indicator.kind)
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 17
    for column in range(4, len(totals) + 4):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    sheet.freeze_panes = "D4"


def build(report: ProvinceReport, lang: str = "vi",
          generated: datetime | None = None) -> bytes:
    generated = generated or datetime.now(UTC)
    book = Workbook()
    summary = book.active
    summary.title = translate("Tổng hợp", lang)
    _summary(summary, report, lang, generated)
    _by_commune(book.create_sheet(translate("Theo xã", lang)), report, lang)
    book.properties.title = title(report, lang)
    book.properties.creator = "Xã Số hub"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["build", "title"]
