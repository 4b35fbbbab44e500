"""Export time: the signed package for the demo and for an assignment 100x its size, against
a plain write of the same content.

The export builds the documents, data.json, the package and its signature (the demo
department key); it is then verified once. The baseline writes the same rows and answers
plainly — one openpyxl sheet row per table row, one python-docx paragraph per report
answer — and packs and signs them the same way. Prints figures; asserts nothing.

Usage: python bench/bench_export.py [COPIES]
"""

from __future__ import annotations

import datetime as dt
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scaled import make_workspace  # noqa: E402
from desktop.commission.verify import verify_package  # noqa: E402
from desktop.department.export import build_submission  # noqa: E402
from desktop.department.operations import create_demo, form_of  # noqa: E402
from desktop.io.package import ManifestInfo, build_package  # noqa: E402
from desktop.signing.cms import signer_for  # noqa: E402
from desktop.signing.demo import demo_identity, demo_trust  # noqa: E402
from desktop.store import Workspace  # noqa: E402

WHEN = dt.datetime(2023, 7, 8, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def plain_package(ws: Workspace) -> bytes:
    """The same rows and answers written plainly, then packed and signed like the export."""
    from docx import Document
    from openpyxl import Workbook

    rows, answers = ws.rows(), ws.answers()
    members: dict[str, bytes] = {}
    book = Workbook()
    for table in ("indicators", "tasks"):
        sheet = book.create_sheet(table)
        for r in ws.rows(table):
            sheet.append([str(r.number), r.category, r.group, *r.fields.values(),
                          *answers.get(table, {}).get(r.number, {}).values()])
    out = io.BytesIO()
    book.save(out)
    members["tables.xlsx"] = out.getvalue()
    for plan in (r for r in rows if r.table == "plans"):
        doc = Document()
        doc.add_heading(plan.fields.get("name", str(plan.number)), 1)
        for text in answers.get("reports", {}).get(plan.number, {}).values():
            doc.add_paragraph(text)
        out = io.BytesIO()
        doc.save(out)
        members[f"report-{plan.number}.docx"] = out.getvalue()
    members["data.json"] = json.dumps(answers, ensure_ascii=False, indent=2).encode()
    info = ManifestInfo(district="普陀区", round="bench", department=ws.department,
                        stage="draft", form_id="bench", form_hash="0" * 64, created=WHEN)
    return build_package(members, manifest=info, sign=signer_for(demo_identity()))


def export(ws: Workspace) -> tuple[bytes, int]:
    """The export's package and its number of open findings."""
    _, package, _, findings = build_submission(ws, form_of(ws), stage="draft",
                                               identity=demo_identity(), created=WHEN)
    return package, len(findings)


def measure(label: str, ws: Workspace, runs: int = 1) -> dict[str, float]:
    """Median seconds of `runs` alternated exports and plain writes; prints one line."""
    export_s, plain_s = [], []
    package, findings = b"", 0
    for _ in range(runs):
        start = time.perf_counter()
        plain_package(ws)
        plain_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        package, findings = export(ws)
        export_s.append(time.perf_counter() - start)
    start = time.perf_counter()
    result = verify_package(package, trust=demo_trust())
    checked = time.perf_counter() - start
    out = {"export_s": statistics.median(export_s), "plain_s": statistics.median(plain_s),
           "verify_s": checked}
    print(f"{label:<30} export {out['export_s'] * 1000:7.0f} ms   plain "
          f"{out['plain_s'] * 1000:7.0f} ms   ratio {out['export_s'] / out['plain_s']:5.2f}   "
          f"verify {checked * 1000:6.0f} ms   {len(package) / 1024:7.0f} KiB   "
          f"{len(ws.rows()):6d} rows   {findings:6d} open findings   valid={result.ok}")
    return out


def warm() -> None:
    """Import and first-use costs paid once, before either side is timed."""
    with tempfile.TemporaryDirectory() as tmp, create_demo(Path(tmp) / "demo",
                                                           filled=True) as ws:
        plain_package(ws)
        export(ws)


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    warm()
    with tempfile.TemporaryDirectory() as tmp:
        with create_demo(Path(tmp) / "demo", filled=True) as ws:
            measure("demo (区科委, filled)", ws, runs=3)
        with make_workspace(Path(tmp) / "big", copies, every=1) as ws:
            measure(f"{copies}x assignment (filled)", ws)


if __name__ == "__main__":
    main()
