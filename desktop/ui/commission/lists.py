"""A read-only list with columns whose long Chinese text wraps (findings, comments, results)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

PLACE_ROLE = Qt.ItemDataRole.UserRole


class ListTable(QTableWidget):
    """Rows of text, the last column stretching; a row may carry a place to jump to."""

    jump = Signal(object)  # the place given with the double-clicked row

    def __init__(self, name: str, labels: list[str], widths: tuple[int, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(0, len(labels), parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(labels)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionResized.connect(lambda *_: self.resizeRowsToContents())
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)
        self.cellDoubleClicked.connect(lambda row, _col: self._jump(row))

    def add(self, values: list[str], *, place: Any = None, colour: str = "",
            coloured: int = 0) -> int:
        """Append a row; `colour` tints column `coloured`. Returns the row."""
        row = self.rowCount()
        self.insertRow(row)
        for col, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if col == 0:
                item.setData(PLACE_ROLE, place)
            if colour and col == coloured:
                item.setBackground(QBrush(QColor(colour)))
            self.setItem(row, col, item)
        self.resizeRowToContents(row)
        return row

    def clear_rows(self) -> None:
        self.setRowCount(0)

    def texts(self) -> list[list[str]]:
        return [[self.item(r, c).text() for c in range(self.columnCount())]
                for r in range(self.rowCount())]

    def _jump(self, row: int) -> None:
        place = self.item(row, 0).data(PLACE_ROLE)
        if place is not None:
            self.jump.emit(place)
