"""Cold start of the GUI to its first paint, and closing it to exit, vs a bare PySide6 window.

    python bench/bench_startup.py [--runs 5] [--workspace PATH]

Each start is a fresh interpreter: `python -m desktop WORKSPACE` for the app and a
`python -c` QLabel for the baseline, alternated run by run. Both note their first paint
with desktop/ui/first_paint.py (PLANEVAL_FIRST_PAINT), which also closes the window after
PLANEVAL_CLOSE_AFTER_MS. From the wall clock this parent shares with them: spawn to first
paint (interpreter start and imports included), the CPU time the child used until then
(steadier than wall time on a loaded machine), peak RSS at that paint, and closing the
window to the process's exit. The children write and use cached bytecode (__pycache__),
as an installed or frozen app has it, even where PYTHONDONTWRITEBYTECODE is set; the
first, unmeasured start of each side writes it. Prints, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOSE_AFTER_MS = 1500  # let the start's background work end first, as a clerk would

BARE = """
import os, sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
from desktop.ui.first_paint import watch
watch(os.environ["PLANEVAL_FIRST_PAINT"])
w = QLabel("普陀区“十四五”规划实施中期评估")
w.resize(1280, 800)
w.show()
sys.exit(app.exec())
"""


def start(argv: list[str], home: Path, close_after_ms: int) -> dict[str, float]:
    """One child from spawn to exit: first_paint_s, rss_mib, close_s."""
    note = home / "paint.jsonl"
    note.unlink(missing_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               PLANEVAL_FIRST_PAINT=str(note), PLANEVAL_CLOSE_AFTER_MS=str(close_after_ms),
               XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as in an installed app
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")  # a headless machine still measures
    t0 = time.time()
    done = subprocess.run([sys.executable, *argv], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=False, timeout=300)
    exited = time.time()
    if done.returncode != 0 or not note.exists():
        raise SystemExit(f"child {argv[:2]} failed ({done.returncode}):\n{done.stderr}")
    notes: dict[str, float] = {}
    for line in note.read_text(encoding="utf-8").splitlines():
        notes.update(json.loads(line))
    return {"first_paint_s": notes["paint"] - t0, "cpu_s": notes["cpu_s"],
            "rss_mib": notes["rss_mib"],
            "close_s": exited - notes["close"]}


def measure(workspace: Path, runs: int = 5,
            close_after_ms: int = CLOSE_AFTER_MS) -> dict[str, list[dict[str, float]]]:
    """`runs` starts of the bare window and of the app on `workspace`, alternated."""
    results: dict[str, list[dict[str, float]]] = {"bare": [], "app": []}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        bare, app = ["-c", BARE], ["-m", "desktop", str(workspace)]
        start(bare, home, 0)  # file cache and bytecode: neither side pays alone
        start(app, home, 0)
        for _ in range(runs):
            results["bare"].append(start(bare, home, close_after_ms))
            results["app"].append(start(app, home, close_after_ms))
    return results


def median(results: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workspace", type=Path, help="workspace to open (default: a new demo)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = args.workspace
        if workspace is None:
            sys.path.insert(0, str(ROOT))
            from desktop.department.operations import create_demo

            workspace = Path(tmp) / "demo"
            create_demo(workspace, filled=True).close()
        results = measure(workspace, args.runs)
    print(f"planeval start-up, {args.runs} alternated runs each, Python "
          f"{sys.version.split()[0]}, QT_QPA_PLATFORM="
          f"{os.environ.get('QT_QPA_PLATFORM', '(default)')}; medians")
    print(f"{'':14} {'first paint s':>14} {'CPU s':>6} {'peak RSS MiB':>13} {'close s':>8}")
    for label, key in (("bare PySide6", "bare"), ("planeval", "app")):
        rs = results[key]
        print(f"{label:14} {median(rs, 'first_paint_s'):>14.3f} {median(rs, 'cpu_s'):>6.3f} "
              f"{median(rs, 'rss_mib'):>13.0f} {median(rs, 'close_s'):>8.3f}")
    for figure in ("first_paint_s", "cpu_s", "rss_mib", "close_s"):
        ratio = median(results["app"], figure) / median(results["bare"], figure)
        print(f"ratio planeval / bare, {figure}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
