"""Worklist, coverage per hamlet (hand-checked counts) and who lacks level 2."""

from __future__ import annotations

from datetime import date

import pytest

from core.services import hamlets, households, persons, vneid
from core.services import vneid_reports as reports

TODAY = date(2026, 11, 28)


@pytest.fixture
def commune(admin_ws):
    ws = admin_ws
    east, west = hamlets.add_hamlet(ws, "Thôn Đông"), hamlets.add_hamlet(ws, "Thôn Tây")

    def resident(name, dob, hamlet, state=None):
        person = persons.create_person(ws, {"full_name": name, "dob": dob}).person
        households.create_household(ws, person.id, hamlet.id)
        if state:
            vneid.set_status(ws, person.id, state)
        return person

    people = {
        "a": resident("Lê Văn An", "01/01/1980", east, "activated"),
        "b": resident("Lê Thị Bình", "02/02/1985", east, "issued"),
        "c": resident("Lê Văn Cường", "03/03/1990", east, "submitted"),
        "d": resident("Lê Thị Dung", "04/04/2000", east),  # no status: no account
        "e": resident("Trần Văn Em", "28/11/2012", west, "level1"),  # 14 today: eligible
        "f": resident("Trần Thị Phúc", "29/11/2012", west),  # 14 tomorrow: not yet
        "g": resident("Trần Văn Giang", "1970", west, "activated"),  # year only
    }
    return ws, east, west, people


def test_coverage_per_hamlet_and_funnel(commune):
    ws, east, west, _ = commune
    rows = {r.hamlet: r for r in reports.coverage(ws, TODAY)}
    assert list(rows) == ["Thôn Đông", "Thôn Tây"]
    assert (rows["Thôn Đông"].eligible, rows["Thôn Đông"].collected, rows["Thôn Đông"].issued,
            rows["Thôn Đông"].activated) == (4, 3, 2, 1)
    assert rows["Thôn Đông"].coverage_pct == 50.0
    assert (rows["Thôn Tây"].eligible, rows["Thôn Tây"].level2) == (2, 1)
    overall = reports.total(list(rows.values()))
    assert (overall.eligible, overall.collected, overall.issued, overall.activated) == (6, 4, 3, 2)
    assert overall.coverage_pct == 50.0


def test_coverage_changes_when_someone_is_issued(commune):
    ws, _, _, people = commune
    vneid.set_status(ws, people["d"].id, "issued")
    rows = {r.hamlet: r for r in reports.coverage(ws, TODAY)}
    assert rows["Thôn Đông"].coverage_pct == 75.0


def test_lacking_level2_by_hamlet(commune):
    ws, east, west, people = commune
    lacking = reports.lacking_level2(ws, TODAY)
    assert [r["full_name"] for r in lacking] == ["Lê Văn Cường", "Lê Thị Dung", "Trần Văn Em"]
    assert [r["vneid_state"] for r in lacking] == ["submitted", "no_account", "level1"]
    assert [r["full_name"] for r in reports.lacking_level2(ws, TODAY, west.id)] == [
        "Trần Văn Em"]


def test_worklist_today_and_overdue(commune):
    ws, _, _, people = commune
    vneid.add_follow_up(ws, people["d"].id, "Mời đi làm định danh mức 2", "2026-11-28")
    late = vneid.add_follow_up(ws, people["b"].id, "Hướng dẫn kích hoạt", "2026-11-20")
    vneid.add_follow_up(ws, people["c"].id, "Nhắc lấy kết quả", "2026-12-05")  # not yet due
    items = reports.worklist(ws, TODAY)
    assert [(i.full_name, i.overdue) for i in items] == [("Lê Thị Bình", True),
                                                         ("Lê Thị Dung", False)]
    assert items[0].hamlet == "Thôn Đông" and items[0].vneid_state == "issued"
    vneid.complete_follow_up(ws, late.id)
    assert [i.full_name for i in reports.worklist(ws, TODAY)] == ["Lê Thị Dung"]
