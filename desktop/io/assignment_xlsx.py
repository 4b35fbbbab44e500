"""Reading the commission's division tables (分工表, xlsx) into an Assignment.

Any sheet of any file may hold any of the three tables (indicators, tasks, plans); each
is recognised by its header titles. A form may declare more (`spec`, the form's
`assignment` section): tables of its own such as 重大项目, and extra columns of the three.
Helpers: assignment_text (cell text rules), assignment_layout (header and columns),
assignment_lines (grid and data lines), assignment_tables (lines to task and plan Rows),
assignment_indicators (indicator Rows and sub-rows), assignment_extra (declared tables
and columns).
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.errors import InputError, os_reason
from desktop.core.form import AssignmentSpec
from desktop.core.marks import apply_marks
from desktop.core.model import INDICATORS, PLANS, TASKS, Assignment, Row
from desktop.io.assignment_extra import build_declared, with_extra_fields
from desktop.io.assignment_indicators import build_indicators
from desktop.io.assignment_layout import NO_SPEC, ErrorFactory, Layout, field_role, find_layout
from desktop.io.assignment_lines import (
    MAX_MERGED,
    Grid,
    merged_area,
    read_grid,
    read_lines,
)
from desktop.io.assignment_tables import Located, build_plans, build_tasks, group_blocks

XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Caps checked before unpacking: a division table is a few hundred KB; 100x is a few MB.
MAX_UNPACKED = 256 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO, RATIO_FLOOR = 200, 8 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BUILDERS: dict[str, Callable[..., list[Located]]] = {
    INDICATORS: build_indicators,
    TASKS: build_tasks,
    PLANS: build_plans,
}


@dataclass(frozen=True)
class _Found:
    """A row read from a file, with where it was read (for duplicate messages)."""

    row: Row
    file: str
    sheet: str
    line: int


def read_assignment(paths: Path | Sequence[Path], *,
                    spec: AssignmentSpec | None = None) -> Assignment:
    """Read division tables (xlsx files, or a folder of them) into one Assignment.

    `spec` (a form's `assignment` section) adds the form's own tables and columns, and
    strips its marks from the text into flags (desktop/core/marks.py); without it the
    three built-in tables are read. All or nothing: any malformed file raises
    InputError naming file, sheet, row.
    """
    files = collect_files([paths] if isinstance(paths, (str, Path)) else list(paths))
    found: list[_Found] = []
    notes: list[str] = []
    for path in files:
        found.extend(_read_file(path, spec or NO_SPEC, notes))
    _check_duplicates(found)
    marks = (spec or NO_SPEC).marks
    return Assignment(tuple(apply_marks(f.row, marks) for f in found),
                      tuple(str(p) for p in files), tuple(notes))


def collect_files(paths: Sequence[Path | str]) -> list[Path]:
    """Expand folders into their spreadsheets; raise when there is nothing to read."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            inside = sorted(
                f for f in p.iterdir()
                if f.is_file() and f.suffix.lower() in (*XLSX_SUFFIXES, ".xls")
                and not f.name.startswith(("~$", "."))
            )  # fmt: skip
            if not inside:
                raise InputError("文件夹中没有找到 Excel 分工表（.xlsx）。", file=str(p))
            files.extend(inside)
        elif p.exists():
            files.append(p)
        else:
            raise InputError("文件不存在。", file=str(p))
    if not files:
        raise InputError("没有选择任何分工表文件。")
    return files


def _open(path: Path) -> Workbook:
    """Open a workbook, turning every way it can fail into a clear InputError."""
    name = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except PermissionError as exc:
        raise InputError(
            "没有权限读取该文件，请检查文件权限或先关闭占用它的程序。", file=name
        ) from exc
    except OSError as exc:
        raise InputError(f"无法读取该文件（{os_reason(exc)}）。", file=name) from exc
    if head == _OLE_MAGIC or path.suffix.lower() == ".xls":
        raise InputError(
            "这是旧版 Excel（.xls）文件或加密的工作簿，无法直接读取。"
            "请在 Excel 或 WPS 中打开，去掉密码后“另存为”Excel 工作簿（.xlsx），再导入。",
            file=name,
        )
    if not head.startswith(b"PK"):
        raise InputError("不是有效的 Excel 文件（.xlsx），文件可能已损坏或并非表格。", file=name)
    _check_unpacked_size(path)
    try:
        # openpyxl warns on stderr about what it cannot read (data validation, unknown
        # extensions); a clerk would see English lines before our message. The values,
        # which are all we read, are unaffected.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign zip
        raise InputError(
            "不是有效的 Excel 文件（.xlsx），文件可能已损坏或并非 Excel 工作簿。", file=name
        ) from exc


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook that would unpack to something huge before openpyxl reads it."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except Exception as exc:  # BadZipFile, OSError, NotImplementedError ("zip file version")
        raise InputError("不是有效的 Excel 文件（.xlsx），文件可能已损坏。",
                         file=path.name) from exc
    total = sum(i.file_size for i in infos)
    bomb = any(i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1)
               for i in infos)
    if len(infos) > MAX_MEMBERS or total > MAX_UNPACKED or bomb:
        raise InputError("文件异常：解压后的内容过大或压缩比异常，不像是正常的分工表，已拒绝读取。",
                         file=path.name)
    try:
        area = merged_area(path, infos)
    except Exception as exc:  # a damaged member: BadZipFile (CRC), zlib.error, ...
        raise InputError("不是有效的 Excel 文件（.xlsx），文件已损坏。", file=path.name) from exc
    if area > MAX_MERGED:
        raise InputError("文件异常：合并单元格的范围过大（可能整列或整表被合并），"
                         "请取消多余的合并后另存，再导入。", file=path.name)


def _read_file(path: Path, spec: AssignmentSpec, notes: list[str]) -> list[_Found]:
    """Read every table on every visible sheet of one workbook; hidden sheets are skipped
    and named in `notes` (the commission hides drafts and old versions there)."""
    wb = _open(path)
    sheets = [ws for ws in wb.worksheets if isinstance(ws, Worksheet)]
    hidden = [ws.title for ws in sheets if ws.sheet_state != "visible"]
    if hidden:
        notes.append(f"文件“{path.name}”中的隐藏工作表“{'”“'.join(hidden)}”未导入。"
                     "如需导入，请在 Excel 或 WPS 中取消隐藏后另存，再重新创建工作区。")
    sheets = [ws for ws in sheets if ws.sheet_state == "visible"]
    try:
        grids = [(ws.title, read_grid(ws)) for ws in sheets]
    except InputError as exc:
        raise InputError(exc.problem, file=path.name, sheet=exc.sheet) from None
    if all(grid.is_empty() for _, grid in grids):
        raise InputError("工作簿是空的，没有任何内容。"
                         + (f"（隐藏的工作表“{'”“'.join(hidden)}”未读取。）" if hidden else ""),
                         file=path.name)
    found: list[_Found] = []
    recognised = False
    for title, grid in grids:
        error = _error_factory(path.name, title)
        layout = find_layout(grid.cells, error, spec)
        if layout is None:
            continue
        recognised = True
        for row, line in _rows(grid, layout, spec, error):
            found.append(_Found(row, path.name, title, line))
    if not recognised:
        own = "".join(
            f"/“{'”“'.join(t.fields[f][0] for f in t.identify)}”" for t in spec.tables)
        raise InputError(
            f"没有找到可识别的分工表：前 15 行中没有含“序号”“指标”/“主要内容”/“规划名称”{own}"
            "及“责任部门”/“牵头单位”等标题的表头行。"
            + (f"（隐藏的工作表“{'”“'.join(hidden)}”未读取。）" if hidden else ""),
            file=path.name,
        )
    return found


def _rows(grid: Grid, layout: Layout, spec: AssignmentSpec,
          error: ErrorFactory) -> list[Located]:
    """The rows of one table: a built-in one, or one the form declares."""
    blocks = group_blocks(read_lines(grid, layout), layout.kind, error)
    declared = spec.table(layout.kind)
    if declared is not None:
        return build_declared(blocks, error, declared)
    located = _BUILDERS[layout.kind](blocks, error)
    extra = [name for name in spec.columns.get(layout.kind, {})
             if layout.has(field_role(name))]
    return with_extra_fields(located, blocks, extra)


def _error_factory(file: str, sheet: str) -> ErrorFactory:
    """An InputError maker bound to one file and sheet."""

    def make(problem: str, row: int | None) -> InputError:
        return InputError(problem, file=file, sheet=sheet, row=row)

    return make


def _check_duplicates(found: list[_Found]) -> None:
    """Raise on the second row that repeats a table's 序号 (across sheets and files too)."""
    seen: dict[tuple[str, str], _Found] = {}
    for f in found:
        key = (f.row.table, f.row.number)
        first = seen.setdefault(key, f)
        if first is not f:
            where = f"文件“{first.file}”工作表“{first.sheet}”第 {first.line} 行"
            raise InputError(
                f"序号“{f.row.number}”重复，{where}已有同一序号。",
                file=f.file,
                sheet=f.sheet,
                row=f.line,
            )
