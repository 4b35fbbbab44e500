"""修改对照: what changed between two packages of a unit, field by field, side by side.

The unit's valid packages (rejected files never) are listed with their stage, time and
outcome; by default the previous and the latest are compared. Each changed field is a
line: table, number, row, field, the old value (tinted red) and the new (tinted green);
the chosen line's old and new text are shown whole below, one beside the other.
The 修改对照表 (xlsx) the core writes is saved with one button.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.commission.diff import Change, diff_packages, diff_xlsx, unit_packages
from desktop.commission.intake import STATUS_TITLES
from desktop.core.errors import PlanevalError
from desktop.io.outbox import write_into
from desktop.io.package_names import safe_name
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.dashboard_page import local_time
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.commission.summary_page import OUTPUT_META
from desktop.ui.commission.text_rows import TextRowsView
from desktop.ui.i18n import tr

OLD_BG, NEW_BG = "#f8d7da", "#d4edda"


class DiffPage(QWidget):
    """A unit, two of its packages, and the fields that differ between them."""

    def __init__(self, cws: CommissionWorkspace, dialogs: CommissionDialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cws, self.dialogs = cws, dialogs
        self.titles = {s["id"]: s["title"] for s in cws.stages()}
        self.found: list[Change] = []
        self.unit = QComboBox(self)
        self.unit.setObjectName("diff_unit")
        self.unit.setMinimumWidth(180)
        self.old = QComboBox(self)
        self.old.setObjectName("diff_old")
        self.new = QComboBox(self)
        self.new.setObjectName("diff_new")
        for box in (self.old, self.new):
            box.setMinimumWidth(330)
            box.activated.connect(lambda _i: self.compare())
        self.unit.activated.connect(lambda _i: self.show_unit(self.unit.currentText()))
        self.save_button = QPushButton(tr("保存修改对照表…"), self)
        self.save_button.clicked.connect(self.save)
        self.info = QLabel(self)
        self.info.setObjectName("diff_info")
        self.info.setWordWrap(True)
        self.table = TextRowsView("diff_lines", [tr("表"), tr("编号"), tr("指标、任务或规划"),
                                                 tr("栏目"), tr("修改前"), tr("修改后")],
                                  (110, 50, 200, 120, 390), lines=3, parent=self)
        self.table.chosen.connect(self._show_line)
        self.old_text, self.new_text = QPlainTextEdit(self), QPlainTextEdit(self)
        for edit, name, colour in ((self.old_text, "diff_old_text", OLD_BG),
                                   (self.new_text, "diff_new_text", NEW_BG)):
            edit.setObjectName(name)
            edit.setReadOnly(True)
            edit.setStyleSheet(f"QPlainTextEdit {{ background: {colour}; }}")
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("单位："), self))
        top.addWidget(self.unit)
        top.addWidget(QLabel(tr("原版本："), self))
        top.addWidget(self.old, 1)
        top.addWidget(QLabel(tr("新版本："), self))
        top.addWidget(self.new, 1)
        top.addWidget(self.save_button)
        detail = QWidget(self)
        pair = QGridLayout(detail)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.addWidget(QLabel(tr("<b>修改前</b>（所选的一处，全文）"), detail), 0, 0)
        pair.addWidget(QLabel(tr("<b>修改后</b>"), detail), 0, 1)
        pair.addWidget(self.old_text, 1, 0)
        pair.addWidget(self.new_text, 1, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setSizes([440, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(split, 1)
        self.reload()

    # -- choosing ------------------------------------------------------------------

    def reload(self) -> None:
        """List the units that sent a valid package; keep the one chosen."""
        chosen = self.unit.currentText()
        units = [r["unit"] for r in self.cws.query(
            "SELECT DISTINCT unit FROM packages WHERE status != 'rejected' AND unit != ''")]
        order = {u["name"]: i for i, u in enumerate(self.cws.units())}
        self.unit.clear()
        self.unit.addItems(sorted(units, key=lambda u: (order.get(u, len(order)), u)))
        if chosen and self.unit.findText(chosen) >= 0:
            self.show_unit(chosen, self.new.currentData())
        elif self.unit.count():
            self.show_unit(self.unit.itemText(0))
        else:
            self._show([], tr("尚未收到任何材料包。"))

    def _label(self, i: int, p: dict[str, Any]) -> str:
        stage = self.titles.get(p["stage"], p["stage"])
        return (tr("第 %1 个").replace("%1", str(i)) + f" · {stage} · "
                f"{local_time(p['received_at'])} · "
                + tr(STATUS_TITLES.get(p["status"], p["status"])))

    def show_unit(self, unit: str, new_sha: str | None = None) -> None:
        """Compare `new_sha` (default: the latest) with the package before it."""
        self.unit.setCurrentIndex(self.unit.findText(unit))
        packages = unit_packages(self.cws, unit)
        for box in (self.old, self.new):
            box.clear()
            for i, p in enumerate(packages, 1):
                box.addItem(self._label(i, p), p["sha256"])
                box.setItemData(i - 1, f"{p['file_name']}\nSHA-256：{p['sha256']}",
                                Qt.ItemDataRole.ToolTipRole)
        shas = [p["sha256"] for p in packages]
        new = shas.index(new_sha) if new_sha in shas else len(shas) - 1
        self.new.setCurrentIndex(new)
        self.old.setCurrentIndex(max(new - 1, 0))
        self.compare()

    def compare(self) -> None:
        old, new = self.old.currentData(), self.new.currentData()
        if not old or not new:
            self._show([], tr("请选择单位。"))
        elif old == new:
            self._show([], tr("“%1”只有一个有效材料包，或两边选了同一个材料包：请在上方选择两个"
                              "不同的材料包。").replace("%1", self.unit.currentText()))
        else:
            try:
                found = diff_packages(self.cws, old, new)
            except PlanevalError as exc:  # a stored package unreadable: said, not raised
                self._show([], exc.message)
                return
            self._show(found, tr("%1：共 %2 处修改（红底为修改前，绿底为修改后）。")
                       .replace("%1", self.unit.currentText()).replace("%2", str(len(found)))
                       if found else tr("两个材料包的填报内容完全相同。"))

    def _show(self, found: list[Change], text: str) -> None:
        self.found = found
        self.info.setText(text)
        self.table.set_rows([[c.table_title, c.number, c.row_title, c.field_title, c.old, c.new]
                             for c in found], colours={4: OLD_BG, 5: NEW_BG})
        self.save_button.setEnabled(bool(found))
        if found:
            self.table.selectRow(0)
        else:
            self._show_line(-1)

    def _show_line(self, row: int) -> None:
        """The chosen change's old and new text in full, one beside the other."""
        change = self.found[row] if 0 <= row < len(self.found) else None
        self.old_text.setPlainText(change.old if change else "")
        self.new_text.setPlainText(change.new if change else "")

    # -- the 修改对照表 -------------------------------------------------------------------

    def save(self) -> None:
        start = self.cws.meta.get(OUTPUT_META, "") or str(self.cws.path.parent)
        folder = self.dialogs.pick_folder(self, start)
        if not folder:
            return
        unit, old, new = self.unit.currentText(), self.old.currentText(), self.new.currentText()
        title = f"{unit} 修改对照表（{old} → {new}）"
        name = safe_name(f"修改对照表-{unit}-{self.old.currentData()[:8]}-"
                         f"{self.new.currentData()[:8]}.xlsx")
        try:
            target = write_into(Path(folder), name, diff_xlsx(self.found, title=title))
        except PlanevalError as exc:
            self.dialogs.show_error(self, exc.message)
            return
        self.cws.set_meta(OUTPUT_META, folder)
        if self.dialogs.tell_written(self, tr("修改对照表已保存：") + str(target), Path(folder)):
            self.dialogs.open_file(Path(folder))
