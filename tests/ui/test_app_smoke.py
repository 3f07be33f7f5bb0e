"""The first window: login off the GUI thread, then as-you-type search (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from core.services import persons  # noqa: E402
from tests.conftest import ADMIN_PASSWORD  # noqa: E402
from ui.login import LoginDialog  # noqa: E402
from ui.shell import MainWindow  # noqa: E402


def _type(widget, text: str) -> None:
    # qtbot.keyClicks aborts on non-ASCII (ENGINEERING_NOTES); insert() is what an IME does.
    widget.insert(text)


def test_login_wrong_then_right_password(qtbot, store, admin_ws):
    admin_ws.close()
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("sai-mat-khau")
    dialog._submit()
    qtbot.waitUntil(lambda: "Sai tên đăng nhập" in dialog.message.text(), timeout=5000)
    assert dialog.workspace is None and dialog.password.text() == ""
    dialog.password.setText(ADMIN_PASSWORD)
    dialog._submit()
    qtbot.waitUntil(lambda: dialog.workspace is not None, timeout=5000)
    dialog.workspace.close()


def test_search_as_you_type_shows_folded_matches(qtbot, admin_ws):
    for name in ("Đặng Văn Đức", "Lê Thị Lan", "Nguyễn Đức Anh"):
        persons.create_person(admin_ws, {"full_name": name, "dob": "1980"})
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    window.show()
    assert "Quảng Ngọc" in window.windowTitle()
    page = window.pages["residents"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)  # the whole list first
    _type(page.query, "đuc")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    shown = {page.model.data(page.model.index(r, 0), Qt.ItemDataRole.DisplayRole)
             for r in range(2)}
    assert shown == {"Đặng Văn Đức", "Nguyễn Đức Anh"}
    assert page.model.data(page.model.index(0, 1), Qt.ItemDataRole.DisplayRole) == "1980"
    assert "2 kết quả" in page.status.text()


def test_qt_binding_keeps_python_none_alive(qtbot):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call until the
    interpreter aborts ("deallocating None") after a few thousand calls: pinned below 6.12."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 50


def test_a_session_ends_when_the_window_closes_and_closes_the_workspace(qtbot, admin_ws):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import _session
    from ui.card_status import CardStatus
    from ui.shell import MainWindow

    def close_main_window():
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            windows[0].close()
        else:
            QTimer.singleShot(50, close_main_window)

    QTimer.singleShot(50, close_main_window)
    status = CardStatus()
    assert _session(QApplication.instance(), admin_ws.store, admin_ws, status) is None
    from core.store import SESSION_MARKER

    assert not (admin_ws.store.data_dir / SESSION_MARKER).exists()  # closed cleanly
    from datetime import date

    from core.backup import daily_path

    assert daily_path(admin_ws.store.backups_dir, date.today()).is_file()  # automatic backup


def test_one_app_per_data_folder(tmp_path):
    import subprocess
    import sys

    from ui.app import single_instance_lock

    first = single_instance_lock(tmp_path)
    assert first is not None
    # Another process (a second launch) cannot take it while this one holds it …
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
             "from ui.app import single_instance_lock; "
             "print(single_instance_lock(Path(sys.argv[2])) is None)")
    root = str(__import__("pathlib").Path(__file__).resolve().parents[2])
    out = subprocess.run([sys.executable, "-c", probe, root, str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "True", out.stderr
    first.unlock()
    # … and can once it is released.
    out = subprocess.run([sys.executable, "-c", probe, root, str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_a_crashed_instance_does_not_keep_the_folder_locked(tmp_path):
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from ui.app import single_instance_lock

    root = str(Path(__file__).resolve().parents[2])
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; sys.path.insert(0, sys.argv[1]); "
         "from pathlib import Path; from ui.app import single_instance_lock; "
         "lock = single_instance_lock(Path(sys.argv[2])); print('held', flush=True); "
         "time.sleep(60)", root, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    assert single_instance_lock(tmp_path) is None
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    lock = single_instance_lock(tmp_path)  # the dead holder's lock is stale: taken over
    assert lock is not None
    lock.unlock()


def test_session_auto_lock_follows_the_commune_setting(qtbot, admin_ws):
    from core.services import settings
    from ui.app import Session

    settings.update_settings(admin_ws, auto_lock_minutes=3)
    session = Session(admin_ws.store, admin_ws, None)
    try:
        qtbot.waitUntil(lambda: session.idle.interval_ms == 3 * 60_000, timeout=5000)
        general = session.window.pages["settings"].general
        general.auto_lock.setValue(7)
        general.save()
        qtbot.waitUntil(lambda: session.idle.interval_ms == 7 * 60_000, timeout=5000)
    finally:
        session.idle.stop()
        session.window.close()


def test_status_bar_says_where_sync_stands(qtbot, admin_ws):
    from datetime import UTC, datetime

    from core.services import sync_state

    persons.create_person(admin_ws, {"full_name": "Lê Thị Lan", "dob": "1980"})
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "chưa đăng ký" in window.sync_label.text(), timeout=5000)
    assert window.pending_label.text() == "Chưa đồng bộ: 1"
    sync_state.save_enrollment(admin_ws, sync_state.Enrollment(
        hub_url="http://127.0.0.1:1", hub_id="h", device_id="d", device_name="Máy một cửa",
        device_key_pem="k", hub_signing_key="s", hub_sealing_key="b", commune_code="16498"))
    window.refresh_status()
    qtbot.waitUntil(lambda: "chưa lần nào" in window.sync_label.text(), timeout=5000)
    sync_state.record_success(admin_ws, {}, moved=False)
    window.refresh_status()
    qtbot.waitUntil(lambda: "lần cuối" in window.sync_label.text(), timeout=5000)
    assert f"{datetime.now(UTC).astimezone():%d/%m/%Y}" in window.sync_label.text()
