"""A Qt table model over one of the department's tables: assignment columns, then answers.

Assignment columns are read-only (greyed); answer columns write through to the workspace
on every edit (through the context's Editor, so they can be undone). Cells with a finding
are tinted (errors red, warnings amber) and carry its message as a tooltip. A row that
was split into sub-rows is shown as a read-only heading with its sub-rows indented
beneath it; only answerable rows take answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.division import answerable
from desktop.core.form import Column, TableSpec
from desktop.core.model import Row
from desktop.core.validation import Finding
from desktop.ui.department.context import UiContext
from desktop.ui.department.findings import FindingsStore
from desktop.ui.department.guidance import grade_label
from desktop.ui.i18n import tr

NUMBER = "number"
ROW_ATTRIBUTES = ("group", "category")  # assignment columns a Row has as attributes
NO_ANSWERS: dict[str, str] = {}
INDENT = "\u3000\u3000"  # two ideographic spaces
READ_ONLY_BG = QBrush(QColor("#f0f0f0"))
HEADING_BG = QBrush(QColor("#e2e6ea"))
MISSING_BG = QBrush(QColor("#fdeeee"))  # a required cell still empty: a pale reminder
ERROR_BG = QBrush(QColor("#f7c6c6"))
WARNING_BG = QBrush(QColor("#ffe3a3"))
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ModelColumn:
    id: str
    title: str
    answer: bool
    choices: tuple[str, ...] = ()
    kind: str = "text"  # the form's kind: text, figure or choice


def assignment_value(row: Row, column_id: str) -> str:
    """An assignment column's text: from the row's fields, else its group/category."""
    if column_id == NUMBER:
        return str(row.number)
    if column_id in row.fields:
        return row.fields[column_id]
    if column_id in ROW_ATTRIBUTES:
        return getattr(row, column_id)
    return ""


def choice_of(text: str, choices: tuple[str, ...]) -> str | None:
    """The choice `text` names: "b", "B 进展良好…" or the grade's words; else None."""
    folded = text.strip().casefold()
    for c in choices:
        label = grade_label(c).casefold()
        if folded in (c.casefold(), label) or folded.startswith(c.casefold() + " "):
            return c
        if len(label) > len(c) and folded == label[len(c):].strip():
            return c
    return None


class AnswerTableModel(QAbstractTableModel):
    """The rows of one table (e.g. "indicators") with the form's columns."""

    def __init__(self, ctx: UiContext, spec: TableSpec, parent: Any = None, *,
                 findings: FindingsStore | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self.findings = findings
        self.columns = self._columns(spec)
        self.rows: tuple[Row, ...] = tuple(ctx.ws.rows(spec.id))
        self._row_index = {r.number: i for i, r in enumerate(self.rows)}
        self._heading_font = QFont()
        self._heading_font.setBold(True)
        self._answerable = {r.number for r in answerable(self.rows)}
        numbers = {r.number for r in self.rows}
        self._indented = {r.number for r in self.rows if r.parent}
        self._headings = numbers - self._answerable
        self._fixed_texts: list[str] | None = None  # see _assignment_texts
        self._answer_ids = [c.id for c in self.columns if c.answer]
        stored = (findings.answers if findings is not None else ctx.ws.answers()).get(spec.id, {})
        self._answers: dict[str, dict[str, str]] = {  # answered rows only
            n: dict(v) for n, v in stored.items() if n in numbers}
        ctx.saved.connect(self._saved)
        if findings is not None:
            findings.row_changed.connect(self._findings_changed)
            findings.merged.connect(self._all_findings_changed)

    @staticmethod
    def _columns(spec: TableSpec) -> tuple[ModelColumn, ...]:
        def col(c: Column, answer: bool) -> ModelColumn:
            return ModelColumn(c.id, c.title, answer, c.choices, c.kind)
        return ((ModelColumn(NUMBER, tr("序号"), False),)
                + tuple(col(c, False) for c in spec.assignment_columns)
                + tuple(col(c, True) for c in spec.answer_columns))

    # -- queries the page and tests use -------------------------------------------

    def column_of(self, column_id: str) -> int:
        for i, c in enumerate(self.columns):
            if c.id == column_id:
                return i
        raise KeyError(column_id)

    def row_of(self, number: str) -> int:
        return self._row_index[number]

    def rows_of(self, numbers: Iterable[str]) -> list[int]:
        """The rows of `numbers` in table order (numbers not in this table left out)."""
        index = self._row_index
        return sorted(index[n] for n in numbers if n in index)

    def answers_of(self, number: str) -> dict[str, str]:
        return dict(self._answers.get(number, {}))

    def finding(self, row: int, col: int) -> Finding | None:
        if self.findings is None:
            return None
        return self.findings.of_cell(self.spec.id, self.rows[row].number, self.columns[col].id)

    def open_rows(self) -> set[str]:
        """The numbers of the rows with an open finding (headings have none of their own)."""
        return set() if self.findings is None else self.findings.open_rows(self.spec.id)

    def is_heading(self, row: int) -> bool:
        return self.rows[row].number in self._headings

    def runs(self, column_id: str) -> list[tuple[int, int]]:
        """(first row, length) of each run of equal, non-empty values: cells to merge."""
        out: list[tuple[int, int]] = []
        start = 0
        values = [assignment_value(r, column_id) for r in self.rows]
        for i in range(1, len(values) + 1):
            if i == len(values) or values[i] != values[start]:
                if values[start] and i - start > 1:
                    out.append((start, i - start))
                start = i
        return out

    def text(self, row: int, col: int) -> str:
        r, c = self.rows[row], self.columns[col]
        if c.answer:
            return self._answers.get(r.number, {}).get(c.id, "")
        value = assignment_value(r, c.id)
        if c.id in ("name", "content") and r.number in self._indented:
            return INDENT + value
        return value

    def search_text(self, row: int) -> str:
        """Every column's text() of a row, one a line: what a search looks through."""
        return self._assignment_texts()[row] + self._answer_text(self.rows[row].number)

    def search_texts(self) -> list[str]:
        """search_text() of every row, built column by column (the first search reads all
        rows: 11k at 100x)."""
        given = [self._answers.get(r.number, NO_ANSWERS) for r in self.rows]
        answers = [[a.get(c, "") for a in given] for c in self._answer_ids]
        return ["\n".join(cells) for cells in zip(self._assignment_texts(), *answers, strict=True)]

    def _answer_text(self, number: str) -> str:
        given = self._answers.get(number, NO_ANSWERS)
        return "".join(["\n" + given.get(c, "") for c in self._answer_ids])

    def _assignment_texts(self) -> list[str]:
        """Each row's assignment columns' text, as text() gives it (read-only: built once,
        when first searched)."""
        if self._fixed_texts is None:
            rows = self.rows
            fields = [r.fields for r in rows]
            indented = [r.number in self._indented for r in rows]
            columns = []
            for c in (c.id for c in self.columns if not c.answer):
                if c == NUMBER:
                    values = [str(r.number) for r in rows]
                elif c in ROW_ATTRIBUTES:
                    values = [f[c] if c in f else getattr(r, c)
                              for f, r in zip(fields, rows, strict=True)]
                else:
                    values = [f.get(c, "") for f in fields]
                if c in ("name", "content"):
                    values = [INDENT + v if i else v for v, i in zip(values, indented, strict=True)]
                columns.append(values)
            self._fixed_texts = ["\n".join(cells) for cells in zip(*columns, strict=True)]
        return self._fixed_texts

    def cell_name(self, row: int, col: int) -> str:
        """"4.1 “评估结论”": how a message names a cell."""
        return f"{self.rows[row].number} “{self.columns[col].title}”"

    def value_for(self, row: int, col: int, text: str) -> tuple[str | None, str]:
        """What pasting or typing `text` would store, or None and why the cell refuses it."""
        if not self.flags(self.index(row, col)) & Qt.ItemFlag.ItemIsEditable:
            return None, tr("该格不由本单位填写")
        text = text.strip()
        choices = self.columns[col].choices
        if not choices or not text:
            return text, ""
        picked = choice_of(text, choices)
        if picked is None:
            return None, tr("应为 %1 之一").replace("%1", "、".join(choices))
        return picked, ""

    def set_cells(self, cells: list[tuple[int, int, str]]) -> bool:
        """Save several cells as one undo step (values already checked with value_for)."""
        items = [(self.spec.id, self.rows[r].number, self.columns[c].id, v) for r, c, v in cells
                 if v != self.text(r, c)]
        return self.ctx.set_answers(items) if items else True

    # -- Qt overrides ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.columns[section].title
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        c = self.columns[col]
        R = Qt.ItemDataRole
        if role in (R.DisplayRole, R.EditRole):
            return self.text(row, col)
        if role == R.ToolTipRole:
            found = self.finding(row, col) if c.answer else None
            text = self.text(row, col).strip()
            if c.choices and text:
                text = grade_label(text)
            if found is not None:
                return f"{text}\n\n{found.message}" if text else found.message
            return text or None
        if role == R.BackgroundRole:
            if self.is_heading(row):
                return HEADING_BG
            if not c.answer:
                return READ_ONLY_BG
            return self._tint(self.finding(row, col))
        if role == R.FontRole and self.is_heading(row):
            return self._heading_font
        if role == R.TextAlignmentRole:
            if c.id == NUMBER or c.choices:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].answer and not self.is_heading(index.row()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index)
                                                   & Qt.ItemFlag.ItemIsEditable):
            return False
        c, r = self.columns[index.column()], self.rows[index.row()]
        text = "" if value is None else str(value).strip()
        if text == self._answers.get(r.number, {}).get(c.id, ""):
            return True
        return self.ctx.set_answer(self.spec.id, r.number, c.id, text)  # -> _saved

    # -- reacting to saves and findings -----------------------------------------------

    @staticmethod
    def _tint(found: Finding | None) -> QBrush | None:
        if found is None:
            return None
        if not found.blocking:
            return WARNING_BG
        return MISSING_BG if found.rule in ("required", "required-when") else ERROR_BG

    def _saved(self, table: str, number: str, field: str) -> None:
        """A cell was saved (an edit here, or undo/redo anywhere): show the stored value."""
        if table != self.spec.id or number not in self._row_index:
            return
        self._answers.setdefault(number, {})[field] = self.ctx.answer(table, number, field)
        try:
            index = self.index(self._row_index[number], self.column_of(field))
        except KeyError:
            return
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])

    def _findings_changed(self, table: str, number: str) -> None:
        if table == self.spec.id and number in self._row_index:
            row = self._row_index[number]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    def _all_findings_changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])
