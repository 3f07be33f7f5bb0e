"""UI languages: complete catalogues, English UI, Vietnamese Qt buttons, switching at run time,
and a pseudo-localisation pass (every text 40% longer) that no label or button truncates."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QWidget,
)

from core.preferences import load_preferences
from ui.i18n import I18N_DIR, current_language, install_language, install_translator_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def language():
    """Set a language for one test; Vietnamese again afterwards."""
    yield install_language
    install_language("vi")


def test_catalogues_are_complete_and_compiled_from_the_current_sources():
    result = subprocess.run([sys.executable, "scripts/update_translations.py", "--check"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_english_translations_keep_placeholders_and_accelerators():
    for message in ET.parse(I18N_DIR / "xaso_en.ts").iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation") or ""
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(
            re.findall(r"\{\w+\}", translation)), source
        assert translation.strip(), source


def test_main_window_in_english(qtbot, admin_ws, language):
    from ui.shell import MainWindow

    language("en")
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert labels[:3] == ["Overview", "Residents", "Households"]
    assert not any(re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text)
                   for text in labels)
    box = QMessageBox(QMessageBox.Icon.Question, "x", "x",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"


def test_qt_standard_buttons_in_vietnamese(qtbot, language):
    language("vi")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert texts == {"OK", "Hủy", "Đóng"}
    box = QMessageBox(QMessageBox.Icon.Question, "x", "x",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert {b.text().replace("&", "") for b in box.buttons()} == {"Có", "Không"}


def test_switching_language_rebuilds_the_window_on_the_same_page_and_is_remembered(
        qtbot, admin_ws, language):
    from ui.app import Session

    session = Session(admin_ws.store, admin_ws, None)
    try:
        first = session.window
        first.show_page("settings")
        combo = first.pages["settings"].general.language
        combo.setCurrentIndex(combo.findData("en"))
        assert session.window is not first and current_language() == "en"
        assert session.window.current_page() == "settings"
        assert session.window.sidebar.item(1).text() == "Residents"
        assert load_preferences(admin_ws.store.data_dir)["language"] == "en"
        combo = session.window.pages["settings"].general.language
        combo.setCurrentIndex(combo.findData("vi"))
        assert session.window.sidebar.item(1).text() == "Cư dân"
        assert load_preferences(admin_ws.store.data_dir)["language"] == "vi"
    finally:
        session.idle.stop()
        session.window.close()


# -- pseudo-localisation ----------------------------------------------------------------------

def _pseudo_catalogue(tmp_path: Path) -> Path:
    """Every source text 40% longer (placeholders kept), compiled to a .qm."""
    tree = ET.parse(I18N_DIR / "xaso_en.ts")
    for message in tree.iter("message"):
        source = message.findtext("source")
        extra = "ẅ" * math.ceil(len(source) * 0.4)
        translation = message.find("translation")
        translation.text = f"{source}{extra}"
        translation.attrib.pop("type", None)
    ts = tmp_path / "pseudo.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = tmp_path / "pseudo.qm"
    subprocess.run([Path(sys.executable).parent / "pyside6-lrelease", str(ts), "-qm", str(qm)],
                   check=True, capture_output=True)
    return qm


def _truncated(root: QWidget) -> list[str]:
    """Visible texts that do not fit their widget."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            if widget.width() < widget.minimumSizeHint().width():
                problems.append(f"label {widget.text()[:40]!r}: {widget.width()} < "
                                f"{widget.minimumSizeHint().width()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < widget.minimumSizeHint().width():
                problems.append(f"button {widget.text()[:40]!r}")
        elif isinstance(widget, QGroupBox) and widget.title():
            if widget.width() < widget.minimumSizeHint().width():
                problems.append(f"group {widget.title()[:40]!r}")
        elif isinstance(widget, QListWidget) and widget.objectName() == "sidebar":
            metrics, room = widget.fontMetrics(), widget.viewport().width()
            for i in range(widget.count()):
                text = widget.item(i).text()
                if metrics.horizontalAdvance(text) + 12 > room:
                    problems.append(f"sidebar {text!r}")
    return problems


def _settle(qtbot) -> None:
    """Background results arrive, then the layouts they change settle."""
    from PySide6.QtCore import QThreadPool

    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=10000)
    qtbot.wait(80)


def test_pseudo_localised_ui_truncates_nothing(qtbot, admin_ws, tmp_path, language):
    from ui.login import LoginDialog
    from ui.pages.settings import UserDialog
    from ui.person_dialog import PersonDialog
    from ui.setup_wizard import SetupWizard
    from ui.shell import PAGES, MainWindow

    language("vi")
    assert install_translator_file(_pseudo_catalogue(tmp_path))
    window = MainWindow(admin_ws)
    qtbot.addWidget(window)
    assert window.sidebar.item(1).text().endswith("ẅ")  # the pseudo catalogue is active
    window.show()
    problems = []
    for key, _, _ in PAGES:
        window.show_page(key)
        _settle(qtbot)
        problems += [f"{key}: {p}" for p in _truncated(window)]
    dialogs = [PersonDialog(admin_ws), UserDialog(), LoginDialog(admin_ws.store)]
    wizard = SetupWizard(admin_ws.store.__class__(tmp_path / "new"))
    for dialog in [*dialogs, wizard]:
        qtbot.addWidget(dialog)
        dialog.show()
        _settle(qtbot)
        problems += [f"{type(dialog).__name__}: {p}" for p in _truncated(dialog)]
    assert problems == []
