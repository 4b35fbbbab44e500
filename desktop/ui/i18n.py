"""Translations: the one function for user-visible strings, and loading the translators.

Every string a user sees goes through `tr`; the source language is Chinese (zh_CN).
`pyside6-lupdate` files module-level `tr("…")` calls under the empty context, so `tr`
looks them up there, and `resources/translations/planeval_<locale>.ts` (made with
`tools/update_translations.sh`) can be translated (繁體, minority languages) and compiled
with `pyside6-lrelease` into a `.qm` that is loaded at start without a code change.
Qt's own strings (file dialogs, OK/Cancel, the text boxes' context menu) come from
`qtbase_<locale>.qm`, which PySide6 ships; `qt_extra_<locale>.ts` fills what that file
leaves in English (e.g. the file dialog's "&Look in:").
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resources_dir

CONTEXT = ""  # where pyside6-lupdate puts calls of a plain function named tr
SOURCE_LOCALE = "zh_CN"
LOCALE_ENV = "PLANEVAL_LOCALE"  # e.g. zh_TW: pick another translation without code


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate a user-visible string (returns it unchanged without a loaded translator)."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def ui_locale() -> str:
    """The UI language: PLANEVAL_LOCALE if set, else Chinese (the commission's language)."""
    return os.environ.get(LOCALE_ENV, "").strip() or SOURCE_LOCALE


def install_translations(app: QCoreApplication, locale: str | None = None,
                         folder: Path | None = None) -> list[QTranslator]:
    """Load Qt's own translation and ours for `locale`; return the translators installed.

    The translators are parented to the application so they live as long as it does.
    """
    name = locale or ui_locale()
    QLocale.setDefault(QLocale(name))
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    ours = str(folder or translations_dir())
    # Later translators are asked first: ours fill the gaps in Qt's own file.
    for base, where in (("qtbase", qt_folder), ("qt_extra", ours), ("planeval", ours)):
        translator = QTranslator(app)
        if translator.load(QLocale(name), base, "_", where) and app.installTranslator(
                translator):
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed
