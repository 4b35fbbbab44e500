"""A read-only list of text rows for lists that may run to thousands (model/view).

ListTable (lists.py) sizes every row to its text, which costs seconds at 10,000 rows; here
rows have one fixed height of a few lines, longer text ends in "…" and shows whole in the
tooltip (and, where a page wants it, in a detail area fed by `chosen`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex


class TextRowsModel(QAbstractTableModel):
    """Rows of strings; a row may carry a place, a cell a background colour."""

    def __init__(self, labels: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.rows: list[list[str]] = []
        self.places: list[Any] = []
        self.colours: dict[int, QBrush] = {}  # column -> its tint

    def set_rows(self, rows: Sequence[Sequence[str]], places: Sequence[Any] = (),
                 colours: dict[int, str] | None = None) -> None:
        """Show `rows`; `colours` tints a column (column -> colour) in every row."""
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.places = list(places) or [None] * len(self.rows)
        self.colours = {c: QBrush(QColor(v)) for c, v in (colours or {}).items()}
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.labels)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.labels[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.colours.get(index.column())
        return None


class TextRowsView(QTableView):
    """The view: rows `lines` text lines high, the last column stretching."""

    jump = Signal(object)  # the place of the double-clicked row
    chosen = Signal(int)  # the current row changed

    def __init__(self, name: str, labels: list[str], widths: tuple[int, ...], *,
                 lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.model_ = TextRowsModel(labels, self)
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * lines + 8)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)
        self.doubleClicked.connect(lambda index: self._jump(index.row()))
        self.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.chosen.emit(current.row()))

    def set_rows(self, rows: Sequence[Sequence[str]], places: Sequence[Any] = (),
                 colours: dict[int, str] | None = None) -> None:
        self.model_.set_rows(rows, places, colours)

    def row_count(self) -> int:
        return self.model_.rowCount()

    def texts(self) -> list[list[str]]:
        return [list(r) for r in self.model_.rows]

    def _jump(self, row: int) -> None:
        place = self.model_.places[row]
        if place is not None:
            self.jump.emit(place)
