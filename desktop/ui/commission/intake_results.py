"""The intake's result list as a model: file, outcome, unit, stage, reason.

A model rather than a QTableWidget because hundreds of outcomes arrive while the worker
holds the GIL most of the time: a batch is one insert, not a score of Qt calls per row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.commission.intake import Outcome
from desktop.ui.i18n import tr

AnyIndex = QModelIndex | QPersistentModelIndex
HEAD = ("文件", "结果", "单位", "阶段", "原因或说明")
OUTCOME_BG = {"rejected": QColor("#f7c6c6"), "received": QColor("#d4edda"),
              "superseded": QColor("#e2e6ea"), "duplicate": QColor("#fff3cd")}
REVIEWABLE = ("received", "superseded")
SHA_ROLE = Qt.ItemDataRole.UserRole


class ResultsModel(QAbstractTableModel):
    """Every outcome of this session's intakes, in order."""

    def __init__(self, stage_titles: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.stage_titles = stage_titles
        self.outcomes: list[Outcome] = []

    def extend(self, outcomes: list[Outcome]) -> None:
        if not outcomes:
            return
        first = len(self.outcomes)
        self.beginInsertRows(QModelIndex(), first, first + len(outcomes) - 1)
        self.outcomes.extend(outcomes)
        self.endInsertRows()

    def texts(self, row: int) -> tuple[str, str, str, str, str]:
        o = self.outcomes[row]
        return (o.file_name, tr(o.title), o.unit, self.stage_titles.get(o.stage, o.stage),
                o.message)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.outcomes)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEAD)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(HEAD[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        R = Qt.ItemDataRole
        if role in (R.DisplayRole, R.ToolTipRole):
            return self.texts(index.row())[index.column()]
        o = self.outcomes[index.row()]
        if role == R.BackgroundRole and index.column() == 1 and o.status in OUTCOME_BG:
            return QBrush(OUTCOME_BG[o.status])
        if role == SHA_ROLE:
            return o.sha256 if o.status in REVIEWABLE else ""
        return None
