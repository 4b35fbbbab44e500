"""The main window: the steps on the left, a page each on the right, problems at the bottom.

Steps: 主要指标 → 主要任务 → each 自评报告 → 检查 → 导出, with previous/next buttons;
工具 → 核验材料包… checks a package.
Every edit goes through the context (saved, undoable); the findings store re-checks the
edited row and the navigation, the problems panel, the cell tints and the status bar follow.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.division import REPORTS
from desktop.core.model import Row
from desktop.core.validation import Finding, Location, Severity
from desktop.department.editing import Batch, Edit, Step
from desktop.department.status import LiveStatus, Status
from desktop.ui.department.context import UiContext
from desktop.ui.department.findings import INLINE_LIMIT, FindingsStore
from desktop.ui.department.labels import demo_banner, describe_step
from desktop.ui.department.navigation import (
    CHECK,
    EXPORT,
    final_entries,
    nav_entries,
    report_key,
    stage_titles,
)
from desktop.ui.department.notes_ui import AskAnswer, NotesBar, ask_answer_dialog
from desktop.ui.department.pages import Pages
from desktop.ui.department.problems import (
    AskReason,
    FindingListModel,
    ProblemsPanel,
    ask_reason_dialog,
)
from desktop.ui.department.report_page import ReportPage
from desktop.ui.department.steps import CheckPage
from desktop.ui.department.table_page import TablePage
from desktop.ui.department.window_style import use_separator_style
from desktop.ui.department.workspace_dialog import add_file_menu
from desktop.ui.dialogs import Dialogs
from desktop.ui.help_menu import add_help_menu
from desktop.ui.i18n import tr
from desktop.ui.tools_menu import add_tools_menu

KEY_ROLE = Qt.ItemDataRole.UserRole
NAV_REFRESH_MS = 150
CHECK_AT_THE_LATEST_MS = 1000  # after showing, even if no paint reached the window
TALL_SCREEN = 900  # below this height the problems list starts folded
PROBLEMS_HEIGHT = 170


class MainWindow(QMainWindow):
    """One open workspace. Closing the window closes the workspace and releases its lock."""

    def __init__(self, ctx: UiContext, *, show_error: Callable[[str], None] | None = None,
                 ask_reason: AskReason = ask_reason_dialog, inline_limit: int = INLINE_LIMIT,
                 dialogs: Dialogs | None = None, ask_answer: AskAnswer = ask_answer_dialog,
                 tell: Callable[[str, bool], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialogs = dialogs or Dialogs()
        self.show_error = show_error or (lambda message: None)
        demo = tr("（演示）") if ctx.is_demo else ""
        self.setWindowTitle(f"{ctx.ws.department}{demo} — {ctx.form.title}")
        self.findings = FindingsStore(ctx.form, ctx.ws.rows(), ctx.ws.answers(),
                                      ctx.ws.acceptances(), inline_limit=inline_limit,
                                      deferred=True, parent=self)
        self.finding_list = FindingListModel(self.findings, self)
        self.progress = LiveStatus(ctx.ws.department, ctx.form, self.findings.rows,
                                   self.findings.answers)  # follows the store's answers
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setSpacing(2)
        self.nav.setWordWrap(True)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        self.stack = QStackedWidget(self)
        self.pages = Pages(self.stack)
        self._build_pages()
        self.problems = ProblemsPanel(self.finding_list, self, ask_reason=ask_reason)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.problems.toggle.toggled.connect(self._problems_toggled)
        use_separator_style(self)
        self.setCentralWidget(self._central())
        self._make_actions()
        self.counts = QLabel(self)
        self.counts.setObjectName("counts")
        self.statusBar().addPermanentWidget(self.counts)
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(NAV_REFRESH_MS)
        self._refresh.timeout.connect(self.refresh_navigation)
        ctx.saved.connect(self._saved)
        ctx.save_failed.connect(self._save_failed)
        ctx.accepted.connect(self.findings.accept)
        self.findings.changed.connect(self._findings_changed)
        self.problems.jump.connect(self.go_to)
        self.problems.accept_requested.connect(ctx.accept)
        self.findings.checking.connect(self._checking)
        self.notes = NotesBar(self, ask_answer=ask_answer, tell=tell)
        self.import_note_action.triggered.connect(self.notes.pick_and_import)
        self.statusBar().showMessage(tr("修改会自动保存，无需手动保存。"))
        self._findings_changed()
        self._refresh.stop()  # NotesBar has just refreshed the navigation: not again
        screen = self.screen().availableGeometry()  # old PCs: 1366x768 and smaller
        self.resize(min(1280, screen.width()), min(800, screen.height()))
        # On a small screen the problems list starts folded to its summary line, so the
        # table keeps the room; the 检查 step lists every problem too.
        self.problems.set_expanded(screen.height() >= TALL_SCREEN)
        self._painted = False  # the background check starts after the first paint

    # -- building -----------------------------------------------------------------------

    def _build_pages(self) -> None:
        """A navigation entry per step; each page is built when first needed (Pages)."""
        ctx = self.ctx
        entries = nav_entries(ctx.form, self._status())
        plans = {report_key(r.number): r for r in ctx.ws.rows("plans")}
        for entry in entries:
            if entry.key in plans:
                plan = plans[entry.key]
                self._add(entry.key, entry.label, partial(
                    ReportPage, ctx, plan.number, plan.fields.get("name", ""), self))
            else:
                self._add(entry.key, entry.label, partial(
                    TablePage, ctx, ctx.form.table(entry.key), self, findings=self.findings))
        errors, warnings, _ = self.findings.counts()
        tables = {e.key: e.total for e in entries if e.key in {t.id for t in ctx.form.tables}}
        reports = [plans[k] for k in plans if k in self.pages]
        makers = {CHECK: self._check_page, EXPORT: lambda: self._export_page(tables, reports)}
        for entry in final_entries(errors, warnings, stage_titles(ctx.form)):
            self._add(entry.key, entry.label, makers[entry.key])

    def _check_page(self) -> QWidget:
        page = CheckPage(self.finding_list, self)
        page.jump.connect(self.go_to)
        return page

    def _export_page(self, tables: dict[str, int], reports: list[Row]) -> QWidget:
        # the export, signing and sending code loads with the page, not at start
        from desktop.ui.department.export_page import ExportPage

        page = ExportPage(self.ctx, self.findings, tables, reports, self.dialogs, self)
        page.check_requested.connect(lambda: self.show_page(CHECK))
        page.about_to_export.connect(self.flush)
        return page

    def _add(self, key: str, label: str, make: Callable[[], QWidget]) -> None:
        self.pages.add(key, make)
        item = QListWidgetItem(label)
        item.setData(KEY_ROLE, key)
        self.nav.addItem(item)

    def _central(self) -> QWidget:
        self.prev_button = QPushButton(tr("← 上一步"), self)
        self.next_button = QPushButton(tr("下一步 →"), self)
        self.step_label = QLabel(self)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(+1))
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.prev_button)
        bar.addStretch(1)
        bar.addWidget(self.step_label)
        bar.addStretch(1)
        bar.addWidget(self.next_button)
        right = QWidget(self)
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.ctx.is_demo:
            layout.addWidget(demo_banner(right))
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)
        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([172, 1108])
        return splitter

    def _make_actions(self) -> None:
        files = add_file_menu(self, self.switch_to)
        self.import_note_action = QAction(tr("导入区发改委回执或退回意见…"), self)
        files.insertAction(files.actions()[-2], self.import_note_action)
        self.print_action = QAction(tr("打印预览与打印…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_preview)
        files.insertAction(files.actions()[-2], self.print_action)
        menu = self.menuBar().addMenu(tr("编辑"))
        self.undo_action = QAction(tr("撤销"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(tr("重做"), self)
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        ctrl_y = QKeySequence("Ctrl+Y")  # what clerks know from Office: shown in the menu
        self.redo_action.setShortcuts([ctrl_y, *(k for k in redo_keys if k != ctrl_y)])
        self.redo_action.triggered.connect(self.redo)
        for action in (self.undo_action, self.redo_action):
            menu.addAction(action)
        self.ctx.undo_changed.connect(self._undo_state)
        self._undo_state()
        self.verify_action = add_tools_menu(self, self.ctx, self.dialogs)
        add_help_menu(self)

    def print_preview(self) -> None:
        """The documents as they will be exported, to preview and print (from 导出)."""
        page = self.show_page(EXPORT)
        page.print_preview()  # type: ignore[attr-defined]

    def switch_to(self, path: Path) -> None:
        from desktop.ui.app import switch_window  # app builds windows; import at use

        switch_window(self, path)

    # -- steps --------------------------------------------------------------------------

    def _problems_toggled(self, expanded: bool) -> None:
        if expanded:
            self.resizeDocks([self.problems], [PROBLEMS_HEIGHT], Qt.Orientation.Vertical)

    def _show_row(self, row: int) -> None:
        item = self.nav.item(row)
        if item is not None:
            self.stack.setCurrentWidget(self.pages[item.data(KEY_ROLE)])
        self.prev_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.nav.count() - 1)
        self.step_label.setText(tr("第 %1 步，共 %2 步").replace("%1", str(row + 1))
                                .replace("%2", str(self.nav.count())))

    def step(self, delta: int) -> None:
        row = self.nav.currentRow() + delta
        if 0 <= row < self.nav.count():
            self.nav.setCurrentRow(row)

    def nav_keys(self) -> list[str]:
        return [self.nav.item(i).data(KEY_ROLE) for i in range(self.nav.count())]

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.nav_keys().index(key))
        return self.pages[key]

    def current_key(self) -> str:
        return self.nav_keys()[self.nav.currentRow()]

    def go_to(self, finding: Finding) -> None:
        """Show a finding's step and put the cursor on its cell or report section."""
        loc = finding.location
        if loc.table == REPORTS:
            page = self.show_page(report_key(loc.number))
            if isinstance(page, ReportPage) and loc.column:
                page.focus_section(loc.column)
        elif loc.table in self.pages:
            page = self.show_page(loc.table)
            if isinstance(page, TablePage):
                page.select(loc.number, loc.column)

    # -- reacting -----------------------------------------------------------------------

    def refresh_navigation(self) -> None:
        """Recompute completion from the answers in memory and update the entries' labels."""
        if self.ctx.closed:
            return
        status = self._status()
        errors, warnings, _ = self.findings.counts()
        entries = {e.key: e for e in [*nav_entries(self.ctx.form, status),
                                      *final_entries(errors, warnings,
                                                    stage_titles(self.ctx.form))]}
        problems = {report_key(number) if table == REPORTS else table: counts
                    for (table, number), counts in self.findings.open_counts().items()}
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            entry = entries.get(item.data(KEY_ROLE))
            if entry is None:
                continue
            if not entry.note:
                found = problems.get(entry.key, (0, 0))
                entry = replace(entry, problems=found[0], errors=found[1])
            if item.text() != entry.label:
                item.setText(entry.label)

    def _status(self) -> Status:
        return self.progress.status()

    def _saved(self, table: str, number: str, field: str) -> None:
        self.findings.update(table, number, field, self.ctx.answer(table, number, field))
        self.progress.update(table, number)
        when = self.ctx.last_saved
        stamp = when.strftime("%H:%M:%S") if when else ""
        self.statusBar().showMessage(tr("已自动保存 %1").replace("%1", stamp))
        self._refresh.start()

    def _findings_changed(self) -> None:
        errors, warnings, accepted = self.findings.counts()
        text = tr("错误 %1 · 警告 %2").replace("%1", str(errors)).replace("%2", str(warnings))
        self.counts.setText(text + (tr(" · 已说明 %1").replace("%1", str(accepted))
                                    if accepted else ""))
        self._refresh.start()

    def _checking(self, running: bool) -> None:
        if running:
            self.counts.setText(tr("正在检查全部内容…"))

    def _save_failed(self, message: str) -> None:
        self.statusBar().showMessage(tr("保存失败：%1").replace("%1", message))
        self.show_error(message)

    def _undo_state(self) -> None:
        self.undo_action.setEnabled(self.ctx.can_undo)
        self.redo_action.setEnabled(self.ctx.can_redo)

    def undo(self) -> None:
        self.flush()  # text typed but not yet saved becomes the edit to undo
        self._show_step(self.ctx.undo(), tr("已撤销"))

    def redo(self) -> None:
        self.flush()
        self._show_step(self.ctx.redo(), tr("已重做"))

    def _show_step(self, step: Step | None, verb: str) -> None:
        """Say what undo/redo changed and put the cursor on it."""
        if step is None:
            return
        self.statusBar().showMessage(f"{verb}：{describe_step(self.ctx.form, step)}", 8000)
        if isinstance(step, Batch):
            step = step.edits[0]
        if isinstance(step, Edit):
            self.go_to_cell(step.table, step.number, step.field)
        else:  # an acceptance: its key is rule:table:number:column
            parts = step.key.split(":")
            if len(parts) == 4:
                self.go_to_cell(*parts[1:])

    def go_to_cell(self, table: str, number: str, column: str) -> None:
        self.go_to(Finding("", Severity.WARNING, Location(table, number, column), ""))

    # -- closing ------------------------------------------------------------------------

    def flush(self) -> None:
        """Save every pending edit: open cell editors and report text not yet saved."""
        for page in self.pages.built():
            if isinstance(page, (ReportPage, TablePage)):
                page.flush()

    def shutdown(self) -> None:
        """Save what is pending and close the workspace (releasing its lock); idempotent."""
        if not self.ctx.closed:
            self.flush()
            self._refresh.stop()
            self.findings.wait(start=False)
            self.ctx.close()
            gc.unfreeze()  # see paintEvent

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if NotesBar.note_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for path in NotesBar.note_files(event.mimeData()):
            self.notes.import_file(path)
        event.acceptProposedAction()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if not self._painted:
            # A large workspace's full check runs in a worker once the window has painted:
            # sharing the GIL with it made the first paint 0.1-0.4 s slower at 100x.
            self._painted = True
            # The workspace's rows and the window live until it closes: kept out of the
            # collector's full passes, which the check's 21k findings set off at 100x
            # (a quarter of its time when every object in the process was walked).
            gc.freeze()
            QTimer.singleShot(0, self.findings.start_check)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # should no paint reach the window itself, the check starts all the same
        QTimer.singleShot(CHECK_AT_THE_LATEST_MS, self.findings.start_check)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()
