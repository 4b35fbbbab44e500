"""The problems panel: every finding, live; click one to go to its cell or section.

A warning can be accepted from here with a written reason (stored in the workspace and
shown as accepted); errors must be fixed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.validation import Finding
from desktop.department.notes import COMMENT_RULE
from desktop.ui.department.findings import FindingsStore
from desktop.ui.i18n import tr

AnyIndex = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole
ERROR_COLOR, WARNING_COLOR, ACCEPTED_COLOR = QColor("#d0453b"), QColor("#e39a12"), QColor("#8a8a8a")
AskReason = Callable[[Finding, QWidget], str | None]  # None = cancelled


def tag(f: Finding) -> str:
    if f.blocking:
        return tr("错误")
    return tr("已说明") if f.accepted else tr("警告")


def counts_text(store: FindingsStore) -> str:
    errors, warnings, accepted = store.counts()
    text = tr("错误 %1　警告 %2").replace("%1", str(errors)).replace("%2", str(warnings))
    if accepted:
        text += tr("（另有 %1 条警告已说明理由）").replace("%1", str(accepted))
    return text


class FindingListModel(QAbstractListModel):
    """The store's findings as a flat list. An edit changes one row's findings, so only
    that row's span is replaced, found by bisecting the items' row positions (neither a
    reset, which would relayout 20k items, nor a rebuild of the whole list per edit)."""

    updated = Signal()

    def __init__(self, store: FindingsStore, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self._items: list[Finding] = []
        self._at: list[int] = []  # store.position of each item's row, ascending
        self._generation = -1
        self._pending: set[tuple[str, str]] = set()
        store.row_changed.connect(lambda table, number: self._pending.add((table, number)))
        store.changed.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        if self._generation != self.store.generation:
            self._generation = self.store.generation
            self._sync_all()
        else:
            for key in sorted(self._pending, key=lambda k: self.store.position(*k)):
                self._splice(key)
        self._pending.clear()
        self.updated.emit()

    def _splice(self, key: tuple[str, str]) -> None:
        """Replace one row's findings, announcing only the items that differ."""
        at = self.store.position(*key)
        lo, hi = bisect_left(self._at, at), bisect_right(self._at, at)
        new = self.store.of_row(*key)
        self._replace(lo, hi, new, [at] * len(new))

    def _sync_all(self) -> None:
        self._replace(0, len(self._items), self.store.all(), self.store.all_positions())

    def _replace(self, lo: int, hi: int, new: list[Finding], positions: list[int]) -> None:
        """Items lo..hi become `new`, whose positions are `positions`."""
        old = self._items[lo:hi]
        start, n = 0, min(len(old), len(new))
        while start < n and old[start] == new[start]:
            start += 1
        end_old, end_new = len(old), len(new)
        while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
            end_old -= 1
            end_new -= 1
        if end_old - start == end_new - start:  # same count: the items changed in place
            self._items[lo:hi], self._at[lo:hi] = new, positions
            if end_new > start:
                self.dataChanged.emit(self.index(lo + start), self.index(lo + end_new - 1))
            return
        if end_old > start:
            self.beginRemoveRows(QModelIndex(), lo + start, lo + end_old - 1)
            del self._items[lo + start:lo + end_old], self._at[lo + start:lo + end_old]
            self.endRemoveRows()
        if end_new > start:
            self.beginInsertRows(QModelIndex(), lo + start, lo + end_new - 1)
            self._items[lo + start:lo + start] = new[start:end_new]
            self._at[lo + start:lo + start] = positions[start:end_new]
            self.endInsertRows()
        self._items[lo:lo + len(new)], self._at[lo:lo + len(new)] = new, positions

    def finding(self, row: int) -> Finding:
        return self._items[row]

    def row_of_key(self, key: str) -> int:
        return next((i for i, f in enumerate(self._items) if f.key == key), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self._items[index.row()]
        R = Qt.ItemDataRole
        if role == R.DisplayRole:
            text = f"【{tag(f)}】{f.message}"
            return text + tr("　理由：%1").replace("%1", f.accepted) if f.accepted else text
        if role == R.ToolTipRole:
            return f.message
        if role == R.ForegroundRole:
            color = ERROR_COLOR if f.blocking else (ACCEPTED_COLOR if f.accepted else None)
            return QBrush(color) if color else None
        if role == R.DecorationRole:
            return ERROR_COLOR if f.blocking else (ACCEPTED_COLOR if f.accepted else WARNING_COLOR)
        if role == FINDING_ROLE:
            return f.key
        return None


def finding_view(model: FindingListModel, parent: QWidget, name: str) -> QTableView:
    """A one-column table as the list: unlike QListView it does not lay out all 20k
    items again after each edit (its rows are fixed-height header sections)."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.horizontalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setIconSize(QSize(10, 10))
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    return view


def ask_reason_dialog(f: Finding, parent: QWidget) -> str | None:
    """The warning (wrapped, however long), a box for the reason, 确定 and 取消."""
    dialog = QDialog(parent)
    dialog.setObjectName("accept_warning")
    dialog.setWindowTitle(tr("说明理由后接受警告"))
    message = QLabel(f.message, dialog)
    message.setWordWrap(True)
    prompt = QLabel(tr("请写明为什么数据与结论看似不符但仍然正确（将随数据一并报送）："), dialog)
    prompt.setWordWrap(True)
    edit = QPlainTextEdit(f.accepted, dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for w in (message, prompt, edit, buttons):
        layout.addWidget(w)
    dialog.resize(560, 320)
    try:
        return edit.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class ProblemsPanel(QDockWidget):
    """A dock listing the findings; emits `jump` with the finding clicked."""

    jump = Signal(object)  # Finding
    accept_requested = Signal(str, str)  # key, reason
    answer_requested = Signal(object)  # the commission's comment (a Finding) to answer

    def __init__(self, model: FindingListModel, parent: QWidget | None = None, *,
                 ask_reason: AskReason = ask_reason_dialog) -> None:
        super().__init__(tr("问题"), parent)
        self.setObjectName("problems")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.model, self.ask_reason = model, ask_reason
        self.setTitleBarWidget(QWidget(self))  # the summary line says what this is
        body = QWidget(self)
        self.body = body
        self.summary = QLabel(body)
        self.view = finding_view(model, body, "problem_list")
        self.toggle = QToolButton(body)
        self.toggle.setObjectName("problems_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle.toggled.connect(self.set_expanded)
        self.accept_button = QPushButton(tr("说明理由并接受此警告…"), body)
        self.accept_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.toggle)
        top.addWidget(self.accept_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._selection())
        self.accept_button.clicked.connect(self.accept_current)
        model.updated.connect(self._restore)
        self.set_expanded(False)
        self._update_summary()

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        """Show the list, or only the summary line (the list takes no room while empty)."""
        expanded = expanded and self.model.rowCount() > 0
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # comes back here through `toggled`
            return
        self.view.setVisible(expanded)
        self.accept_button.setVisible(expanded)
        self.toggle.setText(tr("收起列表 ▾") if expanded else tr("展开列表 ▴"))
        if expanded:
            self.body.setMaximumHeight(16777215)
            self.setMinimumHeight(120)
        else:
            self.setMinimumHeight(0)
            self.body.setMaximumHeight(self.body.layout().itemAt(0).sizeHint().height() + 6)

    def _update_summary(self) -> None:
        empty = self.model.rowCount() == 0
        self.summary.setText(tr("问题：没有需要处理的问题。") if empty
                             else tr("问题：") + counts_text(self.model.store)
                             + tr("　点击一条即可跳到对应位置。"))
        self.toggle.setVisible(not empty)
        if empty and self.expanded:
            self.set_expanded(False)

    def current(self) -> Finding | None:
        index = self.view.currentIndex()
        return self.model.finding(index.row()) if index.isValid() else None

    def _selection(self) -> None:
        f = self.current()
        if f is not None and f.rule == COMMENT_RULE:
            self.accept_button.setEnabled(True)
            self.accept_button.setText(tr("答复区发改委的意见…"))
            return
        self.accept_button.setEnabled(f is not None and not f.blocking)
        self.accept_button.setText(tr("修改接受理由…") if f is not None and f.accepted
                                   else tr("说明理由并接受此警告…"))

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.jump.emit(self.model.finding(index.row()))

    def accept_current(self) -> None:
        f = self.current()
        if f is not None and f.rule == COMMENT_RULE:
            self.answer_requested.emit(f)
            return
        if f is None or f.blocking:
            return
        reason = self.ask_reason(f, self)
        if reason is not None:
            self.accept_requested.emit(f.key, reason.strip())

    def _restore(self) -> None:
        self._update_summary()
        self._selection()
