"""Putuo's 2023 mid-term format as data, checked against the commission's own words (seed 001)."""

from __future__ import annotations

import datetime as dt

from desktop.forms import find_form

FORM = find_form("putuo-2023-midterm")


def test_stages_and_deadlines():
    assert [(s.id, s.title, s.due, s.signoff) for s in FORM.stages] == [
        ("draft", "初稿", dt.date(2023, 5, 15), False),
        ("final", "定稿", dt.date(2023, 7, 10), True)]


def test_data_cut_offs_and_period():
    assert FORM.period == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    assert FORM.cutoffs["annual"].date == dt.date(2022, 12, 31)
    assert FORM.cutoffs["cumulative"].date == dt.date(2023, 6, 30)
    assert FORM.cutoffs["tasks"].date == dt.date(2023, 6, 30)


def test_the_indicator_and_task_tables_of_attachments_6_and_7():
    ind, task = FORM.table("indicators"), FORM.table("tasks")
    assert [c.title for c in ind.answer_columns][:3] == ["中期完成数", "评估结论",
                                                         "预计到规划期末完成数"]
    assert ind.column("conclusion").choices == ("A", "B", "C", "D")
    assert ind.column("reason").required_when.values == ("C", "D")
    assert ind.column("reason").message == "对未能达到预期进度的指标，要说明原因"
    assert [c.title for c in task.answer_columns][:3] == ["推进情况", "评估结论",
                                                          "预计到规划期末完成情况"]
    assert ind.lower_is_better == frozenset({"24"})


def test_the_report_outline_of_attachment_5_with_its_sub_items():
    sections = FORM.report.sections
    assert [s.title for s in sections] == [
        "第一部分：“十四五”规划主要指标完成情况评估",
        "第二部分：“十四五”规划主要任务、重点项目完成情况评估",
        "第三部分：“十四五”后半期发展面临的趋势和问题",
        "第四部分：全面完成“十四五”规划的建议与思路",
        "附件：典型案例剖析"]
    assert [len(s.items) for s in sections] == [3, 2, 2, 3, 0]
    assert sections[2].items[0].title == "1、环境趋势分析。"
    assert "对未能达到预期进度的指标，要说明原因" in sections[0].guidance
    assert sections[3].guidance.endswith("提出调整的具体方案并充分说明调整理由和测算依据。")
    assert "总结提炼在全市可复制可推广的经验和做法" in sections[4].guidance


def test_the_note_that_attachment_6_may_be_omitted():
    assert any("附件6可不用提供" in n for n in FORM.notes)
    assert "附件6可不用提供" in FORM.report.sections[0].guidance


def test_the_definition_is_versioned_and_hashed():
    assert FORM.version and len(FORM.hash) == 64
    assert find_form("putuo-2023-midterm").hash == FORM.hash


def test_a_units_file_outside_the_folder_is_refused(tmp_path):
    import json
    import shutil

    import pytest

    from desktop.core.errors import InputError
    from desktop.forms import load_form
    from desktop.paths import forms_dir

    folder = tmp_path / "f"
    shutil.copytree(forms_dir() / "putuo-2023-midterm", folder)
    form = json.loads((folder / "form.json").read_text(encoding="utf-8"))
    for bad in ("../units.json", "/etc/passwd", "sub/units.json"):
        form["units"] = bad
        (folder / "form.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(InputError, match="键“units”"):
            load_form(folder)
