"""The main window's pages by step key, each built the first time it is needed.

Building every page before the window shows cost most of the start (the report pages'
word-wrapped labels, the export page's signing code): a page is now made when its step
is first shown, or when something asks for it (a finding to jump to, print preview).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QStackedWidget, QWidget


class Pages(Mapping[str, QWidget]):
    """Step key -> page. Looking a page up builds it (once) and adds it to `stack`;
    `in`, iteration and len only look at the keys; `built()` lists the pages made so far."""

    def __init__(self, stack: QStackedWidget) -> None:
        self.stack = stack
        self._make: dict[str, Callable[[], QWidget]] = {}
        self._built: dict[str, QWidget] = {}

    def add(self, key: str, make: Callable[[], QWidget]) -> None:
        self._make[key] = make

    def __getitem__(self, key: str) -> QWidget:
        page = self._built.get(key)
        if page is None:
            page = self._make[key]()
            self._built[key] = page
            self.stack.addWidget(page)
        return page

    def __contains__(self, key: object) -> bool:
        return key in self._make

    def __iter__(self) -> Iterator[str]:
        return iter(self._make)

    def __len__(self) -> int:
        return len(self._make)

    def built(self) -> list[QWidget]:
        return list(self._built.values())
