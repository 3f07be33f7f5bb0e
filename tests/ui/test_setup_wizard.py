"""First-run wizard end to end (pytest-qt, offscreen): province and commune by folded name,
hamlets, admin validation, the store created in the background, the recovery key shown once and
really able to open the data, finishing gated by the confirmation checkbox."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QWizard  # noqa: E402

from core.errors import WrongSecret  # noqa: E402
from core.services import hamlets, settings  # noqa: E402
from ui.setup_wizard import (  # noqa: E402
    ADMIN_PAGE,
    COMMUNE_PAGE,
    HAMLET_PAGE,
    HUB_PAGE,
    PROVINCE_PAGE,
    RECOVERY_PAGE,
    SetupWizard,
)

NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
FINISH = QWizard.WizardButton.FinishButton
COMMIT = QWizard.WizardButton.CommitButton


def _type(widget, text: str) -> None:
    # qtbot.keyClicks aborts on non-ASCII (ENGINEERING_NOTES); insert() is what an IME does.
    widget.insert(text)


def _enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


@pytest.fixture
def wizard(qtbot, store):
    wiz = SetupWizard(store)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitUntil(lambda: wiz.province_page.picker.list.count() == 34, timeout=5000)
    yield wiz
    if wiz.workspace is not None:
        wiz.workspace.close()


def _to_admin_page(qtbot, wizard) -> None:
    qtbot.keyClicks(wizard.province_page.picker.search, "thanh hoa")
    _enter(qtbot, wizard.province_page.picker.search)
    qtbot.keyClicks(wizard.commune_page.picker.search, "quang ngoc")
    _enter(qtbot, wizard.commune_page.picker.search)
    page = wizard.hamlet_page
    _type(page.name, "Thôn 1")
    _enter(qtbot, page.name)
    _enter(qtbot, page.name)  # empty box: Enter goes on
    assert wizard.currentId() == ADMIN_PAGE


def test_wizard_end_to_end(qtbot, wizard, store, tmp_path):
    # Province: typed without diacritics, best match selected, Enter goes on.
    assert wizard.currentId() == PROVINCE_PAGE
    picker = wizard.province_page.picker
    qtbot.keyClicks(picker.search, "thanh hoa")
    assert wizard.province.full_name == "Tỉnh Thanh Hóa" and wizard.province.code == "38"
    _enter(qtbot, picker.search)
    assert wizard.currentId() == COMMUNE_PAGE

    # Commune: only this province's 2025 communes; folded search.
    picker = wizard.commune_page.picker
    assert picker.list.count() > 100
    assert all(picker.list.item(i).data(Qt.ItemDataRole.UserRole).parent_code == "38"
               for i in range(picker.list.count()))
    qtbot.keyClicks(picker.search, "quang ngoc")
    assert picker.list.count() == 1
    assert wizard.commune.display_name == "Xã Quảng Ngọc" and wizard.commune.code == "16498"
    _enter(qtbot, picker.search)
    assert wizard.currentId() == HAMLET_PAGE

    # Hamlets: at least one; Enter adds; duplicates (folded) refused; rename, reorder, remove.
    page = wizard.hamlet_page
    assert not wizard.button(NEXT).isEnabled()
    for name in ("Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Tạm"):
        _type(page.name, name)
        _enter(qtbot, page.name)
        assert page.name.text() == ""
    assert wizard.currentId() == HAMLET_PAGE and wizard.button(NEXT).isEnabled()
    _type(page.name, "thon dong")
    _enter(qtbot, page.name)
    assert "Đã có “Thôn Đông”" in page.message.text()
    assert page.hamlets() == ["Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Tạm"]
    page.name.clear()
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)  # the last added one is selected
    page.list.setCurrentRow(2)
    page.up_button.click()  # Thôn Nam moves above Thôn Tây
    page.rename(2, "  Thôn   Tây Sơn ")
    page.rename(0, "")  # refused: keeps the old name
    assert "không được để trống" in page.message.text()
    assert page.hamlets() == ["Thôn Đông", "Thôn Nam", "Thôn Tây Sơn"]
    _enter(qtbot, page.name)
    assert wizard.currentId() == ADMIN_PAGE

    # Admin: clear messages, and nothing is written until the account is valid.
    admin = wizard.admin_page
    assert wizard.button(COMMIT).text() == "Tạo dữ liệu"
    qtbot.keyClicks(admin.username, "admin")
    _type(admin.display_name, "Nguyễn Văn A")
    qtbot.keyClicks(admin.password, "ngan")
    qtbot.keyClicks(admin.password2, "ngan")
    _enter(qtbot, admin.password2)
    assert "ít nhất 8 ký tự" in admin.message.text()
    admin.password.setText("mat-khau-dung")
    admin.password2.setText("mat-khau-khac")
    _enter(qtbot, admin.password2)
    assert "không khớp" in admin.message.text()
    assert admin.password2.text() == "" and admin.password2.hasFocus()
    assert wizard.currentId() == ADMIN_PAGE and not store.is_initialised()
    qtbot.keyClicks(admin.password2, "mat-khau-dung")
    _enter(qtbot, admin.password2)
    qtbot.waitUntil(lambda: wizard.currentId() == RECOVERY_PAGE, timeout=10000)

    # The store exists, unlocked as the new admin, hamlets saved in the chosen order.
    assert store.is_initialised()
    ws = wizard.workspace
    assert ws.actor.username == "admin" and ws.meta("commune_code") == "16498"
    assert [h.name for h in hamlets.list_hamlets(ws)] == ["Thôn Đông", "Thôn Nam",
                                                              "Thôn Tây Sơn"]
    assert admin.password.text() == "" and admin.password2.text() == ""

    # Recovery key: no way back, no cancel; Next only after the confirmation.
    recovery = wizard.recovery_page
    key = recovery.key_label.text().replace("\n", "")
    assert len(key.split("-")) == 13
    assert not wizard.button(BACK).isVisible() or not wizard.button(BACK).isEnabled()
    assert not wizard.button(NEXT).isEnabled()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.currentId() == RECOVERY_PAGE
    recovery.choose_file = lambda: str(tmp_path / "khoa")
    recovery.save_button.click()
    saved = (tmp_path / "khoa.txt").read_text(encoding="utf-8")
    assert key in saved and "Xã Quảng Ngọc" in saved and "KHÓA KHÔI PHỤC" in saved
    assert "Đã lưu vào" in recovery.status.text()
    recovery.copy_button.click()
    assert QGuiApplication.clipboard().text() == key
    recovery.confirm.setChecked(True)
    assert wizard.button(NEXT).isEnabled()
    wizard.next()

    # Hub address: optional, but it must be an http(s) URL.
    assert wizard.currentId() == HUB_PAGE
    hub = wizard.hub_page
    qtbot.keyClicks(hub.address, "ftp://dongbo.example.vn")
    _enter(qtbot, hub.address)
    assert wizard.isVisible() and "http://" in hub.message.text()
    hub.address.setText("https://dongbo.example.vn/api")
    assert wizard.button(FINISH).isEnabled()
    _enter(qtbot, hub.address)
    qtbot.waitUntil(lambda: not wizard.isVisible())  # the address is saved off the GUI thread
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.hub_url == "https://dongbo.example.vn/api"
    assert settings.get_settings(wizard.workspace).hub_url == "https://dongbo.example.vn/api"
    assert QGuiApplication.clipboard().text() != key  # the key does not linger
    assert recovery.key_label.text() == ""

    # The key shown really opens the data.
    wizard.workspace.close()
    wizard.workspace = None
    with pytest.raises(WrongSecret):
        store.unlock_with_recovery(key[:-1] + ("A" if key[-1] != "A" else "B"))
    opened = store.unlock_with_recovery(key)
    try:
        assert opened.meta("commune_code") == "16498"
    finally:
        opened.close()
    assert store.unlock("admin", "mat-khau-dung").close() is None


def test_cancel_before_creating_writes_nothing(qtbot, wizard, store):
    _to_admin_page(qtbot, wizard)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert not store.is_initialised() and not store.data_dir.exists()


def test_admin_username_rules_and_back_navigation(qtbot, wizard, store):
    _to_admin_page(qtbot, wizard)
    admin = wizard.admin_page
    _type(admin.username, "Quản trị")
    _type(admin.display_name, "Quản trị viên")
    admin.password.setText("mat-khau-dung")
    admin.password2.setText("mat-khau-dung")
    wizard.next()
    assert "chữ thường không dấu" in admin.message.text() and admin.username.hasFocus()
    wizard.back()
    assert wizard.currentId() == HAMLET_PAGE and wizard.hamlets() == ["Thôn 1"]
    wizard.back()
    assert wizard.currentId() == COMMUNE_PAGE and wizard.commune.code == "16498"
    assert not store.is_initialised()
