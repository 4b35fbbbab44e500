"""Time elapsed against target achieved, painted as two horizontal bars (no QtCharts)."""

from __future__ import annotations

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


class ProgressChart(QWidget):
    """Two bars: 时间进度 (share of the period passed) and 完成进度 (share of the target)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.elapsed: float | None = None
        self.achieved: float | None = None
        self.grade: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(180)

    def set_values(self, elapsed: float | None, achieved: float | None,
                   grade: str | None = None) -> None:
        self.elapsed, self.achieved, self.grade = elapsed, achieved, grade
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 2 * BAR_H + GAP + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        done_color = DONE_COLORS.get(self.grade or "", QColor("#5fae6f"))
        self._bar(p, 4, tr("时间进度"), self.elapsed, TIME_COLOR)
        self._bar(p, 4 + BAR_H + GAP, tr("完成进度"), self.achieved, done_color)
        p.end()

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
