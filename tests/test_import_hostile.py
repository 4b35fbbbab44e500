"""Regression tests for hostile division tables (issue 8, items 6-8)."""

from __future__ import annotations

import struct
import time
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop import cli
from desktop.core.errors import InputError
from desktop.io.assignment_xlsx import read_assignment
from desktop.paths import demo_dir
from tests.test_package_kit import compressed_span

TASKS_FILE = "附件3-主要任务中期评估分工表.xlsx"


def demo_tasks(tmp_path: Path, name: str = "tasks.xlsx", change=None) -> Path:
    wb = load_workbook(demo_dir() / TASKS_FILE)
    if change:
        change(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def numbers(path: Path) -> list[str]:
    return [r.number for r in read_assignment(path).rows]


def bounded(work):
    """Run work(); return (result or the InputError it raised, peak bytes, seconds)."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        try:
            result = work()
        except InputError as exc:
            result = exc
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak, time.perf_counter() - started


@pytest.mark.parametrize("value", ["x", " "])
def test_one_far_cell_costs_one_row_not_rows_times_columns(tmp_path, value):
    far = demo_tasks(tmp_path, "far.xlsx",
                     lambda wb: wb.active.cell(row=199_999, column=300, value=value))
    assert far.stat().st_size < 200_000
    result, peak, seconds = bounded(lambda: numbers(far))
    assert seconds < 20 and peak < 200 * 1024 * 1024, (seconds, peak)  # 60M cells before
    if value.strip():  # a stray text is reported where it is
        assert isinstance(result, InputError) and result.row == 199_999
    else:
        assert result == numbers(demo_tasks(tmp_path, "plain.xlsx"))


def with_merge(src: Path, dst: Path, ref: str) -> Path:
    """The workbook with a merged range written into its first sheet's XML (openpyxl's
    own merge_cells would build every covered cell while writing)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                merge = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
                data = data.replace(b"</sheetData>", b"</sheetData>" + merge.encode(), 1)
            zout.writestr(item, data)
    return dst


def test_a_merge_over_the_whole_sheet_is_refused_before_loading(tmp_path):
    src = demo_tasks(tmp_path, change=lambda wb: wb.active.merged_cells.ranges.clear())
    bomb = with_merge(src, tmp_path / "bomb.xlsx", "A1:XFD1048576")
    result, peak, seconds = bounded(lambda: numbers(bomb))
    assert isinstance(result, InputError) and "合并" in result.message, result
    assert seconds < 10 and peak < 100 * 1024 * 1024


def _with_extract_version(src: Path, dst: Path, version: int) -> Path:
    raw = bytearray(src.read_bytes())
    pos = raw.index(b"PK\x01\x02")
    struct.pack_into("<H", raw, pos + 6, version)  # "version needed to extract"
    dst.write_bytes(bytes(raw))
    return dst


def test_a_zip_version_we_cannot_read_is_a_clear_refusal(tmp_path, capsys):
    bad = _with_extract_version(demo_tasks(tmp_path), tmp_path / "v225.xlsx", 225)
    with pytest.raises(InputError, match="不是有效的 Excel"):
        read_assignment(bad)
    code = cli.main(["init", str(tmp_path / "ws"), "--assignment", str(bad),
                     "--department", "区科委"])
    err = capsys.readouterr().err
    assert code == cli.REFUSED and "Traceback" not in err and "不是有效的 Excel" in err


def with_extension(src: Path, dst: Path) -> Path:
    """The workbook with an extension openpyxl does not support (it warns and drops it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>",
                                    b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"/>'
                                    b"</extLst></worksheet>")
            zout.writestr(item, data)
    return dst


def test_openpyxl_warnings_never_reach_the_user(tmp_path):
    odd = with_extension(demo_tasks(tmp_path), tmp_path / "odd.xlsx")
    with warnings.catch_warnings(record=True) as raw:
        warnings.simplefilter("always")
        load_workbook(odd)
    assert raw, "the file should make openpyxl warn"
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert numbers(odd)
    assert not seen


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_are_skipped_and_named(tmp_path, state, capsys):
    def hide_a_copy(wb):
        copy = wb.copy_worksheet(wb.active)
        copy.title = "旧版"
        copy.sheet_state = state

    path = demo_tasks(tmp_path, change=hide_a_copy)
    assignment = read_assignment(path)
    assert [r.number for r in assignment.rows] == numbers(demo_tasks(tmp_path, "p.xlsx"))
    assert len(assignment.notes) == 1 and "旧版" in assignment.notes[0]
    code = cli.main(["init", str(tmp_path / "ws"), "--assignment", str(path),
                     "--department", "区科委"])
    assert code == 0
    assert "注意：" in capsys.readouterr().out


def test_a_table_only_on_a_hidden_sheet_says_so(tmp_path):
    def hide(wb):
        wb.create_sheet("封面")
        wb.active.sheet_state = "hidden"
        wb.active = 1

    with pytest.raises(InputError, match="隐藏的工作表"):
        read_assignment(demo_tasks(tmp_path, change=hide))


def test_a_damaged_sheet_is_a_chinese_refusal(tmp_path):
    """Found by the long fuzz run: the merge pre-check read a damaged sheet and let
    zlib's error out."""
    path = demo_tasks(tmp_path)
    raw = bytearray(path.read_bytes())
    span = compressed_span(bytes(raw), "xl/worksheets/sheet1.xml")
    raw[span[len(span) // 2]] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="损坏|不是有效"):
        read_assignment(path)
