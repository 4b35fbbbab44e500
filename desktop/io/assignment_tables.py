"""Turning a table's data lines into Rows: categories, task groups, indicator sub-rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.core.model import INDICATORS, TASKS, Row, RowNumber
from desktop.io.assignment_layout import (
    ATTRIBUTE,
    CATEGORY,
    CONTENT,
    GROUP,
    LEAD,
    MEASURE,
    NAME,
    NUMBER,
    PLAN,
    TARGET,
    ErrorFactory,
)
from desktop.io.assignment_lines import Line
from desktop.io.assignment_text import (
    category_cell,
    chinese_numeral,
    clean_text,
    is_sub_number,
    is_whole_number,
    join_texts,
    split_units,
    sub_item,
)

Located = tuple[Row, int]
LEAD_TITLES = {INDICATORS: "责任部门", TASKS: "牵头单位"}


@dataclass
class Block:
    """The sheet lines of one numbered row (several when its 序号 is merged down)."""

    lines: list[Line]
    category: str = ""
    group: str = ""
    category_no: str = ""

    @property
    def number(self) -> str:
        return self.lines[0].number

    def text(self, role: str) -> str:
        """A role's text over the block's lines, continued lines joined."""
        values = [line.get(role) for line in self.lines]
        distinct = [v for i, v in enumerate(values) if v and (i == 0 or v != values[i - 1])]
        return join_texts(distinct)

    def units(self) -> tuple[str, ...]:
        """Every responsible unit named on the block's lines, in order, once each."""
        return _union(split_units(line.get(LEAD)) for line in self.lines)


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """Concatenate unit tuples keeping the first occurrence of each name."""
    seen: dict[str, None] = {}
    for units in groups:
        for unit in units:
            seen.setdefault(unit, None)
    return tuple(seen)


@dataclass
class _State:
    """What carries down the sheet: category, its numeral, and the task group."""

    category: str = ""
    category_no: str = ""
    group: str = ""
    categories_seen: int = 0
    blocks: list[Block] = field(default_factory=list)


def _task_category(line: Line) -> tuple[str, str] | None:
    """(numeral, title) when a task line is a category row such as "一 | 坚持创新驱动…"."""
    if line.heading is not None:
        parsed = category_cell(line.heading)
        return parsed if parsed and parsed[1] else ("", line.heading)
    raw = clean_text(line.get(NUMBER))
    parsed = category_cell(raw) if line.number else None
    if not parsed or is_whole_number(line.number):
        return None
    numeral, rest = parsed
    group, content = clean_text(line.get(GROUP)), clean_text(line.get(CONTENT))
    title = rest or group or content
    lead = clean_text(line.get(LEAD))
    # Content and unit cells are empty, or hold the title when it is merged across them.
    if not title or content not in ("", title, raw) or lead not in ("", title, raw):
        return None
    return numeral, title


def _continues(block: Block, line: Line, kind: str) -> bool:
    """True when a line belongs to the block above (merged 序号, or an indicator sub-item)."""
    first = block.lines[0]
    if line.number == first.number and line.number_cell == first.number_cell:
        return True
    if kind != INDICATORS:
        return False
    if line.number == first.number and line.sub_item:
        return True
    return is_sub_number(line.number) and line.number.split(".")[0] == first.number


def _category_line(line: Line, kind: str, state: _State) -> bool:
    """Take a category row or heading into the state; True when the line was one."""
    if kind == TASKS:
        found = _task_category(line)
        if found is None:
            return False
        state.categories_seen += 1
        state.category_no = found[0] or chinese_numeral(state.categories_seen)
        state.category, state.group = found[1], ""
        return True
    if line.heading is None:
        return False
    state.category = line.heading
    return True


def group_blocks(lines: list[Line], kind: str, error: ErrorFactory) -> list[Block]:
    """Group lines into numbered blocks, carrying category and task group down."""
    state = _State()
    for line in lines:
        if _category_line(line, kind, state):
            continue
        if not line.number:
            if kind == INDICATORS and line.sub_item and state.blocks:
                state.blocks[-1].lines.append(line)
                continue
            raise error("该行没有填写序号。", line.row)
        state.category = clean_text(line.get(CATEGORY)) or state.category
        state.group = clean_text(line.get(GROUP)) or state.group
        if state.blocks and _continues(state.blocks[-1], line, kind):
            state.blocks[-1].lines.append(line)
            continue
        if not is_whole_number(line.number):
            raise error(f"序号“{line.number}”不是数字。", line.row)
        state.blocks.append(Block([line], state.category, state.group, state.category_no))
    return state.blocks


def _require_units(block: Block, units: tuple[str, ...], kind: str, error: ErrorFactory) -> None:
    """Raise when a row names no responsible unit."""
    if not units:
        title = LEAD_TITLES.get(kind, "牵头部门")
        raise error(f"序号“{block.number}”没有填写{title}。", block.lines[0].row)


def build_plans(blocks: list[Block], error: ErrorFactory) -> list[Located]:
    """Plan rows: name, category, lead units."""
    out: list[Located] = []
    for b in blocks:
        units = b.units()
        _require_units(b, units, "plans", error)
        row = Row("plans", RowNumber(b.number), b.category, "", {"name": b.text(PLAN)}, units)
        out.append((row, b.lines[0].row))
    return out


def build_tasks(blocks: list[Block], error: ErrorFactory) -> list[Located]:
    """Task rows: content, category and its numeral, group, lead units."""
    out: list[Located] = []
    for b in blocks:
        units = b.units()
        _require_units(b, units, TASKS, error)
        fields = {"content": b.text(CONTENT), "category_no": b.category_no}
        out.append(
            (Row(TASKS, RowNumber(b.number), b.category, b.group, fields, units), b.lines[0].row)
        )
    return out


def build_indicators(blocks: list[Block], error: ErrorFactory) -> list[Located]:
    """Indicator rows; a block with sub-items becomes parent N plus children N.1, N.2…"""
    out: list[Located] = []
    for b in blocks:
        subs = [ln for ln in b.lines if ln.sub_item or is_sub_number(ln.number)]
        if len(b.lines) > 1 and subs:
            out.extend(_split_indicator(b, subs, error))
            continue
        units = b.units()
        _require_units(b, units, INDICATORS, error)
        fields = {role_field: b.text(role) for role_field, role in _INDICATOR_FIELDS}
        out.append(
            (Row(INDICATORS, RowNumber(b.number), b.category, "", fields, units), b.lines[0].row)
        )
    return out


_INDICATOR_FIELDS = (
    ("name", NAME),
    ("unit", MEASURE),
    ("target", TARGET),
    ("attribute", ATTRIBUTE),
)


def _split_indicator(b: Block, subs: list[Line], error: ErrorFactory) -> list[Located]:
    """The parent row and one child row per sub-item line."""
    own = [ln for ln in b.lines if ln not in subs]
    base = own[0] if own else b.lines[0]
    fields = {f: clean_text(base.get(role)) for f, role in _INDICATOR_FIELDS}
    own_units = _union(split_units(ln.get(LEAD)) for ln in own)
    children: list[Located] = []
    for i, ln in enumerate(subs, start=1):
        label, value = sub_item(ln.sub_item) if ln.sub_item else (clean_text(ln.get(NAME)), "")
        target = clean_text(ln.get(TARGET))
        target = value or (target if target != fields["target"] else "")
        number = ln.number if is_sub_number(ln.number) else f"{b.number}.{i}"
        units = split_units(ln.get(LEAD)) or own_units
        child_fields = {"name": label, "target": target, "unit": fields["unit"]}
        child = Row(
            INDICATORS, RowNumber(number), b.category, "", child_fields, units, RowNumber(b.number)
        )
        children.append((child, ln.row))
    units = _union([own_units, *(c.units for c, _ in children)])
    _require_units(b, units, INDICATORS, error)
    parent = Row(INDICATORS, RowNumber(b.number), b.category, "", fields, units)
    return [(parent, base.row), *children]
