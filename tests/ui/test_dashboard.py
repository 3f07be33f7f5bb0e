"""Tổng quan dashboard and Báo cáo page on the hand-checked commune (tests/report_commune.py):
tiles and charts show the seeded figures, each figure opens the list behind it, a report is
adjusted, a province form is set up and the .xlsx written; screenshots go to tmp_path."""

from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from core.reports.overrides import overrides_for
from core.reports.periods import CALENDAR, parse_period
from tests.report_commune import TODAY, province_template, seed
from ui.pages.reports import ReportsPage
from ui.shell import MainWindow


def test_dashboard_figures_and_click_through(qtbot, admin_ws, tmp_path):
    commune = seed(admin_ws)
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["overview"]
    page.today = TODAY
    window.show_page("overview")
    tiles = page.tiles
    qtbot.waitUntil(lambda: tiles["persons"].text() != "…", timeout=10_000)
    assert tiles["persons"].text() == "9"  # j is deleted
    assert tiles["coverage"].text() == "71,4%"  # a b c f i of a b c d f g
    assert "5/7" in tiles["coverage"].note.text() and "80,0%" in tiles["coverage"].note.text()
    assert (tiles["month.collected"].text(), tiles["month.activated"].text()) == ("3", "3")
    assert (tiles["vneid.issued"].text(), tiles["vneid.activated"].text()) == ("3", "3")
    chart = page.coverage_chart
    assert chart.labels == ["Thôn Đông", "Thôn Tây", "—"]
    assert chart.values == [75.0, 50.0, 100.0] and chart.target == 80
    # coverage at each month's end: c (Jan), a (Mar), f (Jun), then b and i in November
    months = page.progress_chart.values
    assert [months[0], months[2], months[5], months[9], months[10]] == [16.7, 33.3, 50.0, 50.0,
                                                                       71.4]
    assert len(months) == 11
    shot = tmp_path / "tong-quan.png"
    assert window.grab().save(str(shot))
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 600

    qtbot.mouseClick(tiles["vneid.issued"], Qt.MouseButton.LeftButton)
    residents = window.pages["residents"]
    assert window.current_page() == "residents"
    assert residents.filters.vneid.currentData() == "issued"
    qtbot.waitUntil(lambda: residents.model.total == 3, timeout=5000)  # b c f
    assert {h.full_name for h in residents.model.rows} == {"Lê Thị Bình", "Lê Văn Cường",
                                                           "Trần Văn Phúc"}

    window.show_page("overview")
    bar = chart._bar(1).center()  # Thôn Tây
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(int(bar.x()), int(bar.y())))
    assert window.current_page() == "residents"
    qtbot.waitUntil(lambda: residents.filters.hamlet.currentData() == commune.west.id,
                    timeout=5000)
    assert residents.filters.vneid.currentData() is None  # the earlier filter is gone
    qtbot.waitUntil(lambda: residents.model.total == 3, timeout=5000)  # f g h
    assert {h.full_name for h in residents.model.rows} == {"Trần Văn Phúc", "Trần Thị Giang",
                                                           "Trần Văn Hùng"}

    window.show_page("overview")
    qtbot.mouseClick(tiles["overdue"], Qt.MouseButton.LeftButton)
    vneid_page = window.pages["vneid"]
    assert window.current_page() == "vneid"
    assert vneid_page.tabs.currentWidget() is vneid_page.worklist
    window.show_page("overview")
    tiles["review"].setFocus()
    qtbot.keyClick(tiles["review"], Qt.Key.Key_Return)
    assert window.current_page() == "review"
    window.show_page("overview")
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "reports"


def test_reports_page_adjust_template_and_export(qtbot, admin_ws, tmp_path):
    commune = seed(admin_ws)
    page = ReportsPage(admin_ws, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.template.count() == 1 and page.hamlet.count() == 3,
                    timeout=5000)
    # default: the last complete month (calendar months in this commune)
    assert page.period() == parse_period("2026-10", CALENDAR)
    page.set_period("month", date(2026, 11, 15))
    qtbot.waitUntil(lambda: page.report is not None and page.report.period.label == "2026-11",
                    timeout=5000)
    row = page.row_of("vneid_coverage_14")
    assert [page.table.item(row, c).text() for c in (1, 3, 4)] == ["71,4", "80", "89,3"]
    row = page.row_of("vneid_collected")
    assert (page.table.item(row, 1).text(), page.table.item(row, 2).text()) == ("3", "5")
    page.step(-1)
    qtbot.waitUntil(lambda: page.report.period.label == "2026-10", timeout=5000)
    assert page.table.item(page.row_of("vneid_coverage_14"), 1).text() == "50,0"
    page.step(1)
    qtbot.waitUntil(lambda: page.report.period.label == "2026-11", timeout=5000)

    page.table.selectRow(page.row_of("vneid_collected"))
    dialog = page.adjust_selected()
    assert dialog.computed.text() == "3"
    dialog.figure.setText("10")
    dialog.save()  # no reason: refused, nothing stored
    qtbot.waitUntil(lambda: dialog.isEnabled() and "lý do" in dialog.message.text(),
                    timeout=5000)
    dialog.note.setPlainText("Cộng 7 hồ sơ thu nhận tại công an tỉnh")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    qtbot.waitUntil(lambda: page.table.item(page.row_of("vneid_collected"), 1).text() == "10",
                    timeout=5000)
    assert "công an tỉnh" in page.table.item(page.row_of("vneid_collected"), 5).text()
    assert overrides_for(admin_ws, parse_period("2026-11", CALENDAR))[
        ("vneid_collected", "value")].value == 10

    form = page.open_template_dialog()
    form.name.setText("Biểu 01 tỉnh")
    form.load_bytes(province_template())
    qtbot.waitUntil(form.save_button.isEnabled, timeout=5000)
    assert form.cells()["vneid_activated"] == "'Biểu 01'!C5"
    form.set_cell("vneid_collected", "'Biểu 01'!C8")
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.save()
    qtbot.waitUntil(lambda: page.template.count() == 2, timeout=5000)
    page.template.setCurrentIndex(page.template.findData("bieu-01-tinh"))
    out = tmp_path / "bieu-01.xlsx"
    page.export_to(out)
    qtbot.waitUntil(lambda: "Đã lưu báo cáo" in page.status.text(), timeout=10_000)
    sheet = openpyxl.load_workbook(out)["Biểu 01"]
    assert (sheet["C5"].value, sheet["C6"].value, sheet["C8"].value) == (3, 71.4, 10)
    page.hamlet.setCurrentIndex(page.hamlet.findData(commune.east.id))
    qtbot.waitUntil(lambda: page.report.hamlet_id == commune.east.id, timeout=5000)
    assert page.table.item(page.row_of("vneid_coverage_14"), 1).text() == "75,0"
    assert page.grab().save(str(tmp_path / "bao-cao.png"))


def test_report_settings_dialog_sets_cut_day_and_targets(qtbot, admin_ws):
    from core.reports import settings

    seed(admin_ws)
    page = ReportsPage(admin_ws, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.report is not None, timeout=5000)
    dialog = page.open_settings_dialog()
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    assert (dialog.weekday.currentData(), dialog.cut_day.value()) == (1, 1)
    dialog.cut_day.setValue(15)
    row = [i.code for i in dialog.catalogue.indicators].index("vneid_coverage_14")
    assert dialog.targets.item(row, 1).text() == "80"
    dialog.targets.item(row, 1).setText("92,5")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    assert settings.period_rules(admin_ws).month_starts_on == 15
    assert settings.targets(admin_ws) == {"vneid_coverage_14": 92.5}
    # the page follows: the last complete 15th → 14th month before 28 Nov is "2026-11"
    qtbot.waitUntil(lambda: page.report is not None and page.report.period.label == "2026-11",
                    timeout=5000)
    assert (page.report.period.start, page.report.period.end) == (date(2026, 10, 15),
                                                                  date(2026, 11, 14))
    assert page.table.item(page.row_of("vneid_coverage_14"), 3).text() == "92,5"
