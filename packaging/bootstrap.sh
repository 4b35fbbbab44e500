#!/usr/bin/env bash
# Set everything up on a Debian-family machine with only Python, then run the demo or the tests.
#   bash packaging/bootstrap.sh demo   # the app straight into the embedded demo (CLI walk-through if
#                                      # no display); a plain start shows the welcome page
#   bash packaging/bootstrap.sh test   # the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-demo}
shift || true

# Qt's runtime libraries, CJK fonts, Xvfb, and venv support (Debian names).
DEBS=(libegl1 libgl1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
      libxcb-render-util0 libxcb-image0 fonts-noto-cjk xvfb xauth python3-venv)
# The tests also open our documents in LibreOffice, render PDF pages, and check signatures.
TEST_DEBS=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils openssl)

install_debs() {
    local DEBS=("$@")
    command -v dpkg-query >/dev/null || { echo "非 Debian 系统：请自行安装 Qt 依赖库与中文字体" >&2; return 0; }
    local missing=()
    for p in "${DEBS[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

make_venv() {
    local py=${PYTHON:-python3}
    [ -x .venv/bin/python ] || "$py" -m venv .venv
    local stamp=.venv/.planeval-installed want
    want=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".[test,bundle]"  # bundle: the frozen-app tests
        echo "$want" > "$stamp"
    fi
}

if [ "$mode" = test ]; then install_debs "${DEBS[@]}" "${TEST_DEBS[@]}"; else install_debs "${DEBS[@]}"; fi
make_venv

case "$mode" in
    test)
        export QT_QPA_PLATFORM=offscreen
        exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
        ;;
    demo)
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            exec .venv/bin/python -m desktop --demo "$@"
        fi
        exec .venv/bin/python -m desktop.headless_demo "$@"
        ;;
    *)
        echo "usage: bash packaging/bootstrap.sh demo|test" >&2
        exit 2
        ;;
esac
