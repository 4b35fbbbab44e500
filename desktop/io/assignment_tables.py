"""Turning a table's data lines into numbered blocks, and blocks into task and plan Rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.core.model import INDICATORS, TASKS, Row, RowNumber
from desktop.io.assignment_layout import (
    CATEGORY,
    CONTENT,
    GROUP,
    LEAD,
    NUMBER,
    PLAN,
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
        """The 序号 of the block's first line."""
        return self.lines[0].number

    def text(self, role: str) -> str:
        """A role's text over the block's lines, continued lines joined."""
        values = [line.get(role) for line in self.lines]
        distinct = [v for i, v in enumerate(values) if v and (i == 0 or v != values[i - 1])]
        return join_texts(distinct)

    def units(self) -> tuple[str, ...]:
        """Every responsible unit named on the block's lines, in order, once each."""
        return union(split_units(line.get(LEAD)) for line in self.lines)


def union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
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
        return parsed if parsed and parsed[1] else ("", clean_text(line.heading))
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
    numbered = category_cell(line.heading)
    state.category = numbered[1] if numbered and numbered[1] else clean_text(line.heading)
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
    _backfill_groups(state.blocks)
    return state.blocks


def _backfill_groups(blocks: list[Block]) -> None:
    """Give tasks above a category's first group cell that group.

    A Word cell merged down several tasks prints its text mid-way, so a transcription
    often writes the group beside the second or third task of its span.
    """
    for i, block in enumerate(blocks):
        if block.group or (i and blocks[i - 1].category_no == block.category_no):
            continue
        same = [b for b in blocks[i:] if b.category_no == block.category_no]
        following = next((b.group for b in same if b.group), "")
        for b in same:
            if b.group:
                break
            b.group = following


def require_units(block: Block, units: tuple[str, ...], kind: str, error: ErrorFactory) -> None:
    """Raise when a row names no responsible unit."""
    if not units:
        title = LEAD_TITLES.get(kind, "牵头部门")
        raise error(f"序号“{block.number}”没有填写{title}。", block.lines[0].row)


def build_plans(blocks: list[Block], error: ErrorFactory) -> list[Located]:
    """Plan rows: name, category, lead units."""
    out: list[Located] = []
    for b in blocks:
        units = b.units()
        require_units(b, units, "plans", error)
        row = Row("plans", RowNumber(b.number), b.category, "", {"name": b.text(PLAN)}, units)
        out.append((row, b.lines[0].row))
    return out


def build_tasks(blocks: list[Block], error: ErrorFactory) -> list[Located]:
    """Task rows: content, category and its numeral, group, lead units."""
    out: list[Located] = []
    for b in blocks:
        units = b.units()
        require_units(b, units, TASKS, error)
        fields = {"content": b.text(CONTENT), "category_no": b.category_no}
        out.append(
            (Row(TASKS, RowNumber(b.number), b.category, b.group, fields, units), b.lines[0].row)
        )
    return out
