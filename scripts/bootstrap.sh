#!/usr/bin/env bash
# One-time set-up on a fresh Debian 12 machine (run as root, or with sudo available):
# the Debian packages Xã Số and its tests need, then a Python venv with the project installed.
# Re-running is cheap: packages already present and an unchanged pyproject.toml are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-dev gcc make
  # Qt (PySide6) runtime, offscreen and under Xvfb, with a font that has Vietnamese glyphs
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libfontconfig1
  libdbus-1-3 fonts-noto-core xvfb xauth
  # Chip cards: the PC/SC daemon, the vpcd virtual reader our virtual CCCD plugs into,
  # and what pyscard needs to build (it has no Linux wheel)
  pcscd vsmartcard-vpcd libpcsclite-dev swig
  # Printed forms are checked in tests: pdftotext finds the text, pdftoppm renders a page
  poppler-utils
  # Excel import is tested on files LibreOffice itself wrote (soffice --convert-to xlsx)
  libreoffice-calc-nogui
  # The hub is tested on a real PostgreSQL cluster the tests start themselves (initdb/pg_ctl)
  postgresql
  # The hub's web dashboard is tested in headless Chromium driven by Selenium (no downloads)
  chromium chromium-driver
  # Packaging: ICU's icupkg trims the ICU data the frozen app ships (installer/icu_trim.py)
  icu-devtools
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "[bootstrap] apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "[bootstrap] creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "[bootstrap] pip install -e .[dev]"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Inno Setup's English messages: the Windows installer's static check compares ours with them.
if [ ! -f .cache/innosetup-6.4.1/Default.isl ]; then
  echo "[bootstrap] Inno Setup 6.4.1 messages (npm registry)"
  .venv/bin/python scripts/fetch_inno.py .cache/innosetup-6.4.1
fi
