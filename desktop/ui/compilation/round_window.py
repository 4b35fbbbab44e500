"""The commission's window on a compilation round (编制): 报送情况 (every document each
named unit owes, its state on the date, filtered by state), 接收材料包 (the commission's
intake page, unchanged) and 工作节点 (the milestones grid)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.commission.compilation import round_compilation, round_track
from desktop.core.compilation import CompilationForm
from desktop.core.compilation_timeline import STATE_TITLES
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.commission.intake_page import IntakePage
from desktop.ui.compilation.timeline import EntriesModel, TimelineView
from desktop.ui.i18n import tr


class TrackPage(QWidget):
    """Who delivered what, who is late: one line per owed document."""

    def __init__(self, cws: CommissionWorkspace, clock: Callable[[], dt.date]) -> None:
        super().__init__()
        self.cws, self.clock = cws, clock
        self.summary = QLabel()
        self.filter = QComboBox()
        self.filter.addItem(tr("全部"), "")
        for title in STATE_TITLES.values():
            self.filter.addItem(tr(title), tr(title))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setFilterKeyColumn(0)
        self.filter.currentIndexChanged.connect(
            lambda: self.proxy.setFilterFixedString(self.filter.currentData()))
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(tr("只看：")))
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        on = self.clock()
        entries = round_track(self.cws, on)
        self.proxy.setSourceModel(EntriesModel(entries, with_unit=True))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        counts = "，".join(f"{tr(t)} {sum(e.state == s for e in entries)}"
                           for s, t in STATE_TITLES.items())
        self.summary.setText(tr("截至 ") + on.isoformat() + tr("，应报 ") + str(len(entries))
                             + tr(" 项：") + counts)


class CompilationRoundWindow(QMainWindow):
    def __init__(self, cws: CommissionWorkspace, form: CompilationForm, *,
                 dialogs: CommissionDialogs | None = None,
                 clock: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__()
        self.cws, self.form = cws, form
        self.dialogs = dialogs or CommissionDialogs()
        self.setWindowTitle(f"planeval — {cws.meta['commission']} — {form.title}")
        self.track = TrackPage(cws, clock)
        self.intake = IntakePage(cws, self.dialogs, self)
        self.intake.taken_in.connect(self.track.refresh)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.track, tr("报送情况"))
        self.tabs.addTab(self.intake, tr("接收材料包"))
        self.tabs.addTab(TimelineView(form.milestones, (), clock()), tr("工作节点"))
        self.setCentralWidget(self.tabs)
        self.statusBar().addWidget(QLabel(tr("轮次文件夹：") + str(cws.path)))
        self._closed = False

    def shutdown(self) -> None:
        if not self._closed:
            self._closed = True
            self.intake.wait()
            self.intake.timer.stop()
            self.cws.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def open_round_window(path: Path, *, dialogs: CommissionDialogs | None = None,
                      clock: Callable[[], dt.date] = dt.date.today) -> CompilationRoundWindow:
    """The window on a compilation round; raises PlanevalError (another kind of round)."""
    cws = CommissionWorkspace.open(path)
    try:
        return CompilationRoundWindow(cws, round_compilation(cws), dialogs=dialogs, clock=clock)
    except BaseException:
        cws.close()
        raise
