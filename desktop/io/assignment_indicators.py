"""Indicator rows, including an indicator split into sub-items (parent N, children N.1…)."""

from __future__ import annotations

import re

from desktop.core.model import INDICATORS, Row, RowNumber
from desktop.io.assignment_layout import ATTRIBUTE, LEAD, MEASURE, NAME, TARGET, ErrorFactory
from desktop.io.assignment_lines import Line
from desktop.io.assignment_tables import Block, Located, require_units, union
from desktop.io.assignment_text import (
    clean_text,
    is_sub_number,
    looks_like_sub_item,
    split_units,
    sub_item,
)

_FIELDS = (("name", NAME), ("unit", MEASURE), ("target", TARGET), ("attribute", ATTRIBUTE))
_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?%?$")


def build_indicators(blocks: list[Block], error: ErrorFactory) -> list[Located]:
    """Indicator rows; a block with sub-items becomes parent N plus children N.1, N.2…"""
    out: list[Located] = []
    for b in blocks:
        subs = [ln for ln in b.lines if ln.sub_item or is_sub_number(ln.number)]
        subs = subs or _named_sub_rows(b.lines)
        if len(b.lines) > 1 and subs:
            out.extend(_split(b, subs, error))
            continue
        embedded = _embedded(b) if len(b.lines) == 1 else None
        if embedded:
            out.extend(embedded)
            continue
        units = b.units()
        require_units(b, units, INDICATORS, error)
        fields = {name: b.text(role) for name, role in _FIELDS}
        row = Row(INDICATORS, RowNumber(b.number), b.category, "", fields, units)
        out.append((row, b.lines[0].row))
    return out


def _named_sub_rows(lines: list[Line]) -> list[Line]:
    """Lines under a merged 序号 that name their own sub-item, target or unit.

    A line that only continues the first one's name (a page break) is not a sub-row.
    """
    first = lines[0]
    subs = []
    for ln in lines[1:]:
        own_target = ln.get(TARGET) not in ("", first.get(TARGET))
        own_lead = ln.get(LEAD) not in ("", first.get(LEAD))
        if ln.get(NAME) in ("", first.get(NAME)) or not (own_target or own_lead):
            return []
        subs.append(ln)
    return subs


def _parent_fields(line: Line) -> dict[str, str]:
    """The parent's own fields, read from its line."""
    return {name: clean_text(line.get(role)) for name, role in _FIELDS}


def _child(b: Block, index: str, fields: dict[str, str], units: tuple[str, ...]) -> Row:
    """One sub-item row under the block's indicator."""
    number = index if is_sub_number(index) else f"{b.number}.{index}"
    return Row(INDICATORS, RowNumber(number), b.category, "", fields, units, RowNumber(b.number))


def _split(b: Block, subs: list[Line], error: ErrorFactory) -> list[Located]:
    """The parent row and one child row per sub-item line."""
    own = [ln for ln in b.lines if ln not in subs]
    base = own[0] if own else b.lines[0]
    fields = _parent_fields(base)
    own_units = union(split_units(ln.get(LEAD)) for ln in own)
    children: list[Located] = []
    for i, ln in enumerate(subs, start=1):
        label, value = sub_item(ln.sub_item) if ln.sub_item else (clean_text(ln.get(NAME)), "")
        target = clean_text(ln.get(TARGET))
        target = value or (target if target != fields["target"] else "")
        child_fields = {"name": label, "target": target, "unit": fields["unit"]}
        units = split_units(ln.get(LEAD)) or own_units
        index = ln.number if is_sub_number(ln.number) else str(i)
        children.append((_child(b, index, child_fields, units), ln.row))
    units = union([own_units, *(c.units for c, _ in children)])
    require_units(b, units, INDICATORS, error)
    parent = Row(INDICATORS, RowNumber(b.number), b.category, "", fields, units)
    return [(parent, base.row), *children]


def _embedded(b: Block) -> list[Located] | None:
    """Sub-items written inside the unit cell ("智能软件 12 研发服务 8 区科委 区金融办")."""
    tokens = list(split_units(b.lines[0].get(LEAD)))
    pairs: list[tuple[str, str]] = []
    units: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and _NUMBER.match(tokens[i + 1]) and not _NUMBER.match(tokens[i]):
            pairs.append((tokens[i], tokens[i + 1]))
            i += 2
            continue
        if looks_like_sub_item(tokens[i]):
            pairs.append(sub_item(tokens[i]))
        else:
            units.append(tokens[i])
        i += 1
    if len(pairs) < 2 or not units:
        return None
    fields = _parent_fields(b.lines[0])
    row = b.lines[0].row
    parent = Row(INDICATORS, RowNumber(b.number), b.category, "", fields, tuple(units))
    out: list[Located] = [(parent, row)]
    for i, (label, target) in enumerate(pairs, start=1):
        # Units pair with sub-items only when the counts match; otherwise all apply.
        own = (units[i - 1],) if len(units) == len(pairs) else tuple(units)
        child_fields = {"name": label, "target": target, "unit": fields["unit"]}
        out.append((_child(b, str(i), child_fields, own), row))
    return out
