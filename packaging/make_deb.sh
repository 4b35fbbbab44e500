#!/usr/bin/env bash
# The .deb from a built bundle (packaging/build.sh calls it): no network, no maintainer
# scripts. Installs the bundle under /opt/planeval, links planeval and planeval-gui into
# /usr/bin, and adds the menu entry and icons; dpkg's triggers (desktop-file-utils,
# hicolor-icon-theme) refresh the menu and icon caches, and removal deletes every file.
# The two editions are the packages planeval (department) and planeval-commission: they
# install the same files, so each conflicts with and replaces the other (installing one
# removes the other; a machine has one `planeval`).
# XZ_LEVEL=1 makes a quicker, larger package (the smoke test); the default is 6.
#   bash packaging/make_deb.sh dist/planeval-<version> <version> [department|commission]
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$1
version=$2
edition=${3:-department}
if [ "$edition" = commission ]; then
    name=planeval-commission other=planeval label=规划评估（区发改委版）
    summary="Five-Year Plan evaluation, district commission edition (规划评估 区发改委版)"
    about=" The district commission's edition: also draws the district roll-up's
 charts (matplotlib). Departments install the package planeval."
else
    name=planeval other=planeval-commission label=规划评估填报
    summary="Five-Year Plan evaluation for district departments (规划评估填报)"
    about=" The department edition: the district roll-up's charts need the
 commission's edition, the package planeval-commission."
fi
arch=$(dpkg --print-architecture)
stage=build/deb/$name
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/doc/$name"
cp -a "$bundle" "$stage/opt/planeval"
# Relative links, so the package also runs when unpacked into a scratch root (tests).
ln -s ../../opt/planeval/planeval "$stage/usr/bin/planeval"
ln -s ../../opt/planeval/planeval-gui "$stage/usr/bin/planeval-gui"
sed -e "s/^Name\[zh_CN\]=.*/Name[zh_CN]=$label/" packaging/planeval.desktop \
    > "$stage/usr/share/applications/planeval.desktop"
chmod 644 "$stage/usr/share/applications/planeval.desktop"
for size in 16 32 48 64 128 256; do
    install -D -m 644 "build/icons/planeval-$size.png" \
        "$stage/usr/share/icons/hicolor/${size}x${size}/apps/planeval.png"
done
install -D -m 644 resources/icons/planeval.svg \
    "$stage/usr/share/icons/hicolor/scalable/apps/planeval.svg"
cat > "$stage/usr/share/doc/$name/copyright" <<TEXT
$name $version: offline Five-Year Plan evaluation ($label).
Bundles CPython, Qt 6 and PySide6 (LGPL-3.0), ICU, OpenSSL and the Python packages listed
in pyproject.toml, each under its own licence.
TEXT
# glibc of the build machine is the oldest the bundle runs on: build on the oldest target.
glibc=$(getconf GNU_LIBC_VERSION | cut -d' ' -f2)
cat > "$stage/DEBIAN/control" <<TEXT
Package: $name
Version: $version
Architecture: $arch
Maintainer: planeval <planeval@localhost>
Section: misc
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: libc6 (>= $glibc), libgl1, libegl1, libfontconfig1
Conflicts: $other
Replaces: $other
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei
Description: $summary
 An offline desktop app: a department clerk fills the evaluation tables and
 self-assessment reports the district commission assigns, and sends back a
 signed package. Command line: planeval; window: planeval-gui.
 .
$about
TEXT
out="dist/${name}_${version}_${arch}.deb"
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)} \
    dpkg-deb --root-owner-group -Zxz "-z${XZ_LEVEL:-6}" --build "$stage" "$out" >/dev/null
echo "deb: $out ($(du -h "$out" | cut -f1))"
