"""A small commune whose report figures are worked out by hand (tests of core.reports, the
CLI and the dashboard share it). Everything goes in through the services.

Calendar months; the November 2026 report is computed on TODAY = 28 Nov 2026.

| who | hamlet | born | ID number | VNeID (day reached) | other |
|---|---|---|---|---|---|
| a Lê Văn An | Đông | 1980-01-01 | chip, consistent | submitted 03-10, issued 03-15, activated 11-05 | e-payment, signature, address |
| b Lê Thị Bình | Đông | 1985-02-02 | typed, consistent | submitted 11-03, issued 11-20 | e-payment |
| c Lê Văn Cường | Đông | 1990-03-03 | chip, year mismatch (review) | submitted 2025-12-20, issued 2026-01-10, reason not_activated | |
| d Lê Thị Dung | Đông | 2000-04-04 | none | no account, reason no_smartphone | |
| e Lê Minh Em | Đông | 2015-06-01 | none | activated 11-12 | |
| f Trần Văn Phúc | Tây | 1970 (year) | typed, consistent | issued 06-01 | |
| g Trần Thị Giang | Tây | 2012-11-28 (14 on TODAY) | none | — | |
| h Trần Văn Hùng | Tây | 2012-11-29 (13 on TODAY) | none | — | |
| i Phạm Văn Ích | (no hamlet) | 1960-05-05 | chip, consistent | activated 11-02 | |
| j Trần Văn Khải | Tây, deleted | 1975 | — | activated 11-03 | never counted |
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import openpyxl
from openpyxl.chart import BarChart, Reference

from core.personal_id import make_personal_id
from core.reports import settings
from core.services import digital_citizen, hamlets, households, persons, vneid

TODAY = date(2026, 11, 28)


@dataclass
class Commune:
    ws: object
    east: object
    west: object
    people: dict


def seed(ws) -> Commune:
    settings.set_period_rules(ws, week_starts_on=1, month_starts_on=1)  # calendar months
    east, west = hamlets.add_hamlet(ws, "Thôn Đông"), hamlets.add_hamlet(ws, "Thôn Tây")
    people = {}

    def resident(key, name, dob, sex, hamlet, number_year=None, source="manual",
                 steps=(), failure=None):
        data = {"full_name": name, "dob": dob, "sex": sex}
        if number_year:
            data["personal_number"] = make_personal_id("38", number_year, sex, len(people) + 1)
        person = persons.create_person(ws, data, source=source).person
        if hamlet is not None:
            households.create_household(ws, person.id, hamlet.id)
        for i, (state, day) in enumerate(steps):
            last = i == len(steps) - 1
            vneid.set_status(ws, person.id, state, failure if last else None, on_date=day)
        people[key] = person
        return person

    resident("a", "Lê Văn An", "01/01/1980", "M", east, 1980, "chip",
             [("submitted", "2026-03-10"), ("issued", "2026-03-15"),
              ("activated", "2026-11-05")])
    resident("b", "Lê Thị Bình", "02/02/1985", "F", east, 1985, "manual",
             [("submitted", "2026-11-03"), ("issued", "2026-11-20")])
    resident("c", "Lê Văn Cường", "03/03/1990", "M", east, 1991, "chip",
             [("submitted", "2025-12-20"), ("issued", "2026-01-10")], "not_activated")
    resident("d", "Lê Thị Dung", "04/04/2000", "F", east,
             steps=[("no_account", "2026-11-07")], failure="no_smartphone")
    resident("e", "Lê Minh Em", "01/06/2015", "M", east, steps=[("activated", "2026-11-12")])
    resident("f", "Trần Văn Phúc", "1970", "M", west, 1970, "manual",
             [("issued", "2026-06-01")])
    resident("g", "Trần Thị Giang", "28/11/2012", "F", west)
    resident("h", "Trần Văn Hùng", "29/11/2012", "M", west)
    resident("i", "Phạm Văn Ích", "05/05/1960", "M", None, 1960, "chip",
             [("activated", "2026-11-02")])
    j = resident("j", "Trần Văn Khải", "1975", "M", west, steps=[("activated", "2026-11-03")])
    persons.delete_person(ws, j.id, "Chuyển đi nơi khác")
    digital_citizen.set_person_criteria(ws, people["a"].id, {
        "e_payment": True, "digital_signature": True, "digital_address": True})
    digital_citizen.set_person_criteria(ws, people["b"].id, {"e_payment": True})
    return Commune(ws, east, west, people)


def province_template() -> bytes:
    """A form as a province sends it: its own title, labels worded its own way, a total
    formula, a placeholder or two, and a chart."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Biểu 01"
    sheet["A1"] = "BÁO CÁO TIẾN ĐỘ ĐỀ ÁN 06 – {{_commune}}"
    sheet["A2"] = "Kỳ: {{_period}}"
    sheet.append([])
    sheet.append(["STT", "Nội dung", "Kỳ này", "Lũy kế", "Ghi chú"])  # row 4
    sheet.append([1, "Số tài khoản định danh điện tử mức 2 đã kích hoạt", None, None])  # 5
    sheet.append([2, "Tỷ lệ công dân từ đủ 14 tuổi có tài khoản định danh điện tử mức 2",
                  "{{vneid_coverage_14}}"])  # 6
    sheet.append([3, "II. Số lượt thông báo lưu trú", None, None])  # 7
    sheet.append([4, "Số hồ sơ mức 2 thu nhận (nhập tay)", None])  # 8: no matching label
    sheet.append([None, "Cộng kích hoạt + thu nhận", "=C5+C8"])  # 9
    sheet["F20"] = 3
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=6, min_row=20, max_row=20))
    sheet.add_chart(chart, "H2")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
