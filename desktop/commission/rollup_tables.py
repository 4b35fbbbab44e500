"""What each cell of the district tables shows, and the list of rows nobody answered yet.

A row one unit answers shows that unit's value as it sent it. A row several units answer
shows each unit's value on its own line, "单位：值", in the order the commission named the
units; the note column says which fields disagree or which units are still missing.
"""

from __future__ import annotations

from desktop.commission.rollup import Line, Rollup
from desktop.io.rollup_xlsx import CONFLICT, NO_ANSWER, NOTE_FIELD, UNITS_FIELD, ListSheet


def cell_text(line: Line, field: str) -> str:
    """One answer cell of a line (see the module's docstring)."""
    if len(line.units) <= 1:
        return next((a.get(field, "") for a in line.answers.values()), "")
    return "\n".join(f"{u}：{value}" for u in line.units
                     if (value := line.answers.get(u, {}).get(field, "").strip()))


def note_of(rollup: Rollup, table: str, line: Line) -> str:
    """The roll-up note: disagreement first, then the units with no accepted answer."""
    spec = rollup.table(table)
    parts = []
    if line.conflicts:
        titles = "、".join(spec.column(f).title for f in line.conflicts)
        parts.append(f"{CONFLICT}：{titles}")
    if not line.answers:
        parts.append(NO_ANSWER)
    elif line.missing:
        parts.append(f"未确认：{'、'.join(line.missing)}")
    return "；".join(parts)


def district_answers(rollup: Rollup) -> dict[str, dict[str, dict[str, str]]]:
    """Every line's cells keyed like data.json, the units and note columns included."""
    result: dict[str, dict[str, dict[str, str]]] = {}
    for table, lines in rollup.lines.items():
        fields = [c.id for c in rollup.table(table).answer_columns]
        result[table] = {
            str(li.row.number): {**{f: cell_text(li, f) for f in fields},
                                 UNITS_FIELD: "、".join(li.units),
                                 NOTE_FIELD: note_of(rollup, table, li)}
            for li in lines}
    return result


def unanswered_sheet(rollup: Rollup) -> ListSheet:
    """Rows with no accepted answer, each unit with the state of its packages."""
    rows = []
    for table, lines in rollup.lines.items():
        title = rollup.table(table).title
        for li in lines:
            if li.answers:
                continue
            states = "、".join(f"{u}（{rollup.states.get(u, '未报送')}）" for u in li.units)
            rows.append([title, str(li.row.number), li.row.title, states or "未分配单位"])
    return ListSheet("未填报的行", ["表", "编号", "指标或任务", "责任单位（材料包状态）"], rows,
                     widths=(16, 8, 60, 40))
