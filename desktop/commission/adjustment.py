"""The indicator adjustment plan (指标调整方案) draft: what needs the commission's decision.

Every indicator (a row of a table with targets) that a unit rated C or D, or for which it
proposed an adjustment, with its target, mid-term value, expected end value, the unit's
reason and proposal, grouped by the indicator's attribute (约束性 / 预期性, from the
division table; a sub-row takes its parent's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.commission.rollup import Rollup
from desktop.core.form import TableSpec
from desktop.core.model import Row
from desktop.core.reading import role_value
from desktop.forms.export_spec import ExportSpec
from desktop.io.table_cells import indicator_label

ATTRIBUTE = "attribute"
ORDER = ("约束性", "预期性")
NO_ATTRIBUTE = "未注明属性"
LAGGING = ("C", "D")
SHOWN_ROLES = ("target", "mid_value", "conclusion", "end_value", "reason", "adjustment")
ROLE_TITLES = {"target": "规划目标", "mid_value": "中期完成数", "conclusion": "评估结论",
               "end_value": "预计到规划期末完成数", "reason": "原因说明", "adjustment": "调整意见"}


@dataclass(frozen=True)
class Proposal:
    table: str
    number: str
    label: str  # "4.1、智能软件（%）"
    unit: str
    attribute: str
    values: tuple[tuple[str, str], ...]  # (title, value) in SHOWN_ROLES order


def attribute_of(row: Row, rows: Mapping[tuple[str, str], Row]) -> str:
    """The row's attribute, or its parent's (`rows` by table and number)."""
    own = row.fields.get(ATTRIBUTE, "").strip()
    if own or not row.parent:
        return own
    parent = rows.get((row.table, str(row.parent)))
    return parent.fields.get(ATTRIBUTE, "").strip() if parent else ""


def _title(spec: TableSpec, role: str) -> str:
    column = spec.role(role)
    known = {c.id: c.title for c in (*spec.assignment_columns, *spec.answer_columns)}
    return known.get(column or "", ROLE_TITLES[role])


def qualifies(spec: TableSpec, row: Row, answers: dict[str, str]) -> bool:
    """Rated C or D (in the commission's grades), or carrying an adjustment proposal."""
    grade = spec.grade_map().get(role_value(spec, row, answers, "conclusion"), "")
    column = spec.role("adjustment")
    return grade in LAGGING or bool(column and answers.get(column, "").strip())


def proposals(rollup: Rollup, spec: ExportSpec) -> list[Proposal]:
    """Every qualifying (indicator, unit) answer, in the commission's row order."""
    found = []
    by_number = {(r.table, str(r.number)): r for r in rollup.rows}
    for table, lines in rollup.lines.items():
        tspec = rollup.table(table)
        if not tspec.role("target") or not spec.has_table(table):
            continue
        layout = spec.table(table)
        roles = [r for r in SHOWN_ROLES if tspec.role(r)]
        for line in lines:
            for unit, answers in line.answers.items():
                if not qualifies(tspec, line.row, answers):
                    continue
                values = tuple((_title(tspec, r), role_value(tspec, line.row, answers, r))
                               for r in roles)
                found.append(Proposal(table, str(line.row.number),
                                      indicator_label(layout, line.row), unit,
                                      attribute_of(line.row, by_number) or NO_ATTRIBUTE, values))
    return found


def grouped(found: list[Proposal]) -> list[tuple[str, list[Proposal]]]:
    """By attribute: 约束性, 预期性, any other the tables name, then 未注明属性."""
    names = [a for a in ORDER if any(p.attribute == a for p in found)]
    names += [a for a in dict.fromkeys(p.attribute for p in found)
              if a not in ORDER and a != NO_ATTRIBUTE]
    if any(p.attribute == NO_ATTRIBUTE for p in found):
        names.append(NO_ATTRIBUTE)
    return [(a, [p for p in found if p.attribute == a]) for a in names]


def adjustment_docx(rollup: Rollup, spec: ExportSpec, *, date: dt.date) -> bytes:
    """The plan draft as docx bytes, in the report's typography."""
    from desktop.io.district_docx import Item, Part, build_district_docx

    found = proposals(rollup, spec)
    groups = grouped(found)
    meta = rollup.meta
    counts = "，".join(f"{a}指标 {len(ps)} 项" for a, ps in groups)
    among = f"，其中{counts}" if counts else ""
    intro = [f"根据各单位已确认的评估材料，评估结论为 C（进展较慢、需要加快推进）、D（情况变化、"
             f"难以完成）或提出调整意见的指标共 {len(found)} 项{among}。"
             "现将有关情况及调整意见汇总如下，供研究。"]
    parts = [Part(f"{attribute}指标" if attribute != NO_ATTRIBUTE else attribute,
                  items=[Item(f"{p.label}（{p.unit}）", [*p.values]) for p in ps])
             for attribute, ps in groups]
    if not parts:
        intro.append("目前没有需要调整的指标。")
    return build_district_docx(spec, title=f"{meta.get('district', '')}主要指标调整方案（草稿）",
                               subtitle=f"（{meta.get('round', '')}）", intro=intro, parts=parts,
                               author=meta.get("commission", ""), date=date)
