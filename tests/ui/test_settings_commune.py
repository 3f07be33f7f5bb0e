"""Cài đặt → Chung (auto-lock, hub address) and Thôn / tổ dân phố, driven through the widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.auth import Role
from core.services import hamlets, settings, users
from ui.pages.settings import SettingsPage


def _page(qtbot, ws):
    page = SettingsPage(ws)
    qtbot.addWidget(page)
    page.show()
    return page


def test_general_settings_saved_with_errors_shown(qtbot, admin_ws):
    page = _page(qtbot, admin_ws)
    general = page.general
    qtbot.waitUntil(lambda: general.auto_lock.value() == 10, timeout=5000)
    saved = []
    page.settings_saved.connect(saved.append)
    general.hub_url.setText("dongbo.example.vn")
    general.save_button.click()
    assert "http://" in general.message.text()  # said at once, nothing saved
    assert settings.get_settings(admin_ws).hub_url is None
    qtbot.waitUntil(lambda: general.criteria["digital_address"].isChecked(), timeout=5000)
    general.criteria["digital_address"].setChecked(False)
    general.auto_lock.setValue(3)
    general.hub_url.setText("https://dongbo.example.vn")
    assert general.guard_days.value() == settings.SYNC_GUARD_DAYS_DEFAULT
    general.guard_days.setValue(5)
    general.guard_block.setChecked(True)
    general.save_button.click()
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    assert saved[0] == settings.CommuneSettings(3, "https://dongbo.example.vn",
                                                sync_guard_days=5, sync_guard_block=True)
    assert settings.get_settings(admin_ws) == saved[0]
    assert general.message.text() == "Đã lưu cài đặt."
    from core.services import digital_citizen

    assert digital_citizen.enabled_criteria(admin_ws) == ["vneid_level2", "e_payment",
                                                          "digital_signature"]


def test_hamlets_add_rename_retire_reorder(qtbot, admin_ws):
    hamlets.add_hamlet(admin_ws, "Thôn Đông")
    page = _page(qtbot, admin_ws)
    box = page.hamlets
    qtbot.waitUntil(lambda: box.list.count() == 1, timeout=5000)
    box.name.setText("Thôn Tây")
    qtbot.keyClick(box.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.list.count() == 2, timeout=5000)
    box.name.setText("thon tay")  # the same name without diacritics: refused
    box.add()
    qtbot.waitUntil(lambda: "Đã có" in box.message.text(), timeout=5000)
    box.list.setCurrentRow(1)
    qtbot.keyClick(box.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: box.list.item(0).text() == "Thôn Tây", timeout=5000)
    assert box.list.currentRow() == 0  # the moved hamlet stays selected
    box.rename(box.selected().id, "Thôn Tây Sơn")
    qtbot.waitUntil(lambda: box.list.item(0).text() == "Thôn Tây Sơn", timeout=5000)
    box.list.setCurrentRow(1)
    box.toggle_active()
    qtbot.waitUntil(lambda: "ngừng dùng" in box.list.item(1).text(), timeout=5000)
    assert [h.name for h in hamlets.list_hamlets(admin_ws)] == ["Thôn Tây Sơn"]


def test_officer_sees_settings_read_only_and_no_hamlet_editor(qtbot, admin_ws):
    users.add_user(admin_ws, "canbo", "Cán bộ", Role.OFFICER, "mat-khau-can-bo")
    officer = admin_ws.store.unlock("canbo", "mat-khau-can-bo")
    try:
        page = _page(qtbot, officer)
        assert page.hamlets is None
        assert not page.general.save_button.isEnabled() and page.general.language.isEnabled()
    finally:
        page.close()
        officer.close()
