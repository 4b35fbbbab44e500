"""The frozen app: bundle size, .deb size, and cold start frozen vs from source. Prints,
asserts nothing.

    python bench/bench_bundle.py [--runs 5] [--bundle DIR] [--deb FILE] [--baseline DIR]

Build first (bash packaging/build.sh). Each start is a fresh process, timed by this parent
from spawn to exit: the CLI's `status` on the demo workspace, and the GUI opening it
offscreen, drawing its window into a PNG (PLANEVAL_SCREENSHOT) and quitting. The source
starts run `python -m desktop...` from this checkout's interpreter. `--baseline` names
another bundle folder (an earlier build) to compare size by part.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import __version__  # noqa: E402

MB = 1024 * 1024
PARTS = [  # (part, test on the path inside the bundle), first match wins
    ("Qt plugins", lambda p: "/plugins/" in p),
    ("Qt translations", lambda p: "/translations/" in p),
    ("ICU", lambda p: "libicu" in p),
    ("Qt libraries", lambda p: "Qt6" in p or p.startswith("_internal/PySide6/Qt/lib/")),
    ("PySide6 modules", lambda p: p.startswith("_internal/PySide6/")),
    ("Python runtime", lambda p: "python3" in p or "base_library" in p),
    ("other shared libraries", lambda p: p.startswith("_internal/lib")),
    ("forms and resources", lambda p: p.startswith(("_internal/forms", "_internal/resources"))),
    ("executables", lambda p: "/" not in p),
    ("Python packages", lambda p: True),
]


def files(bundle: Path) -> dict[str, int]:
    """Bytes of every file in a bundle folder by its path inside (links left out)."""
    return {p.relative_to(bundle).as_posix(): p.stat().st_size for p in bundle.rglob("*")
            if p.is_file() and not p.is_symlink()}


def part(path: str) -> str:
    return next(name for name, test in PARTS if test(path))


def print_sizes(bundle: Path, baseline: Path | None) -> None:
    """Size by part; against a baseline, what went (files left out) and what shrank
    (files kept but smaller: strip, the ICU trim)."""
    now = files(bundle)
    print(f"bundle {bundle.name}: {sum(now.values()) / MB:.1f} MB")
    then = files(baseline) if baseline else {}
    if baseline:
        print(f"baseline {baseline}: {sum(then.values()) / MB:.1f} MB; "
              f"ratio bundle/baseline {sum(now.values()) / sum(then.values()):.2f}")
        print(f"  {'part':24} {'now':>6} {'before':>7} {'left out':>9} {'shrunk':>7} "
              f"{'added':>6}  (MB)")
    table: dict[str, Counter[str]] = {name: Counter() for name, _ in PARTS}
    for path, size in now.items():
        table[part(path)]["now"] += size
        if baseline and path not in then:
            table[part(path)]["added"] += size
    for path, size in then.items():
        row = table[part(path)]
        row["before"] += size
        if path not in now:
            row["left out"] += size
        elif now[path] < size:
            row["shrunk"] += size - now[path]
    for name, row in table.items():
        cols = ["now", "before", "left out", "shrunk", "added"] if baseline else ["now"]
        print(f"  {name:24} " + " ".join(f"{row[c] / MB:{max(6, len(c))}.1f}" for c in cols))


def timed(command: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{command} failed ({done.returncode}):\n{done.stderr}")
    return took


def cold_starts(bundle: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "demo"
        from desktop.department.operations import create_demo

        create_demo(ws, filled=True).close()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   PLANEVAL_SCREENSHOT=str(Path(tmp) / "shot.png"))
        cases = {
            "CLI status": ([str(bundle / "planeval"), "status", str(ws)],
                           [sys.executable, "-m", "desktop.cli", "status", str(ws)]),
            "GUI shown": ([str(bundle / "planeval-gui"), str(ws)],
                          [sys.executable, "-m", "desktop", str(ws)]),
        }
        print(f"cold start, wall s, median of {runs} (after one warm-up each), "
              f"QT_QPA_PLATFORM=offscreen")
        for name, (frozen, source) in cases.items():
            timed(frozen, env), timed(source, env)  # warm the file cache for both
            pairs = [(timed(frozen, env), timed(source, env)) for _ in range(runs)]
            f = statistics.median(p[0] for p in pairs)  # alternated, so both see the
            s = statistics.median(p[1] for p in pairs)  # same load on a shared machine
            print(f"  {name:11}  frozen {f:6.3f}  source {s:6.3f}  ratio frozen/source "
                  f"{f / s:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / f"planeval-{__version__}")
    parser.add_argument("--deb", type=Path, help="default: the newest dist/planeval_*.deb")
    parser.add_argument("--baseline", type=Path, help="an earlier bundle folder to compare")
    args = parser.parse_args()
    if not (args.bundle / "planeval").exists():
        raise SystemExit(f"no bundle at {args.bundle}: run bash packaging/build.sh first")
    print_sizes(args.bundle, args.baseline)
    debs = [args.deb] if args.deb else sorted((ROOT / "dist").glob("planeval_*.deb"))
    if debs:
        print(f".deb {debs[-1].name}: {debs[-1].stat().st_size / MB:.1f} MB")
    cold_starts(args.bundle, args.runs)


if __name__ == "__main__":
    main()
