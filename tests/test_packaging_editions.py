"""The two editions (issue 10): the department's leaves matplotlib, numpy and Pillow out of
the bundle. Its commission verbs still run: the roll-up writes every file, and where a chart
would be, the summary and the command line say that charts need the commission edition.

The department edition is simulated in a fresh process whose import system refuses those
packages, as the frozen app without them does; the files it writes are read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from test_commission_round import ok

from desktop.io.charts import CHARTS_NEED_COMMISSION
from desktop.paths import demo_dir, project_root

sys.path.insert(0, str(project_root() / "packaging"))
import bundle_rules  # noqa: E402

pytestmark = pytest.mark.slow

WITHOUT_CHARTS = """
import sys

class DepartmentEdition:  # what the department's bundle lacks (bundle_rules.CHART_PACKAGES)
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {"matplotlib", "numpy", "PIL"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, DepartmentEdition())
from desktop.cli import main
code = main(sys.argv[1:])
assert "matplotlib" not in sys.modules
sys.exit(code)
"""


@pytest.fixture(scope="module")
def round_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cws = tmp_path_factory.mktemp("editions") / "cws"
    ok("commission", "round", "create", cws, "--assignment", demo_dir(), "--form",
       "putuo-2023-midterm")
    return cws


def _summary(out: Path) -> Document:
    (path,) = out.glob("*全区汇总情况.docx")
    return Document(str(path))


def _paragraphs_after(doc: Document, heading: str) -> list[str]:
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.endswith(heading))
    return texts[start + 1:]


def test_department_edition_writes_the_rollup_and_says_charts_need_the_commission_edition(
        round_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "汇总"
    done = subprocess.run([sys.executable, "-c", WITHOUT_CHARTS, "commission", "rollup",
                           str(round_folder), "--out", str(out)],
                          capture_output=True, text=True, cwd=project_root(), check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert CHARTS_NEED_COMMISSION in done.stdout
    assert "已生成全区汇总 3 个文件" in done.stdout
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and any("调整方案" in n for n in names), names
    doc = _summary(out)
    assert not doc.inline_shapes
    assert CHARTS_NEED_COMMISSION in _paragraphs_after(doc, "评估结论分布")[:3]
    (xlsx,) = out.glob("*.xlsx")
    book = load_workbook(xlsx)
    counts = book["评估结论汇总"]
    assert counts.max_row > 2 and not counts._images


def test_commission_edition_draws_the_charts_where_the_note_would_be(
        round_folder: Path, tmp_path: Path) -> None:
    """The other side of the test above: with matplotlib, pictures and no note."""
    out = tmp_path / "汇总"
    ok("commission", "rollup", round_folder, "--out", out)
    doc = _summary(out)
    assert len(doc.inline_shapes) >= 1
    assert CHARTS_NEED_COMMISSION not in "\n".join(p.text for p in doc.paragraphs)
    (xlsx,) = out.glob("*.xlsx")
    assert load_workbook(xlsx)["评估结论汇总"]._images


def test_editions_differ_only_in_the_chart_packages() -> None:
    assert bundle_rules.edition(None) == "department"
    assert bundle_rules.EDITIONS == {"department": "planeval",
                                     "commission": "planeval-commission"}
    extra = set(bundle_rules.excludes("department")) - set(bundle_rules.excludes("commission"))
    assert {"matplotlib", "numpy", "PIL"} <= extra
    with pytest.raises(SystemExit):
        bundle_rules.edition("enterprise")
