"""Every rule the commission states, checked with the commission's own rows (seed 001)."""

from __future__ import annotations

import pytest

from desktop.core.model import Row
from desktop.core.validation import Severity, validate
from desktop.forms import find_form

FORM = find_form("putuo-2023-midterm")


def indicator(number, name, unit, target, parent=None):
    return Row("indicators", number, "高质量发展",
               fields={"name": name, "unit": unit, "target": target}, units=("x",),
               parent=parent)


IND_3 = indicator("3", "新增固定资产投资总额", "亿元", "累计 1400")
IND_15 = indicator("15", "新增养老床位数", "张", "累计 857")
IND_24 = indicator("24", "单位生产总值生产安全事故死亡率", "人/亿元", "0.01")
IND_9 = indicator("9", "单位生产总值能耗降低率", "%", "完成市下达目标")
IND_17 = indicator("17", "居民平均预期寿命", "岁", ">84")
TASK_109 = Row("tasks", "109", "坚持治理提效，健全治理新体系", "(三十四) 牢牢守住城市运行安全底线",
               fields={"content": "构建“区-街镇-网格片区-居村”统一指挥、专常兼备、反应灵敏、"
                                  "上下联动的应急管理体系。"}, units=("区应急局",))
PLAN_16 = Row("plans", "16", "高品质生活", fields={"name": "普陀区民政事业发展“十四五”规划"},
              units=("区民政局",))


def run(rows, answers, accepted=None):
    return validate(FORM, rows, answers, accepted)


def rules(findings, number=None):
    return sorted(f.rule for f in findings if number is None or f.location.number == number)


def test_required_fields_are_errors_with_the_column_named():
    findings = run([IND_3], {"indicators": {"3": {"conclusion": "B"}}})
    assert rules(findings) == ["required", "required"]
    assert all(f.severity is Severity.ERROR for f in findings)
    assert {f.location.column for f in findings} == {"mid_value", "end_value"}
    assert "指标 3“新增固定资产投资总额”" in findings[0].message and "未填写" in findings[0].message


def test_conclusion_must_be_a_to_d():
    findings = run([IND_15], {"indicators": {"15": {
        "mid_value": "450", "conclusion": "良好", "end_value": "857"}}})
    assert rules(findings) == ["choice"]
    assert "A/B/C/D" in findings[0].message


@pytest.mark.parametrize("grade", ["C", "D"])
def test_a_reason_is_required_for_c_and_d(grade):
    answers = {"mid_value": "300", "conclusion": grade, "end_value": "1400"}
    findings = run([IND_3], {"indicators": {"3": answers}})
    assert "required-when" in rules(findings)
    reason = next(f for f in findings if f.rule == "required-when")
    assert reason.location.column == "reason"
    assert "对未能达到预期进度的指标，要说明原因" in reason.message
    answers["reason"] = "受疫情影响，项目开工推迟"
    assert "required-when" not in rules(run([IND_3], {"indicators": {"3": answers}}))


def test_tasks_need_a_reason_for_c_and_an_adjustment_for_d():
    base = {"progress": "体系已初步建成", "end_status": "难以完成"}
    c = run([TASK_109], {"tasks": {"109": {**base, "conclusion": "C"}}})
    assert [f.location.column for f in c] == ["reason"]
    d = run([TASK_109], {"tasks": {"109": {**base, "conclusion": "D", "reason": "机构调整"}}})
    assert [f.location.column for f in d] == ["adjustment"]
    assert "调整意见" in d[0].message


def test_an_end_value_missing_the_target_needs_an_adjustment_proposal():
    answers = {"mid_value": "700", "conclusion": "B", "end_value": "1200"}
    findings = run([IND_3], {"indicators": {"3": answers}})
    assert rules(findings) == ["adjustment-required"]
    assert "1200" in findings[0].message and "累计 1400" in findings[0].message
    answers["adjustment"] = "建议将目标调整为累计 1200 亿元"
    assert run([IND_3], {"indicators": {"3": answers}}) == ()


def test_indicator_3_at_300_with_a_gets_the_mismatch_warning():
    answers = {"mid_value": "300", "conclusion": "A", "end_value": "1400"}
    findings = run([IND_3], {"indicators": {"3": answers}})
    assert rules(findings) == ["conclusion-mismatch"]
    warning = findings[0]
    assert warning.severity is Severity.WARNING and not warning.blocking
    assert "50%" in warning.message and "21%" in warning.message


def test_a_warning_accepted_with_a_reason_carries_it():
    answers = {"mid_value": "300", "conclusion": "A", "end_value": "1400"}
    first = run([IND_3], {"indicators": {"3": answers}})[0]
    again = run([IND_3], {"indicators": {"3": answers}}, {first.key: "下半年重大项目集中开工"})
    assert again[0].accepted == "下半年重大项目集中开工"
    blank = run([IND_3], {"indicators": {"3": answers}}, {first.key: "  "})
    assert blank[0].accepted == ""


def test_indicator_24_ceiling_at_0_008_is_on_track():
    answers = {"mid_value": "0.008", "conclusion": "B", "end_value": "0.009"}
    assert run([IND_24], {"indicators": {"24": answers}}) == ()
    over = {"mid_value": "0.008", "conclusion": "B", "end_value": "0.012"}
    assert rules(run([IND_24], {"indicators": {"24": over}})) == ["adjustment-required"]


def test_qualitative_targets_take_words_and_are_never_checked_numerically():
    answers = {"mid_value": "完成市下达目标", "conclusion": "A", "end_value": "完成"}
    assert run([IND_9], {"indicators": {"9": answers}}) == ()


def test_numbers_must_parse_with_their_units():
    bad = {"mid_value": "八十四点五", "conclusion": "B", "end_value": "84.6岁"}
    assert rules(run([IND_17], {"indicators": {"17": bad}})) == ["figure"]
    wrong_unit = {"mid_value": "300万元", "conclusion": "B", "end_value": "1400亿元"}
    findings = run([IND_3], {"indicators": {"3": wrong_unit}})
    assert rules(findings) == ["figure-unit", "conclusion-mismatch"][:1]
    assert "亿元" in findings[0].message


def test_every_report_section_must_be_written():
    findings = run([PLAN_16], {"reports": {"16": {"part1": "指标完成情况良好"}}})
    assert [f.location.column for f in findings] == ["part2", "part3", "part4", "cases"]
    assert all(f.rule == "report-section" and f.blocking for f in findings)


def test_finding_keys_are_stable_and_distinct():
    findings = run([IND_3, IND_15, PLAN_16], {})
    keys = [f.key for f in findings]
    assert len(keys) == len(set(keys))
    assert "required:indicators:3:mid_value" in keys


def test_a_finding_stays_a_frozen_value() -> None:
    import dataclasses

    from desktop.core.validation import Finding, Location, Severity

    f = Finding("required", Severity.ERROR, Location("tasks", "3", "progress"), "未填写")
    same = Finding(rule="required", severity=Severity.ERROR, message="未填写",
                   location=Location("tasks", "3", column="progress"))
    assert f == same and hash(f) == hash(same) and f.accepted == ""
    assert f.key == "required:tasks:3:progress"
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.message = "改"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.location.number = "4"  # type: ignore[misc]
    accepted = dataclasses.replace(f, accepted="理由")
    assert accepted.accepted == "理由" and accepted.location is f.location and accepted != f
