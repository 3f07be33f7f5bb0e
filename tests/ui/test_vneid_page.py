"""VNeID page: worklist, journey dialog (state, reason, prerequisites, follow-up), coverage that
changes, marking a task done; no field for secrets."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit

from core.services import hamlets, households, persons, vneid, vneid_reports
from ui.pages.vneid import VneidPage

TODAY = date(2026, 11, 28)


def _resident(ws, name, dob, hamlet):
    person = persons.create_person(ws, {"full_name": name, "dob": dob}).person
    households.create_household(ws, person.id, hamlet.id)
    return person


def test_worklist_journey_and_coverage(qtbot, admin_ws):
    east = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    lan = _resident(admin_ws, "Hà Thị Lan", "02/02/1958", east)
    child = _resident(admin_ws, "Hà Minh Khôi", "01/06/2023", east)
    vneid.add_follow_up(admin_ws, lan.id, "Mời đi làm định danh mức 2", "2026-11-27")
    page = VneidPage(admin_ws, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.worklist.rowCount() == 1, timeout=5000)
    assert "quá hạn" in page.worklist.item(0, 0).text()
    assert page.coverage.item(0, 5).text() == "0.0%"  # Thôn Đông: nobody at level 2 yet

    dialog = page.open_journey(lan.id)
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    assert "14 tuổi" in dialog.eligibility.text()
    assert all("mật khẩu" not in w.placeholderText().replace("không ghi mật khẩu", "")
               for w in dialog.findChildren(QLineEdit))  # no field asks for a secret
    dialog.state.setCurrentIndex(dialog.state.findData("issued"))
    dialog.failure.setCurrentIndex(dialog.failure.findData("not_activated"))
    dialog.prerequisites["prereq_sim"].setChecked(True)
    dialog.follow_up.setText("Hướng dẫn kích hoạt trên điện thoại")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    qtbot.waitUntil(lambda: page.coverage.item(0, 5).text() == "100.0%", timeout=5000)
    journey = vneid_reports.journey(admin_ws, lan.id, TODAY)
    assert journey.state == "issued" and journey.prerequisites["prereq_sim"]
    assert journey.failure_reason == "not_activated"
    assert "đã cấp 1" in page.funnel.text()
    # Công dân số: level 2 counts for the digital-citizen tally too.
    headers = [page.digital.horizontalHeaderItem(c).text()
               for c in range(page.digital.columnCount())]
    assert headers[2] == "Định danh điện tử mức 2" and headers[-1] == "Đủ mọi tiêu chí"
    assert page.digital.item(0, 2).text() == "1 (100.0%)"

    page.worklist.selectRow(0)  # the overdue task: done
    page.tabs.setCurrentWidget(page.worklist)
    page.mark_done()
    qtbot.waitUntil(lambda: page.worklist.rowCount() == 0, timeout=5000)
    assert [i.task for i in vneid_reports.worklist(admin_ws, date(2026, 12, 31))] == [
        "Hướng dẫn kích hoạt trên điện thoại"]

    young = page.open_journey(child.id)  # under 6: no level 2 of their own
    qtbot.waitUntil(young.isEnabled, timeout=5000)
    young.state.setCurrentIndex(young.state.findData("submitted"))
    young.save()
    assert "dưới 6 tuổi" in young.message.text().lower()


def test_tk01_button_prefills_the_form(qtbot, admin_ws, monkeypatch):
    import ui.vneid_dialog as module

    east = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    lan = _resident(admin_ws, "Hà Thị Lan", "02/02/1958", east)
    offered = []
    monkeypatch.setattr(module, "offer_document",
                        lambda parent, title, html, name: offered.append((html, name)))
    dialog = module.VneidDialog(admin_ws, lan.id, today=TODAY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    dialog.tk01_button.click()
    qtbot.waitUntil(lambda: bool(offered), timeout=5000)
    html, name = offered[0]
    assert "Hà Thị Lan" in html and "02/02/1958" in html and "Thôn Đông" in html
    assert name == "TK01-Hà Thị Lan.pdf"
