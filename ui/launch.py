"""Start the desktop app; say clearly (one line) when there is no display to show it on."""

from __future__ import annotations

import os
import sys

NO_DISPLAY = ("Không tìm thấy màn hình (DISPLAY/WAYLAND_DISPLAY trống). Trên máy chủ không có màn hình, "
              "hãy chạy: xvfb-run -a python main.py   |   No display found; run it under xvfb-run -a.")


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def qt_version() -> str:
    from PySide6 import QtCore

    return QtCore.qVersion()


def launch_gui(argv: list[str]) -> int:
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    data_dir = None
    if argv:
        data_dir = argv[1] if argv[0] == "--data-dir" else argv[0].split("=", 1)[1]
    from ui.app import run_app

    return run_app(data_dir)


def gui_selftest(store_dir: str) -> dict:
    """The self-test's GUI check: a Qt platform plugin loads, the English translation loads and
    the login window of an initialised store (`store_dir`) is built and shown, headless when
    there is no display. Raises on any failure."""
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import time

    from PySide6.QtWidgets import QApplication

    from core.store import Store
    from ui.i18n import install_language, tr
    from ui.login import LoginDialog

    app = QApplication.instance() or QApplication([sys.argv[0]])
    start = time.perf_counter()
    install_language("en")
    english = tr("Đăng nhập")
    install_language("vi")
    dialog = LoginDialog(Store(store_dir))
    dialog.show()
    app.processEvents()
    shown = dialog.isVisible()
    dialog.close()
    if not shown:
        raise RuntimeError("the login window did not show")
    if english == "Đăng nhập":
        raise RuntimeError("the English translation did not load")
    return {"platform": app.platformName(), "login_window_ms":
            round((time.perf_counter() - start) * 1000, 1), "icu": _vietnamese_icu()}


def _vietnamese_icu() -> str:
    """What Qt takes from ICU for Vietnamese still works (the build trims ICU's data)."""
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator, QLocale, QTimeZone

    vi = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    if vi.toUpper("đặng văn đức") != "ĐẶNG VĂN ĐỨC":
        raise RuntimeError("Vietnamese upper case")
    order = sorted(["ư", "u", "đ", "d", "â", "ă", "a"], key=cmp_to_key(QCollator(vi).compare))
    if order != ["a", "ă", "â", "d", "đ", "u", "ư"]:
        raise RuntimeError(f"Vietnamese collation: {order}")
    zone = QTimeZone(b"Asia/Ho_Chi_Minh").displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, vi)
    if not zone or zone.startswith(("GMT", "UTC")):
        raise RuntimeError(f"time-zone names: {zone!r}")
    return zone
