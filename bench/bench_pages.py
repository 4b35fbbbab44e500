"""First visit of each step: the window builds a page when it is first shown (issue 13).

Opens the window on the demo workspace and on one 100x its size, then goes from the
first step to each other step (show_page, then the events processed, i.e. painted),
twice, so the cost a lazily built page adds to its first click is seen next to a later
click. Prints; asserts nothing.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_pages.py [COPIES]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def visits(path: Path) -> dict[str, tuple[float, float]]:
    """Step key -> (seconds of the first click, seconds of the second)."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import application, open_window

    app = application()
    window = open_window(path)
    window.show()
    app.processEvents()
    window.findings.wait()
    app.processEvents()
    out: dict[str, tuple[float, float]] = {}
    first, *others = window.nav_keys()  # the first step's page is built at start
    for key in others:
        times = []
        for _ in range(2):
            window.show_page(first)
            QApplication.processEvents()
            start = time.perf_counter()
            window.show_page(key)
            QApplication.processEvents()
            times.append(time.perf_counter() - start)
        out[key] = (times[0], times[1])
    window.close()
    return out


def report(label: str, path: Path) -> dict[str, tuple[float, float]]:
    got = visits(path)
    print(f"== {label}: first click / next click, ms")
    for key, (first, again) in got.items():
        print(f"  {key:<24} {first * 1000:8.1f} {again * 1000:8.1f}")
    return got


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    from bench.scaled import make_workspace
    from desktop.department.operations import create_demo

    with tempfile.TemporaryDirectory() as tmp:
        create_demo(Path(tmp) / "demo", filled=True).close()
        report("demo", Path(tmp) / "demo")
        make_workspace(Path(tmp) / "big", copies).close()
        report(f"{copies}x", Path(tmp) / "big")


if __name__ == "__main__":
    main()
