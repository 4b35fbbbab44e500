"""Render resources/icons/planeval.svg into the PNG sizes a Linux menu wants and a Windows
.ico (PySide6's SVG and ICO support; run by build.sh before PyInstaller).

    python packaging/make_icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256)
SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "planeval.svg"


def main(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - Qt needs one
    renderer = QSvgRenderer(str(SVG))
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"planeval-{size}.png"))
    # The ICO writer takes one size; 256 px scales down well in Explorer and the taskbar.
    QImage(str(out / "planeval-256.png")).save(str(out / "planeval.ico"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
