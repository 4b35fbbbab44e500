"""A compilation round (编制) as data: subjects (research topics, special plans), the
documents their units deliver at each stage, and the round's milestones.

A compilation form (form.json with `"kind": "compilation"`) is read by
desktop/forms/compilation.py into these frozen objects; nothing here knows a district.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

LEAD, SUPPORT = "lead", "support"
ROLE_TITLES = {LEAD: "牵头", SUPPORT: "配合"}
# Every document a unit delivers carries these, whatever the form's outline.
DOCUMENT_FIELDS = (("title", "标题"), ("authors", "作者（课题组成员）"), ("summary", "摘要"))


@dataclass(frozen=True)
class Words:
    """How a combined division cell is written: "甲牵头，乙、丙等部门配合"."""

    lead: str = "牵头"
    support: str = "配合"
    fillers: tuple[str, ...] = ()  # dropped: 等部门, 等单位
    ands: tuple[str, ...] = ()  # read as a separator: 及


@dataclass(frozen=True)
class Item:
    """A subject row the form itself declares, not the division tables: a document every
    unit of some kinds owes (各部门、各街道（镇）报送本单位纳入《思路框架》的内容)."""

    number: str
    name: str
    by: tuple[str, ...]  # units or collective phrases as written; a collective's members owe
    except_: tuple[str, ...] = ()  # units left out (the commission that receives them)
    guidance: str = ""


@dataclass(frozen=True)
class Subject:
    """A kind of thing units are assigned in the round: research topics, special plans."""

    id: str
    title: str
    label: str  # what one is called in messages: 课题, 专项规划
    attachment: str = ""
    number: tuple[str, ...] = ("序号",)  # header titles
    name: tuple[str, ...] = ()
    division: tuple[str, ...] = ()  # one cell naming lead and cooperating units
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    guidance: tuple[str, ...] = ()  # a column of the commission's guidance (研究重点)
    guidance_title: str = "研究重点"
    words: Words = Words()
    items: tuple[Item, ...] = ()  # rows declared by the form (then no division table)


@dataclass(frozen=True)
class Signoff:
    """Who must approve a document before it is sent (经分管区领导审阅同意)."""

    by: str
    title: str


@dataclass(frozen=True)
class Deliverable:
    """A document a subject's lead (or cooperating) unit submits at one stage."""

    id: str
    title: str
    document: str
    subject: str
    by: str  # LEAD or SUPPORT
    due: dt.date | None = None
    outline: str = ""  # "guidance": the subject's guidance items are the sections
    milestone: str = ""  # "1.1": phase 1, step 1 of the milestones
    signoff: Signoff | None = None
    guidance: str = ""


@dataclass(frozen=True)
class Step:
    """One line of the milestones grid: a phase (steps inside) or a step."""

    key: str  # "1" for a phase, "1.2" for its second step
    number: str  # as the commission writes it: "一", "2"
    title: str
    start: dt.date  # first day of the start month
    end: dt.date  # last day of the end month
    marks: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class MilestoneMark:
    text: str  # ●, ★
    title: str


@dataclass(frozen=True)
class Milestones:
    title: str = ""
    attachment: str = ""
    marks: tuple[MilestoneMark, ...] = ()
    phases: tuple[Step, ...] = ()

    def step(self, key: str) -> Step | None:
        for phase in self.phases:
            for s in (phase, *phase.steps):
                if s.key == key:
                    return s
        return None

    def quarters(self) -> tuple[tuple[int, int], ...]:
        """The grid's columns: (year, quarter) from the first start to the last end."""
        if not self.phases:
            return ()
        first = min(p.start for p in self.phases)
        last = max(p.end for p in self.phases)
        out = []
        year, q = first.year, (first.month - 1) // 3 + 1
        while (year, q) <= (last.year, (last.month - 1) // 3 + 1):
            out.append((year, q))
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)
        return tuple(out)


@dataclass(frozen=True)
class CompilationForm:
    id: str
    version: str
    title: str
    district: str
    round: str
    subjects: tuple[Subject, ...]
    deliverables: tuple[Deliverable, ...]
    milestones: Milestones
    units: Mapping[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    hash: str = ""
    folder: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "units", MappingProxyType(dict(self.units)))

    def subject(self, subject_id: str) -> Subject | None:
        return next((s for s in self.subjects if s.id == subject_id), None)

    def deliverable(self, deliverable_id: str) -> Deliverable | None:
        return next((d for d in self.deliverables if d.id == deliverable_id), None)

    def deliverables_of(self, subject_id: str, role: str) -> tuple[Deliverable, ...]:
        return tuple(d for d in self.deliverables if d.subject == subject_id and d.by == role)
