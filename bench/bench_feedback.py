"""Validation feedback while typing, on the demo and at 100x its rows. Prints; asserts nothing.

Builds a workspace of 100 copies of the demo division tables' rows (2.9k indicators, 11.2k
tasks, targets as in the seed), half of them answered, then times: opening the workspace
(store only), the full validation,
opening the window (full check in the background), and edit-to-feedback latency, i.e. from
the model's setData to the problems panel, the status bar and the cell tint updated, with
processEvents included.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_feedback.py [COPIES]
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.scaled import make_workspace  # noqa: E402
from desktop.core.validation import validate  # noqa: E402
from desktop.department import operations  # noqa: E402

EDITS = 30


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


class Collector:
    """The CPU time the cyclic garbage collector spends inside a `with` block: a full
    collection walks every object of the process, the open workspace's included."""

    def __enter__(self) -> Collector:
        self.seconds, self._start = 0.0, 0.0
        gc.callbacks.append(self._note)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.seconds += time.process_time() - self._start


def bench(label: str, path: Path) -> dict[str, float]:
    """Print the figures for the workspace at `path` and return them (seconds)."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import application, open_window

    app = application()
    opened = float("inf")
    for _ in range(3):  # best of three: reading the rows into objects, meta, migrations
        t = time.perf_counter()
        ws, form = operations.open_workspace(path)
        opened = min(opened, time.perf_counter() - t)
        ws.close()
    ws, form = operations.open_workspace(path)
    rows, answers, accepted = ws.rows(), ws.answers(), ws.acceptances()
    n_ind, n_task = len(ws.rows("indicators")), len(ws.rows("tasks"))
    runs = []  # (wall, CPU, collector) of each full check; the first: a freshly opened one
    with_read = float("inf")
    for _ in range(3):  # best of three: the first run also warms caches
        t, cpu = time.perf_counter(), time.process_time()
        with Collector() as collector:
            findings = validate(form, rows, answers, accepted)
        runs.append((time.perf_counter() - t, time.process_time() - cpu, collector.seconds))
        t = time.perf_counter()
        operations.validate_workspace(ws, form)
        with_read = min(with_read, time.perf_counter() - t)
    ws.close()
    full, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    print(f"\n== {label}: {n_ind} indicators, {n_task} tasks, {len(findings)} findings")
    print(f"open workspace (store only)         {ms(opened)}")
    print(f"full validate, first check          {ms(runs[0][0])}   CPU {ms(runs[0][1])}"
          f"   of which garbage collector {ms(runs[0][2])}")
    print(f"full validate (answers in memory)   {ms(full)}   CPU {ms(cpu)}")
    print(f"full validate incl. reading answers {ms(with_read)}")
    out = {"validate_s": full, "validate_read_s": with_read, "validate_cpu_s": cpu,
           "validate_first_s": runs[0][0], "validate_first_cpu_s": runs[0][1],
           "validate_first_gc_s": runs[0][2]}

    t = time.perf_counter()
    window = open_window(path)
    merged: list[bool] = []
    window.findings.merged.connect(lambda: merged.append(True))
    window.show()
    app.processEvents()
    shown = time.perf_counter() - t
    # A background check starts once the window has painted: wait for its findings.
    while window.findings.background and not merged:
        app.processEvents()
        time.sleep(0.001)
    checked = time.perf_counter() - t
    where = "in a QThreadPool worker" if window.findings.background else "inline"
    print(f"open window (shown)                 {ms(shown)}   full check {where}")
    print(f"  ... until its findings merged     {ms(checked)}")
    out.update(open_shown_s=shown, open_checked_s=checked)
    store = window.findings  # the check as the window runs it (after its first paint)
    t, cpu = time.perf_counter(), time.process_time()
    with Collector() as collector:
        validate(form, store.rows, store.answers, store.accepted)
    out.update(validate_window_s=time.perf_counter() - t,
               validate_window_cpu_s=time.process_time() - cpu,
               validate_window_gc_s=collector.seconds)
    print(f"full validate in the open window    {ms(out['validate_window_s'])}"
          f"   CPU {ms(out['validate_window_cpu_s'])}"
          f"   of which garbage collector {ms(collector.seconds)}")

    page = window.show_page("indicators")
    m = page.model
    numbers = [r.number for r in operations.Deliverables.of(m.rows).indicators]
    col = m.column_of("mid_value")
    latencies = []
    for i in range(EDITS):
        number = numbers[(i * 7919) % len(numbers)]
        index = m.index(m.row_of(number), col)
        t = time.perf_counter()
        m.setData(index, f"{100 + i}")
        QApplication.processEvents()
        latencies.append(time.perf_counter() - t)
        assert window.counts.text()  # the status bar was updated by then
    print(f"edit -> feedback, indicator cell    median {ms(statistics.median(latencies))}"
          f"   max {ms(max(latencies))}")
    out["edit_cell_s"] = statistics.median(latencies)
    report = window.show_page(f"report:{window.ctx.ws.rows('plans')[0].number}")
    editor = report.sections[1]
    latencies = []
    for i in range(EDITS):
        editor.edit.setPlainText(f"推进情况第{i}稿")
        t = time.perf_counter()
        editor.flush()
        QApplication.processEvents()
        latencies.append(time.perf_counter() - t)
    print(f"edit -> feedback, report section    median {ms(statistics.median(latencies))}"
          f"   max {ms(max(latencies))}")
    out["edit_report_s"] = statistics.median(latencies)
    t = time.perf_counter()
    window.refresh_navigation()
    out["navigation_s"] = time.perf_counter() - t
    print(f"navigation refresh (debounced)      {ms(out['navigation_s'])}")
    page = window.show_page("tasks")
    keys, pauses, clears, filters = [], [], [], []
    for word in ("创新", "科技", "企业", "建设", "服务"):  # medians over five searches
        for char in word:  # typed, as the clerk does: each key, then the pause
            t = time.perf_counter()
            type_key(page.search, char)
            keys.append(time.perf_counter() - t)
        t = time.perf_counter()
        page._typing.timeout.emit()  # the pause timer's work, now
        pauses.append(time.perf_counter() - t)
        kept = page.proxy.rowCount()
        t = time.perf_counter()
        page.search.clear()
        clears.append(time.perf_counter() - t)
        t = time.perf_counter()
        page.open_only.setChecked(True)
        filters.append(time.perf_counter() - t)
        page.open_only.setChecked(False)
    out.update(search_s=statistics.median(pauses), search_key_s=max(keys),
               clear_s=statistics.median(clears), filter_s=statistics.median(filters))
    print(f"search in tasks once typing pauses  median {ms(out['search_s'])}"
          f"   first {ms(pauses[0])} ({kept} rows kept at the last)")
    print(f"slowest keystroke while typing      {ms(out['search_key_s'])}"
          f"   (the first: the rows' text is read then)")
    print(f"clear the search                    median {ms(out['clear_s'])}")
    print(f"filter open tasks                   median {ms(out['filter_s'])}")
    window.close()
    return out


def type_key(widget: Any, char: str) -> None:
    """One keystroke of `char` (QTest.keyClicks takes ASCII only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, char))


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo"
        operations.create_demo(demo).close()
        bench("demo", demo)
        big = Path(tmp) / "big"
        t = time.perf_counter()
        make_workspace(big, copies).close()
        print(f"\n(built the {copies}x workspace in {time.perf_counter() - t:.1f} s)")
        bench(f"{copies}x demo", big)


if __name__ == "__main__":
    main()
