"""The frozen app, per edition: bundle size, .deb size, the newest glibc it needs, and cold
start frozen vs from source. Prints, asserts nothing.

    python bench/bench_bundle.py [--runs 5] [--edition department|commission]
                                 [--bundle DIR] [--deb FILE] [--baseline DIR]

Build first (bash packaging/build.sh [department|commission]); without --edition every
edition built in dist/ is measured. Each start is a fresh process, timed by this parent
from spawn to exit: the CLI's `status` on the demo workspace, and the GUI opening it
offscreen, drawing its window into a PNG (PLANEVAL_SCREENSHOT) and quitting. The source
starts run `python -m desktop...` from this checkout's interpreter. `--baseline` names
another bundle folder (an earlier build) to compare size by part. The glibc line reads the
GLIBC_x.y symbol versions every ELF file in the bundle asks for (readelf -V): the oldest
glibc the bundle runs on.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "packaging")]

from bundle_rules import EDITIONS  # noqa: E402

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


def glibc_needed(bundle: Path) -> dict[str, tuple[int, ...]]:
    """The newest GLIBC_x.y symbol version each ELF file in the bundle needs."""
    needed: dict[str, tuple[int, ...]] = {}
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["readelf", "-V", "-W", str(path)], capture_output=True,
                             text=True, check=False).stdout
        found = re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out)
        versions = [tuple(map(int, v.split("."))) for v in found]
        if versions:
            needed[path.relative_to(bundle).as_posix()] = max(versions)
    return needed


def print_glibc(bundle: Path, target: tuple[int, ...] = (2, 28)) -> None:
    needed = glibc_needed(bundle)
    if not needed:
        print("glibc: no ELF files (not a Linux bundle)")
        return
    def dotted(version: tuple[int, ...]) -> str:
        return ".".join(map(str, version))

    over = [f for f, v in needed.items() if v > target]
    print(f"glibc needed: {dotted(max(needed.values()))} (the highest GLIBC_ symbol version "
          f"of {len(needed)} ELF files); {len(over)} need more than {dotted(target)} (UOS V20)")
    by_part: dict[str, tuple[tuple[int, ...], str]] = {}
    for name, version in needed.items():
        by_part[part(name)] = max(by_part.get(part(name), ((0,), "")), (version, name))
    for name, (version, example) in sorted(by_part.items(), key=lambda kv: kv[1], reverse=True):
        print(f"  {name:24} {dotted(version):5} {example}")


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


def measure(bundle: Path, deb: Path | None, baseline: Path | None, runs: int) -> None:
    print_sizes(bundle, baseline)
    if deb and deb.exists():
        print(f".deb {deb.name}: {deb.stat().st_size / MB:.1f} MB")
    print_glibc(bundle)
    cold_starts(bundle, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edition", choices=list(EDITIONS), help="default: every one built")
    parser.add_argument("--bundle", type=Path, help="a bundle folder (with --edition)")
    parser.add_argument("--deb", type=Path, help="its .deb (default: the edition's in dist/)")
    parser.add_argument("--baseline", type=Path, help="an earlier bundle folder to compare")
    args = parser.parse_args()
    editions = [args.edition] if args.edition else list(EDITIONS)
    if (args.bundle or args.baseline) and len(editions) > 1:
        raise SystemExit("--bundle and --baseline need --edition")
    measured = 0
    for edition in editions:
        name = EDITIONS[edition]
        bundle = args.bundle or ROOT / "dist" / f"{name}-{__version__}"
        if not (bundle / "planeval").exists():
            print(f"== {edition} edition: no bundle at {bundle} "
                  f"(bash packaging/build.sh {edition})")
            continue
        print(f"== {edition} edition ({name})")
        debs = sorted((ROOT / "dist").glob(f"{name}_{__version__}_*.deb"))
        measure(bundle, args.deb or (debs[-1] if debs else None), args.baseline, args.runs)
        measured += 1
    if not measured:
        raise SystemExit("nothing built: run bash packaging/build.sh first")


if __name__ == "__main__":
    main()
