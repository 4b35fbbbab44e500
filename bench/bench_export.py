"""Export time: the signed package for the demo and for an assignment 100x its size, against
a plain write of the same content.

The export builds the documents, data.json, the package and its signature (the demo
department key); it is then verified once. The baseline writes the same rows and answers
plainly — one openpyxl sheet row per table row, one python-docx paragraph per report
answer — and packs and signs them the same way. Prints figures; asserts nothing.
"""Export time against a plain write of the same content, for the demo and at 100x.

The export is `build_submission`: the documents (reports as docx, tables as xlsx), data.json,
the package and its signature (the demo department key). The baseline writes the same
content plainly, as any script would with the same libraries: every xlsx the export made,
read back, goes cell value by cell value into a fresh openpyxl workbook (`sheet.append`, no
styles, no merges); every docx, read back, goes paragraph by paragraph and table cell by
table cell into a fresh python-docx `Document()` (no styles); each is saved to bytes.
The export is given the findings of the check the export page runs just before it (that
check is the validation figure, not timed here). Export and baseline runs alternate in one
process; medians of wall and CPU seconds are reported, and the CPU seconds openpyxl alone
takes to write the export's sheets once laid out ("sheets"): the floor under the export's
tables. `measure` and `figures` return the figures. Prints figures; asserts nothing.

Usage: python bench/bench_export.py [--runs N] [COPIES ...]   (default: 1 100, 3 runs)
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scaled import make_workspace  # noqa: E402
from desktop.core.validation import Finding  # noqa: E402
from desktop.department.export import build_submission  # noqa: E402
from desktop.department.operations import create_demo, form_of  # noqa: E402
from desktop.io.package import ManifestInfo, build_package  # noqa: E402
from desktop.signing.cms import signer_for  # noqa: E402
from desktop.signing.demo import demo_identity, demo_trust  # noqa: E402
from desktop.department.operations import create_demo, form_of, validate_workspace  # noqa: E402
from desktop.forms.export_spec import load_export_spec  # noqa: E402
from desktop.io.tables_xlsx import put_table_sheet, table_grid, workbook_bytes  # noqa: E402
from desktop.signing.demo import demo_identity  # noqa: E402
from desktop.signing.keys import SigningIdentity  # noqa: E402
from desktop.store import Workspace  # noqa: E402

WHEN = dt.datetime(2023, 7, 8, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
Findings = tuple[Finding, ...]
Block = tuple[str, Any]  # ("p", text) or ("t", rows of cell texts)


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
@dataclass
class Content:
    """What the export's documents say, without their looks: the baseline's input."""

    sheets: list[list[tuple[Any, ...]]]  # per workbook, its rows of cell values
    reports: list[list[Block]]  # per docx, its paragraphs and tables in order


def content_of(package: bytes) -> Content:
    """The text of every document in a package, read back."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from openpyxl import load_workbook

    content = Content([], [])
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        for name in zf.namelist():
            data = io.BytesIO(zf.read(name))
            if name.endswith(".xlsx"):
                sheet = load_workbook(data).active
                content.sheets.append(list(sheet.iter_rows(values_only=True)))
            elif name.endswith(".docx"):
                blocks: list[Block] = []
                for item in Document(data).iter_inner_content():
                    if isinstance(item, Paragraph):
                        blocks.append(("p", item.text))
                    elif isinstance(item, Table):
                        blocks.append(("t", [[c.text for c in r.cells] for r in item.rows]))
                content.reports.append(blocks)
    return content


def plain_write(content: Content) -> int:
    """Write `content` plainly with openpyxl and python-docx; returns the bytes written."""
    from docx import Document
    from openpyxl import Workbook

    size = 0
    for rows in content.sheets:
        book = Workbook()
        sheet = book.active
        for values in rows:
            sheet.append(values)
        out = io.BytesIO()
        book.save(out)
        size += out.tell()
    for blocks in content.reports:
        doc = Document()
        for kind, value in blocks:
            if kind == "p":
                doc.add_paragraph(value)
                continue
            table = doc.add_table(rows=len(value), cols=len(value[0]))
            for row, texts in zip(table.rows, value, strict=True):
                for cell, text in zip(row.cells, texts, strict=False):
                    cell.text = text
        out = io.BytesIO()
        doc.save(out)
        size += out.tell()
    return size


def export(ws: Workspace, identity: SigningIdentity, findings: Findings) -> bytes:
    """The signed draft package, as the export page makes it: with the key unlocked and
    the workspace's findings from the check it runs first (see export_page.export)."""
    _, package, _, _ = build_submission(ws, form_of(ws), stage="draft", identity=identity,
                                        created=WHEN, findings=findings)
    return package


def sheets_writer(ws: Workspace) -> Callable[[], object]:
    """openpyxl writing the export's sheets, laid out beforehand: the part of the export
    no change to the layout code can make faster."""
    form = form_of(ws)
    spec, rows, answers = load_export_spec(form), ws.rows(), ws.answers()
    books = []
    for table in form.tables:
        if any(r.table == table.id for r in rows):
            layout = spec.table(table.id)
            book = Workbook()
            put_table_sheet(book.active, table_grid(form, layout, table.id, rows, answers),
                            layout, spec.sheet_style)
            books.append(book)
    return lambda: [workbook_bytes(book, "", WHEN.date()) for book in books]


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of `work` (CPU time moves less with the machine's load)."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def figures(ws: Workspace, runs: int = 3) -> dict[str, float]:
    """Median seconds (wall and CPU) of the export and of the plain write, alternated,
    their ratios, and the CPU seconds of openpyxl writing the export's sheets alone."""
    identity = demo_identity()  # unlocked before the export starts, as on the page
    findings = validate_workspace(ws, form_of(ws))  # the page's check, before the export
    package = export(ws, identity, findings)
    content = content_of(package)
    write_sheets = sheets_writer(ws)
    exports, plains, sheets = [], [], []
    for _ in range(runs):
        exports.append(_timed(lambda: export(ws, identity, findings)))
        plains.append(_timed(lambda: plain_write(content)))
        sheets.append(_timed(write_sheets)[1])
    export_s, export_cpu = (statistics.median(t) for t in zip(*exports, strict=True))
    plain_s, plain_cpu = (statistics.median(t) for t in zip(*plains, strict=True))
    return {"rows": len(ws.rows()), "export_s": export_s, "plain_s": plain_s,
            "ratio": export_s / plain_s, "export_cpu_s": export_cpu, "plain_cpu_s": plain_cpu,
            "cpu_ratio": export_cpu / plain_cpu, "sheets_cpu_s": statistics.median(sheets),
            "package_kib": len(package) / 1024}


def measure(copies: int, runs: int = 3) -> dict[str, float]:
    """`figures` for the filled demo (copies=1) or a filled assignment `copies` times it."""
    with tempfile.TemporaryDirectory() as tmp:
        if copies == 1:
            ws = create_demo(Path(tmp) / "demo", filled=True)
        else:
            ws = make_workspace(Path(tmp) / "big", copies, every=1)
        with ws:
            return {"copies": copies} | figures(ws, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("copies", type=int, nargs="*", default=[1, 100])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'size':>5} {'rows':>6} {'export s':>9} {'plain s':>8} {'ratio':>6} "
          f"{'export CPU s':>13} {'plain CPU s':>12} {'CPU ratio':>10} {'sheets CPU s':>13} "
          f"{'package KiB':>12}   (median of {args.runs})")
    for copies in args.copies:
        f = measure(copies, args.runs)
        print(f"{copies:>4}x {f['rows']:>6.0f} {f['export_s']:>9.3f} {f['plain_s']:>8.3f} "
              f"{f['ratio']:>6.2f} {f['export_cpu_s']:>13.3f} {f['plain_cpu_s']:>12.3f} "
              f"{f['cpu_ratio']:>10.2f} {f['sheets_cpu_s']:>13.3f} {f['package_kib']:>12.0f}")


if __name__ == "__main__":
    main()
