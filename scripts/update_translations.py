"""Refresh the UI translation catalogues and compile them.

    .venv/bin/python scripts/update_translations.py          # after changing UI texts
    .venv/bin/python scripts/update_translations.py --check  # CI: fail if anything is stale

1. `pyside6-lupdate` extracts every `tr("…")` / `QT_TR_NOOP("…")` of ui/ and core/ into
   resources/i18n/xaso_en.ts, keeping the translations already there (new texts are marked
   unfinished; texts no longer used become obsolete and are dropped with -no-obsolete).
2. `pyside6-lrelease` compiles xaso_en.ts and xaso_vi.ts (Qt's own button texts in Vietnamese,
   kept by hand) into the .qm files the app loads.

--check does both into a temporary folder and fails when the committed .ts/.qm differ from what
the sources give, or when an English translation is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
BIN = Path(sys.executable).parent
MARKERS = re.compile(r"\btr\(|QT_TR_NOOP\(")


def sources() -> list[Path]:
    """Every Python file of ui/ and core/ that has a translatable text."""
    files = [*sorted((ROOT / "ui").rglob("*.py")), *sorted((ROOT / "core").rglob("*.py"))]
    return [f for f in files if MARKERS.search(f.read_text(encoding="utf-8"))]


def update(out_dir: Path) -> list[str]:
    """Write xaso_en.ts and both .qm files into out_dir; return the unfinished source texts."""
    english = out_dir / "xaso_en.ts"
    if out_dir != I18N:
        shutil.copy(I18N / "xaso_en.ts", english)
        shutil.copy(I18N / "xaso_vi.ts", out_dir / "xaso_vi.ts")
    files = [str(f.relative_to(ROOT)) for f in sources()]
    subprocess.run([BIN / "pyside6-lupdate", "-no-obsolete", "-locations", "none", *files,
                    "-ts", str(english)], cwd=ROOT, check=True, capture_output=True)
    for name in ("xaso_en", "xaso_vi"):
        subprocess.run([BIN / "pyside6-lrelease", str(out_dir / f"{name}.ts"), "-qm",
                        str(out_dir / f"{name}.qm")], check=True, capture_output=True)
    return [message.findtext("source") for message in ET.parse(english).iter("message")
            if message.find("translation").get("type") == "unfinished"]


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        unfinished = update(I18N)
        for source in unfinished:
            print("untranslated:", source)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        unfinished = update(Path(tmp))
        stale = [name for name in ("xaso_en.ts", "xaso_en.qm", "xaso_vi.qm")
                 if (Path(tmp) / name).read_bytes() != (I18N / name).read_bytes()]
    for source in unfinished:
        print("untranslated:", source)
    if stale:
        print("out of date (run scripts/update_translations.py):", ", ".join(stale))
    return 1 if stale or unfinished else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
