"""The evaluation tables (附件6, 附件7): read the xlsx back and check the sample's layout."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from desktop.department.operations import create_demo, form_of
from desktop.department.sample import sample_answers
from desktop.forms import find_form
from desktop.forms.export_spec import load_export_spec
from desktop.io.assignment_xlsx import read_assignment
from desktop.io.tables_xlsx import build_indicator_xlsx, build_task_xlsx
from desktop.paths import demo_dir

INDICATOR_HEADER = ["类别", "指标", "“十四五”规划目标", None, "中期完成数", "评估结论",
                    "预计到规划期末完成数", "原因说明", "调整意见"]
INDICATOR_NOTES = [
    "注：1、“中期完成数”的填写：对以“年”为单位的指标，采用 2022 年完成数；对以“五年累计完成”"
    "为单位的指标，采用 2023 年 6 月完成数。",
    "2、“评估结论”的填写分为 4 类：A、进展超前、可以提前完成的；B、进展良好、可以如期完成的；"
    "C、进展较慢、需要加快推进的；D、情况变化、难以完成的。",
    "3、对未能达到预期进度的指标，要说明原因。",
    "4、对预计到“十四五”期末将无法完成的指标，要提出调整意见。",
]
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TASK_NOTES = [
    "注：1、“评估结论”的填写分为 4 类：A、进展超前、可以提前完成的；B、进展良好、可以如期完成的；"
    "C、进展较慢、需要加快推进的；D、情况变化、难以完成的。",
    "2、对未能达到预期进度的任务，要说明原因。",
    "3、对预计到“十四五”期末将无法完成任务的任务，要提出调整意见。",
]


@pytest.fixture(scope="module")
def form():
    return find_form("putuo-2023-midterm")


@pytest.fixture(scope="module")
def spec(form):
    return load_export_spec(form)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with create_demo(tmp_path_factory.mktemp("demo") / "ws", filled=True) as ws:
        return ws.rows(), ws.answers(), form_of(ws)


@pytest.fixture(scope="module")
def full(form):
    rows = read_assignment(demo_dir()).rows
    return rows, sample_answers(rows, form)


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def _ranges(sheet) -> set[str]:
    return {str(r) for r in sheet.merged_cells.ranges}


def _row_of(sheet, column: int, pattern: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if re.match(pattern, str(sheet.cell(row=row, column=column).value or "")):
            return row
    raise AssertionError(pattern)


def _notes(sheet, count: int) -> list[str]:
    return [sheet.cell(row=r, column=1).value for r in range(sheet.max_row - count + 1,
                                                              sheet.max_row + 1)]


def _boxed_cells(data: bytes) -> set[str]:
    """Cells whose style in the file has all four borders (read from the sheet XML, since
    openpyxl re-derives the borders of merged cells from the top-left one when loading)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    borders = styles.find(f"{NS}borders")
    full = [all(b.find(f"{NS}{side}") is not None and b.find(f"{NS}{side}").get("style")
                for side in ("left", "right", "top", "bottom")) for b in borders]
    xfs = styles.find(f"{NS}cellXfs")
    boxed_styles = {i for i, xf in enumerate(xfs) if full[int(xf.get("borderId", 0))]}
    return {c.get("r") for c in sheet.iter(f"{NS}c") if int(c.get("s", 0)) in boxed_styles}


def _assert_boxed(data: bytes, sheet, last_table_row: int) -> None:
    """Every cell of every merged range in the table has all four borders."""
    boxed = _boxed_cells(data)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row < 2 or merged.max_row > last_table_row:
            continue
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                coordinate = f"{get_column_letter(col)}{row}"
                assert coordinate in boxed, f"{coordinate} in {merged}"
    for row in range(2, last_table_row + 1):
        for col in range(1, sheet.max_column + 1):
            assert f"{get_column_letter(col)}{row}" in boxed


def _assert_print_setup(sheet) -> None:
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$2:$2"
    assert int(sheet.page_setup.fitToWidth) == 1
    assert int(sheet.page_setup.fitToHeight) == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_demo_indicator_table_follows_the_sample(form, spec, demo):
    rows, answers, _ = demo
    data = build_indicator_xlsx(form, spec, rows, answers)
    sheet = _sheet(data)
    assert sheet["A1"].value == "区“十四五”规划纲要主要指标评估表"
    assert sheet["A1"].font.bold
    assert "A1:I1" in _ranges(sheet)
    assert [c.value for c in sheet[2]] == INDICATOR_HEADER
    assert "C2:D2" in _ranges(sheet)
    four = _row_of(sheet, 2, "4、重点培育产业税收占比（%）")
    # 区科委 answers 4.1 and 4.2: the parent's name and target merged down over them.
    assert {f"B{four}:B{four + 1}", f"C{four}:C{four + 1}"} <= _ranges(sheet)
    assert sheet.cell(row=four, column=3).value == "40"
    assert [sheet.cell(row=four + i, column=4).value for i in (0, 1)] == ["智能软件 12",
                                                                         "研发服务 8"]
    assert sheet.cell(row=four, column=5).value == answers["indicators"]["4.1"]["mid_value"]
    six = _row_of(sheet, 2, "6、新增高新技术企业数（家）")
    assert f"C{six}:D{six}" in _ranges(sheet)
    assert f"A3:A{six}" in _ranges(sheet) and sheet["A3"].value == "高质量发展"
    assert _notes(sheet, 4) == INDICATOR_NOTES
    assert f"A{sheet.max_row}:I{sheet.max_row}" in _ranges(sheet)
    _assert_boxed(data, sheet, six)
    _assert_print_setup(sheet)


def test_all_25_indicators_at_full_size(form, spec, full):
    rows, answers = full
    data = build_indicator_xlsx(form, spec, rows, answers)
    sheet = _sheet(data)
    names = [sheet.cell(row=r, column=2).value for r in range(3, sheet.max_row - 3)]
    labels = [n for n in names if n]
    assert len(labels) == 25 and labels[0] == "1、地区生产总值年均增长率（%）"
    assert labels[-1] == "25、生态环境满意度（%）"
    assert len(names) == 25 + 3  # indicator 4 takes four lines
    four = _row_of(sheet, 2, "4、")
    assert {f"B{four}:B{four + 3}", f"C{four}:C{four + 3}"} <= _ranges(sheet)
    assert [sheet.cell(row=four + i, column=4).value for i in range(4)] == [
        "智能软件 12", "研发服务 8", "科技金融 12", "生命健康 8"]
    for category, first, last in (("高质量发展", "1、", "10、"), ("高品质生活", "11、", "18、"),
                                  ("高效能治理", "19、", "25、")):
        top, bottom = _row_of(sheet, 2, first), _row_of(sheet, 2, last)
        assert f"A{top}:A{bottom}" in _ranges(sheet)
        assert sheet.cell(row=top, column=1).value == category
    last_line = _row_of(sheet, 2, "25、")
    _assert_boxed(data, sheet, last_line)
    assert _notes(sheet, 4) == INDICATOR_NOTES
    _assert_print_setup(sheet)
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHI"]
    assert all(w >= 8 for w in widths) and widths[1] >= 30
    assert all(sheet.cell(row=r, column=2).alignment.wrap_text for r in range(3, last_line)
               if sheet.cell(row=r, column=2).value)


def test_demo_task_table_follows_the_sample(form, spec, demo):
    rows, answers, _ = demo
    data = build_task_xlsx(form, spec, rows, answers)
    sheet = _sheet(data)
    assert sheet["A1"].value == "区“十四五”规划纲要主要任务评估表"
    assert [c.value for c in sheet[2]][:6] == ["类别", "主要任务", None, "推进情况", "评估结论",
                                               "预计到规划期末完成数"]
    assert "B2:C2" in _ranges(sheet)
    assert sheet["A3"].value == "一"
    assert sheet["B3"].value == "坚持创新驱动，全面打造高质量发展的新引擎"
    assert "B3:H3" in _ranges(sheet)
    assert sheet["A4"].value == "1"
    assert sheet["B4"].value.startswith("(一)")
    assert sheet["D4"].value == answers["tasks"]["1"]["progress"]
    assert _notes(sheet, 3) == TASK_NOTES
    _assert_boxed(data, sheet, sheet.max_row - 3)
    _assert_print_setup(sheet)


def test_all_112_tasks_at_full_size(form, spec, full):
    rows, answers = full
    data = build_task_xlsx(form, spec, rows, answers)
    sheet = _sheet(data)
    numbers = [sheet.cell(row=r, column=1).value for r in range(3, sheet.max_row - 2)]
    tasks = [n for n in numbers if n and n.isdigit()]
    categories = [n for n in numbers if n and not n.isdigit()]
    assert tasks == [str(i) for i in range(1, 113)]
    assert categories == ["一", "二", "三", "四", "五", "六", "七", "八"][:len(categories)]
    assert len(categories) >= 6
    # Tasks 1-3 share group (一): merged down over their three lines.
    one, three = _row_of(sheet, 1, "1$"), _row_of(sheet, 1, "3$")
    assert f"B{one}:B{three}" in _ranges(sheet)
    assert sheet.cell(row=one, column=2).value.startswith("(一)")
    _assert_boxed(data, sheet, sheet.max_row - 3)
    assert _notes(sheet, 3) == TASK_NOTES
    _assert_print_setup(sheet)
    for r in range(3, sheet.max_row - 2):
        assert sheet.row_dimensions[r].height and sheet.row_dimensions[r].height >= 15


def test_the_same_inputs_give_the_same_bytes(form, spec, full):
    rows, answers = full
    assert build_indicator_xlsx(form, spec, rows, answers) == \
        build_indicator_xlsx(form, spec, rows, answers)
    data = build_task_xlsx(form, spec, rows, answers)
    assert data == build_task_xlsx(form, spec, rows, answers)
    book = load_workbook(io.BytesIO(data))
    assert book.properties.created == book.properties.modified


def test_an_unanswered_table_has_the_layout_and_empty_answers(form, spec, full):
    rows, _ = full
    sheet = _sheet(build_indicator_xlsx(form, spec, rows, {}))
    assert sheet["E3"].value is None and sheet["B3"].value.startswith("1、")
