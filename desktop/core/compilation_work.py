"""What a unit does in a compilation round: its role on each subject row, the outline of
each document it delivers (the commission's guidance items as sections), and what still
keeps a document from being sealed. Pure functions over rows and answers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.core.compilation import (
    DOCUMENT_FIELDS,
    LEAD,
    ROLE_TITLES,
    SUPPORT,
    CompilationForm,
    Deliverable,
)
from desktop.core.model import Row, RowNumber
from desktop.core.roster import Roster, bare, phrase_key

ITEM = re.compile(r"[（(](\d+)[)）]")
UNIT_LIST = "\n"  # how a row keeps its lead and support units (see io/compilation_xlsx)
BODY = "body"
FILE, SIGNOFF_LEADER, SIGNOFF_DATE = "file", "signoff_leader", "signoff_date"


@dataclass(frozen=True)
class Part:
    """One section of a document's outline."""

    id: str
    title: str
    guidance: str = ""


def units_in(row: Row, role: str) -> tuple[str, ...]:
    """The units of a row in one role (lead or support), as written."""
    text = row.fields.get(role, "")
    return tuple(u for u in text.split(UNIT_LIST) if u)


def role_title(form: CompilationForm, row: Row) -> str:
    """How a unit's part on a row is shown: 牵头, 配合, or 报送 on a row the form declares."""
    subject = form.subject(row.table)
    if subject is not None and subject.items:
        return "报送"
    return ROLE_TITLES.get(row.fields.get("role", ""), "")


def role_of(row: Row, roster: Roster, unit: str) -> str:
    """LEAD, SUPPORT or "" for `unit` on `row` (a collective's members support)."""
    if unit in roster.resolve_all(units_in(row, LEAD)):
        return LEAD
    if unit in roster.resolve_all(units_in(row, SUPPORT)):
        return SUPPORT
    return ""


def named_units(row: Row, role: str, roster: Roster) -> tuple[str, ...]:
    """The roster units a row names in a role, leaving out collective phrases: a unit
    reached only through "区各相关部门配合" may contribute but owes nothing."""
    return tuple(roster.canonical(u) for u in units_in(row, role)
                 if phrase_key(bare(u)) not in roster.collectives)


def guidance_items(text: str) -> tuple[str, ...]:
    """"（1）甲。（2）乙。" -> ("甲。", "乙。"); text without numbered items is one item."""
    marks = list(ITEM.finditer(text))
    if not marks or marks[0].start() != 0:
        return (text.strip(),) if text.strip() else ()
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return tuple(text[m.end():end].strip() for m, end in zip(marks, ends, strict=True))


def outline(form: CompilationForm, deliverable: Deliverable, row: Row) -> tuple[Part, ...]:
    """The sections the unit writes: one per guidance item, or a single 正文."""
    subject = form.subject(deliverable.subject)
    items = guidance_items(row.fields.get("guidance", "")) if deliverable.outline else ()
    if not items:
        return (Part(BODY, "正文", deliverable.guidance),)
    head = subject.guidance_title if subject else ""
    return tuple(Part(f"s{i}", f"（{i}）{item}", f"{head}（{i}）")
                 for i, item in enumerate(items, 1))


def field_key(deliverable: Deliverable, field: str) -> str:
    """The answer field a document's part is kept under: "<deliverable>.<field>"."""
    return f"{deliverable.id}.{field}"


def document_of(deliverable: Deliverable, answers: Mapping[str, str]) -> dict[str, str]:
    """A row's answers for one deliverable, by field ("title", "s1", "file", ...)."""
    prefix = f"{deliverable.id}."
    return {k[len(prefix):]: v for k, v in answers.items() if k.startswith(prefix) and v}


def problems(form: CompilationForm, deliverable: Deliverable, row: Row,
             answers: Mapping[str, str]) -> tuple[str, ...]:
    """Why the document cannot be sealed yet, in Chinese (empty when it can)."""
    doc = document_of(deliverable, answers)
    found = [f"请填写{title}" for key, title in DOCUMENT_FIELDS if not doc.get(key, "").strip()]
    parts = outline(form, deliverable, row)
    if not doc.get(FILE):
        missing = [p.title for p in parts if not doc.get(p.id, "").strip()]
        if len(missing) == len(parts):
            found.append("请撰写正文（按提纲逐项撰写），或附上用 Word/WPS 写好的文档（docx、pdf）")
        elif missing:
            found.append(f"提纲中还有 {len(missing)} 项未撰写，例如：{missing[0][:30]}")
    if deliverable.signoff and not (doc.get(SIGNOFF_LEADER) and doc.get(SIGNOFF_DATE)):
        found.append(f"{deliverable.title}须{deliverable.signoff.title}：请先登记"
                     f"{deliverable.signoff.by}的姓名和审阅日期")
    return tuple(found)


def subject_rows(form: CompilationForm, rows: tuple[Row, ...], roster: Roster,
                 unit: str) -> tuple[tuple[Row, str], ...]:
    """Every subject row the unit leads or supports, with its role, in table order."""
    ids = {s.id for s in form.subjects}
    out = []
    for row in rows:
        role = role_of(row, roster, unit) if row.table in ids else ""
        if role:
            out.append((row, role))
    return tuple(out)


def roster_of(form: CompilationForm, rows: tuple[Row, ...]) -> Roster:
    named = [u for r in rows for role in (LEAD, SUPPORT) for u in units_in(r, role)]
    return Roster.build(form.units, named)


def declared_rows(form: CompilationForm, rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """The rows the form declares itself (a subject's `items`), each led by every unit its
    `by` names, a collective's members included, but those `except` leaves out; the roster
    is the form's units and those the division tables name."""
    roster = roster_of(form, rows)
    out = []
    for subject in form.subjects:
        for item in subject.items:
            left_out = {roster.canonical(u) for u in item.except_}
            owing = tuple(u for u in roster.resolve_all(item.by) if u not in left_out)
            out.append(Row(subject.id, RowNumber(item.number), subject.title, "", {
                "name": item.name, "number": item.number, "division": "、".join(item.by),
                LEAD: UNIT_LIST.join(owing), SUPPORT: "", "guidance": item.guidance},
                units=owing))
    return tuple(out)
