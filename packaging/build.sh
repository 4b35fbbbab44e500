#!/usr/bin/env bash
# One command: the frozen app (and, on Debian-family systems, its .deb), in one of two
# editions (packaging/bundle_rules.py EDITIONS):
#   bash packaging/build.sh              # the department edition (no charts):
#                                        # dist/planeval-<version>/, dist/planeval_<version>_<arch>.deb
#   bash packaging/build.sh commission   # the commission edition (the roll-up's charts):
#                                        # dist/planeval-commission-<version>/, planeval-commission_...deb
#   bash packaging/build.sh [EDITION] --no-deb   # the bundle only
# Needs Python 3.11+ with venv, a C compiler and binutils (the ICU trim links a small
# library) and, for the .deb, dpkg-deb. The first run installs PyInstaller into .venv
# from PyPI; after that no network is used.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=1
edition=department
for arg in "$@"; do
    case "$arg" in
        --no-deb) deb=0 ;;
        department|commission) edition=$arg ;;
        *) echo "usage: bash packaging/build.sh [department|commission] [--no-deb]" >&2; exit 2 ;;
    esac
done
name=planeval
[ "$edition" = commission ] && name=planeval-commission

py=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -c "import PyInstaller, platformdirs, desktop" 2>/dev/null \
    || .venv/bin/python -m pip install -q -e ".[bundle]"
version=$(.venv/bin/python -c "import desktop; print(desktop.__version__)")

.venv/bin/python packaging/make_icons.py build/icons
PLANEVAL_EDITION=$edition .venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
    --workpath "build/$edition" packaging/planeval.spec
bundle="dist/$name-$version"

# Every library the bundle links to is in it or is a system library we expect
# (glibc, OpenGL/EGL); a cut that went too far fails here, not on a clerk's machine.
if [ "$(uname)" = Linux ]; then
    missing=$(find "$bundle/_internal" -name '*.so*' -type f -print0 \
        | LD_LIBRARY_PATH="$bundle/_internal" xargs -0 -n1 ldd 2>/dev/null \
        | grep "not found" | sort -u || true)
    if [ -n "$missing" ]; then echo "missing libraries:"; echo "$missing"; exit 1; fi
fi
"$bundle/planeval" --version
echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1))"

if [ "$deb" = 1 ] && command -v dpkg-deb >/dev/null; then
    bash packaging/make_deb.sh "$bundle" "$version" "$edition"
fi
