#!/usr/bin/env bash
# Collect the app's user-visible strings into resources/translations/planeval_zh_CN.ts and
# compile every .ts there into the .qm the app loads at start (desktop/ui/i18n.py).
# To add a language: copy planeval_zh_CN.ts to planeval_<locale>.ts, translate it (Qt
# Linguist: .venv/bin/pyside6-linguist), run this script; start with PLANEVAL_LOCALE=<locale>.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
files=$(find desktop -name '*.py' | sort)
# shellcheck disable=SC2086
"$bin/pyside6-lupdate" -no-obsolete -locations none -source-language zh_CN \
    -target-language zh_CN $files -ts resources/translations/planeval_zh_CN.ts
for ts in resources/translations/*.ts; do
    "$bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
