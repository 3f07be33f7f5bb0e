"""“Có phiên bản mới”: the settings button and the start-up check against a real hub (uvicorn on
loopback) serving a signed notice; a bad signature offers nothing; offline stays silent."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from PySide6.QtGui import QImage

from core.preferences import load_preferences, save_preference
from core.updates import BadSignature, UpdateUnreachable
from sync.updates import CheckResult
from tests.sync.conftest import free_port
from tests.update_hub import Release, UpdateHub
from ui.i18n import install_language
from ui.pages.settings import SettingsPage
from ui.update_notice import UpdateChecker

PACKAGE = b"!<arch>\ndebian-binary xaso " * 5000
NAME = "xaso_0.2.0_amd64.deb"


@pytest.fixture
def hub(tmp_path):
    served = UpdateHub(tmp_path / "hub")
    yield served
    served.close()


@pytest.fixture
def release():
    return Release()


def settings_page(qtbot, ws, release) -> SettingsPage:
    page = SettingsPage(ws)
    qtbot.addWidget(page)
    checker = page.update_checker
    checker.trusted_keys, checker.running, checker.platform_name = (
        release.trusted, "0.1.0", "linux-x64-deb")
    return page


def check_from_settings(qtbot, page, url: str):
    page.update_url.setText(url)
    with qtbot.waitSignal(page.update_checker.finished, timeout=10_000) as blocker:
        page.update_button.click()
    qtbot.waitUntil(lambda: page.update_checker.notice is not None, timeout=5000)
    return blocker.args[0], page.update_checker.notice


def test_a_newer_signed_version_shows_version_changelog_and_downloads(
        qtbot, admin_ws, hub, release, tmp_path):
    hub.publish(release.envelope("0.2.0", {NAME: PACKAGE}), {NAME: PACKAGE})
    page = settings_page(qtbot, admin_ws, release)
    url = hub.url + "/v1/updates/manifest"
    outcome, notice = check_from_settings(qtbot, page, url)
    assert isinstance(outcome, CheckResult) and outcome.available
    assert load_preferences(admin_ws.store.data_dir)["update_url"] == url  # kept for this PC
    assert "Có phiên bản mới: 0.2.0" in notice.title.text()
    assert notice.changelog.toPlainText().startswith("Bản 0.2.0: sửa lỗi đọc thẻ")
    assert "0.1.0" in notice.details.text() and "01/03/2026" in notice.details.text()
    assert not notice.isModal() and notice.isVisible()
    assert notice.offers_download and notice.later_button.text() == "Để sau"
    assert "không tự cài đặt" in notice.status.text()
    shot = tmp_path / "update-notice.png"
    assert notice.grab().save(str(shot)) and QImage(str(shot)).width() >= 480

    with qtbot.waitSignal(notice.downloaded, timeout=10_000) as done:
        notice.download_to(tmp_path / "downloads")
    assert done.args[0].read_bytes() == PACKAGE
    assert "Đã tải về" in notice.status.text() and "tự chạy tệp này" in notice.status.text()
    assert list((tmp_path / "downloads").iterdir()) == [done.args[0]]  # nothing else, no .part
    assert page.update_button.isEnabled()


def test_the_changelog_follows_the_ui_language(qtbot, admin_ws, hub, release):
    hub.publish(release.envelope("0.2.0", {NAME: PACKAGE}), {NAME: PACKAGE})
    install_language("en")
    try:
        page = settings_page(qtbot, admin_ws, release)
        _outcome, notice = check_from_settings(qtbot, page, hub.url + "/v1/updates/manifest")
        assert "0.2.0" in notice.title.text() and "Có phiên bản mới" not in notice.title.text()
        assert notice.changelog.toPlainText().startswith("Version 0.2.0: card reading fix")
    finally:
        install_language("vi")


def test_a_bad_signature_offers_nothing(qtbot, admin_ws, hub, release):
    envelope = json.loads(release.envelope("0.2.0", {NAME: PACKAGE}))
    signature = bytearray(base64.b64decode(envelope["signature"]))
    signature[0] ^= 0xFF
    envelope["signature"] = base64.b64encode(bytes(signature)).decode()
    hub.publish(json.dumps(envelope).encode(), {NAME: PACKAGE})
    page = settings_page(qtbot, admin_ws, release)
    outcome, notice = check_from_settings(qtbot, page, hub.url + "/v1/updates/manifest")
    assert isinstance(outcome, BadSignature)
    assert notice.status.text() == "Bản cập nhật không hợp lệ (chữ ký sai) — đã bỏ qua."
    assert not notice.offers_download and notice.entry is None
    assert notice.changelog.isHidden() and notice.later_button.text() == "Đóng"


def test_up_to_date_is_said_when_asked(qtbot, admin_ws, hub, release):
    hub.publish(release.envelope("0.1.0", {NAME: PACKAGE}))
    page = settings_page(qtbot, admin_ws, release)
    outcome, notice = check_from_settings(qtbot, page, hub.url + "/v1/updates/manifest")
    assert isinstance(outcome, CheckResult) and not outcome.available
    assert "bản mới nhất" in notice.status.text() and not notice.offers_download


def test_start_up_check_is_silent_offline_and_runs_once_a_day(qtbot, admin_ws, hub, release):
    data_dir = admin_ws.store.data_dir
    parent = SettingsPage(admin_ws)
    qtbot.addWidget(parent)
    checker = UpdateChecker(admin_ws, parent, trusted_keys=release.trusted, running="0.1.0",
                            platform_name="linux-x64-deb")
    save_preference(data_dir, "update_url", f"http://127.0.0.1:{free_port()}/u.json")
    with qtbot.waitSignal(checker.finished, timeout=10_000) as offline:
        checker.check_at_start_up()
    assert isinstance(offline.args[0], UpdateUnreachable)
    assert checker.notice is None  # silent
    assert "update_checked_on" not in load_preferences(data_dir)  # try again next start

    hub.publish(release.envelope("0.2.0", {NAME: PACKAGE}), {NAME: PACKAGE})
    save_preference(data_dir, "update_url", hub.url + "/v1/updates/manifest")
    with qtbot.waitSignal(checker.finished, timeout=10_000):
        checker.check_at_start_up()
    qtbot.waitUntil(lambda: checker.notice is not None, timeout=5000)
    assert "0.2.0" in checker.notice.title.text()
    assert load_preferences(data_dir)["update_checked_on"] == date.today().isoformat()
    with qtbot.assertNotEmitted(checker.finished, wait=300):
        checker.check_at_start_up()  # already checked today
