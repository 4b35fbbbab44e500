"""District roll-up and compilation for the demo's 49 units, at the demo size and at 100x.

A round is made from the demo tables (100x: every indicator and task copied 100 times,
shared out over the same units), every unit's accepted package stored as a blob with
sample answers. Each measurement runs in its own child process (peak RSS is its own):
the baseline writes the same content plainly (openpyxl cells, python-docx paragraphs),
then `write_rollup` (workbook, adjustment plan, summary, charts) and `write_compilation`.
Prints; asserts nothing.

Usage: python bench/bench_rollup.py [COPIES ...]   (default: 1 100)
"""

from __future__ import annotations

import datetime as dt
import io
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

COPIES = (1, 100)
DAY = dt.date(2023, 7, 20)


def make_round(root: Path, copies: int) -> Path:
    from bench.scaled import _shift
    from desktop.commission.round import FORM_DIR, create_round, round_form, unit_rows
    from desktop.core.model import Row
    from desktop.department.sample import sample_answers
    from desktop.paths import demo_dir
    from desktop.store.commission import CommissionWorkspace

    seed = create_round(root / "seed", assignment=demo_dir(), form_id="putuo-2023-midterm")
    with seed:
        units = [u["name"] for u in seed.units()]
        rows = list(seed.rows())
        meta = {k: v for k, v in seed.meta.items() if k not in ("created", "role")}
        stages = seed.stages()
    if copies > 1:
        scaled = []
        for table in ("indicators", "tasks"):
            own = [r for r in rows if r.table == table]
            for k in range(copies):
                for i, r in enumerate(own):
                    unit = units[(i + k) % len(units)]
                    scaled.append(Row(table, _shift(r.number, k), r.category, r.group, r.fields,
                                      (unit,), _shift(r.parent, k) if r.parent else None))
        rows = scaled + [r for r in rows if r.table == "plans"]
    cws = CommissionWorkspace.create(root / "cws", meta=meta, stages=stages, units=units,
                                     rows=rows)
    shutil.copytree(root / "seed" / FORM_DIR, root / "cws" / FORM_DIR)
    with cws:
        form = round_form(cws)
        for i, unit in enumerate(units):
            data = sample_answers(unit_rows(cws, form, unit), form)
            data.update(department=unit, stage="draft")
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as zf:
                zf.writestr("data.json", json.dumps(data, ensure_ascii=False))
                zf.writestr("attachments/案例.pdf", b"%PDF-1.4")
            sha = cws.keep_blob(buf.getvalue())
            with cws.transaction() as db:
                db.insert("packages", {
                    "sha256": sha, "received_at": "2023-05-10T00:00:00+08:00",
                    "file_name": f"{i}.zip", "size": len(buf.getvalue()), "status": "accepted",
                    "code": "ok", "message": "", "unit": unit, "stage": "draft",
                    "created": "2023-05-10T00:00:00+08:00"})
    return root / "cws"


def baseline(cws_path: Path, out: Path) -> None:
    """The same content written plainly: one sheet row per answer, one paragraph per text."""
    from docx import Document
    from openpyxl import Workbook

    from desktop.commission.rollup import build_rollup
    from desktop.store.commission import CommissionWorkspace

    with CommissionWorkspace.open(cws_path) as cws:
        rollup = build_rollup(cws)
    book = Workbook()
    for table, lines in rollup.lines.items():
        sheet = book.create_sheet(table)
        for line in lines:
            for unit, answers in line.answers.items():
                sheet.append([str(line.row.number), line.row.title, unit, *answers.values()])
    book.save(out / "baseline.xlsx")
    doc = Document()
    for package in rollup.accepted.values():
        for plan, texts in (package.data.get("reports") or {}).items():
            doc.add_heading(f"{package.unit} {plan}", 1)
            for text in texts.values():
                doc.add_paragraph(str(text))
    doc.save(str(out / "baseline.docx"))


def child(mode: str, cws_path: Path, out: Path) -> None:
    from desktop.store.commission import CommissionWorkspace

    out.mkdir(exist_ok=True)
    start = time.perf_counter()
    if mode == "baseline":
        baseline(cws_path, out)
    elif mode == "rollup":
        from desktop.commission.district import write_rollup

        with CommissionWorkspace.open(cws_path) as cws:
            write_rollup(cws, out, date=DAY)
    else:
        from desktop.commission.compile import write_compilation

        with CommissionWorkspace.open(cws_path) as cws:
            write_compilation(cws, out / "汇编.docx", date=DAY)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mib": rss}))


def measure(mode: str, cws_path: Path, out: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(cws_path), str(out)],
                          capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(copies: tuple[int, ...]) -> None:
    print(f"{'size':>5} {'rows':>6} {'base s':>7} {'rollup s':>9} {'compile s':>10} "
          f"{'ratio':>6} {'base MiB':>9} {'rollup MiB':>11} {'compile MiB':>12}")
    for k in copies:
        with tempfile.TemporaryDirectory() as tmp:
            cws_path = make_round(Path(tmp), k)
            from desktop.store.commission import CommissionWorkspace

            with CommissionWorkspace.open(cws_path) as cws:
                count = len(cws.rows())
            base = measure("baseline", cws_path, Path(tmp) / "b")
            roll = measure("rollup", cws_path, Path(tmp) / "r")
            comp = measure("compile", cws_path, Path(tmp) / "c")
            ratio = (roll["seconds"] + comp["seconds"]) / base["seconds"]
            print(f"{k:>4}x {count:>6} {base['seconds']:>7.2f} {roll['seconds']:>9.2f} "
                  f"{comp['seconds']:>10.2f} {ratio:>6.1f} {base['rss_mib']:>9.0f} "
                  f"{roll['rss_mib']:>11.0f} {comp['rss_mib']:>12.0f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or COPIES)
