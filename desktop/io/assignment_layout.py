"""Finding a division table's header row and which column holds what."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.core.errors import InputError
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


@dataclass(frozen=True)
class Layout:
    """Where a table sits on a sheet: its kind, header row (0-based) and role columns."""

    kind: str
    header_row: int
    columns: dict[str, tuple[int, ...]]

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


def find_layout(rows: Sequence[Sequence[str]], error: ErrorFactory) -> Layout | None:
    """Find the header among the first rows; raise if it lacks a required column."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        layout = layout_of_row(row, index)
        if layout is None:
            continue
        if index + 1 < len(rows):
            layout = _with_sub_header(layout, row, rows[index + 1])
        missing = [title for role, title in REQUIRED[layout.kind] if not layout.has(role)]
        if missing:
            names = "、".join(f"“{t}”" for t in missing)
            raise error(f"表头缺少{names}列，无法识别该分工表。", index + 1)
        return layout
    return None


def _with_sub_header(layout: Layout, row: Sequence[str], below: Sequence[str]) -> Layout:
    """Refine roles from a second header row under a merged title (牵头部门 | 配合部门)."""
    number_cols = layout.columns.get(NUMBER, ())
    if not number_cols or number_cols[0] >= len(below):
        return layout
    if column_role(below[number_cols[0]]) != NUMBER:
        return layout  # the 序号 cell is not merged down over two header rows
    columns = {role: list(cols) for role, cols in layout.columns.items()}
    for col, title in enumerate(below):
        if not title or (col < len(row) and title == row[col]):
            continue
        role = column_role(title)
        key = header_key(title)
        if role is None and not any(word in key for word in ("配合", "协", "参与")):
            continue
        for cols in columns.values():
            if col in cols:
                cols.remove(col)
        if role:
            columns.setdefault(role, []).append(col)
    kept = {role: tuple(sorted(cols)) for role, cols in columns.items() if cols}
    return Layout(layout.kind, layout.header_row, kept)
