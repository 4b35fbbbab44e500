"""The one translation function for user-visible strings (Chinese source text).

Every string a user sees goes through `tr`, so `pyside6-lupdate` can collect them into a
translation file; the source language is Chinese.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "planeval"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate a user-visible string (returns it unchanged without a loaded translator)."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)
