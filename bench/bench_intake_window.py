"""The commission window's intake (worker thread, progress bar, result list) against the
core's intake over the same packages: seconds, peak RSS, and the longest the UI thread
went without running its event loop (a 20 ms timer's largest gap).

Uses bench_intake's generated round (COUNT units, a signed draft from each); each run in
its own child process. Prints; asserts nothing.

Usage: python bench/bench_intake_window.py [COUNT ...]
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_intake import make_round  # noqa: E402

COUNTS = (100, 300)
TICK_MS = 20


def window_intake(root: Path) -> tuple[int, float]:
    """Take the packages in through the intake page; (received, longest UI stall in ms)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.store.commission import CommissionWorkspace
    from desktop.ui.commission.dialogs import CommissionDialogs
    from desktop.ui.commission.intake_page import IntakePage

    app = QApplication.instance() or QApplication([])
    gaps = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps[0] = max(gaps[0], (now - last[0]) * 1000 - TICK_MS)
        last[0] = now

    with CommissionWorkspace.open(root / "cws") as cws:
        page = IntakePage(cws, CommissionDialogs())
        page.resize(1366, 700)
        page.show()
        app.processEvents()  # the first paint (fonts) is not the intake's
        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        loop = QEventLoop()
        page.taken_in.connect(loop.quit)
        timer.start()
        last[0] = time.perf_counter()
        page.take_in([root / "in"])
        loop.exec()
        timer.stop()
        received = sum(1 for _, title, _ in page.outcomes() if title == "已接收")
        page.deleteLater()
    app.processEvents()
    return received, gaps[0]


def child(mode: str, root: Path) -> None:
    files = sorted((root / "in").glob("*.zip"))
    import desktop.commission.intake  # noqa: F401  imports are not the intake's cost
    if mode == "window":
        import desktop.ui.commission.intake_page  # noqa: F401
    start = time.perf_counter()
    stall = 0.0
    if mode == "core":
        from desktop.commission.intake import intake
        from desktop.store.commission import CommissionWorkspace

        with CommissionWorkspace.open(root / "cws") as cws:
            ok = sum(o.status == "received" for o in intake(cws, files))
    else:
        ok, stall = window_intake(root)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mib": rss, "ok": ok, "stall_ms": stall}))


def measure(mode: str, root: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(root)],
                         capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(counts: tuple[int, ...]) -> None:
    print(f"{'packages':>8} {'core s':>7} {'window s':>9} {'ratio':>6} {'core MiB':>9} "
          f"{'window MiB':>10} {'UI stall ms':>11} {'taken in':>9}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_round(Path(tmp), count)
            core = measure("core", root)
        with tempfile.TemporaryDirectory() as tmp:
            root = make_round(Path(tmp), count)
            win = measure("window", root)
        print(f"{count:>8} {core['seconds']:>7.2f} {win['seconds']:>9.2f} "
              f"{win['seconds'] / core['seconds']:>6.2f} {core['rss_mib']:>9.0f} "
              f"{win['rss_mib']:>10.0f} {win['stall_ms']:>11.0f} {int(win['ok']):>9}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or COUNTS)
