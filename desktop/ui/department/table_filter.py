"""Search and filter over a table: rows containing some text, or only rows still open."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop.ui.department.table_model import AnswerTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
HEADER_LINE = 6  # characters per header line: long titles wrap instead of being clipped


def wrap_title(title: str, width: int = HEADER_LINE) -> str:
    """"预计到规划期末完成数" -> "预计到规划\n期末完成数": two balanced lines."""
    if len(title) <= width:
        return title
    half = (len(title) + 1) // 2
    return title[:half] + "\n" + title[half:]


class RowFilter(QSortFilterProxyModel):
    """Keeps a row when it contains the search text in any column and, with `open_only`,
    when it is still missing something or has an open finding. A heading stays while one
    of its sub-rows stays, so sub-rows keep their context."""

    def __init__(self, source: AnswerTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setSourceModel(source)
        self.setDynamicSortFilter(False)  # a row being typed in must not vanish under the cursor
        self._text = ""
        self._open_only = False
        self._kept: set[int] | None = None
        rows = source.rows
        self._headings = {rows[i].number: i for i in range(len(rows)) if source.is_heading(i)}
        self._children: dict[str, list[int]] = {}
        for i, r in enumerate(rows):
            if r.parent in self._headings:
                self._children.setdefault(r.parent, []).append(i)
        # each row's text in every column, casefolded: searched instead of asking every
        # cell again on each keystroke; a row's entry is dropped when its cells change
        self._folded: list[str | None] = [None] * len(rows)
        source.dataChanged.connect(self._cells_changed)

    def set_filter(self, text: str, open_only: bool) -> None:
        """Show rows containing `text` (any column) and, with `open_only`, only open rows."""
        self._text = text.strip().casefold()
        self._open_only = open_only
        self._refilter()

    @property
    def active(self) -> bool:
        return bool(self._text or self._open_only)

    def shown_rows(self) -> list[int]:
        """The source rows the view shows, in view order."""
        if self._kept is None:
            return list(range(self.source.rowCount()))
        return sorted(self._kept)

    def _refilter(self) -> None:
        self._kept = self._compute() if self.active else None
        # One layout change: filtering by row ranges would announce every hidden run of
        # rows separately (thousands of signals, quadratic in the view at 11k rows).
        self.invalidate()

    def _compute(self) -> set[int]:
        rows = self.source.rows
        kept: set[int] = set()
        headings = self._headings
        text = self._text
        opened = self.source.open_rows() if self._open_only else None
        for i, r in enumerate(rows):
            if r.number in headings or (opened is not None and r.number not in opened):
                continue
            if text and not self._text_in(i):
                continue
            kept.add(i)
            if r.parent in headings:
                kept.add(headings[r.parent])
        if not self._open_only:  # a heading matching the text keeps its sub-rows too
            for number, i in headings.items():
                if self._text_in(i):
                    kept.add(i)
                    kept.update(self._children.get(number, ()))
        return kept

    def _text_in(self, row: int) -> bool:
        folded = self._folded[row]
        if folded is None:
            folded = self._folded[row] = self.source.search_text(row).casefold()
        return self._text in folded

    def _cells_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                       roles: list[int] | None = None) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return  # only a tint changed
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._folded[row] = None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None  # the source has nothing else (asked per section, per role)
        value = super().headerData(section, orientation, role)
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and isinstance(value, str)):
            return wrap_title(value)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.source.headerData(section, orientation)
        return value

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        return self._kept is None or source_row in self._kept

    # -- conveniences in view rows ------------------------------------------------------

    def row_of(self, number: str) -> int:
        """The view row showing row `number` (-1 when it is filtered out)."""
        return self.mapFromSource(self.source.index(self.source.row_of(number), 0)).row()

    def column_of(self, column_id: str) -> int:
        return self.source.column_of(column_id)
