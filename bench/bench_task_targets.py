"""Targets inside task text on Putuo's 112 tasks: what is found against the hand-written
list (tests/data/putuo_task_targets.json), and the time, beside a baseline that takes every
Arabic number as a target. Prints; asserts nothing.

Usage: python bench/bench_task_targets.py [REPEAT]
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.task_targets import extract  # noqa: E402
from desktop.department.operations import read_tables  # noqa: E402
from desktop.forms import find_form  # noqa: E402
from desktop.paths import demo_dir, project_root  # noqa: E402

EXPECTED = project_root() / "tests" / "data" / "putuo_task_targets.json"
EVERY_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def baseline(text: str) -> list[str]:
    return EVERY_NUMBER.findall(unicodedata.normalize("NFKC", text))


def timed(run: object, texts: dict[str, str], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts.values():
            run(text)  # type: ignore[operator]
    return (time.perf_counter() - start) / repeat


def line(name: str, found: int, right: int, expected: int, seconds: float, tasks: int) -> None:
    print(f"{name:<26} tasks {tasks:>4}  found {found:>3}  right {right:>3}  expected {expected:>3}"
          f"  wrong {found - right:>3}  {seconds * 1000:8.2f} ms"
          f" ({seconds / tasks * 1e6:6.1f} µs/task)")


def main(repeat: int) -> None:
    full, _ = read_tables(demo_dir(), find_form("putuo-2023-midterm"))
    texts = {r.number: r.fields.get("content", "") for r in full.table("tasks")}
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["tasks"]
    want = {(n, float(t["figure"]), t["unit"]) for n, ts in expected.items() for t in ts}
    numbers = sum(len(baseline(t)) for t in texts.values())
    base = timed(baseline, texts, repeat)  # every target is a number: it finds them all
    line("every number (baseline)", numbers, len(want), len(want), base, len(texts))
    got = {(n, t.figure, t.unit) for n, text in texts.items() for t in extract(text)}
    seconds = timed(extract, texts, repeat)
    line("task_targets.extract", len(got), len(got & want), len(want), seconds, len(texts))
    print(f"time ratio extract / baseline: {seconds / base:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
