"""接收: packages dropped on the window, picked, or arriving in a watched folder.

The intake runs on a RoundWorker (worker.py: its own connection to the round). Each
package is one short transaction, so a UI write waits at most for that one. Cancelling
stops the intake after the package in hand, which the core has already committed whole.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.commission.intake import Outcome, intake, package_files
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.commission.intake_results import SHA_ROLE, ResultsModel
from desktop.ui.commission.worker import RoundWorker
from desktop.ui.i18n import tr

WATCH_META = "watch_folder"  # round meta: the folder watched for new packages
PAINT_MS = 200  # results and progress are shown this often during an intake
WATCH_MS = 3000  # polling interval; a file is taken once its size held for one interval


class IntakeWorker(RoundWorker):
    """Takes a list of package files in, off the UI thread."""

    def __init__(self, cws: CommissionWorkspace, files: list[Path],
                 parent: QObject | None = None) -> None:
        super().__init__(cws, self._intake, parent=parent,
                         failure="接收材料包时出现意外错误，已接收的材料包不受影响。")
        self.files = files
        self.outcomes: list[Outcome] = []

    def _intake(self, mine: CommissionWorkspace, _worker: RoundWorker) -> None:
        def one(i: int, outcome: Outcome) -> bool:
            self.outcomes.append(outcome)  # kept even if a later package breaks off
            return self.step(i + 1, len(self.files), outcome)

        intake(mine, self.files, progress=one)


class IntakePage(QWidget):
    """Drop zone, pickers, the watched folder, progress with 取消, and the results."""

    taken_in = Signal()  # an intake finished (the dashboard refreshes)
    open_package = Signal(str)  # a result double-clicked: review it

    def __init__(self, cws: CommissionWorkspace, dialogs: CommissionDialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cws, self.dialogs = cws, dialogs
        self.worker: IntakeWorker | None = None
        self.queue: list[Path] = []
        self._sizes: dict[Path, int] = {}  # watched files seen once, not yet taken
        self._seen: set[Path] = set()
        zone = QLabel(tr("把材料包（.zip）或存放材料包的文件夹拖到本窗口的任意位置即可接收。\n"
                         "每个材料包都会核验签名、证书、单位名单、轮次和任务包；"
                         "不合格的不予受理并留存备查。"), self)
        zone.setObjectName("drop_zone")
        zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        zone.setWordWrap(True)
        zone.setFrameShape(QFrame.Shape.StyledPanel)
        zone.setStyleSheet("QLabel#drop_zone { border: 2px dashed #8aa; padding: 18px;"
                           " color: #345; background: #f6fafa; }")
        self.pick_button = QPushButton(tr("接收材料包…"), self)
        self.folder_button = QPushButton(tr("接收文件夹…"), self)
        self.watch_button = QPushButton(tr("监视文件夹…"), self)
        self.watch_label = QLabel(self)
        self.watch_label.setObjectName("watch_label")
        self.pick_button.clicked.connect(self.pick)
        self.folder_button.clicked.connect(self.pick_folder)
        self.watch_button.clicked.connect(self.choose_watch)
        buttons = QHBoxLayout()
        for b in (self.pick_button, self.folder_button, self.watch_button):
            buttons.addWidget(b)
        buttons.addWidget(self.watch_label, 1)
        self.progress = QProgressBar(self)
        self.progress.setFormat(tr("%v / %m"))
        self.cancel_button = QPushButton(tr("取消"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel(tr("尚未接收材料包。"), self)
        self.status.setObjectName("intake_status")
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        self._stage_titles = {s["id"]: s["title"] for s in cws.stages()}
        self.model = ResultsModel(self._stage_titles, self)
        self.results = QTableView(self)
        self.results.setObjectName("results")
        self.results.setModel(self.model)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.results.setWordWrap(False)
        self.results.verticalHeader().setVisible(False)
        self.results.verticalHeader().setDefaultSectionSize(22)
        self.results.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((420, 110, 110, 60)):
            self.results.setColumnWidth(col, width)
        self.results.setToolTip(tr("双击已接收的材料包可打开审核"))
        self.results.doubleClicked.connect(self._double_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(zone)
        layout.addLayout(buttons)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._pending: list[Outcome] = []
        self._done = 0
        self._paint = QTimer(self)
        self._paint.setSingleShot(True)
        self._paint.setInterval(PAINT_MS)
        self._paint.timeout.connect(self._show_progress)
        self.timer = QTimer(self)
        self.timer.setInterval(WATCH_MS)
        self.timer.timeout.connect(self.poll)
        watched = cws.meta.get(WATCH_META, "")
        if watched and Path(watched).is_dir():
            self.watch(Path(watched))

    # -- starting -------------------------------------------------------------------

    def pick(self) -> None:
        chosen = self.dialogs.pick_packages(self, str(self.cws.path.parent))
        if chosen:
            self.take_in([Path(p) for p in chosen])

    def pick_folder(self) -> None:
        folder = self.dialogs.pick_folder(self, str(self.cws.path.parent))
        if folder:
            self.take_in([Path(folder)])

    def take_in(self, paths: list[Path]) -> None:
        """Take files and folders in (folders: their .zip files), after any running job."""
        files = package_files(paths)
        if not files:
            self.status.setText(tr("所选位置中没有 .zip 材料包。"))
            return
        self.queue.extend(files)
        if self.worker is None:
            self._start()

    def _start(self) -> None:
        files, self.queue = self.queue, []
        self.progress.setRange(0, len(files))
        self.progress.setValue(0)
        self.status.setText(tr("正在接收 %n 个材料包…", None, len(files)))
        self.cancel_button.setEnabled(True)
        self.worker = IntakeWorker(self.cws, files, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.failed.connect(lambda message: self.dialogs.show_error(self, message))
        self.worker.finished.connect(self._finished)
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.queue.clear()
            self.cancel_button.setEnabled(False)
            self.status.setText(tr("正在取消：当前这个材料包处理完后停止…"))

    def wait(self) -> None:
        """Block until a running intake has ended (closing the window)."""
        if self.worker is not None:
            worker, self.worker = self.worker, None
            worker.finished.disconnect(self._finished)  # the round is about to close
            worker.cancel()
            worker.wait()
            self.queue.clear()
            self._paint.stop()

    # -- progress ---------------------------------------------------------------------

    def _progressed(self, done: int, total: int, outcome: Outcome) -> None:
        self._done = done
        self._pending.append(outcome)
        if not self._paint.isActive():
            self._paint.start()

    def _show_progress(self) -> None:
        """Show what arrived since the last look. Batched: every Qt call from Python here
        waits for the worker to hand back the GIL, so one call per package would slow
        the intake (and the window) down."""
        pending, self._pending = self._pending, []
        self.progress.setValue(self._done)
        self.model.extend(pending)
        if pending:
            self.results.scrollToBottom()

    def _double_clicked(self, index: QModelIndex) -> None:
        sha = index.data(SHA_ROLE)
        if sha:
            self.open_package.emit(sha)

    def _finished(self) -> None:
        worker, self.worker = self.worker, None
        assert worker is not None
        self._paint.stop()
        self._show_progress()
        counts: dict[str, int] = {}
        for o in worker.outcomes:
            counts[tr(o.title)] = counts.get(tr(o.title), 0) + 1
        summary = "，".join(f"{k} {v} 个" for k, v in counts.items()) or tr("无")
        left = len(worker.files) - len(worker.outcomes)
        if worker.error:
            stopped = tr("接收中断，尚有 %n 个未接收。", None, left)
        else:
            stopped = tr("已取消，尚有 %n 个未接收。", None, left) if left else ""
        self.status.setText(tr("接收完成：") + summary + "。" + stopped)
        self.cancel_button.setEnabled(False)
        worker.deleteLater()
        self.taken_in.emit()
        if self.queue:
            self._start()

    def outcomes(self) -> list[tuple[str, str, str]]:
        """(file, outcome title, reason) as listed, every intake of this session in order."""
        return [(t[0], t[1], t[4]) for t in map(self.model.texts, range(self.model.rowCount()))]

    # -- the watched folder ------------------------------------------------------------

    def choose_watch(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.cws.set_meta(WATCH_META, "")
            self._show_watch(None)
            return
        folder = self.dialogs.pick_folder(self, str(self.cws.path.parent))
        if folder:
            self.cws.set_meta(WATCH_META, folder)
            self.watch(Path(folder))

    def watch(self, folder: Path) -> None:
        """Poll `folder`: every .zip appearing there (or already there) is taken in."""
        self.watched = folder
        self._seen.clear()
        self._sizes.clear()
        self._show_watch(folder)
        self.timer.start()
        self.poll()

    def _show_watch(self, folder: Path | None) -> None:
        self.watch_button.setText(tr("停止监视") if folder else tr("监视文件夹…"))
        self.watch_label.setText(tr("正在监视：") + str(folder) if folder else "")

    def poll(self) -> None:
        """Take in the watched folder's new .zip files whose size held since the last look."""
        try:
            files = package_files([self.watched])
            sizes = {f: f.stat().st_size for f in files if f not in self._seen}
        except OSError:
            return  # a share gone away: look again next time
        ready = [f for f, n in sizes.items() if self._sizes.get(f) == n]
        self._sizes = {f: n for f, n in sizes.items() if f not in ready}
        if ready:
            self._seen.update(ready)
            self.take_in(ready)
