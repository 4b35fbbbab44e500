"""The main window: navigation of the sections to submit on the left, a page each on the right."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop import operations
from desktop.ui.context import UiContext
from desktop.ui.i18n import tr
from desktop.ui.navigation import NavEntry, nav_entries, report_key
from desktop.ui.report_page import ReportPage
from desktop.ui.table_page import TablePage

KEY_ROLE = Qt.ItemDataRole.UserRole
NAV_REFRESH_MS = 150


class MainWindow(QMainWindow):
    """One open workspace. Closing the window closes the workspace and releases its lock."""

    def __init__(self, ctx: UiContext, *, show_error: Callable[[str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.show_error = show_error or (lambda message: None)
        self.setWindowTitle(f"planeval — {ctx.ws.department} — {ctx.form.title}")
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setSpacing(2)
        self.nav.setWordWrap(True)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        self._build_pages(nav_entries(ctx.form, operations.workspace_status(ctx.ws, ctx.form)))
        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 1070])
        self.setCentralWidget(splitter)
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(NAV_REFRESH_MS)
        self._refresh.timeout.connect(self.refresh_navigation)
        ctx.saved.connect(self._saved)
        ctx.save_failed.connect(self._save_failed)
        self.statusBar().showMessage(tr("修改会自动保存，无需手动保存。"))
        screen = self.screen().availableGeometry()  # old PCs: 1366x768 and smaller
        self.resize(min(1280, screen.width()), min(800, screen.height()))

    def _build_pages(self, entries: list[NavEntry]) -> None:
        plans = {report_key(r.number): r for r in self.ctx.ws.rows("plans")}
        for entry in entries:
            if entry.key in plans:
                page: QWidget = ReportPage(self.ctx, plans[entry.key].number,
                                           plans[entry.key].title, self)
            else:
                page = TablePage(self.ctx, self.ctx.form.table(entry.key), self)
            self.pages[entry.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(entry.label)
            item.setData(KEY_ROLE, entry.key)
            self.nav.addItem(item)
        if not entries:
            self.stack.addWidget(QLabel(tr("本单位在本轮评估中没有需要填报的内容。"), self))

    def _show_row(self, row: int) -> None:
        item = self.nav.item(row)
        if item is not None:
            self.stack.setCurrentWidget(self.pages[item.data(KEY_ROLE)])

    def nav_keys(self) -> list[str]:
        return [self.nav.item(i).data(KEY_ROLE) for i in range(self.nav.count())]

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.nav_keys().index(key))
        return self.pages[key]

    def refresh_navigation(self) -> None:
        """Recompute completion from the workspace and update the entries' labels."""
        if self.ctx.closed:
            return
        entries = {e.key: e for e in nav_entries(
            self.ctx.form, operations.workspace_status(self.ctx.ws, self.ctx.form))}
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            entry = entries.get(item.data(KEY_ROLE))
            if entry is not None:
                item.setText(entry.label)

    def _saved(self, *_: str) -> None:
        when = self.ctx.last_saved
        stamp = when.strftime("%H:%M:%S") if when else ""
        self.statusBar().showMessage(tr("已自动保存 %1").replace("%1", stamp))
        self._refresh.start()

    def _save_failed(self, message: str) -> None:
        self.statusBar().showMessage(tr("保存失败：%1").replace("%1", message))
        self.show_error(message)

    def flush(self) -> None:
        """Save every pending edit: open cell editors and report text not yet saved."""
        for page in self.pages.values():
            if isinstance(page, (ReportPage, TablePage)):
                page.flush()

    def shutdown(self) -> None:
        """Save what is pending and close the workspace (releasing its lock); idempotent."""
        if not self.ctx.closed:
            self.flush()
            self._refresh.stop()
            self.ctx.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()
