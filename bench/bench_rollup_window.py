"""The commission window's 全区汇总 page against the core, on bench_rollup's round.

Per size, each in its own child process: the core's `write_rollup` called plainly (the
baseline), then the page — reading the summary on its worker and filling the counts, lists
and charts, then 生成全区汇总… on its worker — with the seconds of each, peak RSS and, for
each, the longest the UI thread went without running its event loop (a 20 ms timer's
largest gap).
Then the lists: ROWS rows of unanswered-row text put into the old per-row-sized list
(ListTable) and into the model/view list the page uses (TextRowsView), fill and first paint.
Prints; asserts nothing.

Usage: python bench/bench_rollup_window.py [COPIES ...]   (default: 1 100)
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_rollup import DAY, make_round  # noqa: E402

COPIES = (1, 100)
ROWS = 14_000  # the 100x round's rows, as if none had an accepted answer
TICK_MS = 20


class Stalls:
    """The largest gap between a 20 ms timer's ticks, less the interval."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self.last) * 1000 - TICK_MS)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()


def window_rollup(cws_path: Path, out: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import datetime as dt

    from PySide6.QtWidgets import QApplication

    from desktop.commission.round import round_form
    from desktop.store.commission import CommissionWorkspace
    from desktop.ui.commission.dialogs import CommissionDialogs
    from desktop.ui.commission.summary_page import SummaryPage

    app = QApplication.instance() or QApplication([])
    dialogs = CommissionDialogs(pick_folder=lambda *_: str(out),
                                tell_written=lambda *_: False)
    clock = lambda: dt.datetime.combine(DAY, dt.time(9), dt.UTC)  # noqa: E731
    found: dict[str, float] = {}
    with CommissionWorkspace.open(cws_path) as cws:
        page = SummaryPage(cws, round_form(cws), dialogs, clock)
        page.resize(1366, 700)
        page.show()
        app.processEvents()
        for name, start_work in (("summary", page.refresh), ("window", page.write_rollup)):
            stalls = Stalls()
            stalls.start()
            began = time.perf_counter()
            start_work()
            while page.worker is not None:
                app.processEvents()
                time.sleep(0.005)
            app.processEvents()
            found[f"{name}_s"] = time.perf_counter() - began
            stalls.timer.stop()
            found[f"{name}_stall_ms"] = stalls.longest
        page.deleteLater()
    app.processEvents()
    return found


def child(mode: str, cws_path: Path, out: Path) -> None:
    out.mkdir(exist_ok=True)
    import desktop.commission.district  # noqa: F401  imports are not the work's cost

    if mode == "core":
        from desktop.commission.district import write_rollup
        from desktop.store.commission import CommissionWorkspace

        start = time.perf_counter()
        with CommissionWorkspace.open(cws_path) as cws:
            write_rollup(cws, out, date=DAY)
        found = {"core_s": time.perf_counter() - start}
    else:
        found = window_rollup(cws_path, out)
    found["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(found))


def lists() -> dict[str, float]:
    """Fill and first paint of ROWS rows: per-row-sized ListTable against TextRowsView."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.ui.commission.lists import ListTable
    from desktop.ui.commission.text_rows import TextRowsView

    app = QApplication.instance() or QApplication([])
    labels = ["表", "编号", "指标或任务", "责任单位（材料包状态）"]
    rows = [["主要任务评估表", str(i), "坚持创新驱动，全面打造高质量发展的新引擎" * 2,
             "区科委（未报送）、区民政局（未报送）"] for i in range(ROWS)]
    found = {}
    for name, make, fill in (
            ("list_table_s", lambda: ListTable("x", labels, (110, 50, 260)),
             lambda v: [v.add(r) for r in rows]),
            ("text_rows_s", lambda: TextRowsView("x", labels, (110, 50, 260)),
             lambda v: v.set_rows(rows))):
        view: Any = make()
        view.resize(640, 300)
        view.show()
        app.processEvents()
        start = time.perf_counter()
        fill(view)
        app.processEvents()
        found[name] = time.perf_counter() - start
        view.deleteLater()
        app.processEvents()
    return found


def measure(*args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", *args],
                          capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(copies: tuple[int, ...]) -> None:
    print(f"{'size':>5} {'core s':>7} {'window s':>9} {'ratio':>6} {'summary s':>10} "
          f"{'core MiB':>9} {'window MiB':>11} {'stall: summary':>15} {'roll-up ms':>11}")
    for k in copies:
        with tempfile.TemporaryDirectory() as tmp:
            cws_path = make_round(Path(tmp), k)
            core = measure("core", str(cws_path), str(Path(tmp) / "c"))
            win = measure("window", str(cws_path), str(Path(tmp) / "w"))
        print(f"{k:>4}x {core['core_s']:>7.2f} {win['window_s']:>9.2f} "
              f"{win['window_s'] / core['core_s']:>6.2f} {win['summary_s']:>10.2f} "
              f"{core['rss_mib']:>9.0f} {win['rss_mib']:>11.0f} "
              f"{win['summary_stall_ms']:>15.0f} {win['window_stall_ms']:>11.0f}")
    got = measure("lists", "", "")
    print(f"{ROWS} list rows: ListTable {got['list_table_s']:.2f} s, TextRowsView "
          f"{got['text_rows_s']:.3f} s, ratio {got['list_table_s'] / got['text_rows_s']:.0f}x")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        if sys.argv[2] == "lists":
            print(json.dumps(lists()))
        else:
            child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or COPIES)
