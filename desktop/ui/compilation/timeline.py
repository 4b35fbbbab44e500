"""The milestones as the commission's own grid: one line per phase and step, its start
and end month, then a column per quarter filled where it runs, ● and ★ after the name;
the quarter holding the chosen date is tinted, and each line says where it stands. Below,
the unit's documents with their state on that date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.core.compilation import Milestones, Step
from desktop.core.compilation_timeline import (
    DONE,
    DONE_LATE,
    DUE,
    LATE,
    Entry,
    quarter_cells,
    step_state,
)
from desktop.ui.i18n import tr

QUARTERS = ("一季度", "二季度", "三季度", "四季度")
FIXED = 4  # 任务名称, 开始时间, 完成时间, 进展
RUNS = QColor("#2f6fb0")
RUNS_NOW = QColor("#e07b00")
NOW = QColor("#fff4d6")
PHASE = QColor("#eef2f7")
STATE_COLOURS = {DONE: "#dff0d8", DONE_LATE: "#fcf3cf", LATE: "#f8d7da", DUE: "#fff4d6"}
Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    """Phases and steps by quarter (read-only)."""

    def __init__(self, milestones: Milestones, on: dt.date) -> None:
        super().__init__()
        self.milestones, self.on = milestones, on
        self.quarters = milestones.quarters()
        self.lines: list[tuple[Step, bool]] = [
            (s, s is p) for p in milestones.phases for s in (p, *p.steps)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED + len(self.quarters)

    def _now(self, column: int) -> bool:
        year, q = self.quarters[column - FIXED]
        return (self.on.year, (self.on.month - 1) // 3 + 1) == (year, q)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < FIXED:
                return (tr("任务名称"), tr("开始时间"), tr("完成时间"), tr("进展"))[section]
            year, q = self.quarters[section - FIXED]
            return f"{year}{tr('年')}\n{tr(QUARTERS[q - 1])}"
        if role == Qt.ItemDataRole.FontRole and section >= FIXED and self._now(section):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        step, phase = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{step.number}  {step.title}{''.join(step.marks)}"
            if column == 1:
                return f"{step.start.year}.{step.start.month}"
            if column == 2:
                return f"{step.end.year}.{step.end.month}"
            if column == 3:
                return tr(step_state(step, self.on))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if column >= FIXED and quarter_cells(step, self.quarters)[column - FIXED]:
                return QBrush(RUNS_NOW if self._now(column) else RUNS)
            if column >= FIXED and self._now(column):
                return QBrush(NOW)
            return QBrush(PHASE) if phase else None
        if role == Qt.ItemDataRole.FontRole and phase:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            marks = [m.title for m in self.milestones.marks if m.text in step.marks]
            return "；".join([step.title, *marks])
        return None


class EntriesModel(QAbstractTableModel):
    """The unit's documents and their state on the date."""

    HEADERS = ("状态", "截止日期", "材料", "序号", "名称", "报送日期")
    UNIT_HEADERS = ("状态", "单位", "截止日期", "材料", "序号", "名称", "报送日期")

    def __init__(self, entries: tuple[Entry, ...], *, with_unit: bool = False) -> None:
        super().__init__()
        self.entries, self.with_unit = entries, with_unit
        self.headers = self.UNIT_HEADERS if with_unit else self.HEADERS

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.headers[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        e = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            due = e.deliverable.due.isoformat() if e.deliverable.due else ""
            done = e.done_on.isoformat() if e.done_on else ""
            unit = (e.unit,) if self.with_unit else ()
            return (tr(e.state_title), *unit, due, e.deliverable.title, e.row.number,
                    e.row.title, done)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and e.state in STATE_COLOURS:
            return QBrush(QColor(STATE_COLOURS[e.state]))
        return None


class TimelineView(QWidget):
    """The grid, the legend of marks, and the unit's documents on the date."""

    def __init__(self, milestones: Milestones, entries: tuple[Entry, ...], on: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(f"{milestones.attachment} {milestones.title}".strip())
        title.setStyleSheet("font-weight: bold; font-size: 15px;")
        layout.addWidget(title)
        self.grid = QTableView()
        self.grid.setModel(TimelineModel(milestones, on))
        self.grid.verticalHeader().hide()
        self.grid.setSelectionMode(QTableView.SelectionMode.NoSelection)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.grid.model().columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.grid, 3)
        legend = "    ".join(f"{m.text} {m.title}" for m in milestones.marks)
        self.legend = QLabel(tr("备注：") + legend + "    " + tr("（当前日期：") +
                             on.isoformat() + tr("，所在季度以橙色标出）"))
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.entries = QTableView()
        self.entries.setModel(EntriesModel(entries))
        self.entries.verticalHeader().hide()
        self.entries.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.entries.setVisible(bool(entries))
        layout.addWidget(self.entries, 2)
