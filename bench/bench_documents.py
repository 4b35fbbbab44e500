"""Time to build the export documents. Prints figures, asserts nothing.

    python bench/bench_documents.py [--runs 3]

Builds the demo department's report and tables (区科委, sample answers), the full-size
tables (all 25 indicators, all 112 tasks) and a generated task table 100 times the
commission's (11,200 tasks), reporting the best of --runs and the output size.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.core.division import REPORTS, Deliverables  # noqa: E402
from desktop.core.model import TASKS, Row, RowNumber  # noqa: E402
from desktop.department.operations import create_demo, form_of  # noqa: E402
from desktop.department.sample import sample_answers  # noqa: E402
from desktop.forms.export_spec import load_export_spec  # noqa: E402
from desktop.io.assignment_xlsx import read_assignment  # noqa: E402
from desktop.io.report_docx import build_report_docx  # noqa: E402
from desktop.io.tables_xlsx import build_indicator_xlsx, build_task_xlsx  # noqa: E402
from desktop.paths import demo_dir  # noqa: E402


def best(runs: int, build: Callable[[], bytes]) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(build())
        times.append(time.perf_counter() - start)
    return min(times), size


def scaled_tasks(rows: tuple[Row, ...], times: int) -> list[Row]:
    """The commission's tasks repeated `times` times, renumbered, each copy its own category."""
    tasks = [r for r in rows if r.table == TASKS]
    out = []
    for copy in range(times):
        for r in tasks:
            number = RowNumber(str(copy * len(tasks) + int(r.number)))
            category = f"{r.category}（{copy + 1}）"
            out.append(dataclasses.replace(r, number=number, category=category))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with create_demo(Path(tmp) / "ws", filled=True) as ws:
            form = form_of(ws)
            rows, answers = ws.rows(), ws.answers()
    spec = load_export_spec(form)
    plan = Deliverables.of(rows).plans[0]
    full = read_assignment(demo_dir()).rows
    full_answers = sample_answers(full, form)
    big = scaled_tasks(full, 100)
    big_answers = sample_answers(big, form)
    cases: list[tuple[str, Callable[[], bytes]]] = [
        ("demo report (docx)", lambda: build_report_docx(
            form, spec, plan, ws.department, answers[REPORTS][plan.number],
            date=dt.date(2023, 7, 10))),
        ("demo indicator table (xlsx)", lambda: build_indicator_xlsx(form, spec, rows, answers)),
        ("demo task table (xlsx)", lambda: build_task_xlsx(form, spec, rows, answers)),
        ("25 indicators (xlsx)", lambda: build_indicator_xlsx(form, spec, full, full_answers)),
        ("112 tasks (xlsx)", lambda: build_task_xlsx(form, spec, full, full_answers)),
        (f"{len(big)} tasks (xlsx)", lambda: build_task_xlsx(form, spec, big, big_answers)),
    ]
    print(f"best of {args.runs} runs")
    for name, build in cases:
        seconds, size = best(args.runs, build)
        print(f"{name:32} {seconds * 1000:9.1f} ms  {size / 1024:9.1f} KiB")


if __name__ == "__main__":
    main()
