"""`python -m bench`: every figure of the speed issue (13), medians and ratios to baselines.

    python -m bench [GROUP ...] [--quick] [--runs N] [--copies 100] [--json PATH] [--list]

Groups (default: all, in this order): start (demo: first paint, peak RSS, closing to
exit, each against a bare PySide6 window started the same way, alternated), start100 (the
same at 100x), pages (the first click on each step, which builds its page, against a
later click), feedback (open at 100x, edit to feedback at 1x and 100x, full validation,
search and filter per keystroke), export (the signed package vs a plain openpyxl +
python-docx write of the same content, demo and 100x), intake (commission intake of a few
packages vs verifying them alone). Each group calls the bench/bench_*.py script that owns
its figures. Prints a table and writes it as JSON (bench/results/latest.json by default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "bench" / "results" / "latest.json"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless machines measure too


@dataclass
class Figure:
    name: str
    title: str
    value: float
    unit: str  # "s" or "MiB"
    baseline: float | None = None
    goal: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


@dataclass
class Options:
    runs: int
    copies: int
    intake: int
    tmp: Path


class Workspaces:
    """The workspaces the groups share, each made on first use."""

    def __init__(self, tmp: Path, copies: int) -> None:
        self.tmp, self.copies = tmp, copies
        self.made: dict[str, Path] = {}

    def get(self, kind: str) -> Path:
        if kind not in self.made:
            from desktop.department.operations import create_demo

            path = self.tmp / kind
            start = time.perf_counter()
            if kind == "demo":  # filled, as the clerk opens it
                create_demo(path, filled=True).close()
            elif kind == "demo-empty":  # bench_feedback's demo
                create_demo(path).close()
            else:
                from bench.scaled import make_workspace

                make_workspace(path, self.copies).close()
            print(f"  (made the {kind} workspace in {time.perf_counter() - start:.1f} s)")
            self.made[kind] = path
        return self.made[kind]


def _starts(label: str, path: Path, runs: int, with_close: bool) -> list[Figure]:
    from bench.bench_startup import measure, median

    results = measure(path, runs)
    bare, app = results["bare"], results["app"]
    figures = [
        Figure(f"start.first_paint.{label}", f"start to first paint, {label}",
               median(app, "first_paint_s"), "s", median(bare, "first_paint_s"),
               "≤ 1.5x bare" if label == "demo" else "≤ 1 s"),
        Figure(f"start.cpu.{label}", f"CPU time to first paint, {label}",
               median(app, "cpu_s"), "s", median(bare, "cpu_s")),
        Figure(f"start.rss.{label}", f"peak RSS at first paint, {label}",
               median(app, "rss_mib"), "MiB", median(bare, "rss_mib"),
               "≤ 2x bare" if label == "demo" else ""),
    ]
    if with_close:
        figures.append(Figure(f"start.close.{label}", f"closing the window to exit, {label}",
                              median(app, "close_s"), "s", median(bare, "close_s"), "≤ 0.15 s"))
    return figures


def group_start(opts: Options, spaces: Workspaces) -> list[Figure]:
    return _starts("demo", spaces.get("demo"), opts.runs, with_close=True)


def group_start100(opts: Options, spaces: Workspaces) -> list[Figure]:
    return _starts(f"{opts.copies}x", spaces.get("big"), opts.runs, with_close=True)


def group_feedback(opts: Options, spaces: Workspaces) -> list[Figure]:
    from bench.bench_feedback import bench

    small = bench("demo", spaces.get("demo-empty"))
    big = bench(f"{opts.copies}x demo", spaces.get("big"))
    x = f"{opts.copies}x"
    return [
        Figure(f"open.{x}", f"open the window, {x} (shown)", big["open_shown_s"], "s"),
        Figure(f"open.checked.{x}", f"open the window, {x}, full check merged",
               big["open_checked_s"], "s"),
        Figure("edit.cell.1x", "edit to feedback, cell, 1x", small["edit_cell_s"], "s",
               goal="≤ 16 ms"),
        Figure("edit.report.1x", "edit to feedback, report, 1x", small["edit_report_s"], "s",
               goal="≤ 16 ms"),
        Figure(f"edit.cell.{x}", f"edit to feedback, cell, {x}", big["edit_cell_s"], "s",
               small["edit_cell_s"], "≤ 16 ms, flat"),
        Figure(f"edit.report.{x}", f"edit to feedback, report, {x}", big["edit_report_s"], "s",
               small["edit_report_s"], "≤ 16 ms, flat"),
        Figure(f"navigation.{x}", f"navigation refresh, {x}", big["navigation_s"], "s"),
        Figure(f"validate.first.{x}", f"full validation, {x}, first check after opening",
               big["validate_first_s"], "s", goal="≤ 200 ms"),
        Figure(f"validate.gc.{x}", f"  of which the garbage collector (CPU), {x}",
               big["validate_first_gc_s"], "s"),
        Figure(f"validate.{x}", f"full validation, {x}, in memory", big["validate_s"], "s",
               goal="≤ 200 ms"),
        Figure(f"validate.window.{x}", f"full validation, {x}, in the open window",
               big["validate_window_s"], "s", goal="≤ 200 ms"),
        Figure(f"validate.window.gc.{x}", f"  of which the garbage collector (CPU), {x}",
               big["validate_window_gc_s"], "s"),
        Figure(f"validate.read.{x}", f"full validation, {x}, with reading",
               big["validate_read_s"], "s", goal="≤ 200 ms"),
        Figure(f"search.{x}", f"search once typing pauses, {x}", big["search_s"], "s",
               goal="≤ 50 ms"),
        Figure(f"search.key.{x}", f"slowest keystroke while typing it, {x}",
               big["search_key_s"], "s"),
        Figure(f"clear.{x}", f"clearing the search, {x}", big["clear_s"], "s", goal="≤ 50 ms"),
        Figure(f"filter.{x}", f"open-only filter, {x}", big["filter_s"], "s", goal="≤ 50 ms"),
    ]


def group_pages(opts: Options, spaces: Workspaces) -> list[Figure]:
    from bench.bench_pages import report

    figures = []
    for label, kind in (("demo", "demo"), (f"{opts.copies}x", "big")):
        got = report(label, spaces.get(kind))
        key = max(got, key=lambda k: got[k][0])
        figures.append(Figure(f"pages.first_visit.{label}",
                              f"slowest first visit of a step, {label} ({key})", got[key][0],
                              "s", got[key][1]))
    return figures


def group_export(opts: Options, spaces: Workspaces) -> list[Figure]:
    from bench.bench_export import measure

    runs = max(1, opts.runs // 2)
    figures = []
    for copies in (1, opts.copies):
        label = "demo" if copies == 1 else f"{copies}x"
        got = measure(copies, runs=runs if copies == 1 else 1)
        figures += [Figure(f"export.{label}", f"export vs plain write, {label}", got["export_s"],
                           "s", got["plain_s"], "≤ 1.3x"),
                    Figure(f"export.{label}.cpu", f"export vs plain write, {label}, CPU",
                           got["export_cpu_s"], "s", got["plain_cpu_s"], "≤ 1.3x")]
    return figures


def group_intake(opts: Options, spaces: Workspaces) -> list[Figure]:
    from bench.bench_intake import run

    got = run(opts.intake)
    return [Figure(f"intake.{opts.intake}", f"intake of {opts.intake} packages vs verify alone",
                   got["intake"]["seconds"], "s", got["baseline"]["seconds"])]


GROUPS: dict[str, Callable[[Options, Workspaces], list[Figure]]] = {
    "start": group_start, "start100": group_start100, "pages": group_pages,
    "feedback": group_feedback,
    "export": group_export, "intake": group_intake}


def shown(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value:.3f} s" if value >= 1 else f"{value * 1000:.1f} ms"
    return f"{value:.0f} {unit}"


def table(figures: list[Figure]) -> str:
    """The figures as a Markdown table (it goes into docs/PERFORMANCE.md as it is)."""
    lines = ["| figure | median | baseline | ratio | goal |", "|---|---:|---:|---:|---|"]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        lines.append(f"| {f.title} | {shown(f.value, f.unit)} | {shown(f.baseline, f.unit)} "
                     f"| {ratio} | {f.goal} |")
    return "\n".join(lines)


def machine() -> dict[str, object]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else ()
    return {"platform": platform.platform(), "python": sys.version.split()[0], "cpu": cpu,
            "cores": os.cpu_count(), "load_average": list(load),
            "qt_qpa_platform": os.environ.get("QT_QPA_PLATFORM", "")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=", ".join(GROUPS))
    parser.add_argument("--quick", action="store_true", help="3 start runs, fewer repeats")
    parser.add_argument("--runs", type=int, help="starts per side (default 7, --quick 3)")
    parser.add_argument("--copies", type=int, default=100, help="size of the big workspace")
    parser.add_argument("--intake", type=int, default=20, help="packages for the intake")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--list", action="store_true", help="list the groups and stop")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(GROUPS))
        return 0
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group {', '.join(unknown)}; known: {', '.join(GROUPS)}")
    chosen = args.groups or list(GROUPS)
    runs = args.runs or (3 if args.quick else 7)
    figures: list[Figure] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="planeval-bench-") as tmp:
        opts = Options(runs=runs, copies=args.copies, intake=args.intake, tmp=Path(tmp))
        spaces = Workspaces(Path(tmp), args.copies)
        for name in chosen:
            print(f"== {name}", flush=True)
            figures += GROUPS[name](opts, spaces)
    took = time.perf_counter() - started
    info = machine()
    print(f"\nplaneval speed, {dt.date.today()}, {runs} runs per start, "
          f"{info['cores']} cores ({info['cpu']}), load {info['load_average']}, {took:.0f} s")
    print(table(figures))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    record = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
              "machine": info, "runs": runs, "copies": args.copies, "groups": chosen,
              "seconds": took,
              "figures": [{**asdict(f), "ratio": f.ratio} for f in figures]}
    args.json.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                         encoding="utf-8")
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
