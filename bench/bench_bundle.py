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


def sizes(bundle: Path) -> Counter[str]:
    """Bytes per part of a bundle folder (links count nothing)."""
    out: Counter[str] = Counter()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(bundle).as_posix()
            out[next(name for name, test in PARTS if test(rel))] += path.stat().st_size
    return out


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
        from desktop.operations import create_demo

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
            f = statistics.median(timed(frozen, env) for _ in range(runs))
            s = statistics.median(timed(source, env) for _ in range(runs))
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
    lean = sizes(args.bundle)
    print(f"bundle {args.bundle.name}: {sum(lean.values()) / MB:.1f} MB")
    base = sizes(args.baseline) if args.baseline else Counter()
    if args.baseline:
        print(f"baseline {args.baseline}: {sum(base.values()) / MB:.1f} MB; "
              f"ratio bundle/baseline {sum(lean.values()) / sum(base.values()):.2f}")
    for name, _ in PARTS:
        line = f"  {name:24} {lean[name] / MB:6.1f} MB"
        if args.baseline:
            saved = (base[name] - lean[name]) / MB
            line += f"   baseline {base[name] / MB:6.1f} MB   saved {saved:5.1f}"
        print(line)
    debs = [args.deb] if args.deb else sorted((ROOT / "dist").glob("planeval_*.deb"))
    if debs:
        print(f".deb {debs[-1].name}: {debs[-1].stat().st_size / MB:.1f} MB")
    cold_starts(args.bundle, args.runs)


if __name__ == "__main__":
    main()
