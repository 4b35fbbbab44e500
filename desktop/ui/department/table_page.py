"""A page showing one assignment table (indicators or tasks) for filling in.

Above the table: a search box and the "only rows still open" filter; beside it, the
commission's note for the selected column and, for indicators, the progress chart.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.form import TableSpec
from desktop.core.reading import read_row
from desktop.ui.department.context import UiContext
from desktop.ui.department.delegates import ChoiceDelegate, LongTextDelegate
from desktop.ui.department.findings import FindingsStore
from desktop.ui.department.sheet import SheetView
from desktop.ui.department.side_panel import SidePanel
from desktop.ui.department.table_filter import RowFilter
from desktop.ui.department.table_model import NUMBER, AnswerTableModel, assignment_value
from desktop.ui.i18n import tr

# Starting widths in pixels by column id; other columns get DEFAULT_WIDTH.
# Chosen so both Putuo tables fit beside the navigation and the side panel at 1280x800.
WIDTHS = {NUMBER: 40, "unit": 44, "conclusion": 64, "group": 84, "name": 150,
          "content": 180, "target": 96, "mid_value": 84, "end_value": 96,
          "progress": 140, "end_status": 110, "reason": 104}
DEFAULT_WIDTH = 100
FULL_RESIZE_LIMIT = 400  # above this many rows, size rows lazily (one per edit)
SEARCH_PAUSE_MS = 250  # typing in the search box filters after a pause this long

class TablePage(QWidget):
    """Title, hint, search and filter, the table view, and the side panel."""

    def __init__(self, ctx: UiContext, spec: TableSpec, parent: QWidget | None = None, *,
                 findings: FindingsStore | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.spec = ctx, spec
        self._groups: list[str] | None = None
        self.model = AnswerTableModel(ctx, spec, self, findings=findings)  # answers: from findings
        self.proxy = RowFilter(self.model, self)
        self.view = SheetView(self.proxy, self)
        self.view.setObjectName(f"table_{spec.id}")
        self._set_up_view()
        self.side = SidePanel(ctx.form, spec, self, earlier=ctx.ws.earlier())
        title = QLabel(f"<b>{spec.attachment} {spec.title}</b>", self)
        hint = QLabel(tr("白色列由本单位填写：直接打字，回车确认并下移；结论按 A–D 键；"
                         "可从 Excel/WPS 复制整块粘贴，Delete 清空，Ctrl+D 向下填充。"
                         "红色待填或有误，黄色需核实。自动保存。"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("搜索：输入序号、名称或任意文字"))
        self.search.setClearButtonEnabled(True)
        self.open_only = QCheckBox(tr("只看未完成/有问题的行"), self)
        # Typing filters once the clerk pauses; a text set by the program (cleared to show
        # a row, say) and the check box filter at once.
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_PAUSE_MS)
        self._typing.timeout.connect(self._filter_changed)
        self.search.textEdited.connect(self._typing.start)  # comes before textChanged
        self.search.textEdited.connect(self.proxy.prepare)
        self.search.textChanged.connect(self._text_changed)
        self.open_only.toggled.connect(self._filter_changed)
        self.notice = QLabel(self)
        self.notice.setObjectName("table_notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.view.notice.connect(self._show_notice)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.open_only)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([830, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        for w in (title, hint):
            layout.addWidget(w)
        layout.addLayout(tools)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        self.model.dataChanged.connect(self._row_changed)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_current())

    def _set_up_view(self) -> None:
        v, m = self.view, self.model
        v.setWordWrap(True)
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        v.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
        v.verticalHeader().setVisible(False)
        v.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = v.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setStretchLastSection(True)
        for i, c in enumerate(m.columns):
            v.setColumnWidth(i, WIDTHS.get(c.id, DEFAULT_WIDTH))
            if c.choices:
                suggest = self._suggested if c.id == self.spec.role("conclusion") else None
                v.setItemDelegateForColumn(i, ChoiceDelegate(c.choices, v, suggest=suggest))
            elif c.answer and c.kind == "text":
                v.setItemDelegateForColumn(i, LongTextDelegate(v))
        self._apply_spans()
        if m.rowCount() <= FULL_RESIZE_LIMIT:
            v.resizeRowsToContents()
        else:
            v.verticalHeader().setDefaultSectionSize(48)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(lambda *_: self._resize_rows())

    def _apply_spans(self) -> None:
        """Merge equal group cells over the rows now shown (a heading keeps its own cells,
        so indicator 4 shows its unit and its target 40 above the sub-rows)."""
        v, m = self.view, self.model
        v.clearSpans()
        if "group" in (c.id for c in m.columns):
            col, start = m.column_of("group"), 0
            if self._groups is None:  # assignment text: read-only, read once
                self._groups = [assignment_value(r, "group") for r in m.rows]
            values = [self._groups[r] for r in self.proxy.shown_rows()]
            for i in range(1, len(values) + 1):
                if i == len(values) or values[i] != values[start]:
                    if values[start] and i - start > 1:
                        v.setSpan(start, col, i - start, 1)
                    start = i

    def _text_changed(self) -> None:
        if not self._typing.isActive():
            self._filter_changed()

    def _filter_changed(self) -> None:
        self._typing.stop()
        self.proxy.set_filter(self.search.text(), self.open_only.isChecked())
        self._apply_spans()
        self._resize_rows()

    def _source_row(self, index: QModelIndex) -> int:
        return self.proxy.mapToSource(index).row() if index.isValid() else -1

    def _suggested(self, index: QModelIndex) -> str | None:
        row = self.model.rows[self._source_row(self.proxy.index(index.row(), 0))]
        reading = read_row(self.ctx.form, self.spec, row, self.model.answers_of(row.number))
        return reading.assessment.suggested if reading and reading.assessment else None

    def _show_current(self) -> None:
        index = self.view.currentIndex()
        r = self._source_row(index)
        if r < 0 or self.model.is_heading(r):
            self.side.show_cell(None, "", {})
            return
        row = self.model.rows[r]
        self.side.show_cell(row, self.model.columns[index.column()].id,
                            self.model.answers_of(row.number))

    def select(self, number: str, column_id: str) -> QModelIndex:
        """Make a cell current and visible (clearing filters that hide it); focus the view."""
        if self.proxy.row_of(number) < 0:
            self.search.clear()
            self.open_only.setChecked(False)
        col = self.model.column_of(column_id) if column_id else 0
        index = self.proxy.index(self.proxy.row_of(number), col)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return index

    def flush(self) -> None:
        """Save what is typed in a cell editor still open (e.g. when the window closes)."""
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for editor in self.view.viewport().findChildren(QWidget, "", direct):
            self.view.commitData(editor)

    def _resize_rows(self) -> None:
        if self.model.rowCount() <= FULL_RESIZE_LIMIT:
            self.view.resizeRowsToContents()

    def _row_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                     roles: list[int] | None = None) -> None:
        # Row heights stay as they are: a row growing after a save would move the rows
        # below it under the clerk's next click.
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return  # only a tint changed
        self._show_current()

    def _show_notice(self, text: str, ok: bool) -> None:
        self.notice.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
