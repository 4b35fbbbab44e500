"""The main window's own look: a 5 px grey bar between the page and the problems list.

A style sheet on the main window ("QMainWindow::separator") drew the same bar, but a style
sheet on a window sends every widget in it through Qt's style-sheet style: building a
report page took a third longer (issue 13). This proxy style changes only the bar, and
only for the window it is set on (Qt does not pass a widget's style to its children).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

SEPARATOR_PX = 5
SEPARATOR_COLOR = QColor("#c8ccd0")


class SeparatorStyle(QProxyStyle):
    """The application's style, with a wider, visible dock separator."""

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,  # noqa: N802
                    widget: QWidget | None = None) -> int:
        if metric == QStyle.PixelMetric.PM_DockWidgetSeparatorExtent:
            return SEPARATOR_PX
        return super().pixelMetric(metric, option, widget)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,  # noqa: N802
                      painter: QPainter, widget: QWidget | None = None) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorDockWidgetResizeHandle:
            painter.fillRect(option.rect, SEPARATOR_COLOR)  # type: ignore[attr-defined]
            return
        super().drawPrimitive(element, option, painter, widget)


def use_separator_style(window: QWidget) -> None:
    """Give `window` (a QMainWindow) the visible separator; the style lives as long as it."""
    style = SeparatorStyle()
    style.setParent(window)
    window.setStyle(style)
