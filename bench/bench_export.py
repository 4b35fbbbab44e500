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
from desktop.department.operations import create_demo, form_of, validate_workspace  # noqa: E402
from desktop.forms.export_spec import load_export_spec  # noqa: E402
from desktop.io.tables_xlsx import put_table_sheet, table_grid, workbook_bytes  # noqa: E402
from desktop.signing.demo import demo_identity  # noqa: E402
from desktop.signing.keys import SigningIdentity  # noqa: E402
from desktop.store import Workspace  # noqa: E402

WHEN = dt.datetime(2023, 7, 8, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
Findings = tuple[Finding, ...]
Block = tuple[str, Any]  # ("p", text) or ("t", rows of cell texts)


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
