"""Cài đặt: user management with the last-admin rule, backups now and to a folder."""

from __future__ import annotations

from core.auth import Role
from core.store import Store
from tests.conftest import FAST_KDF
from ui.pages.settings import SettingsPage


def _users(page):
    return {page.users_table.item(r, 0).text(): page.users_table.item(r, 3).text()
            for r in range(page.users_table.rowCount())}


def test_users_add_disable_reset_and_last_admin(qtbot, admin_ws, tmp_path):
    page = SettingsPage(admin_ws)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: "admin" in _users(page), timeout=5000)
    page.create_user("lan", "Nguyễn Thị Lan", Role.OFFICER, "mat-khau-dai-1")
    qtbot.waitUntil(lambda: "lan" in _users(page), timeout=5000)
    assert "Đã thêm" in page.message.text()
    store = Store(admin_ws.store.data_dir, kdf=FAST_KDF)
    store.unlock("lan", "mat-khau-dai-1").close()  # the new account really opens the data

    page.disable("admin")
    qtbot.waitUntil(lambda: "quản trị viên cuối cùng" in page.message.text(), timeout=5000)
    page.disable("lan")
    qtbot.waitUntil(lambda: _users(page).get("lan") == "đã vô hiệu hóa", timeout=5000)
    page.set_password("lan", "ngan")
    qtbot.waitUntil(lambda: "ngan" not in page.message.text()
                    and page.message.text() != "Đang thực hiện…", timeout=5000)
    assert "Đã đặt lại" not in page.message.text()  # too short: refused with a reason
    page.set_password("lan", "mat-khau-moi-2")
    qtbot.waitUntil(lambda: _users(page).get("lan") == "đang dùng", timeout=5000)
    store.unlock("lan", "mat-khau-moi-2").close()


def test_backup_now_and_to_a_folder(qtbot, admin_ws, tmp_path):
    page = SettingsPage(admin_ws)
    qtbot.addWidget(page)
    page.backup_now()
    qtbot.waitUntil(lambda: "Đã sao lưu" in page.message.text(), timeout=10000)
    assert list(admin_ws.store.backups_dir.glob("*"))
    usb = tmp_path / "usb"
    usb.mkdir()
    page.backup_to(usb)
    qtbot.waitUntil(lambda: "Đã ghi bản sao lưu" in page.message.text(), timeout=10000)
    exported = next(usb.iterdir())
    assert (exported / "xaso.db").stat().st_size > 0 and (exported / "keys.json").exists()
    assert str(admin_ws.store.data_dir) == page.findChild(type(page.message), "data-dir").text()


def test_a_backup_shows_progress_and_can_be_stopped(qtbot, admin_ws, tmp_path, monkeypatch):
    from core import backup

    monkeypatch.setattr(backup, "BACKUP_STEP_PAGES", 1)  # many small steps
    page = SettingsPage(admin_ws)
    qtbot.addWidget(page)
    page.show()
    usb = tmp_path / "usb"
    usb.mkdir()
    page.backup_to(usb)
    dialog = page._job.dialog
    dialog.canceled.emit()  # what the Dừng button sends
    qtbot.waitUntil(lambda: "Đã dừng" in page.message.text(), timeout=10000)
    assert list(usb.iterdir()) == []  # nothing half-written stays on the stick
    page.backup_to(usb)  # and a backup runs to its end afterwards, reporting progress
    progress = []
    page._job.signals.progress.connect(lambda done, total: progress.append((done, total)))
    qtbot.waitUntil(lambda: "Đã ghi bản sao lưu" in page.message.text(), timeout=20000)
    assert len(list(usb.iterdir())) == 1
    assert len(progress) > 1 and progress[-1][0] == progress[-1][1]  # page by page


def test_anyone_changes_their_own_password(qtbot, admin_ws, login):
    member = login(Role.MEMBER, "minh")
    page = SettingsPage(member)
    qtbot.addWidget(page)
    page.show()
    assert page.own_password_button.isVisible()
    page.change_own_password("sai-mat-khau", "mat-khau-moi-3")
    qtbot.waitUntil(lambda: "không đúng" in page.message.text(), timeout=10000)
    page.change_own_password("password-minh", "mat-khau-moi-3")
    qtbot.waitUntil(lambda: "Đã đổi mật khẩu" in page.message.text(), timeout=10000)
    Store(admin_ws.store.data_dir, kdf=FAST_KDF).unlock("minh", "mat-khau-moi-3").close()


def test_password_dialogs_check_before_accepting(qtbot):
    from ui.pages.settings import OwnPasswordDialog, UserDialog

    add = UserDialog()
    qtbot.addWidget(add)
    add.password.setText("mat-khau-dai-1")
    add.again.setText("mat-khau-dai-1")
    add._check()
    assert add.message.text() == "Cần nhập tên đăng nhập." and add.result() == 0
    add.username.setText("lan")
    add.again.setText("khac")
    add._check()
    assert add.message.text() == "Hai lần nhập mật khẩu không khớp."
    own = OwnPasswordDialog()
    qtbot.addWidget(own)
    own.old.setText("cu")
    own.password.setText("mat-khau-moi-3")
    own.again.setText("mat-khau-moi-4")
    own._check()
    assert own.message.text() == "Hai lần nhập mật khẩu không khớp." and own.result() == 0
    own.again.setText("mat-khau-moi-3")
    own._check()
    assert own.result() == 1  # accepted
