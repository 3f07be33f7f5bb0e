#!/usr/bin/env bash
# Build the frozen app (PyInstaller one-folder) and the .deb package, and prove both start.
#
#   bash scripts/package_linux.sh [--install]
#
# 1. build/dist/xaso/ from installer/xaso.spec, then its `selftest` headless (imports every
#    module, finds every data file, opens an encrypted store, shows the login window);
# 2. build/xaso_<version>_amd64.deb (the bundle in /opt/xaso, /usr/bin/xaso, menu entry, icon);
# 3. with --install (CI, as root): dpkg -i the package, run the installed `xaso selftest`,
#    then dpkg -r. Without it the package is unpacked into a temporary folder and checked there.
# Prints the sizes (bundle, package, installed). Needs the venv from scripts/bootstrap.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
INSTALL=0
[[ "${1:-}" == "--install" ]] && INSTALL=1

.venv/bin/pip install --quiet --disable-pip-version-check -e ".[package]" > "$ROOT/build-pip.log" 2>&1 \
    || { cat "$ROOT/build-pip.log"; exit 1; }
VERSION=$(.venv/bin/python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
BUILD="$ROOT/build"
rm -rf "$BUILD/dist" "$BUILD/deb"
.venv/bin/python -m PyInstaller --noconfirm --log-level ERROR --distpath "$BUILD/dist" \
    --workpath "$BUILD/work" installer/xaso.spec

selftest() {  # $1: the xaso executable. Run from /tmp so nothing resolves from the source tree.
    local report
    report=$(cd /tmp && env -u DISPLAY -u WAYLAND_DISPLAY -u PYTHONPATH "$1" selftest 2>/dev/null)
    echo "$report" | .venv/bin/python -c '
import json, sys
report = json.load(sys.stdin)
for check in report["checks"]:
    state = "ok" if check["ok"] else "FAILED: " + check["error"]
    print("  %-16s %s" % (check["check"], state))
sys.exit(0 if report["ok"] else 1)'
}

echo "selftest of the frozen bundle:"
selftest "$BUILD/dist/xaso/xaso"

# -- the .deb ---------------------------------------------------------------------------------
PKG="$BUILD/deb/xaso_${VERSION}_amd64"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
         "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/doc/xaso"
cp -a "$BUILD/dist/xaso" "$PKG/opt/xaso"
ln -s /opt/xaso/xaso "$PKG/usr/bin/xaso"
cp resources/icons/xaso.png "$PKG/usr/share/icons/hicolor/256x256/apps/xaso.png"
cp LICENSE "$PKG/usr/share/doc/xaso/copyright"
cp installer/linux/xaso.desktop "$PKG/usr/share/applications/xaso.desktop"
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_KB@/$INSTALLED_KB/" \
    installer/linux/control.in > "$PKG/DEBIAN/control"
install -m 0755 installer/linux/postinst installer/linux/postrm "$PKG/DEBIAN/"
DEB="$BUILD/xaso_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p' | sed 's/^/  /'

if [[ $INSTALL == 1 ]]; then
    dpkg -i "$DEB" >/dev/null
    trap 'dpkg -r xaso >/dev/null 2>&1 || true' EXIT
    echo "selftest of the installed package (/usr/bin/xaso):"
    selftest /usr/bin/xaso
    dpkg -r xaso >/dev/null
    trap - EXIT
    [[ ! -e /opt/xaso ]] || { echo "dpkg -r left /opt/xaso behind" >&2; exit 1; }
else
    UNPACKED=$(mktemp -d)
    dpkg-deb -x "$DEB" "$UNPACKED"
    echo "selftest of the unpacked package:"
    selftest "$UNPACKED/opt/xaso/xaso"
    rm -rf "$UNPACKED"
fi

printf 'sizes: bundle %s MB, package %s MB, installed %s MB (target ≤ 150 MB)\n' \
    "$(du -sm "$BUILD/dist/xaso" | cut -f1)" "$(du -m "$DEB" | cut -f1)" "$((INSTALLED_KB / 1024))"
