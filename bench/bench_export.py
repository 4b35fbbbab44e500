"""Export time: the signed package for the demo and for an assignment 100x its size.

Builds documents, data.json, the package and its signature (the demo department key), then
verifies it. Prints figures; asserts nothing.

Usage: python bench/bench_export.py [COPIES]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scaled import make_workspace  # noqa: E402
from desktop.commission.verify import verify_package  # noqa: E402
from desktop.department.export import build_submission  # noqa: E402
from desktop.department.operations import create_demo, form_of  # noqa: E402
from desktop.signing.demo import demo_identity, demo_trust  # noqa: E402

WHEN = dt.datetime(2023, 7, 8, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def measure(label: str, ws) -> None:  # type: ignore[no-untyped-def]
    form, identity = form_of(ws), demo_identity()
    start = time.perf_counter()
    name, package, _, findings = build_submission(ws, form, stage="draft", identity=identity,
                                                  created=WHEN)
    built = time.perf_counter() - start
    start = time.perf_counter()
    result = verify_package(package, trust=demo_trust())
    checked = time.perf_counter() - start
    print(f"{label:<34} export {built * 1000:8.0f} ms   verify {checked * 1000:6.0f} ms   "
          f"{len(package) / 1024:8.0f} KiB   {len(ws.rows()):6d} rows   "
          f"{len(findings):6d} open findings   valid={result.ok}")


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        with create_demo(Path(tmp) / "demo", filled=True) as ws:
            measure("demo (区科委, filled)", ws)
        with make_workspace(Path(tmp) / "big", copies, every=1) as ws:
            measure(f"{copies}x assignment (filled)", ws)


if __name__ == "__main__":
    main()
