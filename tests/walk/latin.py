"""Finding English in what a clerk sees: the text of every visible widget of a window."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

# Words a Chinese UI may show: key names, formats, products, units in the commission's data.
ALLOWED = {w.casefold() for w in (
    "GDP", "PM", "Excel", "WPS", "Word", "LibreOffice", "Office", "Ctrl", "Alt", "Shift",
    "Delete", "Enter", "Tab", "Backspace", "Esc", "Del", "Ins", "PgUp", "PgDown", "Home",
    "End", "Space", "USB", "MB", "KB", "GB", "xlsx", "xlsm", "docx", "zip", "eml", "p12",
    "pfx", "pem", "crt", "cer", "der", "csr", "pvkey", "pdf", "PDF", "png", "jpg", "md",
    "SHA", "CA", "AI", "IT", "R&D", "km", "kW", "MW", "kWh", "CO", "SO", "NO", "VOCs",
    "A", "B", "C", "D", "F1", "F2", "Z", "Y", "V", "X", "N", "O",
)}
WORD = re.compile(r"[A-Za-z][A-Za-z&]+")
ACRONYM = re.compile(r"[A-Z]{2,5}")  # GDP, ESP, PM: names and units in the commission's text
NOT_ACRONYMS = {"OK", "ON", "OFF", "NEW", "OPEN", "SAVE", "EDIT", "FILE", "HELP"}


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text


def latin_words(text: str) -> list[str]:
    """Latin words in `text` outside the allow-list; paths and file names are skipped."""
    found = []
    for token in _plain(text).split():
        if "/" in token or "\\" in token or "@" in token:
            continue  # a path or an address
        if re.search(r"\.[A-Za-z0-9]{2,5}\b", token) and not token.endswith("."):
            continue  # a file name
        found += [w for w in WORD.findall(token) if w.casefold() not in ALLOWED
                  and not (ACRONYM.fullmatch(w) and w not in NOT_ACRONYMS)]
    return found


def _view_texts(view: QAbstractItemView) -> list[str]:
    model, out = view.model(), []
    if model is None:
        return out
    root = QModelIndex()
    try:
        columns = min(model.columnCount(root), 30)
    except TypeError:  # a list model keeps columnCount private
        columns = 1
    rows = min(model.rowCount(root), 400)
    for col in range(columns):
        out.append(str(model.headerData(col, Qt.Orientation.Horizontal) or ""))
    rect = view.viewport().rect()
    for row in range(rows):
        for col in range(columns):
            index = model.index(row, col)
            if view.visualRect(index).intersects(rect):
                out.append(str(index.data() or ""))
    return out


def widget_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) for each visible piece of text in `top` and its children."""
    out = [("title", top.windowTitle())]
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisible() or w.objectName().endswith("_details"):
            continue  # hidden, or a 详情 area: where codes and ids belong, asked for
        name = f"{type(w).__name__}:{w.objectName()}"
        texts: list[str] = []
        if isinstance(w, QLabel):
            texts.append(w.text())
        elif isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText()]
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QComboBox):
            texts.append(w.currentText())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, (QMenuBar, QMenu)):
            texts += [a.text() for a in w.actions()]
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            texts.append(w.placeholderText())
            if w.isReadOnly():
                texts.append(w.toPlainText()[:5000])
        elif isinstance(w, QAbstractItemView):
            texts += _view_texts(w)
        out += [(name, t) for t in texts if t]
    return out


def problems(top: QWidget) -> list[str]:
    return [f"{where}: {words} in {text[:80]!r}" for where, text in widget_texts(top)
            if (words := latin_words(text))]
