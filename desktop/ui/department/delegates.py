"""Item delegates: the conclusion picker (showing what each grade means) and a multi-line
box for long answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.ui.department.guidance import grade_label
from desktop.ui.i18n import tr

AnyIndex = QModelIndex | QPersistentModelIndex
Suggest = Callable[[AnyIndex], str | None]  # the grade the row's numbers point to
VALUE_ROLE = Qt.ItemDataRole.UserRole


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell by picking one of `choices` (or blank); commits as soon as one is picked.

    Items read "B 进展良好、可以如期完成" (the stored value is the letter); with `suggest`,
    the grade the numbers point to is marked.
    """

    def __init__(self, choices: tuple[str, ...], parent: Any = None, *,
                 suggest: Suggest | None = None) -> None:
        super().__init__(parent)
        self.choices = ("",) + tuple(choices)
        self.suggest = suggest

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        combo = QComboBox(parent)
        suggested = self.suggest(index) if self.suggest else None
        for value in self.choices:
            label = grade_label(value) if value else tr("（未选）")
            if value and value == suggested:
                label += tr("  ← 数据建议")
            combo.addItem(label, value)
            tip = label if value else tr("清空本格")
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        combo.setMinimumContentsLength(12)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        combo.setToolTip(tr("评估结论：A 进展超前、可以提前完成；B 进展良好、可以如期完成；"
                            "C 进展较慢、需要加快推进；D 情况变化、难以完成"))
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: AnyIndex) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 72), min(rect.height(), 30))


class _LongTextEditor(QPlainTextEdit):
    """Enter saves (as in a spreadsheet); Alt+Enter or Shift+Enter starts a new line."""

    finished = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            newline = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
            if event.modifiers() & newline:
                self.insertPlainText("\n")
            else:
                self.finished.emit()
            return
        super().keyPressEvent(event)


class LongTextDelegate(QStyledItemDelegate):
    """Long answers (推进情况, 原因, 调整意见) in a taller box that takes several lines."""

    MIN_HEIGHT = 96

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: AnyIndex) -> QWidget:
        editor = _LongTextEditor(parent)
        editor.setTabChangesFocus(True)
        editor.setToolTip(tr("回车保存；Alt+回车 或 Shift+回车 换行"))
        editor.finished.connect(lambda: self._commit(editor))
        return editor

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)  # SubmitModelCache: Enter, so the view moves down
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.SubmitModelCache)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        if not editor.toPlainText():  # a key that opened the editor may have typed already
            editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.moveCursor(QTextCursor.MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: AnyIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: AnyIndex) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        editor.setGeometry(rect.x(), rect.y(), rect.width(), max(rect.height(), self.MIN_HEIGHT))
