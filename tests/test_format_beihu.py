"""A fourth format, made for the tests (tests/data/forms/beihu-2024-review), end to end.

Other words and layout again: stages 自查稿 / 报送稿 (zero errors) / 终稿 (sign-off); a
report called 实施情况评估报告 in 第一部分…第三部分 with the indicator and task tables
printed inside 第二部分 and an optional annex; a "★" before an indicator's name marking
it binding; verdicts 超前/正常/滞后/困难; cumulative yearly columns; collectives
"相关街镇" (by kind) and "各功能区" (by members); no export.json (layouts derived);
version 1.1.0 renames a column of 1.0.0 through a declared migration, and an undeclared
change is refused.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.forms import SEARCH_PATH_VARIABLE
from tests.format_kit import (
    FORMS,
    department_key,
    docx_lines,
    export_and_verify,
    fill,
    members,
    ok,
    render,
    run,
    sheet_rows,
    workbook,
)

FORM_ID = "beihu-2024-review"
DEPARTMENT = "区经信委"


@pytest.fixture
def forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the forms folder the test may change (a new version, an edit)."""
    root = tmp_path / "forms"
    shutil.copytree(FORMS / FORM_ID, root / FORM_ID)
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, str(root))
    return root / FORM_ID


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    """Two workbooks; categories in a column carried down; a title row above a header."""
    folder = tmp_path / "分解表"
    workbook(folder / "表1 指标分解.xlsx", {"指标": [
        ["北湖区“十四五”规划主要指标分解表"],
        ["类别", "序号", "指标", "单位", "目标值", "责任单位"],
        ["创新驱动", 1, "★新增市级企业技术中心", "家", "累计新增40", "区经济信息化委"],
        [None, 2, "规上工业产值年均增速", "%", "3%-5%", "区经信委"],
        [None, 3, "数字化转型示范企业", "家", "不少于12", "区经信委、相关街镇"],
        ["生态宜居", 4, "★PM2.5年均浓度", "微克/立方米", "控制在30以内", "区生态环境局"],
        [None, 5, "新增绿地面积", "公顷", "85左右", "各功能区"],
    ]})
    workbook(folder / "表2 任务和规划.xlsx", {
        "任务": [["序号", "具体任务", "责任主体"],
                 [1, "推动制造业数字化转型。", "区经信委"],
                 [2, "建设北湖智能制造产业园。", "区经信委、相关街镇"],
                 [3, "完善城市绿道网络。", "区绿化市容局"]],
        "规划": [["序号", "规划名称", "牵头单位"],
                 [1, "北湖区制造业高质量发展“十四五”规划", "区经信委"]]})
    return folder


def init(capsys, tables: Path, ws: Path, department: str = DEPARTMENT) -> dict:
    ok(capsys, "init", ws, "--assignment", tables, "--department", department, "--form", FORM_ID)
    return json.loads(ok(capsys, "status", ws, "--json"))


GOOD = {
    "indicators": {
        "1": {"y2021": "10", "y2022": "18", "y2023": "26", "progress": "正常", "forecast": "42"},
        "2": {"y2021": "4.1", "y2022": "3.8", "y2023": "4.0", "progress": "正常",
              "forecast": "4.2"},
        "3": {"y2021": "3", "y2022": "7", "y2023": "10", "progress": "正常", "forecast": "13"},
    },
    "tasks": {"1": {"done": "完成 120 家企业数字化诊断。", "progress": "超前"},
              "2": {"done": "产业园一期开工。", "progress": "正常", "remark": "二期待供地"}},
    "reports": {"1": {"part1": "规划实施总体顺利。", "p2_tasks": "数字化转型走在前列。",
                      "part3": "加快产业园建设。", "projects": "产业园一期已开工。"}},
}


def test_kinds_and_members_of_collectives(capsys, forms, tables, tmp_path):
    town = init(capsys, tables, tmp_path / "town", "湖西镇")
    assert town["tables"]["indicators"]["assigned"] == ["3"]
    assert town["tables"]["tasks"]["assigned"] == ["2"]
    zone = init(capsys, tables, tmp_path / "zone", "湖滨商务功能区")
    assert zone["tables"]["indicators"]["assigned"] == ["5"]
    mine = init(capsys, tables, tmp_path / "ws")  # 区经济信息化委 is its alias
    assert mine["tables"]["indicators"]["assigned"] == ["1", "2", "3"]


def test_the_star_marks_binding_indicators(capsys, forms, tables, tmp_path):
    init(capsys, tables, tmp_path / "ws")
    rows = json.loads(ok(capsys, "rows", tmp_path / "ws", "--table", "indicators", "--json"))
    first = next(r for r in rows if r["number"] == "1")
    assert first["fields"]["name"] == "新增市级企业技术中心"
    assert first["fields"]["binding"] == "约束性"
    assert next(r for r in rows if r["number"] == "2")["fields"]["binding"] == ""


def test_verdict_words_and_a_falling_cumulative_series(capsys, forms, tables, tmp_path):
    ws = tmp_path / "ws"
    init(capsys, tables, ws)
    assert fill(capsys, ws, GOOD) == []
    data = json.loads(json.dumps(GOOD))
    data["indicators"]["1"].update(y2022="8", progress="滞后",  # 26 of 40 at 60%: 正常
                                   cause="企业申报不足")
    by_rule = {f["rule"]: f for f in fill(capsys, ws, data)}
    assert "“2022年累计”8 低于“2021年累计”10" in by_rule["series-falls"]["message"]
    mismatch = by_rule["conclusion-mismatch"]["message"]
    assert "时间已过 60%" in mismatch and "更接近“正常”" in mismatch and "“滞后”" in mismatch
    data["indicators"]["2"]["progress"] = "滞后"
    rules = {(f["rule"], f["number"]) for f in fill(capsys, ws, data)}
    assert ("required-when", "2") in rules  # 滞后 needs its 原因分析


def test_a_declared_migration_carries_answers_with_a_message(capsys, forms, tables, tmp_path):
    current = (forms / "form.json").read_text(encoding="utf-8")
    old = json.loads(current)
    old["version"] = "1.0.0"
    old.pop("migrations")
    old["tables"][1]["answer_columns"][2]["id"] = "note"
    (forms / "form.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    ws = tmp_path / "ws"
    init(capsys, tables, ws)
    fill(capsys, ws, {"tasks": {"2": {"note": "二期待供地"}}})
    (forms / "form.json").write_text(current, encoding="utf-8")  # the commission's 1.1.0
    code, out, err = run(capsys, "status", ws)
    assert code == 0 and "已从版本 1.0.0 更新为 1.1.0" in err and "移动了 1 处" in err
    data = json.loads(ok(capsys, "export-data", ws))
    assert data["tasks"]["2"] == {"remark": "二期待供地"}
    assert data["form"]["version"] == "1.1.0"
    # an edit that drops the column again without a new version or migration: refused
    edited = json.loads(current)
    edited["tables"][1]["answer_columns"].pop(2)
    (forms / "form.json").write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "status", ws)
    assert code == 2 and "版本号仍为 1.1.0" in err and "planeval form upgrade" in err
    assert "另有 1 处内容无对应栏目，已保留" in ok(capsys, "form", "upgrade", ws)
    code, out, _ = run(capsys, "status", ws)
    assert code == 0 and "另有 1 处内容不属于当前格式" in out


def test_three_stages_documents_read_back_and_rendered(capsys, forms, tables, tmp_path,
                                                       artifacts):
    ws = tmp_path / "ws"
    init(capsys, tables, ws)
    key = department_key(capsys, tmp_path, DEPARTMENT, "北湖区")
    out = tmp_path / "out"
    selfcheck = export_and_verify(capsys, ws, out, "selfcheck", key)
    assert "-自查稿-" in selfcheck.name
    assert json.loads(members(selfcheck)["data.json"])["findings"]  # open problems travel
    code, _, err = run(capsys, "export", ws, "--out", out, "--stage", "submit", "--key", key[0],
                       "--passphrase-file", key[1])
    assert code == 2 and "报送稿须无错误" in err
    assert fill(capsys, ws, GOOD) == []
    submit = export_and_verify(capsys, ws, out, "submit", key)  # no sign-off needed
    assert json.loads(members(submit)["META-INF/planeval.json"])["stage"] == "submit"
    ok(capsys, "signoff", ws, "--leader", "赵某某", "--date", "2024-06-20")
    files = members(export_and_verify(capsys, ws, out, "final", key))
    report = "实施情况评估报告-北湖区制造业高质量发展“十四五”规划.docx"
    assert {report, "表一-指标实施情况表.xlsx", "表二-任务实施情况表.xlsx"} <= set(files)
    lines = docx_lines(files[report])
    text = [t for _, t in lines]
    styles = {t: s for s, t in lines}
    assert styles["第二部分 分领域评估"] == "报告部分标题"
    assert styles["一、指标完成情况"] == "报告二级标题"
    after = text[text.index("一、指标完成情况") + 1]
    assert after == "二、任务推进情况"  # a table-only part: no text paragraph of its own
    assert text.index("附件：重点项目进展说明") > text.index("区经信委")  # after the closing
    tables = [t for s, t in lines if s == "table"]
    assert any("新增市级企业技术中心" in t and "约束性" in t and "正常" in t for t in tables)
    assert any("推动制造业数字化转型。" in t and "超前" in t for t in tables)
    indicators = sheet_rows(files["表一-指标实施情况表.xlsx"])
    assert "约束性" in indicators[1] and "进展" in indicators[1]
    assert any("1、新增市级企业技术中心（家）" in r for r in indicators)
    assert ["注：1、指标名称前标★的为约束性指标。"] == [r[0] for r in indicators
                                                  if "★" in str(r[0])]
    texts = render({n: files[n] for n in (report, "表一-指标实施情况表.xlsx")},
                   tmp_path / "render", artifacts, "beihu")
    flat = "".join(texts[report].split())
    assert "第二部分分领域评估" in flat and "附件：重点项目进展说明" in flat
    assert "新增市级企业技术中心" in "".join(texts["表一-指标实施情况表.xlsx"].split())
