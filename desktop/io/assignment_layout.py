"""Finding a division table's header row and which column holds what.

The three built-in tables (indicators, tasks, plans) are recognised by the usual header
titles with no help. A form's `AssignmentSpec` adds tables of its own (重大项目), found by
the header titles it lists, and extra columns of the built-in tables (2020年基数); their
columns play the role `field:<id>` and become row fields of that id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from desktop.core.errors import InputError
from desktop.core.form import AssignmentSpec, ExtraTable
from desktop.core.model import INDICATORS, PLANS, TASKS
from desktop.io.assignment_text import header_key

HEADER_SCAN_ROWS = 15
_MAX_TITLE_LEN = 20

# Roles a column can play. "lead" is the responsible units; "measure" the unit of measure.
NUMBER, CATEGORY, NAME, MEASURE, TARGET, LEAD, ATTRIBUTE = (
    "number", "category", "name", "measure", "target", "lead", "attribute",
)  # fmt: skip
GROUP, CONTENT, PLAN, SUB_ITEM = "group", "content", "plan", "sub_item"
_AMBIGUOUS_TASK = "task?"

_NUMBER_KEYS = {"序号", "编号", "序", "no", "no.", "序列号"}
_CATEGORY_KEYS = {
    "类别",
    "分类",
    "类型",
    "领域",
    "大类",
    "指标类别",
    "任务类别",
    "规划类别",
    "规划类型",
}
_MEASURE_KEYS = {"单位", "计量单位", "指标单位", "统计单位"}
_NAME_KEYS = {"指标", "指标名称", "主要指标", "指标内容", "指标项", "指标项目"}
_PLAN_KEYS = {"规划名称", "专项规划", "规划", "专项规划名称", "规划名"}
_CONTENT_KEYS = {
    "主要内容",
    "任务内容",
    "具体内容",
    "内容",
    "工作内容",
    "具体任务",
    "主要举措",
    "具体举措",
}
_GROUP_KEYS = {"项目", "项目名称", "任务名称", "任务分类"}
_TASK_KEYS = {"主要任务", "任务", "重点任务", "工作任务"}
_LEAD = re.compile(r"(牵头|责任|主责|负责|承担|主办|主管)")
_LEAD_TAIL = re.compile(r"(部门|单位|主体|处室)")

# What each table needs, with the title used to name a missing column.
REQUIRED = {
    INDICATORS: ((NUMBER, "序号"), (NAME, "指标"), (TARGET, "目标值"), (LEAD, "责任部门")),
    TASKS: ((NUMBER, "序号"), (CONTENT, "主要内容"), (LEAD, "牵头单位")),
    PLANS: ((NUMBER, "序号"), (PLAN, "规划名称"), (LEAD, "牵头部门")),
}

ErrorFactory = Callable[[str, int | None], InputError]
FIELD = "field:"
NO_SPEC = AssignmentSpec()


def field_role(name: str) -> str:
    """The role of a column a form declared as row field `name`."""
    return FIELD + name


@dataclass(frozen=True)
class Layout:
    """Where a table sits on a sheet: its kind, header row (0-based) and role columns.

    `joined`: several responsible-unit columns (牵头单位 | 责任单位) all name units, as a
    declared table's do; otherwise one is the unit and another a sub-item.
    `required`: (role, title) pairs the header must have; () means the built-in ones.
    """

    kind: str
    header_row: int
    columns: dict[str, tuple[int, ...]]
    joined: bool = False
    required: tuple[tuple[str, str], ...] = ()

    def has(self, role: str) -> bool:
        """True when some column plays this role."""
        return bool(self.columns.get(role))


def column_role(title: str) -> str | None:
    """The role a header title names, or None for a column we do not read."""
    key = header_key(title)
    if not key or len(key) > _MAX_TITLE_LEN:
        return None
    if key in _NUMBER_KEYS:
        return NUMBER
    if key in _CATEGORY_KEYS:
        return CATEGORY
    if "属性" in key:
        return ATTRIBUTE
    if key in _MEASURE_KEYS:
        return MEASURE
    if "目标" in key:
        return TARGET
    if any(word in key for word in ("分项", "子项", "细分", "分解", "构成")):
        return SUB_ITEM
    if (_LEAD.search(key) and _LEAD_TAIL.search(key)) or key in {"部门", "单位名称"}:
        return None if ("配合" in key or "协" in key) else LEAD
    return _text_role(key)


def _text_role(key: str) -> str | None:
    """Roles of the text columns: indicator name, plan name, task content or group."""
    if key in _NAME_KEYS:
        return NAME
    if key in _PLAN_KEYS or "规划名称" in key:
        return PLAN
    if key in _CONTENT_KEYS:
        return CONTENT
    if key in _GROUP_KEYS:
        return GROUP
    if key in _TASK_KEYS:
        return _AMBIGUOUS_TASK
    return None


def _roles(row: Sequence[str]) -> dict[str, tuple[int, ...]]:
    """Map each role to the columns whose header names it, in column order."""
    found: dict[str, list[int]] = {}
    for col, title in enumerate(row):
        role = column_role(title)
        if role:
            found.setdefault(role, []).append(col)
    ambiguous = found.pop(_AMBIGUOUS_TASK, [])
    if ambiguous:
        # "主要任务" is the content unless another column already holds the content.
        found.setdefault(GROUP if CONTENT in found else CONTENT, []).extend(ambiguous)
    return {role: tuple(cols) for role, cols in found.items()}


def _kind(columns: dict[str, tuple[int, ...]]) -> str | None:
    """Which table a header row belongs to, judged by its identifying columns."""
    if len(columns) < 2:
        return None
    if PLAN in columns:
        return PLANS
    if CONTENT in columns:
        return TASKS
    if NAME in columns:
        return INDICATORS
    return None


def layout_of_row(row: Sequence[str], index: int) -> Layout | None:
    """The layout a row would start if it is a header row, else None."""
    columns = _roles(row)
    kind = _kind(columns)
    return Layout(kind, index, columns) if kind else None


def find_layout(rows: Sequence[Sequence[str]], error: ErrorFactory,
                spec: AssignmentSpec | None = None) -> Layout | None:
    """Find the header among the first rows; raise if it lacks a required column."""
    spec = spec or NO_SPEC
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        below = rows[index + 1] if index + 1 < len(rows) else None
        layout = _declared(row, below, index, spec.tables) or _built_in(row, below, index, spec)
        if layout is None:
            continue
        required = layout.required or REQUIRED[layout.kind]
        # A built-in table without a 序号 column numbers its rows in the text ("1、…").
        optional = {NUMBER} if not layout.required else set()
        missing = [title for role, title in required
                   if not layout.has(role) and role not in optional]
        if missing:
            names = "、".join(f"“{t}”" for t in missing)
            raise error(f"表头缺少{names}列，无法识别该分工表。", index + 1)
        return layout
    return None


def _built_in(row: Sequence[str], below: Sequence[str] | None, index: int,
              spec: AssignmentSpec) -> Layout | None:
    """A built-in table's layout, with the columns the form adds to it."""
    layout = layout_of_row(row, index)
    if layout is None:
        return None
    headers = [row]
    if below is not None and _two_rows(layout, row, below):
        layout = _with_sub_header(layout, row, below)
        headers.append(below)
    return _claim(layout, headers, spec.columns.get(layout.kind, {}))


def _matching(row: Sequence[str], titles: Sequence[str]) -> tuple[int, ...]:
    """The columns whose header is one of `titles` (compared as header keys)."""
    wanted = {header_key(t) for t in titles} - {""}
    return tuple(c for c, title in enumerate(row) if header_key(title) in wanted)


def _claim(layout: Layout, headers: list[Sequence[str]],
           extra: Mapping[str, tuple[str, ...]]) -> Layout:
    """Give the form's extra columns (2020年基数 -> base_2020) their field roles."""
    if not extra:
        return layout
    columns = {role: list(cols) for role, cols in layout.columns.items()}
    for name, titles in extra.items():
        found = sorted({c for header in headers for c in _matching(header, titles)})
        for cols in columns.values():
            cols[:] = [c for c in cols if c not in found]
        if found:
            columns[field_role(name)] = found
    kept = {role: tuple(cols) for role, cols in columns.items() if cols}
    return Layout(layout.kind, layout.header_row, kept)


def _builtin_columns(row: Sequence[str], role: str, skip: set[int]) -> tuple[int, ...]:
    return tuple(c for c, title in enumerate(row) if c not in skip and column_role(title) == role)


def _declared_layout(row: Sequence[str], index: int, table: ExtraTable) -> Layout | None:
    """The layout of a form's own table, if the row holds every identifying title."""
    fields = {name: _matching(row, titles) for name, titles in table.fields.items()}
    if not all(fields[name] for name in table.identify):
        return None
    claimed = {c for cols in fields.values() for c in cols}
    columns = {field_role(name): cols for name, cols in fields.items() if cols}
    number = _matching(row, table.number) if table.number else _builtin_columns(
        row, NUMBER, claimed)
    lead = _matching(row, table.lead) if table.lead else _builtin_columns(row, LEAD, claimed)
    for role, cols in ((NUMBER, number), (LEAD, lead),
                       (CATEGORY, _builtin_columns(row, CATEGORY, claimed))):
        cols = tuple(c for c in cols if c not in claimed)
        if cols:
            columns[role] = cols
    required = ((NUMBER, (*table.number, "序号")[0]), (LEAD, (*table.lead, "牵头单位")[0]))
    return Layout(table.id, index, columns, joined=True, required=required)


def _declared(row: Sequence[str], below: Sequence[str] | None, index: int,
              tables: Sequence[ExtraTable]) -> Layout | None:
    """A form's own table starting at this row; a second header row is read with it."""
    for table in tables:
        layout = _declared_layout(row, index, table)
        if layout is None:
            continue
        if below is not None and _two_rows(layout, row, below):
            combined = [b if b and b != a else a for a, b in zip_longest(row, below, fillvalue="")]
            both = _declared_layout(combined, index + 1, table)
            return both or layout
        return layout
    return None


def _two_rows(layout: Layout, row: Sequence[str], below: Sequence[str]) -> bool:
    """True when the header goes on over the next row (the 序号 cell is merged down)."""
    number_cols = layout.columns.get(NUMBER, ())
    if not number_cols or number_cols[0] >= len(below):
        return False
    under = below[number_cols[0]]
    return column_role(under) == NUMBER or under == row[number_cols[0]]


def _with_sub_header(layout: Layout, row: Sequence[str], below: Sequence[str]) -> Layout:
    """Refine roles from a second header row under a merged title (牵头部门 | 配合部门)."""
    columns = {role: list(cols) for role, cols in layout.columns.items()}
    for col, title in enumerate(below):
        if not title or (col < len(row) and title == row[col]):
            continue
        role = column_role(title)
        key = header_key(title)
        if role is None and not any(word in key for word in (*_HELPER_WORDS, *_BASE_WORDS)):
            continue
        for cols in columns.values():
            if col in cols:
                cols.remove(col)
        if role:
            columns.setdefault(role, []).append(col)
    if len(columns.get(TARGET, ())) > 1:
        columns[TARGET] = _latest_year(columns[TARGET], below)
    kept = {role: tuple(sorted(cols)) for role, cols in columns.items() if cols}
    return Layout(layout.kind, layout.header_row, kept)


_HELPER_WORDS = ("配合", "协", "参与")
# A sub-column under 目标值 that holds a baseline, not the target (2020年基数 | 2025年目标).
_BASE_WORDS = ("基数", "基期", "基准", "现状", "基础值")
_YEAR = re.compile(r"(20\d\d)")


def _latest_year(cols: list[int], below: Sequence[str]) -> list[int]:
    """Of several target sub-columns titled by year (2020年 | 2025年), the target is the last."""
    years = {c: max(map(int, _YEAR.findall(below[c]))) for c in cols
             if c < len(below) and _YEAR.search(below[c])}
    if len(years) < 2:
        return cols
    return [max(years, key=lambda c: years[c])]
