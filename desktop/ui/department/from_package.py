"""文件 → 从任务包新建工作区…: the commission's signed assignment package becomes the
unit's workspace (checked, its form kept), and the clerk is shown the commission
certificate's fingerprint to compare with the printed certificate sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.errors import PlanevalError
from desktop.io.package_names import safe_name
from desktop.ui.busy import run_busy
from desktop.ui.i18n import tr
from desktop.ui.support import documents_dir

# (parent, start folder) -> the chosen file or folder, or None when cancelled
Pick = Callable[[QWidget, str], "str | None"]


def pick_package(parent: QWidget, start: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("选择区发改委下发的任务包"), start,
                                          tr("任务包 (*.zip)"))
    return path or None


def pick_parent(parent: QWidget, start: str) -> str | None:
    return QFileDialog.getExistingDirectory(parent, tr("选择存放工作区的文件夹"), start) or None


def create_from_package_dialog(parent: QWidget, *, package: Pick = pick_package,
                               folder: Pick = pick_parent,
                               tell: Callable[[QWidget, str, bool], None] | None = None
                               ) -> Path | None:
    """Ask for the package and where to keep the workspace; return the new workspace.

    `tell(parent, text, ok)` shows the outcome (a message box unless a test says else)."""
    tell = tell or _tell
    from desktop.department.assignment import (
        commission_fingerprint,
        create_from_package,
        read_package_file,
    )

    chosen = package(parent, str(documents_dir()))
    if not chosen:
        return None
    where = folder(parent, str(documents_dir()))
    if not where:
        return None
    try:
        pkg = run_busy(parent, tr("正在核验任务包…"), lambda: read_package_file(Path(chosen)))
        target = Path(where) / safe_name(f"{pkg.unit}-{pkg.info['round']}")

        def make() -> str:  # the connection is made and closed on the worker's thread
            with create_from_package(target, Path(chosen)) as ws:
                return commission_fingerprint(ws)

        fingerprint = run_busy(parent, tr("正在创建工作区…"), make)
    except PlanevalError as exc:
        tell(parent, exc.message, False)
        return None
    text = tr("任务包核验通过，已为“{unit}”创建工作区：\n{path}\n\n"
              "区发改委证书指纹：\n{fp}\n\n请与证书领取单上印的指纹逐组核对；"
              "如不一致，请勿使用，并联系区发改委。").format(unit=pkg.unit, path=target,
                                                      fp=fingerprint)
    tell(parent, text, True)
    return target


def _tell(parent: QWidget, text: str, ok: bool) -> None:
    if ok:
        QMessageBox.information(parent, tr("工作区已创建"), text)
    else:
        QMessageBox.warning(parent, tr("无法创建工作区"), text)
