"""The unit's window for a compilation round: 课题与材料 (each topic's documents) and
工作节点 (the milestones grid and the unit's documents on the date)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QTabWidget, QWidget

from desktop.core.compilation import CompilationForm
from desktop.core.errors import PlanevalError
from desktop.department import compilation as work
from desktop.store import Workspace
from desktop.ui.compilation.deliverables import DeliverablesPage
from desktop.ui.compilation.dialogs import CompilationDialogs
from desktop.ui.compilation.timeline import TimelineView
from desktop.ui.i18n import tr


def pick_package_and_trust(parent: QWidget) -> tuple[str, str] | None:
    package, _ = QFileDialog.getOpenFileName(parent, tr("选择配合单位的材料包"), "",
                                             tr("材料包 (*.zip)"))
    if not package:
        return None
    cert, _ = QFileDialog.getOpenFileName(parent, tr("选择区发改委证书（核验签名）"), "",
                                          tr("证书 (*.pem *.crt *.cer)"))
    return (package, cert) if cert else None


class CompilationWindow(QMainWindow):
    def __init__(self, ws: Workspace, form: CompilationForm, *, on: dt.date | None = None,
                 dialogs: CompilationDialogs | None = None) -> None:
        super().__init__()
        self.ws, self.form = ws, form
        self.on = on or dt.date.today()
        self.dialogs = dialogs or CompilationDialogs()
        self.pick_contribution = pick_package_and_trust
        self.setWindowTitle(f"{ws.department} — {form.title}")
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        self.deliverables = DeliverablesPage(ws, form, self.dialogs, self.refresh_timeline)
        self.tabs.addTab(self.deliverables, tr("课题与材料"))
        self.timeline: TimelineView | None = None
        self.refresh_timeline()
        menu = self.menuBar().addMenu(tr("文件"))
        take = QAction(tr("导入配合单位材料包…"), self)
        take.triggered.connect(self.import_contribution)
        menu.addAction(take)
        close = QAction(tr("关闭"), self)
        close.triggered.connect(self.close)
        menu.addAction(close)
        self.statusBar().showMessage(f"{form.district} {form.round}　{ws.department}")

    def refresh_timeline(self) -> None:
        view = TimelineView(self.form.milestones, work.unit_timeline(self.ws, self.form, self.on),
                            self.on)
        at = self.tabs.currentIndex()
        if self.timeline is not None:
            self.tabs.removeTab(1)
            self.timeline.deleteLater()
        self.timeline = view
        self.tabs.insertTab(1, view, tr("工作节点"))
        self.tabs.setCurrentIndex(at)

    def import_contribution(self) -> None:
        from desktop.department.compilation_import import import_contribution
        from desktop.signing.certs import read_certificates

        picked = self.pick_contribution(self)
        if picked is None:
            return
        try:
            found = import_contribution(self.ws, self.form, Path(picked[0]),
                                        trust=read_certificates([picked[1]]))
        except PlanevalError as exc:
            self.dialogs.error(self, exc.message)
            return
        self.deliverables.show_topic(self.deliverables.topics.currentRow())
        self.statusBar().showMessage(tr("已导入“") + found.unit + tr("”的配合研究材料：")
                                     + found.title)

    def shutdown(self) -> None:
        if not self.ws.closed:
            self.deliverables.flush()
            self.ws.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)


def open_compilation_window(path: Path, *, on: dt.date | None = None,
                            dialogs: CompilationDialogs | None = None) -> CompilationWindow:
    ws, form = work.open_workspace(path)
    try:
        return CompilationWindow(ws, form, on=on, dialogs=dialogs)
    except BaseException:
        ws.close()
        raise
