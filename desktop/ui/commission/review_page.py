"""审核: a received package read-only, its findings, the officer's comments, 确认 / 退回修改."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.commission.changes import answered_comments, changes_since_return
from desktop.commission.diff import unit_packages
from desktop.commission.intake import STATUS_TITLES
from desktop.commission.review import add_comment, comments_of, decide, packages_for_review
from desktop.commission.round import unit_rows
from desktop.commission.shared import package_data
from desktop.core.division import PLANS, REPORTS, answerable
from desktop.core.errors import PlanevalError, os_reason
from desktop.core.form import Form
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.dashboard_page import local_time
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.commission.lists import ListTable
from desktop.ui.commission.package_view import PackageTableModel, ReportView, table_view
from desktop.ui.i18n import tr

OUTBOX = "发出的回执和退回意见"  # folder in the round where signed notes are written
SEVERITY = {"error": "错误", "warning": "警告"}


class ReviewPage(QWidget):
    """Pick a package; its tables and reports on the left, findings and comments right."""

    decided = Signal()  # a package was accepted or returned (the dashboard refreshes)
    compare = Signal(str, str)  # 与上一版比较: unit, this package's SHA-256

    def __init__(self, cws: CommissionWorkspace, form: Form, dialogs: CommissionDialogs,
                 clock: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cws, self.form, self.dialogs, self.clock = cws, form, dialogs, clock
        self.sha = ""
        self.record: dict[str, Any] = {}
        self.data: dict[str, Any] = {}
        self.models: dict[str, PackageTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self.reports: dict[str, ReportView] = {}
        self.titles = {s["id"]: s["title"] for s in cws.stages()}
        self.picker = QComboBox(self)
        self.picker.setObjectName("package_picker")
        self.picker.setMinimumWidth(420)
        self.picker.activated.connect(lambda i: self.show_package(self.picker.itemData(i)))
        self.compare_button = QPushButton(tr("与上一版比较"), self)
        self.compare_button.setObjectName("compare_previous")
        self.compare_button.setToolTip(tr("逐项列出本材料包与该单位上一个材料包的不同之处"))
        self.compare_button.clicked.connect(
            lambda: self.compare.emit(self.record["unit"], self.sha))
        self.info = QLabel(self)
        self.info.setObjectName("package_info")
        self.info.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("package_tabs")
        self.findings = ListTable("findings", [tr("级别"), tr("位置"), tr("问题"),
                                               tr("单位的说明")], (40, 96, 190), self)
        self.comments = ListTable("comments", [tr("位置"), tr("意见")], (170,), self)
        self.findings.jump.connect(self._jump)
        self.comments.jump.connect(self._jump)
        self.comment_button = QPushButton(tr("对所选单元格提意见…"), self)
        self.package_comment = QPushButton(tr("对整个材料包提意见…"), self)
        self.accept_button = QPushButton(tr("确认…"), self)
        self.accept_button.setObjectName("accept")
        self.return_button = QPushButton(tr("退回修改…"), self)
        self.return_button.setObjectName("return")
        self.comment_button.clicked.connect(self._comment_current)
        self.package_comment.clicked.connect(lambda: self.comment("", "", ""))
        self.accept_button.clicked.connect(lambda: self.decide("receipt"))
        self.return_button.clicked.connect(lambda: self.decide("return"))
        self._layout()
        self.reload_packages()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("材料包："), self))
        top.addWidget(self.picker, 1)
        top.addWidget(self.compare_button)
        side = QWidget(self)
        s = QVBoxLayout(side)
        s.setContentsMargins(0, 0, 0, 0)
        s.addWidget(QLabel(tr("<b>问题与已说明的警告</b>（单位导出时的检查结果）"), side))
        s.addWidget(self.findings, 3)
        s.addWidget(QLabel(tr("<b>审核意见</b>（退回时随退回意见发给单位）"), side))
        s.addWidget(self.comments, 2)
        for pair in ((self.comment_button, self.package_comment),
                     (self.accept_button, self.return_button)):
            row = QHBoxLayout()
            for b in pair:
                row.addWidget(b)
            s.addLayout(row)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.tabs, 1)
        hint = QLabel(tr("只读显示单位报送的内容。右键单元格可对该单元格或整行提意见，"
                         "报告各部分旁有“对此部分提意见…”。浅蓝＝已有意见，红＝错误，黄＝未说明的警告；"
                         "双击右侧的问题或意见可跳到其位置。"), left)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        ll.addWidget(hint)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setSizes([860, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(split, 1)

    # -- choosing a package ---------------------------------------------------------

    def reload_packages(self) -> None:
        self.picker.clear()
        for p in packages_for_review(self.cws):
            label = (f"{p['unit']} · {self.titles.get(p['stage'], p['stage'])} · "
                     f"{local_time(p['received_at'])} · {tr(STATUS_TITLES[p['status']])}")
            self.picker.addItem(label, p["sha256"])
        if self.sha:
            self.picker.setCurrentIndex(max(0, self.picker.findData(self.sha)))
        else:
            self.picker.setCurrentIndex(-1)
            self.info.setText(tr("请在上方选择一个材料包，或在报送看板中双击某单位某阶段。")
                              if self.picker.count() else tr("尚未收到任何材料包。"))
        self._enable()

    def show_package(self, sha: str) -> None:
        """Show a stored package (its SHA-256)."""
        found = [p for p in packages_for_review(self.cws) if p["sha256"] == sha]
        if not found:  # a rejected file: nothing to review
            self.dialogs.show_error(self, tr("该材料包未被受理，不能审核。"))
            return
        self.sha, self.record = sha, found[0]
        self.picker.setCurrentIndex(max(0, self.picker.findData(sha)))
        self.data = package_data(self.cws, sha)
        self._build_tabs()
        self._refresh_side()
        self._enable()

    def _enable(self) -> None:
        live = self.record.get("status") in ("received", "returned", "accepted")
        for b in (self.comment_button, self.package_comment, self.accept_button,
                  self.return_button):
            b.setEnabled(bool(self.sha) and live)
        earlier = [p["sha256"] for p in unit_packages(self.cws, self.record["unit"])
                   ] if self.sha else []
        self.compare_button.setEnabled(self.sha in earlier[1:])

    def _build_tabs(self) -> None:
        while self.tabs.count():  # the last package's pages go for good
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        self.models, self.views, self.reports = {}, {}, {}
        rows = answerable(unit_rows(self.cws, self.form, self.record["unit"]))
        for spec in self.form.tables:
            mine = tuple(r for r in rows if r.table == spec.id)
            if not mine:
                continue
            model = PackageTableModel(spec, mine, self.data.get(spec.id, {}), self)
            view = table_view(model, self)
            view.customContextMenuRequested.connect(
                lambda pos, v=view: self._menu(v, pos))
            self.models[spec.id], self.views[spec.id] = model, view
            self.tabs.addTab(view, f"{spec.attachment} {spec.title}")
        written = self.data.get(REPORTS, {})
        for plan in (r for r in rows if r.table == PLANS):
            number = str(plan.number)
            view = ReportView(self.form, number, plan.title, written.get(number, {}), self)
            view.comment_requested.connect(self.comment)
            self.reports[number] = view
            tab = self.tabs.addTab(view, f"{self.form.report.document}：{plan.title[:12]}")
            self.tabs.setTabToolTip(tab, plan.title)
        self._add_changes_tab()

    def _add_changes_tab(self) -> None:
        answered = answered_comments(self.cws, self.sha)
        if answered:
            table = ListTable("answers", [tr("位置"), tr("退回意见"), tr("单位的答复")],
                              (150, 280), self)
            for a in answered:
                place = (a.table, a.number, a.field)
                table.add([self._where(*place), a.comment, a.answer], place=place)
            table.jump.connect(self._jump)
            self.tabs.addTab(table, tr("对退回意见的答复（%n 条）", None, len(answered)))
        old, changed = changes_since_return(self.cws, self.sha)
        if not old:
            return
        table = ListTable("changes", [tr("位置"), tr("栏目"), tr("退回时"), tr("本次")],
                          (150, 130, 280), self)
        for c in changed:
            table.add([self._where(c.table, c.number, ""), c.field_title, c.old, c.new],
                      place=(c.table, c.number, c.field))
        table.jump.connect(self._jump)
        self.tabs.addTab(table, tr("与退回版本相比的修改（%n 处）", None, len(changed)))

    def _refresh_side(self) -> None:
        r = self.record
        self.info.setText(
            tr("%1 · %2 · 收到于 %3 · %4 · 错误 %5，警告 %6，已说明 %7")
            .replace("%1", r["unit"]).replace("%2", self.titles.get(r["stage"], r["stage"]))
            .replace("%3", local_time(r["received_at"]))
            .replace("%4", tr(STATUS_TITLES[r["status"]]))
            .replace("%5", str(r["errors"])).replace("%6", str(r["warnings"]))
            .replace("%7", str(r["accepted"])))
        findings = list(self.data.get("findings") or [])
        comments = comments_of(self.cws, self.sha)
        self.findings.clear_rows()
        for f in findings:
            place = (f.get("table", ""), f.get("number", ""), f.get("column", ""))
            colour = "#f7c6c6" if f.get("severity") == "error" else (
                "#d4edda" if f.get("accepted_reason") else "#ffe3a3")
            self.findings.add([tr(SEVERITY.get(f.get("severity", ""), "")), self._where(*place),
                               f.get("message", ""), f.get("accepted_reason", "")],
                              place=place, colour=colour)
        self.comments.clear_rows()
        for c in comments:
            place = (c["table"], c["number"], c["field"])
            self.comments.add([self._where(*place), c["text"]], place=place)
        for model in self.models.values():
            model.set_marks(findings, comments)
        for number, view in self.reports.items():
            view.mark({c["field"] for c in comments
                       if c["table"] == REPORTS and c["number"] == number})

    # -- where things are -------------------------------------------------------------

    def _table_title(self, table: str) -> str:
        if table == REPORTS:
            return self.form.report.document
        return next((t.title for t in self.form.tables if t.id == table), table)

    def _field_title(self, table: str, field: str) -> str:
        if table == REPORTS:
            return next((s.title for s in self.form.report.parts if s.id == field), field)
        spec = next((t for t in self.form.tables if t.id == table), None)
        if spec is None:
            return field
        return next((c.title for c in (*spec.assignment_columns, *spec.answer_columns)
                     if c.id == field), field)

    def _where(self, table: str, number: str, field: str) -> str:
        if not table:
            return tr("整个材料包")
        spec = next((t for t in self.form.tables if t.id == table), None)
        kind = spec.row_label if spec else self._table_title(table)
        place = f"{kind} {number}".strip()
        return f"{place} · {self._field_title(table, field)}" if field else place

    def _jump(self, place: tuple[str, str, str]) -> None:
        table, number, field = place
        if table in self.models:
            model, view = self.models[table], self.views[table]
            rows = [i for i, r in enumerate(model.rows) if str(r.number) == number]
            cols = [i for i, c in enumerate(model.columns) if c.id == field] or [0]
            if rows:
                self.tabs.setCurrentWidget(view)
                view.setCurrentIndex(model.index(rows[0], cols[0]))
        elif table == REPORTS and number in self.reports:
            self.tabs.setCurrentWidget(self.reports[number])
            label = self.reports[number].texts.get(field)
            if label is not None:
                self.reports[number].ensureWidgetVisible(label)

    # -- comments and decisions ---------------------------------------------------------

    def _menu(self, view: QTableView, pos: QPoint) -> None:
        index = view.indexAt(pos)
        if not index.isValid():
            return
        model = view.model()
        assert isinstance(model, PackageTableModel)
        table, number, field = model.place(index.row(), index.column())
        menu = QMenu(view)
        if field:
            menu.addAction(tr("对此单元格提意见…"), lambda: self.comment(table, number, field))
        menu.addAction(tr("对整行提意见…"), lambda: self.comment(table, number, ""))
        menu.exec(view.viewport().mapToGlobal(pos))

    def _comment_current(self) -> None:
        view = self.tabs.currentWidget()
        if isinstance(view, QTableView) and view.currentIndex().isValid():
            model = view.model()
            assert isinstance(model, PackageTableModel)
            self.comment(*model.place(view.currentIndex().row(), view.currentIndex().column()))
        else:
            self.dialogs.show_error(self, tr("请先在表格中选中一个单元格；报告的各部分请用其旁边的"
                                             "“对此部分提意见…”按钮。"))

    def comment(self, table: str, number: str, field: str) -> None:
        """Ask for a comment on a cell, row, report part or the package, and store it."""
        where = self._where(table, number, field)
        error = ""
        while True:
            text = self.dialogs.ask_comment(self, tr("对“%1”的意见：").replace("%1", where),
                                            error)
            if text is None:
                return
            try:
                add_comment(self.cws, self.sha, text, table=table, number=number, field=field)
                break
            except PlanevalError as exc:
                error = exc.message
        self._refresh_side()

    def decide(self, kind: str) -> None:
        """确认 (receipt) or 退回修改 (return): asks the passphrase, writes the signed note."""
        what = tr("确认") if kind == "receipt" else tr("退回修改")
        unit = self.record["unit"]
        if kind == "return" and not comments_of(self.cws, self.sha):
            self.dialogs.show_error(
                self, tr("退回修改前请至少填写一条审核意见，说明需要修改什么。"))
            return
        error = ""
        folder = self.cws.path / OUTBOX
        while True:
            passphrase = self.dialogs.ask_passphrase(
                self, tr("%1“%2”的材料包：请输入区发改委证书的口令。")
                .replace("%1", what).replace("%2", unit), error)
            if passphrase is None:
                return
            try:
                folder.mkdir(exist_ok=True)
                done = decide(self.cws, self.sha, kind, passphrase, folder, now=self.clock())
                break
            except PlanevalError as exc:
                error = exc.message
            except OSError as exc:
                self.dialogs.show_error(self, tr("无法创建文件夹“%1”：%2")
                                        .replace("%1", str(folder)).replace("%2", os_reason(exc)))
                return
        self.reload_packages()
        self.show_package(self.sha)
        self.decided.emit()
        text = (tr("已%1，签名的%2已写入：").replace("%1", what)
                .replace("%2", tr("回执") if kind == "receipt" else tr("退回意见"))
                + f"\n{done.path}\n\n" + tr("请把这个文件发给%1。").replace("%1", unit))
        if self.dialogs.tell_written(self, text, folder):
            self.dialogs.open_file(folder)
