"""A second district's format (tests/data/forms/jingan-2023-midterm), end to end, no code.

The division tables are built here as another commission would write them: other titles
and column orders than Putuo's, a 2020 base column, a city-plan flag, a 重大项目 sheet
with lead and responsible units, a collective (各街道). Everything then goes through the
real CLI with PLANEVAL_FORMS pointing at tests/data/forms.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop import cli
from desktop.department.operations import open_workspace, workspace_status
from desktop.forms import SEARCH_PATH_VARIABLE, find_form, load_form
from desktop.io.assignment_xlsx import read_assignment

FORMS = Path(__file__).parent / "data" / "forms"
FORM_ID = "jingan-2023-midterm"


@pytest.fixture(autouse=True)
def forms_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, str(FORMS))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- the commission's division tables ------------------------------------------------------


def _title(ws: Worksheet, text: str, width: int) -> None:
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)


def _indicators(ws: Worksheet) -> None:
    """Base column, target titled by year, units last, headings merged across the table."""
    ws.append(["附件2"])
    ws.append(["序号", "指标名称", "计量单位", "2020年基期值", "2025年目标值", "指标属性",
               "责任单位"])
    _title(ws, "一、经济发展", 7)
    ws.append([1, "全区生产总值年均增长", "%", "—", "6左右", "预期性", "区发改委、区统计局"])
    ws.append([2, "一般公共预算收入", "亿元", 267.5, "累计 1450", "预期性", "区财政局"])
    ws.append([3, "研发经费支出占全区生产总值比重", "%", 2.1, 3, "预期性", "区科技委"])
    _title(ws, "二、民生保障", 7)
    ws.append([4, "新增就业岗位", "万个", 5.8, "累计 25", "预期性",
               "区人社局\n区科委\n各街道"])
    ws.append([5, "新增养老床位", "张", 1200, "累计 1000", "约束性", "区民政局、各街道"])


def _tasks(ws: Worksheet) -> None:
    """The city-plan flag first, the content titled 任务内容, a helper-unit column."""
    ws.append(["是否市规划任务", "序号", "任务内容", "责任单位", "配合单位"])
    _title(ws, "一、打造国际静安", 5)
    ws.append(["是", 1, "推进南京西路高端商务商业集聚区建设。", "区商务委", "南京西路街道"])
    ws.append(["是", 2, "建设市北高新技术服务业园区，打造大数据产业集聚区。",
               "区科委、市北高新集团", "区商务委"])
    ws.append([None, 3, "实施科技创新“攀登”计划，培育高新技术企业。", "区科技委", None])
    _title(ws, "二、建设幸福静安", 5)
    ws.append(["是", 4, "完善“15分钟社区生活圈”。", "各街道、彭浦镇", "区民政局"])
    ws.append([None, 5, "推进旧区改造和城市更新。", "区旧改办", "区房管局"])


def _projects(ws: Worksheet) -> None:
    """重大项目: a title row above the header, lead and responsible units both naming units."""
    _title(ws, "静安区“十四五”重大项目中期评估分工表", 8)
    ws.append(["序号", "项目名称", "主要建设内容", "建设规模", "总投资（亿元）", "起止年限",
               "牵头单位", "责任单位"])
    ws.append([1, "市北高新园区数据智能中心", "新建研发办公楼及配套设施", "建筑面积12万平方米",
               35, "2021-2025", "区科委", "市北高新集团"])
    ws.append([2, "苏河湾万象天地二期", "商业、办公综合体", "建筑面积20万平方米", 120,
               "2021-2024", "区发改委", "区规划资源局、天目西路街道"])
    ws.append([3, "大宁科技创新中心", "科创载体及公共服务平台", "建筑面积8万平方米", 15,
               "2022-2025", "大宁路街道", "区科委"])


def _plans(ws: Worksheet) -> None:
    ws.append(["规划类别", "序号", "专项规划名称", "牵头部门"])
    ws.append(["经济发展", 1, "静安区科技创新“十四五”规划", "区科委"])
    ws.append([None, 2, "静安区商务发展“十四五”规划", "区商务委"])
    ws.append([None, 3, "静安区城市数字化转型“十四五”规划", "区科委、区数据局"])


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    """Two workbooks in a folder: 指标+任务 in one, 重大项目+规划 in the other."""
    folder = tmp_path / "分工表"
    folder.mkdir()
    wb = Workbook()
    wb.remove(wb.active)
    _indicators(wb.create_sheet("主要指标"))
    _tasks(wb.create_sheet("主要任务"))
    wb.save(folder / "附件2-3 指标和任务分工.xlsx")
    wb = Workbook()
    wb.remove(wb.active)
    _projects(wb.create_sheet("重大项目"))
    _plans(wb.create_sheet("专项规划"))
    wb.save(folder / "附件4-5 项目和规划分工.xlsx")
    return folder


def init(capsys, tables: Path, ws: Path, department: str) -> dict:
    code, out, err = run(capsys, "init", str(ws), "--assignment", str(tables),
                         "--department", department, "--form", FORM_ID)
    assert code == 0, err
    code, out, err = run(capsys, "status", str(ws), "--json")
    assert code == 0, err
    return json.loads(out)


def answers(capsys, ws: Path, data: dict) -> list[dict]:
    path = ws.parent / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "fill", str(ws), str(path))
    assert code == 0, err
    code, out, err = run(capsys, "validate", str(ws), "--json")
    assert code in (0, 1), err
    return json.loads(out)


GOOD = {
    "indicators": {
        "3": {"value_2021": "2.3", "value_2022": "2.5", "value_2023h1": "2.6",
              "benchmark": "高于全市平均（2.2%）", "progress": "符合进度", "outlook": "能够完成"},
        "4": {"value_2021": "5.6", "value_2022": "11", "value_2023h1": "13.5",
              "progress": "符合进度", "outlook": "能够完成"},
    },
    "tasks": {
        "2": {"progress": "园区新引进大数据企业 120 家。", "verdict": "超前",
              "outlook": "能够完成"},
        "3": {"progress": "新认定高新技术企业 310 家。", "verdict": "符合进度",
              "outlook": "能够完成"},
    },
    "projects": {
        "1": {"progress": "主体结构封顶。", "invested": "21.5", "problems": "无"},
        "3": {"progress": "完成方案设计。", "invested": "3"},
    },
    "reports": {
        n: {"progress": "进展顺利。", "analysis": "对标浦东、徐汇，仍有差距。",
            "measures": "加大招商力度。"} for n in ("1", "3")
    },
}


# --- the tests -----------------------------------------------------------------------------


def test_the_form_loads_with_planeval_form_check(capsys):
    code, out, err = run(capsys, "form", "check", str(FORMS / FORM_ID))
    assert code == 0, err
    assert "重大项目进展情况表" in out and "报告部分：4 个" in out
    form = find_form(FORM_ID)
    assert [s.title for s in form.report.sections] == [
        "一、进展情况", "二、趋势和问题分析", "三、思路举措", "四、调整方案"]
    assert form.table("indicators").grade_map()["超前"] == "A"
    assert form.table("tasks").grade_map()["滞后"] == "C"
    assert form.table("projects").role("conclusion") is None


def test_the_department_gets_its_rows_including_projects(capsys, tables, tmp_path):
    s = init(capsys, tables, tmp_path / "ws", "区科技委")  # an alias of 区科委
    assert s["department"] == "区科委"
    assert s["tables"]["indicators"]["assigned"] == ["3", "4"]
    assert s["tables"]["tasks"]["assigned"] == ["2", "3"]
    assert s["tables"]["projects"]["assigned"] == ["1", "3"]  # 3: named as 责任单位
    assert s["tables"]["projects"]["title"] == "重大项目进展情况表"
    assert [r["plan"] for r in s["reports"]] == ["1", "3"]
    assert s["reports"][0]["sections"] == ["progress", "analysis", "measures", "adjustment"]


def test_rows_carry_the_declared_columns(capsys, tables, tmp_path):
    init(capsys, tables, tmp_path / "ws", "区科委")
    ws, form = open_workspace(tmp_path / "ws")
    with ws:
        rows = {(r.table, r.number): r for r in ws.rows()}
        status = workspace_status(ws, form)
    assert rows[("indicators", "3")].fields["base_2020"] == "2.1"
    assert rows[("indicators", "4")].fields["target"] == "累计 25"
    assert rows[("indicators", "4")].category == "民生保障"
    assert rows[("tasks", "2")].fields["city_plan"] == "是"
    assert rows[("tasks", "3")].fields["city_plan"] == ""
    project = rows[("projects", "1")]
    assert project.fields == {"name": "市北高新园区数据智能中心",
                              "content": "新建研发办公楼及配套设施", "scale": "建筑面积12万平方米",
                              "investment": "35", "start_end": "2021-2025"}
    assert project.units == ("区科委", "市北高新集团")
    # What the GUI shows: the projects table among the form's tables, with its rows.
    assert list(status.tables) == ["indicators", "tasks", "projects"]
    assert status.tables["projects"].assigned == ("1", "3")


def test_a_street_gets_rows_through_the_collective(capsys, tables, tmp_path):
    s = init(capsys, tables, tmp_path / "ws", "天目西路街道")
    assert s["tables"]["indicators"]["assigned"] == ["4", "5"]
    assert s["tables"]["tasks"]["assigned"] == ["4"]
    assert s["tables"]["projects"]["assigned"] == ["2"]
    assert s["reports"] == []


def test_a_complete_answer_validates_clean(capsys, tables, tmp_path):
    ws = tmp_path / "ws"
    init(capsys, tables, ws, "区科委")
    findings = answers(capsys, ws, GOOD)
    assert findings == []
    s = json.loads(run(capsys, "status", str(ws), "--json")[1])
    for table in s["tables"].values():
        assert table["complete"] == table["assigned"]


def test_domain_checks_in_the_forms_own_words(capsys, tables, tmp_path):
    ws = tmp_path / "ws"
    init(capsys, tables, ws, "区科委")
    data = json.loads(json.dumps(GOOD))
    del data["indicators"]["3"]["value_2022"]  # a required column missing
    data["indicators"]["4"].update(value_2021="2万人",  # a figure in the wrong unit
                                   value_2023h1="5", progress="超前")  # 20% of 累计 25 at half time
    del data["projects"]["3"]["progress"]
    findings = answers(capsys, ws, data)
    by_rule = {(f["rule"], f["table"], f["number"], f["column"]): f for f in findings}
    missing = by_rule[("required", "indicators", "3", "value_2022")]
    assert missing["severity"] == "error" and "指标 3" in missing["message"]
    assert "“2022年”未填写" in missing["message"]
    unit = by_rule[("figure-unit", "indicators", "4", "value_2021")]
    assert unit["severity"] == "error" and "万人" in unit["message"] and "万个" in unit["message"]
    mismatch = by_rule[("conclusion-mismatch", "indicators", "4", "progress")]
    assert mismatch["severity"] == "warning"
    assert "“超前”" in mismatch["message"] and "“滞后”" in mismatch["message"]
    assert "进展超前、可以提前完成" not in mismatch["message"]  # not the commission's A-D words
    project = by_rule[("required", "projects", "3", "progress")]
    assert "项目 3“大宁科技创新中心”" in project["message"]
    code, _, _ = run(capsys, "validate", str(ws))
    assert code == 1


def test_a_lagging_verdict_needs_its_reason(capsys, tables, tmp_path):
    ws = tmp_path / "ws"
    init(capsys, tables, ws, "区科委")
    data = json.loads(json.dumps(GOOD))
    data["tasks"]["3"]["verdict"] = "滞后"
    data["indicators"]["3"]["outlook"] = "难以完成"
    rules = {(f["rule"], f["table"], f["number"], f["column"])
             for f in answers(capsys, ws, data)}
    assert rules == {("required-when", "tasks", "3", "problems"),
                     ("required-when", "indicators", "3", "adjustment")}


def test_fill_and_export_data_round_trip(capsys, tables, tmp_path):
    ws = tmp_path / "ws"
    init(capsys, tables, ws, "区科委")
    answers(capsys, ws, GOOD)
    code, out, err = run(capsys, "export-data", str(ws))
    assert code == 0, err
    exported = json.loads(out)
    assert exported["form"] == {"id": FORM_ID, "version": "1.0.0"}
    assert exported["projects"] == GOOD["projects"]  # keyed by the projects' own numbers
    for table in ("indicators", "tasks", "reports"):
        assert exported[table] == GOOD[table]
    again = tmp_path / "again"
    init(capsys, tables, again, "区科委")
    answers(capsys, again, exported)
    assert json.loads(run(capsys, "export-data", str(again))[1]) == exported


def test_a_row_of_another_department_is_refused_by_fill(capsys, tables, tmp_path):
    ws = tmp_path / "ws"
    init(capsys, tables, ws, "区科委")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"projects": {"2": {"progress": "x"}}}), encoding="utf-8")
    code, _, err = run(capsys, "fill", str(ws), str(path))
    assert code == 2 and "表“projects”中的第 2 项不属于本单位" in err


def test_without_the_form_the_projects_sheet_is_not_read(tables):
    plain = read_assignment(tables)
    assert not plain.table("projects")
    assert "base_2020" not in plain.row("indicators", "3").fields
    assert [r.number for r in plain.table("tasks")] == ["1", "2", "3", "4", "5"]
    declared = read_assignment(tables, spec=find_form(FORM_ID).assignment)
    assert [r.number for r in declared.table("projects")] == ["1", "2", "3"]
    for table in ("indicators", "tasks", "plans"):
        strip = [(r.number, r.units, r.category) for r in plain.table(table)]
        assert strip == [(r.number, r.units, r.category) for r in declared.table(table)]


# --- faults in the definition are named by file and key --------------------------------------


def _broken(tmp_path: Path, change) -> Path:
    folder = tmp_path / FORM_ID
    shutil.copytree(FORMS / FORM_ID, folder)
    path = folder / "form.json"
    form = json.loads(path.read_text(encoding="utf-8"))
    change(form)
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    return folder


def _set_grade(form: dict) -> None:
    form["tables"][0]["answer_columns"][4]["grades"]["超前"] = "E"


def _drop_grade(form: dict) -> None:
    del form["tables"][1]["grades"]["滞后"]


def _undeclared_table(form: dict) -> None:
    form["assignment"]["tables"] = []


def _bad_identify(form: dict) -> None:
    form["assignment"]["tables"][0]["identify"] = ["name", "budget"]


def _clashing_column(form: dict) -> None:
    form["assignment"]["columns"]["indicators"]["target"] = ["2025年目标"]


def _unread_field(form: dict) -> None:
    form["tables"][2]["assignment_columns"].append({"id": "owner", "title": "业主"})


@pytest.mark.parametrize(("change", "key"), [
    (_set_grade, "tables[0].answer_columns[4].grades.超前"),
    (_drop_grade, "tables.tasks.grades"),
    (_undeclared_table, "tables[2].id"),
    (_bad_identify, "assignment.tables[0].identify"),
    (_clashing_column, "assignment.columns.indicators.target"),
    (_unread_field, "tables.projects.assignment_columns.owner"),
])
def test_faults_name_file_and_key(capsys, tmp_path, change, key):
    folder = _broken(tmp_path, change)
    with pytest.raises(Exception) as caught:
        load_form(folder)
    assert f"键“{key}”" in str(caught.value) and "form.json" in str(caught.value)
    code, _, err = run(capsys, "form", "check", str(folder))
    assert code == 2 and f"键“{key}”" in err


def test_documents_and_the_signed_package_with_no_export_file(capsys, tables, tmp_path):
    """No export.json in the folder: the layouts come from form.json, still no code."""
    import io
    import zipfile

    import docx
    from openpyxl import load_workbook

    from desktop.paths import demo_dir

    assert not (FORMS / FORM_ID / "export.json").exists()
    ws = tmp_path / "ws"
    init(capsys, tables, ws, "区科委")
    answers(capsys, ws, GOOD)
    (tmp_path / "pass.txt").write_text("planeval-demo", encoding="utf-8")
    keys = demo_dir() / "keys"
    code, out, err = run(capsys, "export", str(ws), "--out", str(tmp_path / "out"), "--stage",
                         "draft", "--key", str(keys / "区科委-demo.p12"), "--passphrase-file",
                         str(tmp_path / "pass.txt"))
    assert code == 0, err
    (package,) = (tmp_path / "out").glob("*.zip")
    assert package.name.startswith("静安区-区科委-")
    code, out, _ = run(capsys, "verify", str(package), "--trust", str(keys / "commission-ca.pem"))
    assert code == 0, out
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        assert {"附表1-主要指标进展情况表.xlsx", "附表2-主要任务进展情况表.xlsx",
                "附表3-重大项目进展情况表.xlsx"} <= names
        projects = load_workbook(io.BytesIO(z.read("附表3-重大项目进展情况表.xlsx"))).active
        tasks = load_workbook(io.BytesIO(z.read("附表2-主要任务进展情况表.xlsx"))).active
        reports = [docx.Document(io.BytesIO(z.read(n))) for n in sorted(names)
                   if n.endswith(".docx")]
    header = [c.value for c in projects[2]]
    assert "项目名称" in header and "进展情况" in header
    rows = [[c.value for c in r] for r in projects.iter_rows(min_row=3)]
    assert any("主体结构封顶。" in r for r in rows)
    assert "市规划任务" in [c.value for c in tasks[2]]
    assert len(reports) == 2
    headings = [p.text for p in reports[0].paragraphs]
    assert any("趋势和问题分析" in t for t in headings)
