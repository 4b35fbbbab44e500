"""Targets inside task text: the grammar, what is not a target, and all 112 Putuo tasks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.targets import Kind
from desktop.core.task_targets import SubKind, extract
from desktop.department.operations import read_tables
from desktop.forms import find_form
from desktop.paths import demo_dir

EXPECTED = Path(__file__).parent / "data" / "putuo_task_targets.json"

FORMS = [  # text, (figure, high, unit, kind, expression)
    ("到2025年累计新增高新技术企业1000家", (1000, None, "家", "cumulative", "1000家")),
    ("累计新增1,200家", (1200, None, "家", "cumulative", "累计新增1200家")),
    ("“十四五”期间累计完成投资1200亿元", (1200, None, "亿元", "cumulative", "1200亿元")),
    ("建成社区养老服务综合体20个", (20, None, "个", "cumulative", "20个")),
    ("新建学校10-15所", (10, 15, "所", "cumulative", "10-15所")),
    ("新增就业岗位5万个以上", (5, None, "万个", "cumulative", "5万个以上")),
    ("人均公园绿地面积达到9.5平方米", (9.5, None, "平方米", "level", "达到9.5平方米")),
    ("覆盖率提高到95%", (95, None, "%", "level", "提高到95%")),
    ("绿化覆盖率达到40%以上", (40, None, "%", "floor", "达到40%以上")),
    ("研发投入强度不少于3.5%", (3.5, None, "%", "floor", "不少于3.5%")),
    ("优良率不低于85%", (85, None, "%", "floor", "不低于85%")),
    ("PM2.5年均浓度控制在35微克/立方米以内", (35, None, "微克/立方米", "ceiling",
                                             "控制在35微克/立方米以内")),
    ("城镇调查失业率控制在5%以内", (5, None, "%", "ceiling", "控制在5%以内")),
    ("办理时限不超过3天", (3, None, "天", "ceiling", "不超过3天")),
    ("投资规模达到2.5亿元", (2.5, None, "亿元", "level", "达到2.5亿元")),
    ("占比保持在30%-35%", (30, 35, "%", "level", "30%-35%")),
    ("年均增长6%左右", (6, None, "%", "level", "年均增长6%左右")),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_each_form_of_words(text, expected):
    (t,) = extract(text)
    assert (t.figure, t.high, t.unit, str(t.kind), t.expression) == expected


@pytest.mark.parametrize("text", [
    "到2025年基本建成", "2021-2025年", "“十四五”时期", "十四五规划", "第一批试点", "第3届进博会",
    "沪府发〔2021〕12号", "轨交14号线", "S20外环线", "“6+365”平台", "《2023年工作要点》",
    "建党 100 周年", "农工商118商业广场", "12345 热线", "X1、G1地块", "3月底前完成",
])
def test_years_ordinals_codes_and_names_are_not_targets(text):
    assert extract(text) == []


def test_a_sub_target_checks_a_value_like_an_indicator():
    (ceiling,) = extract("控制在5%以内")
    assert ceiling.target.kind is Kind.BELOW and ceiling.target.met_by(4.8)
    assert not ceiling.target.met_by(5.2)
    (floor,) = extract("不少于100家")
    assert floor.kind is SubKind.FLOOR and floor.target.met_by(100) and not floor.target.met_by(99)


def test_every_putuo_task_against_the_hand_written_list():
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    full, _ = read_tables(demo_dir(), find_form("putuo-2023-midterm"))
    tasks = full.table("tasks")
    assert len(tasks) == 112 and set(expected["tasks"]) == {r.number for r in tasks}
    found = {r.number: [t.as_json() for t in extract(r.fields["content"])] for r in tasks}
    assert found == expected["tasks"]
    assert expected["expected_misses"] == []


def test_the_commission_lists_them_per_task(capsys):
    from desktop import cli

    assert cli.main(["form", "task-targets", "--assignment", str(demo_dir()), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["tasks"]
    assert listed == expected
    assert cli.main(["form", "task-targets", "--assignment", str(demo_dir())]) == 0
    out = capsys.readouterr().out
    assert "第 58 项  达到  372.5万平方米" in out and "其中 2 项含量化目标" in out


def _final_task(number: str):
    form = find_form("putuo-2025-final")
    full, _ = read_tables(demo_dir(), form)
    return form, form.table("tasks"), full.row("tasks", number)


def _text_findings(form, spec, row, answers):
    from desktop.core.validation import validate_row

    return {f.rule: f for f in validate_row(form, spec, row, answers)
            if f.rule.startswith("text-target")}


def test_the_department_reports_a_value_per_text_target_checked_like_an_indicator():
    from desktop.core.reading import read_text_targets

    form, spec, row = _final_task("3")  # "…2个研究所…": cumulative 2
    answers = {"progress": "两个研究所已建成", "conclusion": "完成", "target_values": "2"}
    (sub, reading), = read_text_targets(form, spec, row, answers)
    assert (sub.figure, reading.value, reading.target.cumulative) == (2, 2, True)
    assert reading.assessment is not None and reading.assessment.suggested == "B"
    assert _text_findings(form, spec, row, answers) == {}
    half = _text_findings(form, spec, row, {**answers, "target_values": "1个"})
    assert set(half) == {"text-target-mismatch"}  # half of it at the period's end: not 完成
    assert "“2个”" in half["text-target-mismatch"].message
    words = _text_findings(form, spec, row, {**answers, "target_values": "两个"})
    assert set(words) == {"text-target-figure"} and words["text-target-figure"].blocking
    missing = _text_findings(form, spec, row, {**answers, "target_values": ""})
    assert set(missing) == {"text-target-count"}
    assert "任务文本中有 1 个量化目标（“2个”）" in missing["text-target-count"].message
    assert _text_findings(form, spec, row, {}) == {}  # not started: the required columns say so


def test_a_task_without_figures_and_a_level_target():
    form, spec, row = _final_task("1")
    assert _text_findings(form, spec, row, {"conclusion": "完成"}) == {}
    form, spec, row = _final_task("58")  # 规划建筑面积372.5万平方米: a level
    assert _text_findings(form, spec, row, {"conclusion": "完成", "target_values": "380"}) == {}
    wrong_unit = _text_findings(form, spec, row, {"conclusion": "完成",
                                                  "target_values": "380亿元"})
    assert set(wrong_unit) == {"text-target-figure"}
