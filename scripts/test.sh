#!/usr/bin/env bash
# Set up everything, then run the whole test suite: lint, layer contracts, pytest, and the
# packaging check (frozen app + .deb, each running its selftest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check .
.venv/bin/lint-imports
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
# The frozen app and the .deb: built, self-tested, installed (as root: for real) and removed.
if [[ $(id -u) == 0 ]]; then
    bash scripts/package_linux.sh --install
else
    bash scripts/package_linux.sh
fi
