"""Time elapsed against target achieved, painted as two horizontal bars (no QtCharts), and
under them the row's figures year by year when it has a history (earlier rounds, series)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.i18n import tr

BAR_H = 18
GAP = 10
LABEL_W = 64
TIME_COLOR = QColor("#8aa4c8")
DONE_COLORS = {"A": QColor("#3f9a5a"), "B": QColor("#5fae6f"), "C": QColor("#e0a030"),
               "D": QColor("#d0574f")}
TRACK = QColor("#e9ecef")
HISTORY_H = 68  # the year columns' lane: figure, column, then the year under each
YEAR_H = 14
HISTORY_COLOR = QColor("#7f9cc0")


class ProgressChart(QWidget):
    """Two bars: 时间进度 (share of the period passed) and 完成进度 (share of the target)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.elapsed: float | None = None
        self.achieved: float | None = None
        self.grade: str | None = None
        self.history: tuple[tuple[int, float], ...] = ()  # (year, figure), oldest first
        self.goal: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(180)

    def set_values(self, elapsed: float | None, achieved: float | None,
                   grade: str | None = None) -> None:
        self.elapsed, self.achieved, self.grade = elapsed, achieved, grade
        self.update()

    def set_history(self, history: Sequence[tuple[int, float]], goal: float | None) -> None:
        """The row's figures by year; columns are scaled to the goal when there is one."""
        self.history, self.goal = tuple(history), goal
        self.setToolTip("\n".join(f"{year}：{value:,.6g}" for year, value in self.history))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        lane = GAP + HISTORY_H if self.history else 0
        return QSize(240, 2 * BAR_H + GAP + 8 + lane)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        done_color = DONE_COLORS.get(self.grade or "", QColor("#5fae6f"))
        self._bar(p, 4, tr("时间进度"), self.elapsed, TIME_COLOR)
        self._bar(p, 4 + BAR_H + GAP, tr("完成进度"), self.achieved, done_color)
        if self.history:
            self._years(p, 4 + 2 * (BAR_H + GAP))
        p.end()

    def _years(self, p: QPainter, y: int) -> None:
        """One column a year, its height the figure's share of the goal (or of the largest)."""
        p.setPen(self.palette().windowText().color())
        p.drawText(QRectF(0, y + HISTORY_H - YEAR_H, LABEL_W, YEAR_H),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), tr("历年数值"))
        values = [v for _, v in self.history]
        top = max([abs(v) for v in values] + [abs(self.goal or 0.0)]) or 1.0
        slot = (self.width() - LABEL_W - 4) / len(self.history)
        height = HISTORY_H - 2 * YEAR_H
        y += YEAR_H  # room for the figure above the tallest column
        small = p.font()
        small.setPointSizeF(max(small.pointSizeF() * 0.8, 6.0))
        p.setFont(small)
        for i, (year, value) in enumerate(self.history):
            x = LABEL_W + i * slot
            h = max(height * min(abs(value) / top, 1.0), 1.0)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(HISTORY_COLOR)
            p.drawRect(QRectF(x + slot * 0.2, y + height - h, slot * 0.6, h))
            p.setPen(QColor("#222"))
            p.drawText(QRectF(x, y + height, slot, YEAR_H),
                       int(Qt.AlignmentFlag.AlignCenter), str(year))
            p.drawText(QRectF(x, y + height - h - YEAR_H, slot, YEAR_H),
                       int(Qt.AlignmentFlag.AlignCenter), f"{value:,.4g}")
        if self.goal:  # the target as a dashed line across the columns
            gy = y + height - height * min(abs(self.goal) / top, 1.0)
            pen = p.pen()
            pen.setColor(QColor("#555"))
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(int(LABEL_W), int(gy), int(self.width() - 4), int(gy))
            p.drawText(QRectF(0, gy - YEAR_H / 2, LABEL_W - 4, YEAR_H),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       tr("目标 %1").replace("%1", f"{self.goal:,.4g}"))

    def _bar(self, p: QPainter, y: int, label: str, share: float | None, color: QColor) -> None:
        width = self.width() - LABEL_W - 4
        p.setPen(self.palette().windowText().color())
        p.drawText(QRectF(0, y, LABEL_W, BAR_H),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label)
        track = QRectF(LABEL_W, y, width, BAR_H)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(TRACK)
        p.drawRoundedRect(track, 3, 3)
        text = tr("无法计算") if share is None else f"{share:.0%}"
        if share is not None:
            p.setBrush(color)
            p.drawRoundedRect(QRectF(LABEL_W, y, width * min(max(share, 0.0), 1.0), BAR_H), 3, 3)
        p.setPen(QColor("#222"))
        p.drawText(track.adjusted(6, 0, -6, 0),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
