"""A chart shown to fit the width of its area, or a notice in its place.

Charts come as QImage, decoded from PNG on the worker (`decode`): decoding a 1200-pixel
chart on the UI thread held the window up for a tenth of a second each.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget


def decode(png: bytes | None) -> QImage | None:
    """PNG bytes as an image (QImage may be made off the UI thread; QPixmap may not)."""
    return QImage.fromData(png, "PNG") if png else None


class ChartView(QScrollArea):
    """Scrolls vertically; the picture is scaled down (never up) to the visible width."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.setWidget(self.label)
        self.picture = QImage()

    def show_image(self, image: QImage) -> None:
        self.picture = image
        self._fit()

    def show_notice(self, text: str) -> None:
        self.picture = QImage()
        self.label.setPixmap(QPixmap())
        self.label.setText(text)
        self.label.setStyleSheet("color: #555; padding: 24px;")
        self._fit()

    def notice(self) -> str:
        return "" if self.has_picture() else self.label.text()

    def has_picture(self) -> bool:
        return not self.picture.isNull()

    def _fit(self) -> None:
        width = max(self.viewport().width(), 100)
        if self.picture.isNull():
            self.label.resize(width, max(self.viewport().height(), 60))
            return
        self.label.setStyleSheet("")
        shown = self.picture
        if shown.width() > width:
            shown = shown.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.label.setPixmap(QPixmap.fromImage(shown))
        self.label.resize(width, shown.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
