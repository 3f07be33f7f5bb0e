"""Create / edit / delete a resident through the real dialog (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.services import persons
from ui.person_dialog import PersonDialog


def _answer_next_box(button: QMessageBox.StandardButton, seen: list) -> None:
    """Click `button` on the next modal message box, as the officer would."""
    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)
    QTimer.singleShot(20, click)


def _fill(dialog, **values):
    for name, value in values.items():
        if name == "sex":
            dialog.sex.setCurrentIndex(dialog.sex.findData(value))
        else:
            dialog.inputs[name].clear()
            dialog.inputs[name].insert(value)  # non-ASCII safe (ENGINEERING_NOTES)


def test_create_shows_field_errors_then_saves(qtbot, admin_ws):
    dialog = PersonDialog(admin_ws)
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.errors["full_name"].isVisibleTo(dialog)
    _fill(dialog, full_name="Hoàng Thị Thuý", personal_number="12345", dob="31/02/1990")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["personal_number"].isVisibleTo(dialog), timeout=5000)
    assert "12" in dialog.errors["personal_number"].text()
    _fill(dialog, personal_number="", dob="15/03/1990", sex="Nữ")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save()
    person = persons.get_person(admin_ws, saved.args[0])
    assert person.full_name == "Hoàng Thị Thuý" and person.dob == "1990-03-15"
    assert person.sex == "F"


def test_duplicate_warning_before_creating(qtbot, admin_ws):
    persons.create_person(admin_ws, {"full_name": "Đặng Văn Đức", "dob": "02/09/1975"})
    dialog = PersonDialog(admin_ws)
    qtbot.addWidget(dialog)
    _fill(dialog, full_name="Dang Van Duc", dob="02/09/1975")  # typed without diacritics
    seen: list[str] = []
    _answer_next_box(QMessageBox.StandardButton.No, seen)
    dialog.save()
    qtbot.waitUntil(lambda: "Chưa lưu" in dialog.message.text(), timeout=5000)
    assert seen and "Đặng Văn Đức" in seen[0]
    assert len(persons.search(admin_ws, "dang van duc", audit_it=False)) == 1
    _answer_next_box(QMessageBox.StandardButton.Yes, seen)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    assert len(persons.search(admin_ws, "dang van duc", audit_it=False)) == 2


def test_edit_and_soft_delete_with_reason(qtbot, admin_ws):
    person = persons.create_person(admin_ws, {"full_name": "Lê Văn Tám", "dob": "1960"}).person
    dialog = PersonDialog(admin_ws, person.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.inputs["full_name"].text() == "Lê Văn Tám", timeout=5000)
    assert dialog.inputs["dob"].text() == "1960"
    assert "nhập tay" in dialog.inputs["full_name"].toolTip()  # provenance of the value
    texts = [dialog.history.item(i).text() for i in range(dialog.history.count())]
    assert any("Tạo" in t and "admin" in t for t in texts)
    _fill(dialog, full_name="Lê Văn Tâm")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    assert persons.get_person(admin_ws, person.id).full_name == "Lê Văn Tâm"

    again = PersonDialog(admin_ws, person.id)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.version is not None, timeout=5000)
    assert again.delete_button.isVisibleTo(again)
    again.delete_with_reason("")
    qtbot.waitUntil(lambda: "lý do" in again.message.text(), timeout=5000)
    with qtbot.waitSignal(again.deleted, timeout=5000):
        again.delete_with_reason("nhập trùng")
    assert persons.search(admin_ws, "le van tam", audit_it=False) == []


def test_residents_page_opens_the_dialog_with_ctrl_n_and_refreshes(qtbot, admin_ws):
    from PySide6.QtCore import Qt

    from ui.shell import MainWindow

    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["residents"]
    qtbot.waitUntil(lambda: "cư dân" in page.status.text(), timeout=5000)
    window.activateWindow()  # shortcuts work in the active window, as on a desktop
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=2000)
    _fill(page.dialog, full_name="Vũ Thị Nụ")
    page.dialog.save()
    qtbot.waitUntil(lambda: any(h.full_name == "Vũ Thị Nụ" for h in page.model.rows),
                    timeout=5000)


def test_person_page_shows_household_vneid_and_records(qtbot, admin_ws):
    from core.services import hamlets, households, records, vneid
    from core.services.person_profile import person_profile

    hamlet = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    mother = persons.create_person(admin_ws, {"full_name": "Đào Thị Hạnh", "dob": "1990"}).person
    child = persons.create_person(admin_ws, {"full_name": "Phan Gia Bảo"}).person
    home = households.create_household(admin_ws, mother.id, hamlet.id)
    households.add_member(admin_ws, home.id, child.id, "con")
    vneid.set_status(admin_ws, mother.id, "issued", failure_reason="otp_not_received")
    records.create_record(admin_ws, "birth", {
        "child_name": "Phan Gia Bảo", "child_dob": "01/10/2026", "child_sex": "Nam",
        "registered_on": "10/10/2026", "mother_name": "Đào Thị Hạnh", "book": "01/2026",
        "page": "12", "entry": "34"}, [("child", child.id), ("mother", mother.id)])

    profile = person_profile(admin_ws, child.id)
    assert profile.household.id == home.id and profile.relationship == "con"
    assert profile.vneid_state is None and [r.role_label["vi"] for r in profile.records] == [
        "người được khai sinh"]

    dialog = PersonDialog(admin_ws, mother.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.profile.text()), timeout=5000)
    text = dialog.profile.text()
    assert "Hộ: Đào Thị Hạnh — chủ hộ — Thôn Đông" in text
    assert "VNeID: Đã cấp mức 2 (mức 2) — vướng: Không nhận được OTP" in text
    assert "Khai sinh (mẹ)" in text or "khai sinh (mẹ)" in text.lower()


def test_phone_kept_only_with_consent_and_erased_on_withdrawal(qtbot, admin_ws):
    person = persons.create_person(admin_ws, {"full_name": "Hà Thị Lan"}).person
    dialog = PersonDialog(admin_ws, person.id)
    qtbot.addWidget(dialog)
    box = dialog.contact
    qtbot.waitUntil(lambda: "Chưa có đồng ý" in box.summary.text(), timeout=5000)
    assert not box.withdraw_button.isEnabled()
    box.record("0912 345 678", "", "")
    qtbot.waitUntil(lambda: "ai đồng ý" in box.summary.text(), timeout=5000)  # refused
    assert persons.get_person(admin_ws, person.id).phone is None
    box.record("0912 345 678", "đồng ý bằng lời", "chính chủ")
    qtbot.waitUntil(lambda: "0912345678" in box.summary.text(), timeout=5000)
    assert "chính chủ đồng ý" in box.summary.text() and box.withdraw_button.isEnabled()
    box.withdraw()
    qtbot.waitUntil(lambda: "Chưa có đồng ý" in box.summary.text(), timeout=5000)
    assert persons.get_person(admin_ws, person.id).phone is None


def test_consent_without_a_phone_allows_follow_up_notes(qtbot, admin_ws):
    from core.errors import ValidationError
    from core.services import vneid

    person = persons.create_person(admin_ws, {"full_name": "Đỗ Quang Vinh"}).person
    with pytest.raises(ValidationError):
        vneid.set_status(admin_ws, person.id, "level1", notes="hẹn chiều thứ Năm")
    dialog = PersonDialog(admin_ws, person.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "Chưa có đồng ý" in dialog.contact.summary.text(), timeout=5000)
    dialog.contact.record("", "đồng ý bằng lời", "chính chủ")
    qtbot.waitUntil(lambda: "không có số điện thoại" in dialog.contact.summary.text(),
                    timeout=5000)
    assert vneid.set_status(admin_ws, person.id, "level1", notes="hẹn chiều thứ Năm").notes


def test_member_edits_without_wiping_fields_it_cannot_see(qtbot, admin_ws, login):
    from core.auth import Role

    person = persons.create_person(admin_ws, {"full_name": "Lò Văn Pấng", "dob": "1980",
                                              "ethnicity": "Thái", "religion": "Không"}).person
    member = login(Role.MEMBER)
    dialog = PersonDialog(member, person.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.version is not None, timeout=5000)
    assert not dialog.inputs["ethnicity"].isEnabled() and dialog.inputs["ethnicity"].text() == ""
    _fill(dialog, place_of_origin="Mường Lay")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    stored = persons.get_person(admin_ws, person.id)
    assert stored.place_of_origin == "Mường Lay"
    assert (stored.ethnicity, stored.religion) == ("Thái", "Không")


def test_export_one_persons_data_for_their_request(qtbot, admin_ws, login, tmp_path):
    import openpyxl

    from core.auth import Role

    person = persons.create_person(admin_ws, {"full_name": "Hà Thị Lan", "dob": "1975",
                                              "religion": "Phật giáo"}).person
    member_dialog = PersonDialog(login(Role.MEMBER), person.id)
    qtbot.addWidget(member_dialog)
    assert not member_dialog.export_button.isVisibleTo(member_dialog)
    assert not member_dialog.delete_button.isVisibleTo(member_dialog)  # members cannot delete
    dialog = PersonDialog(admin_ws, person.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.version is not None, timeout=5000)
    assert dialog.export_button.isVisibleTo(dialog)
    out = tmp_path / "ha-thi-lan.xlsx"
    dialog.export_to(str(out))
    qtbot.waitUntil(lambda: "Đã ghi" in dialog.message.text(), timeout=5000)
    sheet = openpyxl.load_workbook(out)["Thông tin cá nhân"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Họ và tên"] == "Hà Thị Lan" and values["Tôn giáo"] == "Phật giáo"


def test_hamlet_and_address_are_kept_and_changed(qtbot, admin_ws):
    from core.services import hamlets

    dong = hamlets.add_hamlet(admin_ws, "Thôn Đông")
    tay = hamlets.add_hamlet(admin_ws, "Thôn Tây")
    dialog = PersonDialog(admin_ws)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.hamlet.count() == 3, timeout=5000)
    _fill(dialog, full_name="Mai Văn Thành", dob="1988")
    dialog.hamlet.setCurrentIndex(dialog.hamlet.findData(dong.id))
    dialog.address.insert("Số 5, ngõ 2")
    dialog.confirm_duplicates = False
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save()
    person_id = saved.args[0]
    assert persons.residence_of(admin_ws, person_id) == persons.Residence(dong.id, "Số 5, ngõ 2")

    again = PersonDialog(admin_ws, person_id)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.version is not None and again.hamlet.count() == 3,
                    timeout=5000)
    assert again.hamlet.currentData() == dong.id and again.address.text() == "Số 5, ngõ 2"
    _fill(again, place_of_origin="Nghệ An")  # residence untouched: no new address
    with qtbot.waitSignal(again.saved, timeout=5000):
        again.save()
    assert persons.residence_of(admin_ws, person_id) == persons.Residence(dong.id, "Số 5, ngõ 2")
    moved = PersonDialog(admin_ws, person_id)
    qtbot.addWidget(moved)
    qtbot.waitUntil(lambda: moved.version is not None and moved.hamlet.count() == 3,
                    timeout=5000)
    moved.hamlet.setCurrentIndex(moved.hamlet.findData(tay.id))
    with qtbot.waitSignal(moved.saved, timeout=5000):
        moved.save()
    assert persons.residence_of(admin_ws, person_id).hamlet_id == tay.id
