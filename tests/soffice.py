"""LibreOffice headless, for fixtures written by a real office suite (not only openpyxl)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

# CSV import filter options: separator ",", quote '"', UTF-8 (76), from line 1, default column
# types, language vi-VN (1066) so "02/09/1975" is 2 September as on a Vietnamese PC.
CSV_FILTER = "CSV:44,34,76,1,,1066"


def convert(source: Path, to: str, outdir: Path, profile: Path, infilter: str | None = None) -> Path:
    """`soffice --convert-to TO` with its own profile (never the user's, never a shared one)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: run scripts/bootstrap.sh (libreoffice-calc-nogui)"
    cmd = [soffice, "--headless", "--norestore", "--nolockcheck",
           f"-env:UserInstallation={profile.as_uri()}", "--convert-to", to, "--outdir", str(outdir)]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    subprocess.run([*cmd, str(source)], check=True, timeout=120, capture_output=True,
                   env={"HOME": str(profile), "PATH": "/usr/bin:/bin"})
    out = outdir / (source.stem + "." + to.split(":")[0])
    assert out.exists(), f"LibreOffice did not write {out}"
    return out
