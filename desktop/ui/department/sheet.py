"""The table view with the habits clerks bring from Excel and WPS.

Ctrl+C copies the selected block as tab-separated text; Ctrl+V pastes a block copied from
a spreadsheet into the answer columns (each cell checked, refused cells named, one undo
step); Delete or Backspace clears the selection; Ctrl+D fills down; Enter moves down,
also after typing in a cell; a letter in a choice column (A–D) sets it. Row heights are
capped and never change under the mouse when an answer is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QTableView,
    QWidget,
)

from desktop.ui.department.clipboard import format_block, parse_block
from desktop.ui.department.table_filter import RowFilter
from desktop.ui.department.table_model import AnswerTableModel
from desktop.ui.i18n import tr

MAX_LINES = 3  # a row shows at most this many lines; the whole text is in the tooltip
NAMED = 5  # refused cells named in a message; the rest counted
Cell = tuple[int, int]  # view row, column


class SheetView(QTableView):
    """`notice` carries a Chinese message about a paste, clear or fill and whether all went in."""

    notice = Signal(str, bool)

    def __init__(self, proxy: RowFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.setModel(proxy)
        self.max_lines = MAX_LINES

    @property
    def source(self) -> AnswerTableModel:
        return self.proxy.source

    # -- row heights --------------------------------------------------------------------

    def sizeHintForRow(self, row: int) -> int:  # noqa: N802 (Qt override)
        cap = self.fontMetrics().lineSpacing() * self.max_lines + 10
        return min(super().sizeHintForRow(row), cap)

    # -- keys ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            self.clear_selection()
        elif key == Qt.Key.Key_D and mods == Qt.KeyboardModifier.ControlModifier:
            self.fill_down()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                plain or mods == Qt.KeyboardModifier.ShiftModifier):
            self.move_rows(-1 if mods == Qt.KeyboardModifier.ShiftModifier else 1)
        elif plain and self._choose(event.text()):
            pass
        else:
            super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt override)
        """Chinese committed by an input method (fcitx, Sogou) into a cell not yet being
        edited opens the editor and arrives there whole. Qt itself handles a composition
        that starts with pre-edit text; a bare commit would otherwise be lost."""
        index = self.currentIndex()
        if (self.state() == QAbstractItemView.State.EditingState or not index.isValid()
                or not event.commitString() or event.preeditString()):
            super().inputMethodEvent(event)
            return
        if not self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event):
            event.ignore()
            return
        editor = next((w for w in self.viewport().findChildren(
            QWidget, "", Qt.FindChildOption.FindDirectChildrenOnly) if w.isVisible()), None)
        if editor is None:
            return
        if isinstance(editor, QLineEdit):
            editor.selectAll()  # typing into a cell replaces it, as in a spreadsheet
        forwarded = QInputMethodEvent("", [])
        forwarded.setCommitString(event.commitString())
        QCoreApplication.sendEvent(editor, forwarded)
        event.accept()

    def closeEditor(self, editor: QWidget,  # noqa: N802 (Qt override)
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter in the editor
            self.move_rows(1)

    def move_rows(self, delta: int) -> None:
        current = self.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        if 0 <= row < self.proxy.rowCount():
            index = self.proxy.index(row, max(current.column(), 0))
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _choose(self, text: str) -> bool:
        """A letter typed in a choice column sets the choice (no drop-down needed)."""
        index = self.currentIndex()
        if not index.isValid() or len(text) != 1 or not text.isalpha():
            return False
        src = self.proxy.mapToSource(index)
        if not self.source.columns[src.column()].choices:
            return False
        value, why = self.source.value_for(src.row(), src.column(), text)
        if value is None:
            self.notice.emit(f"{self.source.cell_name(src.row(), src.column())}：{why}", False)
            return True
        self.source.set_cells([(src.row(), src.column(), value)])
        return True

    # -- blocks -------------------------------------------------------------------------

    def _selected(self) -> list[Cell]:
        cells = sorted({(i.row(), i.column()) for i in self.selectedIndexes()})
        if not cells and self.currentIndex().isValid():
            cells = [(self.currentIndex().row(), self.currentIndex().column())]
        return cells

    def _source_cell(self, row: int, col: int) -> Cell:
        src = self.proxy.mapToSource(self.proxy.index(row, col))
        return src.row(), src.column()

    def copy_selection(self) -> str:
        """Put the selected block on the clipboard as a spreadsheet would; return the text."""
        cells = self._selected()
        if not cells:
            return ""
        rows = range(min(r for r, _ in cells), max(r for r, _ in cells) + 1)
        cols = range(min(c for _, c in cells), max(c for _, c in cells) + 1)
        chosen = set(cells)
        block = [[self.source.text(*self._source_cell(r, c)) if (r, c) in chosen else ""
                  for c in cols] for r in rows]
        text = format_block(block)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste_text(self, text: str) -> int:
        """Paste a block at the selection's top-left (one value fills every selected cell);
        return how many cells were set."""
        block = parse_block(text)
        cells = self._selected()
        if not block or not cells:
            return 0
        top, left = cells[0][0], min(c for _, c in cells)
        if len(block) == 1 and len(block[0]) == 1 and len(cells) > 1:
            targets = [(r, c, block[0][0]) for r, c in cells]
        else:
            targets = [(top + i, left + j, value) for i, line in enumerate(block)
                       for j, value in enumerate(line)]
        return self._write(targets, tr("已粘贴 %1 格"))

    def clear_selection(self) -> int:
        editable = [(r, c, "") for r, c in self._selected()
                    if self.source.value_for(*self._source_cell(r, c), "")[0] is not None]
        return self._write(editable, tr("已清空 %1 格"), quiet=True)

    def fill_down(self) -> int:
        """Copy the top selected cell of each column into the selected cells below it."""
        cells = self._selected()
        targets = []
        for col in sorted({c for _, c in cells}):
            rows = [r for r, c in cells if c == col]
            value = self.source.text(*self._source_cell(rows[0], col))
            targets += [(r, col, value) for r in rows[1:]]
        return self._write(targets, tr("已向下填充 %1 格"))

    def _write(self, targets: list[tuple[int, int, str]], done: str, *,
               quiet: bool = False) -> int:
        """Check every target cell, save the accepted ones as one step, say what happened."""
        accepted: list[tuple[int, int, str]] = []
        refused: list[str] = []
        for row, col, text in targets:
            if not (0 <= row < self.proxy.rowCount() and 0 <= col < self.proxy.columnCount()):
                refused.append(tr("超出表格范围"))
                continue
            r, c = self._source_cell(row, col)
            value, why = self.source.value_for(r, c, text)
            if value is None:
                refused.append(f"{self.source.cell_name(r, c)}：{why}")
            else:
                accepted.append((r, c, value))
        if accepted and not self.source.set_cells(accepted):
            return 0  # the save failure is reported by the window
        message = done.replace("%1", str(len(accepted)))
        if accepted:
            message += tr("（可按 Ctrl+Z 一次撤销）")
        if refused:
            message += tr("；%1 格未填入：").replace("%1", str(len(refused)))
            message += "；".join(dict.fromkeys(refused[:NAMED]))
            if len(refused) > NAMED:
                message += "……"
        if refused or not quiet:
            self.notice.emit(message, not refused)
        return len(accepted)

    def current_source(self) -> QModelIndex:
        return self.proxy.mapToSource(self.currentIndex())
