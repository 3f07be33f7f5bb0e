"""The screenshot script runs the real window over a demo commune and saves every page."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

from ui.shell import PAGES

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"


def test_screenshot_script_saves_a_distinct_image_of_every_page(qtbot, tmp_path):
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--persons", "300", "--out", str(tmp_path),
                        "--data-dir", str(tmp_path / "demo")]) == 0
    shots = sorted(tmp_path.glob("*.png"))
    # + wizard, login, search, person page, card read, English UI, import preview, two records
    assert len(shots) == len(PAGES) + 9
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in shots}
    assert len(digests) == len(shots)  # each page really shows something different
    image = QImage(str(tmp_path / "02-residents.png"))
    assert image.width() >= 1000 and image.height() >= 600
