"""Workspace timings at ~100x real size: create, open, edits per second. Prints; asserts nothing.

Usage: python bench/bench_store.py [FOLDER]   (FOLDER: where to put the workspace; default a
temporary folder. Put it on the disk you care about: fsync cost differs a lot.)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.model import Row, RowNumber  # noqa: E402
from desktop.store import Workspace  # noqa: E402

ROWS = 12_000
SINGLE_EDITS = 2_000


def sample_rows(n: int) -> list[Row]:
    """n rows spread over the three tables, with parents and Chinese text."""
    rows = []
    for i in range(n):
        table = ("indicators", "tasks", "plans")[i % 3]
        number = RowNumber(str(i))
        parent = RowNumber(str(i - 3)) if i % 5 == 0 and i >= 3 else None
        fields = {"name": f"第{i}项指标", "content": "推进重点项目建设" * 5, "target": "≥5%"}
        rows.append(Row(table, number, "经济发展", "一、", fields, ("区发改委", "区科委"), parent))
    return rows


def timed(label: str, seconds: float, extra: str = "") -> None:
    """Print one figure."""
    print(f"{label:<34} {seconds * 1000:10.1f} ms  {extra}")


def main() -> None:
    """Run the benchmark once and print the figures."""
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="bench-"))
    folder = base / "bench-workspace"
    shutil.rmtree(folder, ignore_errors=True)
    rows = sample_rows(ROWS)
    print(f"workspace: {folder}  ({ROWS} rows)")
    try:
        t = time.perf_counter()
        ws = Workspace.create(folder, rows=rows, department="区科委", meta={"district": "普陀区"})
        timed("create", time.perf_counter() - t)
        ws.close()

        t = time.perf_counter()
        ws = Workspace.open(folder)
        timed("open (quick_check, migrations)", time.perf_counter() - t)

        t = time.perf_counter()
        for i in range(SINGLE_EDITS):
            r = rows[i]
            ws.set_answer(r.table, r.number, "actual", f"值{i}")
        elapsed = time.perf_counter() - t
        rate = SINGLE_EDITS / elapsed
        timed(f"set_answer x{SINGLE_EDITS}", elapsed, f"{rate:,.0f} edits/s (one fsync each)")

        items = [(r.table, r.number, "progress", f"进展{i}") for i, r in enumerate(rows)]
        t = time.perf_counter()
        changed = ws.set_answers(items, who="bench")
        elapsed = time.perf_counter() - t
        timed(f"set_answers x{changed} (one txn)", elapsed, f"{changed / elapsed:,.0f} edits/s")

        t = time.perf_counter()
        answers = ws.answers()
        n = sum(len(f) for by_n in answers.values() for f in by_n.values())
        timed("answers()", time.perf_counter() - t, f"{n} cells")

        t = time.perf_counter()
        count = len(ws.history())
        timed("history()", time.perf_counter() - t, f"{count} changes")
        ws.close()

        t = time.perf_counter()
        Workspace.open(folder).close()
        timed("reopen with answers", time.perf_counter() - t)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"{'folder size':<34} {size / 1e6:10.1f} MB")
    finally:
        if len(sys.argv) <= 1:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
