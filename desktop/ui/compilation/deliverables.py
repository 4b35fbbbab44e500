"""A topic's documents for the unit: one tab per stage its role delivers (开题, 中期汇报,
成果报送; a cooperating unit's 配合研究), each written against the topic's outline (the
研究重点 items, the commission's words beside each) or attached from Word/WPS, with title,
authors and summary, the sign-off where the form asks for it, what still keeps it from
being sealed, and 签名打包…. A lead unit also sees what its cooperating units sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.compilation import CompilationForm, Deliverable
from desktop.core.compilation_work import (
    FILE,
    SIGNOFF_DATE,
    SIGNOFF_LEADER,
    document_of,
    outline,
    problems,
    role_title,
)
from desktop.core.errors import PlanevalError
from desktop.core.model import Row
from desktop.department import compilation as work
from desktop.department.compilation_import import Contribution, contributions, unpack
from desktop.store import Workspace
from desktop.ui.compilation.dialogs import CompilationDialogs
from desktop.ui.i18n import tr

SAVE_DELAY_MS = 500
GUIDANCE_STYLE = "color: #555; background: #f4f6f9; padding: 4px;"


class DocumentPanel(QWidget):
    """One document: its parts as editors that save themselves shortly after typing."""

    def __init__(self, ws: Workspace, form: CompilationForm, row: Row, deliverable: Deliverable,
                 dialogs: CompilationDialogs, on_saved: Callable[[], None]) -> None:
        super().__init__()
        self.ws, self.form, self.row, self.deliverable = ws, form, row, deliverable
        self.dialogs, self.on_saved = dialogs, on_saved
        self.pending: dict[str, str] = {}
        self.timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        doc = document_of(deliverable, self._answers())
        layout = QVBoxLayout(self)
        due = deliverable.due.isoformat() if deliverable.due else tr("见工作节点")
        head = QLabel(f"<b>{deliverable.document}</b>（{deliverable.title}，"
                      f"{tr('截止')} {due}）")
        layout.addWidget(head)
        if deliverable.guidance:
            layout.addWidget(self._guidance(deliverable.guidance))
        form_layout = QFormLayout()
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        for key, title in (("title", tr("标题")), ("authors", tr("作者（课题组成员）"))):
            line = QLineEdit(doc.get(key, ""))
            line.textChanged.connect(lambda text, k=key: self._changed(k, text))
            self.editors[key] = line
            form_layout.addRow(title, line)
        layout.addLayout(form_layout)
        self._text_part(layout, "summary", tr("摘要"), "", doc, lines=3)
        for part in outline(form, deliverable, row):
            self._text_part(layout, part.id, part.title, part.guidance, doc)
        layout.addLayout(self._attachment_row(doc))
        if deliverable.signoff:
            layout.addLayout(self._signoff_row(doc))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)
        self.seal_button = QPushButton(tr("签名打包…"))
        self.seal_button.clicked.connect(self.seal)
        layout.addWidget(self.seal_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.refresh()

    def _answers(self) -> dict[str, str]:
        return self.ws.answers().get(self.row.table, {}).get(self.row.number, {})

    def _guidance(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(GUIDANCE_STYLE)
        return label

    def _text_part(self, layout: QVBoxLayout, key: str, title: str, guidance: str,
                   doc: dict[str, str], lines: int = 5) -> None:
        heading = QLabel(f"<b>{title}</b>")
        heading.setWordWrap(True)
        if guidance:
            heading.setToolTip(guidance)
        layout.addWidget(heading)
        edit = QPlainTextEdit(doc.get(key, ""))
        edit.setPlaceholderText(tr("在此撰写；也可附上用 Word/WPS 写好的文档"))
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        edit.textChanged.connect(lambda k=key, e=edit: self._changed(k, e.toPlainText()))
        self.editors[key] = edit
        layout.addWidget(edit)

    def _attachment_row(self, doc: dict[str, str]) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file_label = QLabel(tr("附件：") + (doc.get(FILE) or tr("（无，按提纲撰写）")))
        attach = QPushButton(tr("附上文档…"))
        attach.clicked.connect(self.attach)
        row.addWidget(self.file_label, 1)
        row.addWidget(attach)
        return row

    def _signoff_row(self, doc: dict[str, str]) -> QHBoxLayout:
        assert self.deliverable.signoff is not None
        row = QHBoxLayout()
        row.addWidget(QLabel(self.deliverable.signoff.title + tr("：")))
        self.leader = QLineEdit(doc.get(SIGNOFF_LEADER, ""))
        self.leader.setPlaceholderText(self.deliverable.signoff.by + tr("姓名"))
        self.signed_on = QDateEdit(calendarPopup=True)
        self.signed_on.setDisplayFormat("yyyy-MM-dd")
        when = doc.get(SIGNOFF_DATE)
        self.signed_on.setDate(QDate.fromString(when, "yyyy-MM-dd") if when
                               else QDate.currentDate())
        record = QPushButton(tr("登记审阅签字"))
        record.clicked.connect(self.record_signoff)
        for w in (self.leader, self.signed_on, record):
            row.addWidget(w)
        return row

    def _changed(self, key: str, text: str) -> None:
        self.pending[key] = text
        self.timer.start()

    def flush(self) -> None:
        """Save what was typed since the last save (also called before leaving the page)."""
        self.timer.stop()
        if not self.pending:
            return
        parts, self.pending = self.pending, {}
        self._run(lambda: work.write(self.ws, self.form, self.deliverable.id, self.row.number,
                                     parts))

    def _run(self, job: Callable[[], object]) -> bool:
        try:
            job()
        except PlanevalError as exc:
            self.dialogs.error(self, exc.message)
            return False
        self.refresh()
        self.on_saved()
        return True

    def refresh(self) -> None:
        left = problems(self.form, self.deliverable, self.row, self._answers())
        self.problems.setText(tr("还不能打包：") + "；".join(left) if left
                              else tr("内容齐全，可以签名打包。"))
        self.problems.setStyleSheet(f"color: {'#b00020' if left else '#1e7b34'};")
        self.seal_button.setEnabled(not left)

    def attach(self) -> None:
        path = self.dialogs.pick_document(self)
        if path and self._run(lambda: work.attach(self.ws, self.form, self.deliverable.id,
                                                  self.row.number, Path(path))):
            self.file_label.setText(tr("附件：") + Path(path).name)

    def record_signoff(self) -> None:
        self.flush()
        when = self.signed_on.date().toPython()
        assert isinstance(when, dt.date)
        self._run(lambda: work.signoff(self.ws, self.form, self.deliverable.id, self.row.number,
                                       self.leader.text(), when))

    def seal(self) -> None:
        from desktop.department.export import load_identity

        self.flush()
        key = self.dialogs.pick_key(self)
        if not key:
            return
        passphrase = self.dialogs.ask_passphrase(self, tr("请输入证书口令"), "")
        out = self.dialogs.pick_out(self) if passphrase is not None else None
        if passphrase is None or not out:
            return
        try:
            identity = load_identity(Path(key), passphrase)
            done = work.seal(self.ws, self.form, self.deliverable.id, self.row.number,
                             identity=identity, out_dir=Path(out))
        except PlanevalError as exc:
            self.dialogs.error(self, exc.message)
            return
        self.on_saved()
        self.dialogs.tell(self, tr("已生成签名材料包：") + str(done.path))


class DeliverablesPage(QWidget):
    """The unit's topics on the left, the chosen topic's documents on the right."""

    def __init__(self, ws: Workspace, form: CompilationForm, dialogs: CompilationDialogs,
                 on_saved: Callable[[], None] = lambda: None) -> None:
        super().__init__()
        self.ws, self.form, self.dialogs, self.on_saved = ws, form, dialogs, on_saved
        self.topics = QListWidget()
        for row in ws.rows():
            self.topics.addItem(f"{row.number}  [{role_title(form, row)}]  {row.title}")
            self.topics.item(self.topics.count() - 1).setToolTip(row.title)
        self.tabs = QTabWidget()
        self.header = QLabel()
        self.header.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter()
        splitter.addWidget(self.topics)
        splitter.addWidget(right)
        splitter.setSizes([320, 900])
        QVBoxLayout(self).addWidget(splitter)
        self.panels: list[DocumentPanel] = []
        self.topics.currentRowChanged.connect(self.show_topic)
        if ws.rows():
            self.topics.setCurrentRow(0)

    def flush(self) -> None:
        for panel in self.panels:
            panel.flush()

    def show_topic(self, index: int) -> None:
        self.flush()
        row = self.ws.rows()[index]
        role = row.fields.get("role", "")
        lead, units = ("、".join(row.fields.get(k, "").split("\n")) for k in ("lead", "support"))
        note = "" if row.fields.get("named") else tr(
            "（本单位以集合称谓列为配合单位：可报送研究材料，不计逾期）")
        subject = self.form.subject(row.table)
        who = (f"{tr('报送单位：')}{row.fields.get('division', '')}" if subject and subject.items
               else f"{tr('牵头单位：')}{lead}　{tr('配合单位：')}{units or tr('无')}　{note}")
        self.header.setText(f"<b>{row.number}  {row.title}</b><br>{row.category} {row.group}"
                            f"<br>{who}")
        self.tabs.clear()
        self.panels = []
        for deliverable in self.form.deliverables_of(row.table, role):
            panel = DocumentPanel(self.ws, self.form, row, deliverable, self.dialogs,
                                  self.on_saved)
            self.panels.append(panel)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(panel)
            self.tabs.addTab(scroll, deliverable.title)
        if role == "lead" and self.form.deliverables_of(row.table, "support"):
            self.tabs.addTab(self._contributions(row), tr("配合单位材料"))

    def _contributions(self, row: Row) -> QWidget:
        found = [c for c in contributions(self.ws) if c.number == row.number]
        box = QWidget()
        layout = QVBoxLayout(box)
        if not found:
            layout.addWidget(QLabel(tr(
                "尚未导入配合单位的研究材料（文件 → 导入配合单位材料包…）")))
        for c in found:
            label = QLabel(f"<p><b>{c.unit}</b>：{c.title}（{c.authors}，{c.created[:10]}）<br>"
                           f"{tr('摘要：')}{c.summary}<br>{tr('文件：')}{'、'.join(c.members)}</p>")
            label.setWordWrap(True)
            layout.addWidget(label)
            button = QPushButton(tr("打开材料文件夹"))
            button.clicked.connect(lambda _=False, c=c: self.open_contribution(c))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return box

    def open_contribution(self, contribution: Contribution) -> Path | None:
        """Unpack a cooperating unit's files and show their folder (None: refused)."""
        try:
            folder = unpack(self.ws, contribution)
        except PlanevalError as exc:
            self.dialogs.error(self, exc.message)
            return None
        self.dialogs.open_folder(folder)
        return folder
