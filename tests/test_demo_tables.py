"""The shipped division tables (Putuo 2023, attachments 2-4): layout and what they import to."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.core.model import INDICATORS, PLANS, TASKS, Assignment
from desktop.io.assignment_xlsx import read_assignment

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo"
IND_FILE = DEMO / "附件2-主要指标中期评估分工表.xlsx"
TASK_FILE = DEMO / "附件3-主要任务中期评估分工表.xlsx"
PLAN_FILE = DEMO / "附件4-专项规划中期评估分工表.xlsx"
FILES = [IND_FILE, TASK_FILE, PLAN_FILE]


@pytest.fixture(scope="module")
def demo() -> Assignment:
    return read_assignment(FILES)


def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_demo_xlsx", ROOT / "tools/make_demo_xlsx.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_reproduces_the_shipped_files(tmp_path: Path) -> None:
    _load_generator().main(["make_demo_xlsx", str(tmp_path)])
    for shipped in FILES:
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name


def test_sheets_are_laid_out_like_the_commissions() -> None:
    ws = load_workbook(IND_FILE).active
    assert ws["A1"].value == "附件2"
    assert ws["A2"].value == "区“十四五”规划纲要主要指标中期评估分工表"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A2:H2" in merged and "F3:G3" in merged  # title; 责任部门 over two sub-columns
    assert [c.value for c in ws[3]][:5] == [
        "类别",
        "序号",
        "指标",
        "单位",
        "目标值\n（2021-2025年）",
    ]
    assert "A4:A16" in merged  # 高质量发展 over indicators 1-10 (4 has four sheet rows)
    assert {"B7:B10", "E7:E10", "G7:G8"} <= merged  # indicator 4; 区科委 over two sub-items
    assert ws["F7"].value == "智能软件 12" and ws["G7"].value == "区科委"

    ws = load_workbook(TASK_FILE).active
    assert [c.value for c in ws[3]] == ["序号", "项目", "主要内容", "牵头单位"]
    assert ws["A4"].value == "一" and ws["B4"].value == "坚持创新驱动，全面打造高质量发展的新引擎"
    assert "B4:D4" in {str(r) for r in ws.merged_cells.ranges}

    ws = load_workbook(PLAN_FILE).active
    assert [c.value for c in ws[3]] == ["类别", "序号", "规划名称", "牵头部门"]


def test_counts(demo: Assignment) -> None:
    indicators = demo.table(INDICATORS)
    assert len([r for r in indicators if r.parent is None]) == 25
    assert [r.number for r in indicators if r.parent] == ["4.1", "4.2", "4.3", "4.4"]
    tasks = demo.table(TASKS)
    assert [r.number for r in tasks] == [str(n) for n in range(1, 113)]
    assert len({r.category for r in tasks}) == 8
    spans = {"一": 1, "二": 12, "三": 22, "四": 40, "五": 61, "六": 69, "七": 76, "八": 100}
    first = {}
    for r in tasks:
        first.setdefault(r.fields["category_no"], int(r.number))
    assert first == spans
    assert len({r.group for r in tasks}) == 34
    assert [r.number for r in demo.table(PLANS)] == [str(n) for n in range(1, 45)]


def test_folder_reads_the_same(demo: Assignment) -> None:
    assert read_assignment(DEMO).rows == demo.rows


def test_indicator_four_is_split(demo: Assignment) -> None:
    parent = demo.row(INDICATORS, "4")
    assert dict(parent.fields) == {
        "name": "重点培育产业税收占比",
        "unit": "%",
        "target": "40",
        "attribute": "预期性",
    }
    assert parent.units == ("区科委", "区金融办", "区商务委")
    got = [(c.fields["name"], c.fields["target"], c.units) for c in demo.children(parent)]
    assert got == [
        ("智能软件", "12", ("区科委",)),
        ("研发服务", "8", ("区科委",)),
        ("科技金融", "12", ("区金融办",)),
        ("生命健康", "8", ("区商务委",)),
    ]
    assert all(c.parent == "4" and c.fields["unit"] == "%" for c in demo.children(parent))


def test_indicator_texts(demo: Assignment) -> None:
    assert demo.row(INDICATORS, "10").units == ("区商务委", "区投促办")
    twenty = demo.row(INDICATORS, "20")
    assert twenty.fields["name"] == "主要河道水质断面优于 III 类 (含 III 类) 水体比例"
    assert twenty.units == ("区建管委", "区生态环境局")
    assert twenty.category == "高效能治理"
    assert demo.row(INDICATORS, "17").category == "高品质生活"
    assert demo.row(INDICATORS, "3").fields["target"] == "累计 1400"
    assert demo.row(INDICATORS, "23").fields["unit"] == "条(段)"
    assert demo.row(INDICATORS, "24").fields["target"] == "0.01"


def test_task_texts(demo: Assignment) -> None:
    nine = demo.row(TASKS, "9")
    assert nine.fields["content"] == (
        "加强高素质人才集聚和服务。以中以(上海)创新园、上海清华国际创新中心等平台为重点，"
        "引进和培育海内外高层次创新创业人才和适应普陀产业发展需要的优秀人才。"
    )
    assert demo.row(TASKS, "1").fields["content"].startswith("深入推进武宁轴协同创新。借助武宁路")
    assert demo.row(TASKS, "1").category == "坚持创新驱动，全面打造高质量发展的新引擎"
    assert demo.row(TASKS, "1").group == "(一) 深化“一轴一园一中心”科技创新布局"
    assert demo.row(TASKS, "59").units == ("桃浦智创城管委办", "区建管委", "区绿化市容局")
    assert demo.row(TASKS, "35").units == ("区城运中心（区网格中心）",)
    assert demo.row(TASKS, "3").units == ("区科委", "区金融办", "苏河水岸经济发展带管委办")
    assert demo.row(TASKS, "22").group == "（八）打造高水平营商环境"
    assert demo.row(TASKS, "22").fields["category_no"] == "三"
    assert demo.row(TASKS, "33").group == "（十二）推进城区数字化转型"
    assert "ESP 电竞文化体验中心" in demo.row(TASKS, "33").fields["content"]
    assert demo.row(TASKS, "46").group == "（十四）形成城区开放新格局"
    assert "主动对接符合普陀产业导向" in demo.row(TASKS, "46").fields["content"]
    assert "复制推广南梅园低碳示范社区" in demo.row(TASKS, "75").fields["content"]
    assert "南片区智能软件、研发服务、科技金融产业组团。" in demo.row(TASKS, "19").fields["content"]
    for n in ("92", "93", "94", "95"):
        assert demo.row(TASKS, n).group == "(二十九) 强化多层次社会保障"
    assert demo.row(TASKS, "108").group == "(三十三) 打造多元共治社会治理格局"
    assert demo.row(TASKS, "112").category == "坚持治理提效，健全治理新体系"


def test_plan_texts(demo: Assignment) -> None:
    assert demo.row(PLANS, "1").fields["name"] == "普陀区智能软件、研发服务产业“十四五”规划"
    assert demo.row(PLANS, "30").category == "高效能治理"
    assert demo.row(PLANS, "31").category == "区域规划"
    assert demo.row(PLANS, "44").category == "空间规划"
    assert demo.row(PLANS, "44").units == ("区规划资源局",)
    assert demo.row(PLANS, "43").units == ("苏河水岸经济发展带管委办",)
