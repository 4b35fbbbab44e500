"""The commission's receipts and return notes in the department's window.

A note is imported from 文件 → 导入区发改委回执或退回意见… or by dropping it on the window.
A receipt puts 已确认 with its time in the status bar; a return note's comments become
problems at their cell or section (errors until answered), answered from the problems
list; the next package carries the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMessageBox, QWidget

from desktop.core.errors import PlanevalError
from desktop.core.validation import Finding
from desktop.department import notes
from desktop.ui.i18n import tr
from desktop.ui.support import documents_dir

if TYPE_CHECKING:
    from desktop.ui.department.main_window import MainWindow

# (parent, the comment's text, the answer so far) -> the answer, or None when cancelled
AskAnswer = Callable[[QWidget, str, str], "str | None"]


def ask_answer_dialog(parent: QWidget, comment: str, answer: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(
        parent, tr("答复区发改委的意见"),
        tr("区发改委的意见：\n{comment}\n\n您的答复（说明如何修改，随下一次报送一并提交）：")
        .format(comment=comment), answer)
    return text if ok and text.strip() else None


class NotesBar:
    """The window's link to the notes: status label, import, answers, drops."""

    def __init__(self, window: MainWindow, *, ask_answer: AskAnswer = ask_answer_dialog,
                 tell: Callable[[str, bool], None] | None = None) -> None:
        self.window, self.ask_answer = window, ask_answer
        self.tell = tell or self._tell
        self.status = QLabel(window)
        self.status.setObjectName("receipt_status")
        window.statusBar().addPermanentWidget(self.status)
        window.setAcceptDrops(True)
        window.problems.answer_requested.connect(self.answer)
        self.refresh()

    def refresh(self) -> None:
        ws = self.window.ctx.ws
        self.window.findings.set_standing(notes.comment_findings(ws, self.window.ctx.form))
        self.status.setText(notes.receipt_status(ws))
        self.window.refresh_navigation()

    def pick_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, tr("选择区发改委的回执或退回意见"), str(documents_dir()),
            tr("区发改委签名文件 (*.zip)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> bool:
        try:
            note = notes.import_note(self.window.ctx.ws, path)
        except PlanevalError as exc:
            self.tell(exc.message, False)
            return False
        self.refresh()
        if note["kind"] == "receipt":
            self.tell(tr("区发改委已确认本单位的材料：{status}。").format(
                status=notes.receipt_status(self.window.ctx.ws)), True)
        else:
            count = len(notes.comments(self.window.ctx.ws))
            self.tell(tr("区发改委退回修改，共 {n} 条意见，已列在“问题”中相应的位置。"
                         "请逐条修改并答复，然后重新导出报送。").format(n=count), True)
        return True

    def answer(self, finding: Finding) -> None:
        ws = self.window.ctx.ws
        loc = finding.location
        found = [c for c in notes.comments(ws) if (c.table, c.number, c.field)
                 == (loc.table, loc.number, loc.column) and finding.message.endswith(c.text)]
        if not found:
            return
        comment = found[0]
        text = self.ask_answer(self.window, comment.text, comment.answer)
        if text is None:
            return
        try:
            notes.answer_comment(ws, comment.id, text)
        except PlanevalError as exc:
            self.tell(exc.message, False)
            return
        self.refresh()

    @staticmethod
    def note_files(mime: QMimeData) -> list[Path]:
        return [Path(u.toLocalFile()) for u in mime.urls()
                if u.isLocalFile() and u.toLocalFile().lower().endswith(".zip")]

    def _tell(self, text: str, ok: bool) -> None:
        if ok:
            QMessageBox.information(self.window, tr("区发改委的答复"), text)
        else:
            QMessageBox.warning(self.window, tr("无法导入"), text)
