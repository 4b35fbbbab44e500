"""A compilation round as data: Jing'an's form folder, its division tables (attachments
1-1 and 1-2) read back from the xlsx, the milestones grid, and faults named in Chinese."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop.core.compilation import LEAD, SUPPORT
from desktop.core.errors import InputError
from desktop.forms import load_form
from desktop.forms.compilation import load_compilation
from desktop.forms.schema import schema_problems
from desktop.io.compilation_xlsx import read_subjects, split_division
from desktop.paths import demo_dir, forms_dir

FORM = "jingan-2019-compile"
TABLES = demo_dir() / "compile"


@pytest.fixture(scope="module")
def form():
    return load_compilation(forms_dir() / FORM)


def test_the_folder_meets_its_schema_and_loads(form):
    assert schema_problems(forms_dir() / FORM) == []
    assert [s.id for s in form.subjects] == ["topics", "plans", "framework"]
    final = form.deliverable("final")
    assert final.by == LEAD and final.due.isoformat() == "2019-09-15" and final.signoff
    assert [d.id for d in form.deliverables_of("topics", LEAD)] == ["workplan", "interim", "final"]
    assert [d.id for d in form.deliverables_of("topics", SUPPORT)] == ["contribution"]
    assert [d.title for d in form.deliverables_of("plans", LEAD)] == ["初稿", "报送稿", "送审稿"]


def test_the_milestones_are_the_attachments_grid(form):
    m = form.milestones
    assert [p.title for p in m.phases] == ["前期研究阶段", "规划编制阶段", "审议发布阶段",
                                           "编制区级专项规划阶段"]
    assert [len(p.steps) for p in m.phases] == [3, 5, 2, 5]
    assert m.quarters()[0] == (2019, 2) and m.quarters()[-1] == (2021, 2)
    assert len(m.quarters()) == 9
    framework = m.step("1.3")
    assert framework.marks == ("★",) and framework.start.isoformat() == "2019-09-01"
    assert framework.end.isoformat() == "2020-01-31"
    assert [x.text for x in m.marks] == ["●", "★"]
    assert sum("●" in s.marks for p in m.phases for s in p.steps) == 5


def test_the_division_tables_give_twelve_topics_with_guidance(form):
    rows = [r for r in read_subjects([TABLES], form) if r.table == "topics"]
    assert len(rows) == 17  # the general group's 6 and the 11 field topics
    by_key = {r.number: r for r in rows}
    general = [r for r in rows if r.number.startswith("1-")]
    assert len(general) == 6 and {r.category for r in general} == {
        "一、“十四五”规划基本思路研究总课题"}
    assert {r.group for r in rows if r.number.startswith("2-")} == {
        "（一）服务功能更加凸显专题", "（二）城区品质更加卓越专题", "（三）治理体系更加完善专题"}
    first = by_key["1-1"]
    assert first.fields["lead"] == "区发展改革委"
    assert first.fields["support"].split("\n") == ["区委研究室", "区规划资源局"]
    assert first.fields["guidance"].startswith("（1）回顾静安“十三五”时期")
    assert by_key["2-9"].fields["support"].split("\n") == ["区民政局", "各街镇"]
    assert by_key["2-3"].fields["support"].split("\n") == ["区各相关部门", "企业"]
    assert by_key["2-10"].fields["lead"] == "区发展改革委"
    assert len(by_key["2-10"].fields["support"].split("\n")) == 9


def test_division_cells_are_split_by_the_forms_words(form):
    words = form.subject("topics").words
    assert split_division("区商务委牵头，区各相关部门、企业配合", words) == (
        ("区商务委",), ("区各相关部门", "企业"))
    assert split_division("区科委", words) == (("区科委",), ())


def test_an_evaluation_loader_refuses_a_compilation_folder_and_back():
    with pytest.raises(InputError, match="编制轮次"):
        load_form(forms_dir() / FORM)
    with pytest.raises(InputError, match="kind"):
        load_compilation(forms_dir() / "putuo-2023-midterm")


def test_a_fault_is_named_by_key(tmp_path):
    folder = tmp_path / "f"
    shutil.copytree(forms_dir() / FORM, folder)
    data = json.loads((folder / "form.json").read_text(encoding="utf-8"))
    data["deliverables"][0]["milestone"] = "9.9"
    data["milestones"]["phases"][0]["steps"][0]["mark"] = ["●"]
    (folder / "form.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert any("steps[0]" in p and "mark" in p for p in schema_problems(folder))
    with pytest.raises(InputError, match=r"deliverables\[0\]\.milestone"):
        load_compilation(folder)


def test_form_check_knows_the_compilation_kind(capsys):
    from tests.format_kit import run

    code, out, _ = run(capsys, "form", "check", forms_dir() / FORM, "--assignment", TABLES)
    assert code == 0 and "格式定义有效（编制轮次）：jingan-2019-compile" in out
    assert "工作节点：4 个阶段，15 个步骤" in out and "分工表：18 项，其中 18 项有研究重点" in out
