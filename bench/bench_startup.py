"""Cold start of the GUI on the demo workspace vs a bare PySide6 window. Prints, asserts nothing.

    python bench/bench_startup.py [--runs 5] [--workspace PATH]

Each start is a fresh interpreter (subprocess): it imports what it needs, builds the
window, shows it, processes events, then reports. Wall time is measured by this parent
from spawn to the child's report, so interpreter start-up and imports are included.
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

_PEAK_RSS = """
def peak_rss_mb():
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
"""

BARE = _PEAK_RSS + """
import json, sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
w = QLabel("普陀区“十四五”规划实施中期评估")
w.resize(1280, 800)
w.show()
app.processEvents()
print(json.dumps({"inside_s": time.perf_counter() - t0, "rss_mb": peak_rss_mb()}))
"""

APP = _PEAK_RSS + """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from desktop.department.operations import open_workspace
from desktop.ui.app import application
from desktop.ui.department.context import UiContext
from desktop.ui.department.main_window import MainWindow
app = application()
t1 = time.perf_counter()
ws, form = open_workspace(Path(sys.argv[1]))
t_open = time.perf_counter() - t1
window = MainWindow(UiContext(ws, form))
window.show()
app.processEvents()
out = {"inside_s": time.perf_counter() - t0, "open_s": t_open, "rss_mb": peak_rss_mb()}
window.close()
print(json.dumps(out))
"""


def start(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")  # a headless machine still measures
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=False)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"child failed ({done.returncode}):\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def summary(results: list[dict[str, float]], key: str) -> str:
    values = [r[key] for r in results]
    return f"median {statistics.median(values):7.3f}  min {min(values):7.3f}"


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
        start(BARE)  # warm the OS file cache once for both, so neither pays for it alone
        bare = [start(BARE) for _ in range(args.runs)]
        app = [start(APP, str(workspace)) for _ in range(args.runs)]
    print(f"planeval start-up, {args.runs} runs each, Python {sys.version.split()[0]}, "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '(default)')}")
    print(f"  bare PySide6 window   wall s: {summary(bare, 'wall_s')}")
    print(f"  planeval main window  wall s: {summary(app, 'wall_s')}")
    ratio = statistics.median(r["wall_s"] for r in app) / statistics.median(
        r["wall_s"] for r in bare)
    print(f"  ratio planeval / bare (median wall): {ratio:.2f}x")
    print(f"  in-process, import to shown  s: bare {summary(bare, 'inside_s')}")
    print(f"                                   app  {summary(app, 'inside_s')}")
    print(f"  workspace open               s: {summary(app, 'open_s')}")
    print(f"  peak RSS                    MB: bare {summary(bare, 'rss_mb')}")
    print(f"                                   app  {summary(app, 'rss_mb')}")


if __name__ == "__main__":
    main()
