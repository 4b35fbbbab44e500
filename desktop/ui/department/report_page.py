"""A page for one self-assessment report (自评报告): one text box per section.

Text is saved shortly after typing stops (debounced), on focus-out, and on `flush()`,
which the window calls before it closes, so nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from desktop.core.division import REPORTS
from desktop.core.form import Section
from desktop.ui.department.context import UiContext
from desktop.ui.department.evidence import EvidencePanel
from desktop.ui.i18n import tr

DEBOUNCE_MS = 400


class SectionEditor(QFrame):
    """Title, the commission's guidance (grey), the text box and its character count."""

    def __init__(self, ctx: UiContext, plan_number: str, section: Section,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.plan_number, self.section = ctx, plan_number, section
        self._saved_text = ctx.answer(REPORTS, plan_number, section.id)
        path = ctx.form.report.path_of(section)  # （一） under 一、: show where it sits
        above = " › ".join(s.title for s in path[:-1])
        title = QLabel((f"<span style='color:gray'>{above}</span><br>" if above else "")
                       + f"<b>{section.title}</b>", self)
        title.setWordWrap(True)
        guidance = QLabel(section.guidance, self)
        guidance.setWordWrap(True)
        guidance.setStyleSheet("color: #777; font-size: 9pt;")
        guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName(f"section_{section.id}")
        self.edit.setPlainText(self._saved_text)
        self.edit.setPlaceholderText(tr("在此填写本部分内容"))
        self.edit.setMinimumHeight(160)
        self.edit.installEventFilter(self)
        self.count = QLabel(self)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count.setStyleSheet("color: #777;")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._changed)
        ctx.saved.connect(self._saved_elsewhere)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        for w in (title, guidance, self.edit, self.count):
            layout.addWidget(w)
        self._update_count()

    def _saved_elsewhere(self, table: str, number: str, field: str) -> None:
        """Undo or redo changed this section: show the stored text."""
        if (table, number, field) != (REPORTS, self.plan_number, self.section.id):
            return
        stored = self.ctx.answer(table, number, field)
        if stored != self._saved_text or stored != self.edit.toPlainText():
            self._saved_text = stored
            if stored != self.edit.toPlainText():
                self.edit.setPlainText(stored)
                self._timer.stop()

    def _changed(self) -> None:
        self._update_count()
        self._timer.start()

    def _update_count(self) -> None:
        n = len("".join(self.edit.toPlainText().split()))  # characters, not spaces
        self.count.setText(tr("字数：%n", None, n))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def flush(self) -> None:
        """Save now if the text differs from what is stored."""
        self._timer.stop()
        text = self.edit.toPlainText()
        if text != self._saved_text and self.ctx.set_answer(
                REPORTS, self.plan_number, self.section.id, text):
            self._saved_text = text


class ReportPage(QScrollArea):
    """All sections of the report for one special plan, scrolling as one page."""

    def __init__(self, ctx: UiContext, plan_number: str, plan_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan_number = plan_number
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        heading = QLabel(f"<b>{ctx.form.report.attachment} {ctx.form.report.title}</b>"
                         f"<br>{tr('专项规划')}：{plan_name}", body)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.sections = [SectionEditor(ctx, plan_number, s, body)
                         for s in ctx.form.report.sections]
        for s in self.sections:
            layout.addWidget(s)
        self.evidence = EvidencePanel(ctx, body)
        layout.addWidget(self.evidence)
        layout.addStretch(1)
        self.setWidget(body)

    def editor(self, section_id: str) -> QPlainTextEdit:
        for s in self.sections:
            if s.section.id == section_id:
                return s.edit
        raise KeyError(section_id)

    def focus_section(self, section_id: str) -> QPlainTextEdit:
        """Scroll to a section and put the cursor in its text box."""
        editor = self.editor(section_id)
        self.ensureWidgetVisible(editor.parentWidget(), 0, 40)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def flush(self) -> None:
        for s in self.sections:
            s.flush()
