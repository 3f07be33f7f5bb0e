"""Trim the ICU data library that PyPI's Qt links (Linux): 31 MB of locale data → ~3.5 MB.

Qt's core library needs ICU for locale-aware case mapping, collation, time-zone names and
legacy text codecs. The app runs in Vietnamese and English, so it needs the root, Vietnamese and
English locale data, the root collation (UCA) and the time-zone tables, not the other 800
locales. The data is one symbol (`icudtNN_dat`) in `libicudata.so.NN`: we copy it out, drop the
unneeded items with ICU's own `icupkg` (Debian's icu-devtools) and link the result back into a
library with the same name and symbol. `selftest` checks Vietnamese case mapping, collation
order and time-zone names on the result (ui/launch.py `gui_selftest`).

Dropped on purpose: other locales, break-iterator rules (Qt uses its own text boundaries),
transliterators, number-spellout rules, character names, StringPrep profiles and the legacy
codec tables (the app decodes TCVN3/VNI itself, core/imports/legacy_text.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

KEEP_LOCALES = re.compile(r"^(root|vi|vi_VN|en|en_US|en_US_POSIX|en_001|en_150)\.res$")
LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z0-9]{2,3})?(_[A-Z]+)?\.res$")
DROP_FOLDERS = ("brkitr", "translit", "rbnf")
DROP_FILES = ("unames.icu", "confusables.cfu")
DROP_COLLATIONS = re.compile(r"^coll/(de|es)_.*\.res$")


def tools_missing() -> list[str]:
    return [tool for tool in ("icupkg", "gcc", "readelf") if shutil.which(tool) is None]


def removable(items: list[str]) -> list[str]:
    """The data items a Vietnamese/English widgets app does not need."""
    out = []
    for item in items:
        folder, _, name = item.rpartition("/")
        if (folder in DROP_FOLDERS or name.endswith((".cnv", ".spp")) or name in DROP_FILES
                or DROP_COLLATIONS.match(item)):
            out.append(item)
        elif name not in ("res_index.res", "pool.res") and LOCALE.match(name) \
                and not KEEP_LOCALES.match(name):
            out.append(item)
    return out


def _data_offset(library: Path, symbol: str) -> tuple[int, int]:
    """File offset and size of the data symbol (it sits alone in .rodata)."""
    symbols = subprocess.run(["readelf", "-W", "--dyn-syms", str(library)], check=True,
                             capture_output=True, text=True).stdout
    sections = subprocess.run(["readelf", "-W", "-S", str(library)], check=True,
                              capture_output=True, text=True).stdout
    for line in symbols.splitlines():
        fields = line.split()
        if fields and fields[-1] == symbol:
            address, size = int(fields[1], 16), int(fields[2], 0)  # size: decimal or 0x…
            break
    else:
        raise RuntimeError(f"{symbol} not found in {library}")
    for line in sections.splitlines():
        match = re.search(r"\]\s+\.rodata\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if match:
            return address - int(match.group(1), 16) + int(match.group(2), 16), size
    raise RuntimeError(f"no .rodata in {library}")


def trim(library: Path, work: Path) -> Path:
    """Build the trimmed `libicudata.so.NN` in `work` and return its path."""
    version = re.search(r"libicudata\.so\.(\d+)", library.name).group(1)
    package, symbol = f"icudt{version}l", f"icudt{version}_dat"
    work.mkdir(parents=True, exist_ok=True)
    offset, size = _data_offset(library, symbol)
    full = work / f"{package}.dat"
    full.write_bytes(library.read_bytes()[offset:offset + size])
    listing = subprocess.run(["icupkg", "-l", str(full)], check=True, capture_output=True,
                             text=True).stdout.split()
    (work / "remove.txt").write_text("\n".join(removable(listing)) + "\n")
    trimmed_dir = work / "trimmed"
    trimmed_dir.mkdir(exist_ok=True)
    trimmed = trimmed_dir / f"{package}.dat"
    trimmed.unlink(missing_ok=True)
    subprocess.run(["icupkg", "-r", str(work / "remove.txt"), str(full), str(trimmed)],
                   check=True, capture_output=True)
    source = work / "icudata.S"
    source.write_text(
        "    .section .rodata\n"
        f"    .globl {symbol}\n"
        f"    .type {symbol}, @object\n"
        "    .balign 16\n"
        f"{symbol}:\n"
        f'    .incbin "{trimmed}"\n'
        f"    .size {symbol}, . - {symbol}\n"
        '    .section .note.GNU-stack,"",@progbits\n')
    out = work / library.name
    subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(out),
                    str(source)], check=True)
    return out
