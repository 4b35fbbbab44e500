"""A third format, made for the tests (tests/data/forms/linjiang-2023-midterm), end to end.

Four stages (提纲, 初稿, 正式稿 needing zero errors, 定稿 needing the sign-off); a report
called 中期评估报告 with a three-level outline (一、/（一）/1.) and the indicator table
printed under 一(一), no typical-case annex; tasks from the city plan marked with "*" at
the end of the text; targets written "2600以上", "不低于3.5%", "5年累计600", "控制在
0.016以内", "≥95", "年均增长6%", "35以上"; yearly figure columns (2020 base, 2021, 2022,
mid-2023) as a time series judged at their own dates; collectives "各镇、街道" and
"相关园区"; an indicator table whose 序号 column shows the row numbers.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.core.reading import read_row
from desktop.core.targets import Kind
from desktop.department.operations import open_workspace
from desktop.forms import SEARCH_PATH_VARIABLE
from tests.format_kit import (
    FORMS,
    KEYS,
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

FORM_ID = "linjiang-2023-midterm"
DEMO_KEY = (KEYS / "区科委-demo.p12", None)


@pytest.fixture(autouse=True)
def forms_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, str(FORMS))


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    """One workbook: 指标 (numbered 编号, base and target columns), 任务 (marks), 规划."""
    indicators = [
        ["编号", "指标名称", "计量单位", "2020年基数", "2025年目标", "指标属性", "责任部门"],
        ["=", "一、创新发展", 7],
        [1, "高新技术企业数", "家", 1800, "2600以上", "预期性", "区科委"],
        [2, "研发经费投入强度", "%", 2.8, "不低于3.5%", "预期性", "区科技委、区统计局"],
        [3, "新增科技小巨人企业", "家", "—", "5年累计600", "预期性", "区科委"],
        ["=", "二、绿色发展", 7],
        [4, "单位生产总值能耗", "吨标准煤/万元", 0.018, "控制在0.016以内", "约束性",
         "区发改委、各镇、街道"],
        [5, "养老保险参保率", "%", 93, "≥95", "预期性", "区人社局"],
        [6, "区级财政收入", "亿元", 100, "年均增长6%", "预期性", "区财政局"],
        [7, "园区亩均税收", "万元", 30, "35以上", "预期性", "相关园区"],
        [8, "绿色出行比例", "%", 60, "比2020年提高5个百分点", "预期性", "区交通委"],
    ]
    tasks = [
        ["序号", "任务内容", "牵头单位", "协同单位"],
        ["=", "一、建设科创高地", 4],
        [1, "建设滨江科学城，集聚高水平研发机构。*", "区科委", "区发改委"],
        [2, "实施高新技术企业倍增计划。", "区科委、各镇、街道", None],
        [3, "推进老旧小区综合改造。*", "区住建委", "各镇、街道"],
    ]
    plans = [["序号", "专项规划名称", "牵头部门"],
             [1, "临江区科技创新“十四五”规划", "区科委"],
             [2, "临江区综合交通“十四五”规划", "区交通委"]]
    folder = tmp_path / "分工表"
    workbook(folder / "临江区中期评估分工.xlsx", {"指标": indicators, "任务": tasks,
                                                  "规划": plans})
    return folder


def init(capsys, tables: Path, ws: Path, department: str) -> tuple[dict, str]:
    out = ok(capsys, "init", ws, "--assignment", tables, "--department", department,
             "--form", FORM_ID)
    return json.loads(ok(capsys, "status", ws, "--json")), out


GOOD = {
    "indicators": {
        "1": {"value_2021": "1950", "value_2022": "2100", "value_2023h1": "2200",
              "conclusion": "B", "end_value": "2650"},
        "2": {"value_2021": "3.0", "value_2022": "3.2", "value_2023h1": "3.3%",
              "conclusion": "B", "end_value": "3.6"},
        "3": {"value_2021": "120", "value_2022": "250", "value_2023h1": "310",
              "conclusion": "B", "end_value": "620"},
    },
    "tasks": {
        "1": {"progress": "科学城一期建成，引进研发机构 12 家。", "conclusion": "A"},
        "2": {"progress": "高新技术企业 2200 家。", "conclusion": "B"},
    },
    "reports": {"1": {"indicators": "三项指标均符合进度。",
                      "tasks_done": "科学城一期建成。\n引进研发机构 12 家。",
                      "tasks_going": "高新技术企业倍增计划按年度推进。",
                      "problems": "高端人才不足。", "next": "加快科学城二期建设。"}},
}


def test_form_check_and_init_list_the_targets_the_grammar_cannot_read(capsys, tables, tmp_path):
    out = ok(capsys, "form", "check", FORMS / FORM_ID, "--assignment", tables)
    assert "outline（提纲）、first（初稿）、formal（正式稿）、final（定稿）" in out
    assert "中期评估报告" in out
    assert "有 1 个目标含数字但无法解析" in out and "第 8 项：“比2020年提高5个百分点”" in out
    _, out = init(capsys, tables, tmp_path / "ws", "区交通委")
    assert "比2020年提高5个百分点" in out


def test_every_other_target_parses(capsys, tables, tmp_path):
    init(capsys, tables, tmp_path / "ws", "区科委")
    ws, form = open_workspace(tmp_path / "ws")
    with ws:
        spec = form.table("indicators")
        rows = {r.number: r for r in ws.rows() if r.table == "indicators"}
        read = {n: read_row(form, spec, r, {}) for n, r in rows.items()}
    assert read["1"].target.kind is Kind.ABOVE and read["1"].target.low == 2600
    assert read["1"].target.met_by(2600)  # 以上: the bound counts
    assert read["2"].target.low == 3.5 and read["2"].target.inclusive
    assert read["3"].target.cumulative and read["3"].target.goal == 600


def test_collective_phrases_reach_streets_towns_and_parks(capsys, tables, tmp_path):
    street, _ = init(capsys, tables, tmp_path / "street", "江畔街道")
    assert street["tables"]["indicators"]["assigned"] == ["4"]
    assert street["tables"]["tasks"]["assigned"] == ["2"]  # 协同单位 do not answer
    town, _ = init(capsys, tables, tmp_path / "town", "临江镇")
    assert town["tables"]["indicators"]["assigned"] == ["4"]
    park, _ = init(capsys, tables, tmp_path / "park", "滨江科技园区")
    assert park["tables"]["indicators"]["assigned"] == ["7"]
    # the pieces of "各镇、街道" are not units of their own
    code, _, err = run(capsys, "init", tmp_path / "bogus", "--assignment", tables,
                       "--department", "街道", "--form", FORM_ID)
    assert code == 2 and "分工表中没有单位“街道”" in err
    assert "区科委" in err  # the examples come from this district's roster


def test_a_star_in_the_task_text_becomes_the_city_plan_flag(capsys, tables, tmp_path):
    init(capsys, tables, tmp_path / "ws", "区科委")
    rows = json.loads(ok(capsys, "rows", tmp_path / "ws", "--table", "tasks", "--json"))
    by_number = {r["number"]: r for r in rows}
    assert by_number["1"]["fields"]["content"] == "建设滨江科学城，集聚高水平研发机构。"
    assert by_number["1"]["fields"]["city_plan"] == "是"
    assert by_number["2"]["fields"]["city_plan"] == ""
    text = ok(capsys, "rows", tmp_path / "ws")
    assert "indicators 1" in text and "city_plan=是" in text and "共 " in text


def test_the_mid_2023_figure_is_judged_at_its_own_date(capsys, tables, tmp_path):
    ws_path = tmp_path / "ws"
    init(capsys, tables, ws_path, "区科委")
    findings = fill(capsys, ws_path, GOOD)
    assert findings == []  # 310 of 600 at half time: B, as written
    ws, form = open_workspace(ws_path)
    with ws:
        spec = form.table("indicators")
        rows = {r.number: r for r in ws.rows() if r.table == "indicators"}
        third = read_row(form, spec, rows["3"], GOOD["indicators"]["3"])
        first = read_row(form, spec, rows["1"], GOOD["indicators"]["1"])
    assert third.cutoff == dt.date(2023, 6, 30) and third.assessment.elapsed == 0.5
    assert [p.value for p in third.series] == [None, 120, 250, 310]  # "—" base: no figure
    assert third.series[0].date == dt.date(2020, 12, 31)  # the base stands at the start
    assert first.needed_rate == pytest.approx((2600 / 2200) ** (1 / 2.5) - 1)
    # judged at 2022-12-31 the same figure would read as 超前 (A) and warn about B
    data = json.loads(json.dumps(GOOD))
    data["indicators"]["3"].update(value_2022="90", conclusion="C", reason="审批放缓")
    by_rule = {f["rule"]: f for f in fill(capsys, ws_path, data)}
    assert by_rule["series-falls"]["column"] == "value_2022"
    assert "累计数不应下降" in by_rule["series-falls"]["message"]
    assert "时间已过 50%" in by_rule["conclusion-mismatch"]["message"]


def test_four_stages_from_outline_to_final(capsys, tables, tmp_path, artifacts):
    ws = tmp_path / "ws"
    init(capsys, tables, ws, "区科委")
    (tmp_path / "demo-pass.txt").write_text("planeval-demo", encoding="utf-8")
    key = (DEMO_KEY[0], tmp_path / "demo-pass.txt")
    out = tmp_path / "out"
    outline = export_and_verify(capsys, ws, out, "outline", key)  # errors may travel
    assert "-提纲-" in outline.name
    assert json.loads(members(outline)["data.json"])["stage"] == "outline"
    fill(capsys, ws, {"tasks": {"1": {"progress": "进行中"}}})
    export_and_verify(capsys, ws, out, "first", key)
    code, _, err = run(capsys, "export", ws, "--out", out, "--stage", "formal", "--key",
                       key[0], "--passphrase-file", key[1])
    assert code == 2 and "正式稿须无错误才能导出" in err
    assert fill(capsys, ws, GOOD) == []
    export_and_verify(capsys, ws, out, "formal", key)
    code, _, err = run(capsys, "export", ws, "--out", out, "--stage", "final", "--key",
                       key[0], "--passphrase-file", key[1])
    assert code == 2 and "定稿须经分管区领导审核签字" in err
    code, _, err = run(capsys, "export", ws, "--out", out, "--stage", "draft", "--key",
                       key[0], "--passphrase-file", key[1])
    assert code == 2 and "outline（提纲）" in err  # this form has no "draft"
    ok(capsys, "signoff", ws, "--leader", "李某某", "--date", "2023-07-08")
    final = export_and_verify(capsys, ws, out, "final", key)
    files = members(final)
    info = json.loads(files["META-INF/planeval.json"])
    assert info["stage"] == "final" and info["district"] == "临江区"
    report = "中期评估报告-临江区科技创新“十四五”规划.docx"
    assert {report, "附表1-主要指标中期评估表.xlsx", "附表2-主要任务中期评估表.xlsx"} <= set(files)
    assert not any(n.startswith("自评报告") for n in files)
    _check_report(docx_lines(files[report]))
    _check_tables(sheet_rows(files["附表1-主要指标中期评估表.xlsx"]),
                  sheet_rows(files["附表2-主要任务中期评估表.xlsx"]))
    texts = render({n: files[n] for n in (report, "附表1-主要指标中期评估表.xlsx",
                                         "附表2-主要任务中期评估表.xlsx")},
                   tmp_path / "render", artifacts, "linjiang")
    flat = {n: "".join(t.split()) for n, t in texts.items()}
    assert "（一）主要指标完成情况" in flat[report] and "高新技术企业数" in flat[report]
    assert "分管区领导：李某某（2023年7月8日）" in flat[report]
    assert "建设滨江科学城" in flat["附表2-主要任务中期评估表.xlsx"]
    assert "高新技术企业数（家）" in flat["附表1-主要指标中期评估表.xlsx"]


def _check_report(lines: list[tuple[str, str]]) -> None:
    text = [t for _, t in lines]
    styles = {t: s for s, t in lines}
    assert text[0] == "临江区科技创新“十四五”规划\n中期评估报告"
    assert styles["一、规划实施总体情况"] == "报告部分标题"
    assert styles["（一）主要指标完成情况"] == "报告二级标题"
    assert styles["1.已完成的任务"] == "报告三级标题"
    order = [text.index(t) for t in ("一、规划实施总体情况", "（一）主要指标完成情况",
                                      "（二）主要任务推进情况", "1.已完成的任务",
                                      "2.推进中的任务", "二、存在的问题和原因")]
    assert order == sorted(order)
    assert "科学城一期建成。" in text and "引进研发机构 12 家。" in text
    assert not any("典型案例" in t for t in text)  # this format has no such annex
    table = [t for s, t in lines if s == "table"]
    assert table[0].startswith("序号 | 指标名称 | 2020年 | 2025年目标 | 2021年")
    assert table[1].startswith("1 | 高新技术企业数（家） | 1800 | 2600以上 | 1950 | 2100")
    assert len(table) == 4  # the header and the department's three indicators


def _check_tables(indicators: list[list[object]], tasks: list[list[object]]) -> None:
    assert indicators[1][:4] == ["序号", "指标名称", "2020年", "2025年目标"]
    assert [r[0] for r in indicators[2:5]] == ["1", "2", "3"]  # the numbers, not the pattern
    assert indicators[2][1] == "高新技术企业数（家）"
    assert indicators[4][6] == "310"
    header = tasks[1]
    assert header[2] == "市级任务"
    flags = {r[0]: (r[1], r[2]) for r in tasks[2:] if r[0] in ("1", "2")}
    assert flags["1"] == ("建设滨江科学城，集聚高水平研发机构。", "是")
    assert flags["2"][1] in ("", None)
    assert any("标“*”的为市规划纲要" in str(r[0]) for r in tasks)
