"""The commission's main window: 看板, 接收, 审核, 修改对照, 共同负责的行, 单位名单, 全区汇总,
one tab each.

Packages (.zip) and folders dropped anywhere on the window are taken in. Closing the
window waits for a running intake to stop after its current package (and a running roll-up
to stop at its next step), then closes the round.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from desktop.core.form import Form
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.dashboard_page import DashboardPage
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.commission.diff_page import DiffPage
from desktop.ui.commission.intake_page import IntakePage
from desktop.ui.commission.review_page import ReviewPage
from desktop.ui.commission.roster_page import RosterPage
from desktop.ui.commission.shared_page import SharedPage
from desktop.ui.commission.summary_page import SummaryPage
from desktop.ui.i18n import tr


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


class CommissionWindow(QMainWindow):
    """One open round. Closing the window closes the round and releases its lock."""

    def __init__(self, cws: CommissionWorkspace, form: Form, *,
                 dialogs: CommissionDialogs | None = None,
                 clock: Callable[[], dt.datetime] = now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cws, self.form = cws, form
        self.dialogs = dialogs or CommissionDialogs()
        meta = cws.meta
        self.setWindowTitle(f"planeval — {meta['commission']} — {meta['district']}"
                            f"{meta['round']}")
        self.dashboard = DashboardPage(cws, self.dialogs, clock, self)
        self.intake = IntakePage(cws, self.dialogs, self)
        self.review = ReviewPage(cws, form, self.dialogs, clock, self)
        self.diff = DiffPage(cws, self.dialogs, self)
        self.shared = SharedPage(cws, form, self)
        self.roster = RosterPage(cws, form, self.dialogs, self)
        self.summary = SummaryPage(cws, form, self.dialogs, clock, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("commission_tabs")
        for page, title in ((self.dashboard, "报送看板"), (self.intake, "接收材料包"),
                            (self.review, "审核"), (self.diff, "修改对照"),
                            (self.shared, "共同负责的行"), (self.roster, "单位名单"),
                            (self.summary, "全区汇总")):
            self.tabs.addTab(page, tr(title))
        self.setCentralWidget(self.tabs)
        self.setAcceptDrops(True)
        self.dashboard.open_package.connect(self.open_package)
        self.intake.taken_in.connect(self.refresh)
        self.intake.open_package.connect(self.open_package)
        self.review.decided.connect(self.decided)
        self.review.compare.connect(self.compare)
        self.summary.show_row.connect(self.show_shared_row)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.statusBar().addWidget(QLabel(tr("轮次文件夹：") + str(cws.path), self))
        screen = self.screen().availableGeometry()  # office PCs: 1366x768
        self.resize(min(1366, screen.width()), min(768, screen.height()))
        self._closed = False

    def _tab_shown(self) -> None:
        """Back on the dashboard: read again (deadlines pass while the window is open)."""
        if self.tabs.currentWidget() is self.dashboard:
            self.dashboard.refresh()
        elif self.tabs.currentWidget() is self.summary:
            self.summary.show_if_stale()

    def open_package(self, sha: str) -> None:
        self.review.show_package(sha)
        self.tabs.setCurrentWidget(self.review)

    def compare(self, unit: str, sha: str) -> None:
        """与上一版比较: the diff of this package against the unit's one before it."""
        self.diff.show_unit(unit, sha)
        self.tabs.setCurrentWidget(self.diff)

    def show_shared_row(self, table: str, number: str) -> None:
        self.shared.select(table, number)
        self.tabs.setCurrentWidget(self.shared)

    def decided(self) -> None:
        """A package was accepted or returned: its state shows anew, the summary is stale."""
        self.dashboard.refresh()
        self.diff.reload()
        self.summary.stale = True

    def refresh(self) -> None:
        """Packages arrived: every page that shows them reads again."""
        self.dashboard.refresh()
        self.review.reload_packages()
        self.shared.refresh()
        self.diff.reload()
        self.summary.stale = True

    # -- dropping packages ---------------------------------------------------------------

    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return [p for p in paths if p.is_dir() or p.suffix.lower() == ".zip"]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event)
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.intake)
            self.intake.take_in(paths)

    # -- closing ---------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop a running intake (after its current package) and close the round."""
        if not self._closed:
            self._closed = True
            self.intake.wait()
            self.summary.wait()
            self.intake.timer.stop()
            self.cws.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
