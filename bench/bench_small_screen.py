"""Task rows a clerk sees at 1366x768 (less taskbar and title bar), now vs the old layout.
Prints, asserts nothing.

    QT_QPA_PLATFORM=offscreen python bench/bench_small_screen.py

"now": the window as it opens (problems list folded to one line, rows capped at three
lines). "baseline", in the same process: the problems list open at 170 px and rows sized
to their whole content, as before issue 9.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.department import operations  # noqa: E402
from desktop.ui.app import application, open_window  # noqa: E402

SIZE = (1366, 768 - 70)


def visible_rows(view) -> int:  # type: ignore[no-untyped-def]
    height = view.viewport().height()
    return sum(1 for r in range(view.model().rowCount())
               if 0 <= view.rowViewportPosition(r)
               and view.rowViewportPosition(r) + view.rowHeight(r) <= height)


def measure(path: Path, *, baseline: bool) -> int:
    window = open_window(path)
    window.resize(*SIZE)
    window.show()
    page = window.show_page("tasks")
    if baseline:
        window.problems.set_expanded(True)
        window.resizeDocks([window.problems], [170], Qt.Orientation.Vertical)
        page.view.max_lines = 1000  # type: ignore[attr-defined]
        page.view.resizeRowsToContents()  # type: ignore[attr-defined]
    else:
        window.problems.set_expanded(False)
    for _ in range(5):
        QApplication.processEvents()
    rows = visible_rows(page.view)  # type: ignore[attr-defined]
    window.close()
    return rows


def main() -> None:
    application()
    path = Path(tempfile.mkdtemp()) / "demo"
    operations.create_demo(path).close()
    now, before = measure(path, baseline=False), measure(path, baseline=True)
    print(f"task rows fully visible at {SIZE[0]}x{SIZE[1]}: now {now}, baseline {before}, "
          f"ratio {now / max(before, 1):.1f}x")


if __name__ == "__main__":
    main()
