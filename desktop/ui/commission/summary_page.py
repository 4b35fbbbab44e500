"""全区汇总: the district summary as the core computes it, and the district's documents.

Reading every accepted package, counting and drawing the charts run on a RoundWorker, as
do writing the roll-up folder (district workbook, adjustment plan, summary docx) and the
compiled reports (汇编); the page shows progress, 取消 stops before anything is written,
and the window keeps painting. The charts come from desktop/io/charts.py (matplotlib);
an installation without it shows a notice where a chart would be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.commission.compile import write_compilation
from desktop.commission.district import make_charts, write_rollup
from desktop.commission.rollup import Rollup, build_rollup
from desktop.commission.rollup_tables import cell_text, unanswered_sheet
from desktop.commission.summary import COLUMNS, Summary, summarize
from desktop.core.form import Form
from desktop.io.package_names import safe_name
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.chart_view import ChartView, decode
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.commission.lists import ListTable
from desktop.ui.commission.text_rows import TextRowsView
from desktop.ui.commission.worker import RoundWorker
from desktop.ui.i18n import tr

OUTPUT_META = "output_folder"  # round meta: where the district's documents were last written


@dataclass(frozen=True)
class Shown:
    """What the page shows: the roll-up, its summary and the charts decoded (None: the
    installation cannot draw them)."""

    rollup: Rollup
    summary: Summary
    conclusions: QImage | None
    progress: QImage | None


def load_summary(cws: CommissionWorkspace, worker: RoundWorker) -> Shown:
    """Worker thread: read the accepted packages, count, draw."""
    rollup = build_rollup(cws, progress=worker.report)
    summary = summarize(rollup)
    worker.report(0, 1, tr("绘制图表"))
    charts = make_charts(summary)
    if charts.missing:  # the department edition has no matplotlib
        return Shown(rollup, summary, None, None)
    return Shown(rollup, summary, decode(charts.conclusions), decode(charts.progress))


def no_charts_notice() -> str:
    return tr("此安装版本不含图表组件，图表无法显示；汇总数字和生成的文件不受影响。")


def conflict_lines(rollup: Rollup) -> list[tuple[str, str, list[str]]]:
    """(table, number, [table title, number, title, fields, answers]) per disagreeing row."""
    found = []
    for table, lines in rollup.lines.items():
        spec = rollup.table(table)
        for li in lines:
            if not li.conflicts:
                continue
            fields = "、".join(spec.column(f).title for f in li.conflicts)
            values = "；".join(f"{spec.column(f).title}：" + cell_text(li, f).replace("\n", "，")
                               for f in li.conflicts)
            found.append((table, str(li.row.number),
                          [spec.title, str(li.row.number), li.row.title, fields, values]))
    return found


class SummaryPage(QWidget):
    """Counts, lists and charts on the left and right; the documents' buttons on top."""

    show_row = Signal(str, str)  # a disagreeing row double-clicked: table, number

    def __init__(self, cws: CommissionWorkspace, form: Form, dialogs: CommissionDialogs,
                 clock: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cws, self.form, self.dialogs, self.clock = cws, form, dialogs, clock
        self.worker: RoundWorker | None = None
        self.shown: Shown | None = None
        self.stale = True  # packages arrived or were decided since the last reading
        self.refresh_button = QPushButton(tr("重新统计"), self)
        self.rollup_button = QPushButton(tr("生成全区汇总…"), self)
        self.rollup_button.setToolTip(tr("全区汇总表（附件6、7格式）、主要指标调整方案（草稿）、"
                                         "全区汇总情况，写入所选文件夹"))
        self.compile_button = QPushButton(tr("生成报告汇编…"), self)
        self.compile_button.setToolTip(tr("把已确认的自评报告汇编为一个 Word 文件"))
        self.open_button = QPushButton(tr("打开输出文件夹"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.rollup_button.clicked.connect(self.write_rollup)
        self.compile_button.clicked.connect(self.write_compilation)
        self.open_button.clicked.connect(self.open_output)
        self.progress = QProgressBar(self)
        self.cancel_button = QPushButton(tr("取消"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel(self)
        self.status.setObjectName("summary_status")
        self.status.setWordWrap(True)
        self.counts = ListTable("conclusion_counts", [tr("表"), tr("类别"), *COLUMNS],
                                (110, 200, 40, 40, 40, 40, 56), self)
        header = self.counts.horizontalHeader()  # the categories' long names take the room
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.missing = TextRowsView("missing_units", [tr("单位"), tr("材料包状态")], (200,),
                                    lines=1, parent=self)
        self.unanswered = TextRowsView("unanswered_rows", [tr("表"), tr("编号"),
                                                           tr("指标或任务"),
                                                           tr("责任单位（材料包状态）")],
                                       (110, 50, 260), parent=self)
        self.conflicts = TextRowsView("conflict_rows", [tr("表"), tr("编号"), tr("指标或任务"),
                                                        tr("不一致的栏目"), tr("各单位的填报")],
                                      (110, 50, 200, 90), parent=self)
        self.conflicts.setToolTip(tr("双击可在“共同负责的行”中查看各单位的填报"))
        self.conflicts.jump.connect(lambda place: self.show_row.emit(*place))
        self.lists = QTabWidget(self)
        self.lists.setObjectName("summary_lists")
        for table in (self.missing, self.unanswered, self.conflicts):
            self.lists.addTab(table, "")
        self._title_lists()
        self.conclusions_chart = ChartView("conclusions_chart", self)
        self.progress_chart = ChartView("progress_chart", self)
        self.charts = QTabWidget(self)
        self.charts.setObjectName("summary_charts")
        self.charts.addTab(self.conclusions_chart, tr("评估结论分布"))
        self.charts.addTab(self.progress_chart, tr("指标完成进度与时间进度"))
        self._layout()
        self._show_output()
        self._busy(False)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for b in (self.refresh_button, self.rollup_button, self.compile_button,
                  self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.progress, 2)  # shown while work runs
        buttons.addWidget(self.cancel_button)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(tr("<b>评估结论数量</b>（共同负责的行按各单位结论中最低的一档计）"),
                            left))
        ll.addWidget(self.counts, 1)
        ll.addWidget(self.lists, 1)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(self.charts)
        split.setSizes([640, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

    # -- reading the summary ------------------------------------------------------------

    def show_if_stale(self) -> None:
        """The tab was opened: read again if packages changed since the last reading."""
        if self.stale and self.worker is None:
            self.refresh()

    def refresh(self) -> None:
        self.stale = False  # packages arriving from now on make it stale again
        self.status.setText(tr("正在统计已确认的材料包…"))
        self._start(load_summary, tr("统计时出现意外错误。"), self._loaded)

    def _loaded(self, shown: Shown) -> None:
        self.shown = shown
        s, rollup = shown.summary, shown.rollup
        conflicts = conflict_lines(rollup)
        total = len(rollup.states)
        self.status.setText(
            tr("本轮次共 %1 个单位，已确认材料包的 %2 个，尚未确认的 %3 个；"
               "尚无已确认填报的行 %4 行，各单位填报不一致的行 %5 行。")
            .replace("%1", str(total)).replace("%2", str(total - len(s.missing_units)))
            .replace("%3", str(len(s.missing_units)))
            .replace("%4", str(len(rollup.unanswered())))
            .replace("%5", str(len(conflicts))))
        self._fill_lists(shown, conflicts)
        self._fill_charts(shown)

    def _fill_lists(self, shown: Shown, conflicts: list[tuple[str, str, list[str]]]) -> None:
        self.counts.clear_rows()
        for c in shown.summary.counts:
            for i, (category, counts) in enumerate(c.by_category.items()):
                self.counts.add([c.title if i == 0 else "", category,
                                 *(str(counts[k]) for k in COLUMNS)])
            self.counts.add([c.title, tr("合计"), *(str(c.total(k)) for k in COLUMNS)],
                            colour="#eef2f6", coloured=1)
        self.missing.set_rows([list(m) for m in shown.summary.missing_units])
        self.unanswered.set_rows([[str(v) for v in row]
                                  for row in unanswered_sheet(shown.rollup).rows])
        self.conflicts.set_rows([texts for _, _, texts in conflicts],
                                [(table, number) for table, number, _ in conflicts],
                                colours={3: "#f7c6c6"})
        self._title_lists()

    def _title_lists(self) -> None:
        self.lists.setTabText(0, tr("尚未确认的单位（%n 个）", None, self.missing.row_count()))
        self.lists.setTabText(1, tr("尚无已确认填报的行（%n 行）", None,
                                    self.unanswered.row_count()))
        self.lists.setTabText(2, tr("各单位填报不一致的行（%n 行）", None,
                                    self.conflicts.row_count()))

    def _fill_charts(self, shown: Shown) -> None:
        if shown.conclusions is None:
            notice = no_charts_notice()
            self.conclusions_chart.show_notice(notice)
            self.progress_chart.show_notice(notice)
            return
        self.conclusions_chart.show_image(shown.conclusions)
        if shown.progress is not None:
            self.progress_chart.show_image(shown.progress)
        else:
            self.progress_chart.show_notice(tr("已确认的填报中没有可与时间进度比较的指标"
                                               "（累计型目标且数值可读）。"))

    # -- writing the district's documents -------------------------------------------------

    def output_folder(self) -> Path | None:
        folder = self.cws.meta.get(OUTPUT_META, "")
        return Path(folder) if folder and Path(folder).is_dir() else None

    def _pick_output(self) -> Path | None:
        start = self.output_folder() or self.cws.path.parent
        chosen = self.dialogs.pick_folder(self, str(start))
        if not chosen:
            return None
        self.cws.set_meta(OUTPUT_META, chosen)
        self._show_output()
        return Path(chosen)

    def _show_output(self) -> None:
        folder = self.output_folder()
        self.open_button.setEnabled(folder is not None)
        self.open_button.setToolTip(str(folder) if folder else tr("尚未生成过文件"))

    def open_output(self) -> None:
        folder = self.output_folder()
        if folder is not None:
            self.dialogs.open_file(folder)

    def write_rollup(self) -> None:
        folder = self._pick_output()
        if folder is None:
            return
        date = self.clock().date()
        self.status.setText(tr("正在生成全区汇总…"))
        self._start(lambda mine, w: write_rollup(mine, folder, date=date, progress=w.report),
                    tr("生成全区汇总时出现意外错误，没有写入不完整的文件。"),
                    lambda written: self._written(written, folder))

    def write_compilation(self) -> None:
        folder = self._pick_output()
        if folder is None:
            return
        date = self.clock().date()
        district = self.cws.meta.get("district", "")
        out = folder / safe_name(f"{district}-{self.form.report.document}汇编.docx")
        self.status.setText(tr("正在生成报告汇编…"))
        self._start(lambda mine, w: write_compilation(mine, out, date=date, progress=w.report),
                    tr("生成报告汇编时出现意外错误，没有写入不完整的文件。"),
                    lambda path: self._written([path], folder))

    def _written(self, written: list[Path], folder: Path) -> None:
        names = [p.name for p in written]
        self.status.setText(tr("已生成 %n 个文件：", None, len(written)) + "、".join(names))
        text = tr("已写入文件夹“%1”：").replace("%1", str(folder)) + "\n" + "\n".join(names)
        if self.dialogs.tell_written(self, text, folder):
            self.dialogs.open_file(folder)

    # -- the worker -----------------------------------------------------------------

    def _start(self, work: Callable[[CommissionWorkspace, RoundWorker], Any], failure: str,
               done: Callable[[Any], None]) -> None:
        if self.worker is not None:
            return
        self.progress.setRange(0, 0)
        self.worker = RoundWorker(self.cws, work, failure=failure, parent=self)
        self.worker.progressed.connect(self._progressed)
        self.worker.failed.connect(lambda message: self.dialogs.show_error(self, message))
        self.worker.finished.connect(lambda: self._finished(done))
        self._busy(True)
        self.worker.start()

    def _busy(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for b in (self.refresh_button, self.rollup_button, self.compile_button):
            b.setEnabled(not busy)

    def _progressed(self, done: int, total: int, what: object) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.progress.setFormat(f"{what}  %v / %m")

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(tr("正在取消…"))

    def _finished(self, done: Callable[[Any], None]) -> None:
        worker, self.worker = self.worker, None
        if worker is None:  # the window is closing
            return
        self._busy(False)
        worker.deleteLater()
        if worker.result is not None:
            done(worker.result)
            return
        if worker.work is load_summary:  # not read after all: read when next shown
            self.stale = True
        if worker.cancelled.is_set():
            self.status.setText(tr("已取消，没有写入文件。"))
        else:
            self.status.setText(tr("未能完成：") + worker.error)

    def wait(self) -> None:
        """Block until running work has stopped (closing the window)."""
        if self.worker is not None:
            worker, self.worker = self.worker, None
            worker.cancel()
            worker.wait()
