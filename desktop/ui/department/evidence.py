"""The evidence list under a report: files sent with the package (attachments/)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import PlanevalError
from desktop.department import attachments
from desktop.ui.busy import Report, run_with_progress
from desktop.ui.department.context import UiContext
from desktop.ui.i18n import tr
from desktop.ui.support import documents_dir

PickFiles = Callable[[QWidget], list[str]]


def pick_files(parent: QWidget) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(parent, tr("选择佐证材料"), str(documents_dir()))
    return list(files)


def _read_all(paths: list[str], report: Report) -> list[tuple[str, bytes | PlanevalError]]:
    out: list[tuple[str, bytes | PlanevalError]] = []
    for i, p in enumerate(paths):
        report(i, len(paths))
        try:
            out.append((p, attachments.read_source(Path(p))))
        except PlanevalError as exc:
            out.append((p, exc))
    report(len(paths), len(paths))
    return out


class EvidencePanel(QWidget):
    """Lists the workspace's evidence files; add and remove them (shared by all reports)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 pick: PickFiles = pick_files) -> None:
        super().__init__(parent)
        self.ctx, self._pick = ctx, pick
        title = QLabel(f"<b>{tr('典型案例佐证材料')}</b>", self)
        note = QLabel(tr("照片、文件等，随材料包一并报送（单个不超过 50 MB，各报告共用）。"), self)
        note.setStyleSheet("color: #666;")
        note.setWordWrap(True)
        self.files = QListWidget(self)
        self.files.setMaximumHeight(110)
        self.message = QLabel("", self)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        add = QPushButton(tr("添加…"), self)
        add.clicked.connect(self._add_clicked)
        self.remove_button = QPushButton(tr("移除所选"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        for w in (title, note, self.files):
            layout.addWidget(w)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self.refresh()  # another report's panel may have changed the shared list
        super().showEvent(event)

    def refresh(self) -> None:
        self.files.clear()
        self.files.addItems([p.name for p in attachments.listed(self.ctx.ws)])
        self.remove_button.setEnabled(self.files.count() > 0)

    def add_files(self, paths: list[str]) -> None:
        """Copy the files into the workspace; a refusal is shown, the rest still added.

        The files (on a USB stick or a share, 50 MB each at most) are read on a worker
        with progress; the workspace records them on the UI thread."""
        if not paths:
            return
        read = run_with_progress(self, tr("正在添加佐证材料……"),
                                 lambda report: _read_all(paths, report))
        problems = []
        for p, data in read:
            try:
                if isinstance(data, PlanevalError):
                    raise data
                attachments.add(self.ctx.ws, Path(p), data)
            except PlanevalError as exc:
                problems.append(exc.message)
        self.message.setText("\n".join(problems))
        self.refresh()

    def remove_selected(self) -> None:
        item = self.files.currentItem()
        if item is None:
            return
        try:
            attachments.remove(self.ctx.ws, item.text())
        except PlanevalError as exc:
            self.message.setText(exc.message)
        self.refresh()

    def _add_clicked(self) -> None:
        self.add_files(self._pick(self))
