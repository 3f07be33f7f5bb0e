"""Fetch Inno Setup's own English messages (Default.isl) for the installer's static check.

    python scripts/fetch_inno.py DEST_DIR

Inno Setup's compiler is a Windows program that cannot run on this CI machine, so the test of
installer/windows (tests/unit/test_windows_installer.py) checks our Vietnamese messages against
the real message names and placeholders of the version we build with. The file comes from the
npm registry's `innosetup` package (Inno Setup 6.4.1), pinned by its sha256.
"""

from __future__ import annotations

import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

URL = "https://registry.npmjs.org/innosetup/-/innosetup-6.4.1.tgz"
SHA256 = "fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684"
MEMBERS = {"package/bin/Default.isl": "Default.isl", "package/LICENSE": "LICENSE"}


def main(dest: str) -> int:
    data = urllib.request.urlopen(URL, timeout=120).read()  # noqa: S310 - a fixed https URL
    if hashlib.sha256(data).hexdigest() != SHA256:
        print(f"{URL}: unexpected sha256", file=sys.stderr)
        return 1
    out = Path(dest)
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member, name in MEMBERS.items():
            (out / name).write_bytes(archive.extractfile(member).read())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
