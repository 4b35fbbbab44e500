"""Assignment import: tables written differently, cell-text rules, malformed input."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.errors import InputError
from desktop.core.form import AssignmentSpec, ExtraTable
from desktop.core.model import INDICATORS, PLANS, TASKS, Assignment
from desktop.io.assignment_text import (
    clean_text,
    header_key,
    number_text,
    split_units,
    sub_item,
)
from desktop.io.assignment_xlsx import read_assignment

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo"
CJK = re.compile("[\u4e00-\u9fff]")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("demo_data", ROOT / "tools" / "make_demo_xlsx.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DATA = _generator()


@pytest.fixture(scope="module")
def demo() -> Assignment:
    return read_assignment(DEMO)


def _save(wb: Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def _sheet(wb: Workbook, title: str) -> Worksheet:
    return wb.create_sheet(title)


# --- the same tables, written differently ------------------------------------------------


def _alt_indicators(ws: Worksheet) -> None:
    """Other column order, extra column, no merges, categories repeated on every row."""
    ws.append(["序号", "指标名称", "类别", "目标值\n（2021-2025 年）", "单位", "指标\n属性"]
              + ["分项", "责任单位", "备注"])  # fmt: skip
    for category, number, name, unit, target, units, attribute in DATA.INDICATORS:
        units = units.replace(" ", "、").replace("\n", "、")
        if number != 4:
            ws.append([number, name, category, target, unit, attribute, None, units, "无"])
            continue
        for item, lead in DATA.INDICATOR_4_SPLIT:
            ws.append([number, name, category, target, unit, attribute, item, lead, None])


def _alt_tasks(ws: Worksheet) -> None:
    """Header on row 5, units first, group written once then blank, units on separate lines."""
    ws.append(["附件3"])
    ws.append(["区“十四五”规划纲要主要任务中期评估分工表"])
    ws.append([])
    ws.append(["填报说明：按序号填写"])
    ws.append(["责任单位", "序号", "主要内容", "备注", "项目"])
    first_of_group = {first: text for text, first, _ in DATA.GROUPS}
    content = {n: (c, u) for n, c, u in DATA.TASKS}
    for numeral, title, first, last in DATA.TASK_CATEGORIES:
        ws.append([None, numeral, None, None, title])
        for n in range(first, last + 1):
            text, units = content[n]
            text = text.replace("。", "。 ", 1)  # the lead sentence as the PDF extraction has it
            ws.append([units.replace("、", "\n"), f"{n}", text, "", first_of_group.get(n)])


def _alt_plans(ws: Worksheet) -> None:
    """Category written once and left blank below; the category text letter-spaced."""
    ws.append(["序号", "规划名称", "牵头部门", "类别"])
    starts = {first: " ".join(name) for name, first, _ in DATA.PLAN_CATEGORIES}
    for number, name, unit in DATA.PLANS:
        ws.append([number, name, unit, starts.get(number)])


def test_tables_written_differently_import_the_same(tmp_path: Path, demo: Assignment) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    _alt_plans(_sheet(wb, "规划"))
    _alt_indicators(_sheet(wb, "指标"))
    _alt_tasks(_sheet(wb, "任务"))
    _sheet(wb, "说明").append(["本表由区发改委制作"])
    alt = read_assignment(_save(wb, tmp_path / "分工.xlsx"))
    for table in (INDICATORS, TASKS, PLANS):
        assert alt.table(table) == demo.table(table), table


def test_explicit_sub_numbers_and_a_parent_row(tmp_path: Path, demo: Assignment) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["类别", "序号", "指标", "单位", "目标值", "责任部门", "指标属性"])
    ws.append(["高质量发展", 4, "重点培育产业税收占比", "%", 40, None, "预期性"])
    units = ["区科委", "区科委", "区金融办", "区商务委"]
    for i, (name, target) in enumerate([("智能软件", 12), ("研发服务", 8), ("科技金融", 12),
                                         ("生命健康", 8)], start=1):  # fmt: skip
        ws.append([None, f"4.{i}", name, None, target, units[i - 1], None])
    got = read_assignment(_save(wb, tmp_path / "t.xlsx"))
    parent = got.row(INDICATORS, "4")
    assert parent == demo.row(INDICATORS, "4")
    assert got.children(parent) == demo.children(demo.row(INDICATORS, "4"))


def test_merged_number_over_a_page_break_joins_the_text(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "项目", "主要内容", "牵头单位"])
    ws.append(
        [9, "(三) 营造良好的创新创业生态", "加强高素质人才集聚和服务。以…等平台为重", "区人社局"]
    )
    ws.append([None, None, "点，引进和培育优秀人才。", None])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("D2:D3")
    row = read_assignment(_save(wb, tmp_path / "t.xlsx")).row(TASKS, "9")
    assert (
        row.fields["content"] == "加强高素质人才集聚和服务。以…等平台为重点，引进和培育优秀人才。"
    )
    assert row.units == ("区人社局",)


def test_category_as_one_merged_cell_and_notes_below(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "主要任务", "牵头部门"])
    ws.append(["一、坚持创新驱动，全面打造高质量发展的新引擎"])
    ws.merge_cells("A2:C2")
    ws.append(["1", "深入推进武宁轴协同创新。", "区科委；区教育局"])
    ws.append(["注：牵头部门负责汇总。"])
    got = read_assignment(_save(wb, tmp_path / "t.xlsx"))
    row = got.row(TASKS, "1")
    assert row.category == "坚持创新驱动，全面打造高质量发展的新引擎"
    assert row.fields["category_no"] == "一"
    assert row.units == ("区科委", "区教育局")
    assert len(got.rows) == 1


# --- cell text rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "units"),
    [
        ("区商务委 区投促办", ("区商务委", "区投促办")),
        (
            "区科委、区金融办,苏河水岸经济发展带管委办",
            ("区科委", "区金融办", "苏河水岸经济发展带管委办"),
        ),
        (
            "桃浦智创城管委办、区建管委、\n区绿化市容局",
            ("桃浦智创城管委办", "区建管委", "区绿化市容局"),
        ),
        ("区城运中心（区网格中心）", ("区城运中心（区网格中心）",)),
        ("区城运中心 （区网格中心）；区应急局", ("区城运中心（区网格中心）", "区应急局")),
        ("区科委(区知识产权局、区科协)，区财政局", ("区科委(区知识产权局、区科协)", "区财政局")),
        ("  ", ()),
    ],
)
def test_split_units(raw: str, units: tuple[str, ...]) -> None:
    assert split_units(raw) == units


_unit = st.text(alphabet="区科委金融办商务城管中心局街道镇ABC", min_size=1, max_size=8)


@given(
    st.lists(_unit, min_size=1, max_size=5),
    st.sampled_from(["、", "，", ",", ";", "；", " ", "\n", "、\n"]),
)
def test_split_units_round_trip(units: list[str], sep: str) -> None:
    assert split_units(sep.join(units)) == tuple(units)


def test_clean_text_joins_lines() -> None:
    assert clean_text("加强高素质人才集聚和服务。\n以中以") == "加强高素质人才集聚和服务。以中以"
    assert clean_text("深入推进武宁轴协同创新。 借助") == "深入推进武宁轴协同创新。借助"
    assert clean_text("ESP 电竞文化\n体验中心") == "ESP 电竞文化体验中心"
    assert clean_text("Smart\nCity") == "Smart City"
    assert clean_text("区 域 规 划") == "区域规划"
    assert clean_text("(一) 深化") == "(一) 深化"


def test_header_keys_and_numbers() -> None:
    assert header_key("指标 属性") == "指标属性"
    assert header_key("目标值\n（2021-2025 年）") == "目标值"
    assert header_key("牵头单位：") == "牵头单位"
    assert number_text("1.0") == "1" and number_text("3、") == "3" and number_text("4.2") == "4.2"
    assert sub_item("智能软件 12") == ("智能软件", "12")
    assert sub_item("科技金融：12%") == ("科技金融", "12%")
    assert sub_item("生命健康") == ("生命健康", "")


# --- malformed input ---------------------------------------------------------------------


def _raises(path: Path | list[Path], *needles: str) -> InputError:
    with pytest.raises(InputError) as info:
        read_assignment(path)
    message = info.value.message
    assert CJK.search(message), message
    for needle in needles:
        assert needle in message, message
    return info.value


def _table(tmp_path: Path, rows: list[list[object]], name: str = "t.xlsx") -> Path:
    wb = Workbook()
    wb.active.title = "分工"
    for row in rows:
        wb.active.append(row)
    return _save(wb, tmp_path / name)


TASK_HEADER: list[object] = ["序号", "项目", "主要内容", "牵头单位"]


def test_text_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / "分工表.xlsx"
    path.write_text("序号,主要内容\n1,abc\n", encoding="utf-8")
    _raises(path, "不是有效的 Excel 文件", "分工表.xlsx")


def test_zip_that_is_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    _raises(path, "不是有效的 Excel 文件")


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    _raises(path, ".xlsx", "另存为")


def test_empty_workbook(tmp_path: Path) -> None:
    _raises(_save(Workbook(), tmp_path / "empty.xlsx"), "空")


def test_no_recognisable_header(tmp_path: Path) -> None:
    path = _table(tmp_path, [["姓名", "电话"], ["张三", "123"]])
    _raises(path, "没有找到可识别的分工表", "t.xlsx")


def test_header_missing_a_required_column(tmp_path: Path) -> None:
    path = _table(tmp_path, [["附件3"], ["序号", "项目", "主要内容"], [1, "", "abc"]])
    error = _raises(path, "牵头单位", "工作表“分工”", "第 2 行")
    assert error.sheet == "分工" and error.row == 2


def test_indicator_header_missing_target(tmp_path: Path) -> None:
    path = _table(
        tmp_path, [["序号", "指标", "单位", "责任部门"], [1, "地区生产总值", "%", "区发改委"]]
    )
    _raises(path, "目标值")


def test_duplicate_number(tmp_path: Path) -> None:
    rows = [TASK_HEADER, [1, "", "甲", "区科委"], [2, "", "乙", "区科委"], [2, "", "丙", "区科委"]]
    error = _raises(_table(tmp_path, rows), "重复", "第 4 行", "工作表“分工”")
    assert error.row == 4


def test_duplicate_number_across_files(tmp_path: Path) -> None:
    a = _table(tmp_path, [TASK_HEADER, [1, "", "甲", "区科委"]], "a.xlsx")
    b = _table(tmp_path, [TASK_HEADER, [1, "", "乙", "区科委"]], "b.xlsx")
    _raises([a, b], "重复", "b.xlsx", "a.xlsx")


def test_empty_unit_cell(tmp_path: Path) -> None:
    rows = [TASK_HEADER, [1, "", "甲", "区科委"], [2, "", "乙", None]]
    error = _raises(_table(tmp_path, rows), "牵头单位", "第 3 行")
    assert error.row == 3


def test_indicator_without_unit(tmp_path: Path) -> None:
    rows = [
        ["序号", "指标", "目标值", "责任部门"],
        [1, "地区生产总值年均增长率", "与市保持同步", ""],
    ]
    _raises(_table(tmp_path, rows), "责任部门", "第 2 行")


def test_row_without_number(tmp_path: Path) -> None:
    rows = [TASK_HEADER, [1, "", "甲", "区科委"], [None, "", "乙", "区科委"]]
    _raises(_table(tmp_path, rows), "序号", "第 3 行")


def test_number_that_is_not_a_number(tmp_path: Path) -> None:
    rows = [["序号", "规划名称", "牵头部门"], ["第一", "普陀区节能“十四五”规划", "区发改委"]]
    _raises(_table(tmp_path, rows), "不是数字", "第 2 行")


def test_all_or_nothing(tmp_path: Path) -> None:
    good = _table(tmp_path, [TASK_HEADER, [1, "", "甲", "区科委"]], "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    _raises([good, bad], "bad.xlsx")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _table(tmp_path, [TASK_HEADER, [1, "", "甲", "区科委"]])
    real_open: Callable[..., object] = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    _raises(path, "权限")


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    _raises(tmp_path / "nope.xlsx", "不存在")
    _raises(tmp_path, "没有找到")


def test_a_literal_transcription_of_the_seed(tmp_path: Path, demo: Assignment) -> None:
    """Cells as the seed's text prints them: group mid-span, repeated header, units in one cell."""
    wb = Workbook()
    ws = wb.active
    header = ["类别", "序号", "指标", "单位", "目标值 2021-2025 年", "责任部门", "指标 属性"]
    ws.append(header)
    ws.append(["高质量发展", 3, "新增固定资产投资总额", "亿元", "累计 1400", "区发改委", "预期性"])
    split = "智能软件 12 研发服务 8 科技金融 12 生命健康 8 区科委 区金融办 区商务委"
    ws.append([None, 4, "重点培育产业税收占比", "%", "40", split, "预期性"])
    ws.append(["高品质生活", 16, "新增病床数", "张", "累计 1000", "区卫生健康委", "预期性"])
    ws.append(header)
    ws.append([None, 17, "居民平均预期寿命", "岁", ">84", "区卫生健康委", "预期性"])
    tasks = wb.create_sheet("任务")
    tasks.append(["序号", "项目", "主要内容", "牵头单位"])
    tasks.append(["三", "坚持改革攻坚，更好激发改革发展新动力", "", ""])
    content = {n: (c, u) for n, c, u in DATA.TASKS}
    for n, group in ((22, ""), (23, "（八）打造高水平营商环境"), (24, "")):
        tasks.append([n, group, content[n][0], content[n][1]])
    got = read_assignment(_save(wb, tmp_path / "seed.xlsx"))
    for n in ("3", "4", "16", "17", "22", "23", "24"):
        table = TASKS if int(n) > 20 else INDICATORS
        assert got.row(table, n) == demo.row(table, n)
    children = got.children(got.row(INDICATORS, "4"))
    assert [(c.number, c.fields["name"], c.fields["target"]) for c in children] == [
        ("4.1", "智能软件", "12"),
        ("4.2", "研发服务", "8"),
        ("4.3", "科技金融", "12"),
        ("4.4", "生命健康", "8"),
    ]


def test_two_row_header_with_lead_and_helper_units(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "主要任务", "责任单位", None])
    ws.append([None, None, "牵头单位", "配合单位"])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("C1:D1")
    ws.append([1, "争创全国文明城区。", "区委宣传部", "区文旅局、各街镇"])
    row = read_assignment(_save(wb, tmp_path / "t.xlsx")).row(TASKS, "1")
    assert row.fields["content"] == "争创全国文明城区。"
    assert row.units == ("区委宣传部",)


def test_a_lone_text_without_number_is_not_taken_for_a_heading(tmp_path: Path) -> None:
    rows = [TASK_HEADER, [1, "", "甲", "区科委"], [None, None, "乙", None]]
    _raises(_table(tmp_path, rows), "没有填写序号", "第 3 行")


def test_parent_row_then_named_sub_rows_under_a_merged_number(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "指标", "单位", "目标值", "责任部门", "指标属性"])
    ws.append([4, "重点培育产业税收占比", "%", "40", None, "预期性"])
    ws.append([None, "智能软件", None, 12, "区科委", None])
    ws.append([None, "科技金融", None, 12, "区金融办", None])
    ws.append([5, "主要河道水质断面优于 III 类", "%", "50", "区建管委", "约束性"])
    ws.append([None, "(含 III 类) 水体比例", None, None, None, None])
    for col in "ACF":
        ws.merge_cells(f"{col}2:{col}4")
        ws.merge_cells(f"{col}5:{col}6")
    ws.merge_cells("D5:D6")
    ws.merge_cells("E5:E6")
    got = read_assignment(_save(wb, tmp_path / "t.xlsx"))
    four = got.row(INDICATORS, "4")
    assert four.units == ("区科委", "区金融办") and four.fields["target"] == "40"
    kids = [(c.number, c.fields["name"], c.fields["target"], c.units) for c in got.children(four)]
    assert kids == [
        ("4.1", "智能软件", "12", ("区科委",)),
        ("4.2", "科技金融", "12", ("区金融办",)),
    ]
    five = got.row(INDICATORS, "5")
    assert five.fields["name"] == "主要河道水质断面优于 III 类 (含 III 类) 水体比例"
    assert got.children(five) == ()


def test_heading_rows_in_plans_and_a_spaced_numeral(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "规划名称", "牵头部门"])
    ws.append(["五、区 域 规 划"])
    ws.merge_cells("A2:C2")
    ws.append([31, "长寿路街道社区建设与发展“十四五”规划", "长寿路街道"])
    tasks = wb.create_sheet("任务")
    tasks.append(["序号", "主要内容", "牵头单位"])
    tasks.append(["三 坚持改革攻坚，更好激发改革发展新动力"])
    tasks.merge_cells("A2:C2")
    tasks.append([22, "加快企业开办、经营许可申请等改革步伐。", "区市场监管局"])
    got = read_assignment(_save(wb, tmp_path / "t.xlsx"))
    assert got.row(PLANS, "31").category == "区域规划"
    task = got.row(TASKS, "22")
    assert (task.fields["category_no"], task.category) == (
        "三",
        "坚持改革攻坚，更好激发改革发展新动力",
    )


# --- tables and columns a form declares (its `assignment` section) ------------------------

PROJECTS = ExtraTable(
    "projects", "重大项目",
    {"name": ("项目名称",), "content": ("建设内容", "主要建设内容", "主要内容"),
     "investment": ("总投资", "总投资（亿元）"), "start_end": ("建设年限", "起止年限")},
    identify=("name", "investment"), lead=("牵头单位", "责任单位"),
)
SPEC = AssignmentSpec(
    (PROJECTS,),
    {INDICATORS: {"base_2020": ("2020年基数", "2020年基期值")},
     TASKS: {"city_plan": ("是否市规划任务", "市级任务", "★")}},
)


def _declared(path: Path, *needles: str) -> InputError:
    with pytest.raises(InputError) as info:
        read_assignment(path, spec=SPEC)
    for needle in needles:
        assert needle in info.value.message, info.value.message
    return info.value


def test_a_declared_table_wins_over_the_built_in_guess(tmp_path: Path) -> None:
    rows = [["序号", "项目名称", "主要内容", "总投资（亿元）", "牵头单位", "责任单位"],
            [1, "数据智能中心", "新建研发楼", 35, "区科委", "市北高新集团、区科委"]]
    path = _table(tmp_path, rows)
    assert [r.table for r in read_assignment(path).rows] == [TASKS]  # 主要内容: a task
    row = read_assignment(path, spec=SPEC).row("projects", "1")
    assert row.fields == {"name": "数据智能中心", "content": "新建研发楼", "investment": "35",
                          "start_end": ""}
    assert row.units == ("区科委", "市北高新集团")  # every unit column counts, once each


def test_a_declared_table_under_a_two_row_header(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["项目编号", "项目名称", "总投资", "单位", None])
    ws.append([None, None, None, "牵头单位", "责任单位"])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:E1"):
        ws.merge_cells(cells)
    ws.append([1, "大宁科技创新中心", 15, "大宁路街道", "区科委"])
    spec = AssignmentSpec((replace(PROJECTS, number=("项目编号",)),))
    row = read_assignment(_save(wb, tmp_path / "t.xlsx"), spec=spec).row("projects", "1")
    assert row.units == ("大宁路街道", "区科委")


def test_a_declared_table_needs_its_number_and_units(tmp_path: Path) -> None:
    no_lead = [["序号", "项目名称", "总投资"], [1, "甲", 3]]
    _declared(_table(tmp_path, no_lead, "a.xlsx"), "表头缺少“牵头单位”列")
    no_units = [["序号", "项目名称", "总投资", "牵头单位"], [1, "甲", 3, "区科委"],
                [2, "乙", 4, None]]
    error = _declared(_table(tmp_path, no_units, "b.xlsx"), "序号“2”没有填写牵头单位")
    assert error.row == 3


def test_extra_columns_of_the_built_in_tables(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "指标", "单位", "2020年基数", "目标值", "责任部门"])
    ws.append([1, "研发投入强度", "%", 2.1, 3, "区科委"])
    ws.append([4, "重点产业税收占比", "%", 30, 40, None])
    ws.append(["4.1", "智能软件", "%", 10, 12, "区科委"])
    ws.append(["4.2", "研发服务", "%", None, 8, "区商务委"])
    tasks = wb.create_sheet("任务")
    tasks.append(["★", "序号", "主要内容", "牵头单位"])
    tasks.append(["★", 1, "建设大数据产业集聚区。", "区科委"])
    tasks.append([None, 2, "推进城市更新。", "区旧改办"])
    path = _save(wb, tmp_path / "t.xlsx")
    got = read_assignment(path, spec=SPEC)
    base = {r.number: r.fields["base_2020"] for r in got.table(INDICATORS)}
    assert base == {"1": "2.1", "4": "30", "4.1": "10", "4.2": ""}
    assert [r.fields["city_plan"] for r in got.table(TASKS)] == ["★", ""]
    plain = read_assignment(path)
    assert [(r.number, r.fields["target"]) for r in plain.table(INDICATORS)] == [
        (r.number, r.fields["target"]) for r in got.table(INDICATORS)]
    assert "base_2020" not in plain.row(INDICATORS, "1").fields


def test_the_demo_reads_the_same_with_an_empty_spec(demo: Assignment) -> None:
    assert read_assignment(DEMO, spec=AssignmentSpec()) == demo


def test_a_zip_bomb_posing_as_a_workbook_is_refused_before_unpacking(tmp_path):
    import zipfile

    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):
                member.write(chunk)
    with pytest.raises(InputError, match="压缩比异常") as caught:
        read_assignment(path)
    assert caught.value.file == "炸弹.xlsx"


def test_a_sheet_with_a_stray_far_cell_is_refused_clearly(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "分工表"
    ws["A1"] = "序号"
    ws.cell(row=900_000, column=2, value="x")
    path = tmp_path / "far.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="范围过大") as caught:
        read_assignment(path)
    assert (caught.value.file, caught.value.sheet) == ("far.xlsx", "分工表")


@pytest.mark.parametrize("sub_titles", [("2020年基数", "2025年目标"), ("2020年", "2025年")])
def test_a_target_header_over_a_baseline_and_a_target_takes_the_target(tmp_path, sub_titles):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "指标", "单位", "目标值", None, "责任部门"])
    ws.append([None, None, None, *sub_titles, None])
    ws.merge_cells("D1:E1")
    for col in "ABCF":
        ws.merge_cells(f"{col}1:{col}2")
    ws.append([1, "地区生产总值年均增长率", "%", "6.5", "与市保持同步", "区发改委"])
    ws.append([2, "新增固定资产投资总额", "亿元", "—", "累计 1400", "区发改委"])
    path = tmp_path / "两行表头.xlsx"
    wb.save(path)
    rows = read_assignment(path).table("indicators")
    assert [r.fields["target"] for r in rows] == ["与市保持同步", "累计 1400"]


def test_a_table_without_a_number_column_numbers_its_rows_in_the_text(tmp_path):
    """附件6-style names ("1、地区生产总值年均增长率（%）") carry the number and the unit."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["类别", "指标", "目标值（2021-2025年）", "责任部门", "指标属性"])
    ws.append(["高质量发展", "1、地区生产总值年均增长率（%）", "与市保持同步", "区发改委",
               "预期性"])
    ws.append([None, "3、新增固定资产投资总额（亿元）", "累计 1400", "区发改委", "预期性"])
    tasks = wb.create_sheet("任务")
    tasks.append(["项目", "主要内容", "牵头单位"])
    tasks.append(["一、坚持创新驱动，全面打造高质量发展的新引擎"])
    tasks.merge_cells("A2:C2")
    tasks.append(["(一) 深化“一轴一园一中心”科技创新布局", "1. 深入推进武宁轴协同创新。", "区科委"])
    tasks.append([None, "高标准建设中以(上海)创新园。", "桃浦智创城公司"])
    path = tmp_path / "无序号.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="第 4 行") as caught:
        read_assignment(path)
    assert caught.value.sheet == "任务"
    tasks.cell(row=4, column=2, value="2. 高标准建设中以(上海)创新园。")
    wb.save(path)
    a = read_assignment(path)
    ind = a.table("indicators")
    assert [(r.number, r.fields["name"], r.fields["unit"]) for r in ind] == [
        ("1", "地区生产总值年均增长率", "%"), ("3", "新增固定资产投资总额", "亿元")]
    assert [(r.number, r.fields["content"], r.category) for r in a.table("tasks")] == [
        ("1", "深入推进武宁轴协同创新。", "坚持创新驱动，全面打造高质量发展的新引擎"),
        ("2", "高标准建设中以(上海)创新园。", "坚持创新驱动，全面打造高质量发展的新引擎")]
