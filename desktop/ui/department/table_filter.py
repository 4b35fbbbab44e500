"""Search and filter over a table: rows containing some text, or only rows still open."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop.ui.department.table_model import AnswerTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_END = "\x00"  # between rows' texts in the joined text a search looks through
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
        self._heading_rows = set(self._headings.values())
        self._children: dict[str, list[int]] = {}
        for i, r in enumerate(rows):
            if r.parent in self._headings:
                self._children.setdefault(r.parent, []).append(i)
        # Every row's text (search_text) kept and joined into one string a search runs
        # str.find over: no Python per row on a keystroke. Casefolded as well when a search
        # has letters with case (Chinese has none: folding 11k rows costs ~50 ms). A row
        # whose cells change is read again, and the joined text rebuilt, on the next search.
        self._texts: list[str | None] | None = None
        self._joined: str | None = None
        self._folded: str | None = None
        source.dataChanged.connect(self._cells_changed)

    def set_filter(self, text: str, open_only: bool) -> None:
        """Show rows containing `text` (any column) and, with `open_only`, only open rows."""
        self._text = text.replace(ROW_END, "").strip().casefold()
        self._open_only = open_only
        self._refilter()

    def prepare(self) -> None:
        """Read every row's text now (on the first keystroke of a search, while the clerk
        types on), so the search once typing pauses only looks through it."""
        self._joined_text()

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
        rows, headings, heading_rows = self.source.rows, self._headings, self._heading_rows
        if self._open_only:
            candidates: Iterable[int] = [
                i for i in self.source.rows_of(self.source.open_rows()) if i not in heading_rows]
            if self._text:
                candidates = sorted(set(candidates).intersection(self._rows_with_text()))
        else:
            candidates = self._rows_with_text()
        kept: set[int] = set()
        for i in candidates:
            if i in heading_rows:  # a heading matching the text keeps its sub-rows too
                kept.add(i)
                kept.update(self._children.get(rows[i].number, ()))
                continue
            kept.add(i)
            parent = rows[i].parent
            if parent in headings:
                kept.add(headings[parent])
        return kept

    def _rows_with_text(self) -> list[int]:
        """The rows whose text contains the search text, in order."""
        text = self._text
        joined = self._joined_text()
        if text.swapcase() != text:  # letters with case: look through the casefolded text
            if self._folded is None:
                self._folded = joined.casefold()
            joined = self._folded
        found: list[int] = []
        row = pos = 0
        while (hit := joined.find(text, pos)) >= 0:
            row += joined.count(ROW_END, pos, hit)
            found.append(row)
            pos = joined.find(ROW_END, hit)  # on to the next row
            if pos < 0:
                break
        return found

    def _joined_text(self) -> str:
        if self._joined is None:
            texts = self._texts
            if texts is None:
                texts = self._texts = list(self.source.search_texts())
            else:
                for row, text in enumerate(texts):
                    if text is None:
                        texts[row] = self.source.search_text(row)
            self._joined = ROW_END.join(texts)  # type: ignore[arg-type]
            self._folded = None
        return self._joined

    def _cells_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                       roles: list[int] | None = None) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return  # only a tint changed
        if self._texts is not None:
            for row in range(top_left.row(), bottom_right.row() + 1):
                self._texts[row] = None
            self._joined = None

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
