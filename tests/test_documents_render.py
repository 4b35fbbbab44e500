"""The documents open and print: LibreOffice converts them to PDF, poppler renders the pages.

The pages are written to tests/artifacts/ to be looked at. LibreOffice and poppler are
installed by the test set-up (packaging/bootstrap.sh): a missing one fails, never skips.
"""

from __future__ import annotations

import datetime as dt
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from desktop.core.division import REPORTS, Deliverables
from desktop.department.operations import create_demo, form_of
from desktop.department.sample import sample_answers
from desktop.forms.export_spec import load_export_spec
from desktop.io.assignment_xlsx import read_assignment
from desktop.io.report_docx import build_report_docx
from desktop.io.tables_xlsx import build_indicator_xlsx, build_task_xlsx
from desktop.paths import demo_dir

CONVERT_SECONDS = 120


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: the test set-up (packaging/bootstrap.sh) installs it"
    return path


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, artifacts):
    """Build the demo's documents, convert them to PDF and render every page as PNG."""
    soffice, pdftoppm = _tool("soffice"), _tool("pdftoppm")
    work = tmp_path_factory.mktemp("render")
    with create_demo(work / "ws", filled=True) as ws:
        form = form_of(ws)
        rows, answers = ws.rows(), ws.answers()
    spec = load_export_spec(form)
    plan = Deliverables.of(rows).plans[0]
    full = read_assignment(demo_dir()).rows
    documents = {
        "report.docx": build_report_docx(
            form, spec, plan, "区科委", answers[REPORTS][plan.number],
            date=dt.date(2023, 7, 10), signoff={"leader": "王某某", "date": dt.date(2023, 7, 8)}),
        "indicators.xlsx": build_indicator_xlsx(form, spec, rows, answers),
        "tasks.xlsx": build_task_xlsx(form, spec, rows, answers),
        "indicators_full.xlsx": build_indicator_xlsx(form, spec, full,
                                                     sample_answers(full, form)),
    }
    sources = []
    for name, data in documents.items():
        (work / name).write_bytes(data)
        sources.append(str(work / name))
    out = work / "pdf"
    profile = (work / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out), *sources],
                   check=True, capture_output=True, timeout=CONVERT_SECONDS)
    pages: dict[str, list[Path]] = {}
    for name in documents:
        stem = Path(name).stem
        pdf = out / f"{stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"{name} was not converted"
        target = artifacts / "documents"
        target.mkdir(exist_ok=True)
        for old in target.glob(f"{stem}-*.png"):
            old.unlink()
        subprocess.run([pdftoppm, "-png", "-r", "60", str(pdf), str(target / stem)],
                       check=True, capture_output=True, timeout=CONVERT_SECONDS)
        pages[stem] = sorted(target.glob(f"{stem}-*.png"))
    return pages


def test_the_report_prints_on_portrait_pages_with_the_annex_apart(rendered):
    pages = rendered["report"]
    assert len(pages) >= 2  # the typical-case annex starts a new page
    for page in pages:
        width, height = _png_size(page)
        assert height > width


@pytest.mark.parametrize("name", ["indicators", "tasks", "indicators_full"])
def test_the_tables_print_landscape(rendered, name):
    pages = rendered[name]
    assert pages
    for page in pages:
        width, height = _png_size(page)
        assert width > height


def test_the_full_indicator_table_fits_the_page_width(rendered):
    # 25 indicators (28 lines) and the notes: fitted to one page wide, at most a few tall.
    assert 1 <= len(rendered["indicators_full"]) <= 3
