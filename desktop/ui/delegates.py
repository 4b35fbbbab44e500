"""Item delegates: the conclusion picker, showing what each grade means."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui.guidance import grade_label
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
