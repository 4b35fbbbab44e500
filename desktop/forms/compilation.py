"""Compilation forms: form.json with `"kind": "compilation"` read into core objects.

Same habits as definition.py: every key checked, faults named by file and key in Chinese.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import Any

from desktop.core.compilation import (
    LEAD,
    ROLE_TITLES,
    CompilationForm,
    Deliverable,
    Item,
    MilestoneMark,
    Milestones,
    Signoff,
    Step,
    Subject,
    Words,
)
from desktop.core.errors import InputError
from desktop.forms.definition import FORM_FILE, FORMAT, _Reader, folder_hash
from desktop.forms.outline import read_date

KIND = "compilation"
STAGE_ID = re.compile(r"[a-z][a-z0-9_-]{0,31}")
MONTH = re.compile(r"(\d{4})-(\d{2})")


def form_kind(folder: Path) -> str:
    """The kind a form folder declares: "evaluation" (default) or "compilation"."""
    try:
        r = _Reader(folder / FORM_FILE)
    except InputError:
        return "evaluation"
    kind = r.data.get("kind", "evaluation")
    return kind if isinstance(kind, str) else "evaluation"


def _titles(r: _Reader, s: dict[str, Any], key: str, w: str,
            default: tuple[str, ...] = ()) -> tuple[str, ...]:
    value = r.get(s, key, w, list, list(default))
    if not all(isinstance(t, str) and t.strip() for t in value):
        raise r.fail(f"{w}{key}", "应为表头标题列表，如 [\"课题名称\"]")
    return tuple(value)


def _subject(r: _Reader, s: Any, w: str) -> Subject:
    if not isinstance(s, dict):
        raise r.fail(w.rstrip("."), "应为对象")
    subject_id = r.get(s, "id", w)
    if not STAGE_ID.fullmatch(subject_id):
        raise r.fail(f"{w}id", "应为小写英文字母开头的短标识，如 topics")
    words = r.get(s, "words", w, dict, {})
    subject = Subject(
        id=subject_id, title=r.get(s, "title", w), label=r.get(s, "label", w, str, "课题"),
        attachment=r.get(s, "attachment", w, str, ""),
        number=_titles(r, s, "number", w, ("序号",)), name=_titles(r, s, "name", w),
        division=_titles(r, s, "division", w), lead=_titles(r, s, "lead", w),
        support=_titles(r, s, "support", w), guidance=_titles(r, s, "guidance", w),
        guidance_title=r.get(s, "guidance_title", w, str, "研究重点"),
        words=Words(r.get(words, "lead", f"{w}words.", str, "牵头"),
                    r.get(words, "support", f"{w}words.", str, "配合"),
                    tuple(r.get(words, "fillers", f"{w}words.", list, [])),
                    tuple(r.get(words, "and", f"{w}words.", list, []))),
        items=tuple(_item(r, item, f"{w}items[{i}].")
                    for i, item in enumerate(r.get(s, "items", w, list, []))),
    )
    if subject.items:
        return subject
    if not subject.name:
        raise r.fail(f"{w}name", "缺失：请给出名称列的表头标题")
    if not subject.division and not subject.lead:
        raise r.fail(w.rstrip("."), "须有 division（部门分工一列）或 lead（牵头单位列）")
    return subject


def _item(r: _Reader, item: Any, w: str) -> Item:
    if not isinstance(item, dict):
        raise r.fail(w.rstrip("."), "应为对象")
    return Item(number=r.get(item, "number", w), name=r.get(item, "name", w),
                by=_titles(r, item, "by", w), except_=tuple(r.get(item, "except", w, list, [])),
                guidance=r.get(item, "guidance", w, str, ""))


def _deliverable(r: _Reader, d: Any, w: str, subjects: set[str]) -> Deliverable:
    if not isinstance(d, dict):
        raise r.fail(w.rstrip("."), "应为对象")
    deliverable_id = r.get(d, "id", w)
    if not STAGE_ID.fullmatch(deliverable_id):
        raise r.fail(f"{w}id", "应为小写英文字母开头的短标识，如 workplan")
    subject = r.get(d, "subject", w)
    if subject not in subjects:
        raise r.fail(f"{w}subject", f"“{subject}”不是 subjects 中声明的对象")
    by = r.get(d, "by", w, str, LEAD)
    if by not in ROLE_TITLES:
        raise r.fail(f"{w}by", f"应为 {'、'.join(ROLE_TITLES)} 之一")
    signoff = r.get(d, "signoff", w, dict, None)
    return Deliverable(
        id=deliverable_id, title=r.get(d, "title", w), document=r.get(d, "document", w),
        subject=subject, by=by, due=read_date(r, d, "due", w) if "due" in d else None,
        outline=r.get(d, "outline", w, str, ""), milestone=r.get(d, "milestone", w, str, ""),
        signoff=Signoff(r.get(signoff, "by", f"{w}signoff."),
                        r.get(signoff, "title", f"{w}signoff.")) if signoff else None,
        guidance=r.get(d, "guidance", w, str, ""),
    )


def _month(r: _Reader, obj: dict[str, Any], key: str, w: str, *, last: bool) -> dt.date:
    match = MONTH.fullmatch(r.get(obj, key, w))
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise r.fail(f"{w}{key}", "应为年月，如 2019-05")
    year, month = int(match.group(1)), int(match.group(2))
    return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)


def _step(r: _Reader, s: Any, w: str, key: str, marks: set[str],
          inner: tuple[Step, ...] = ()) -> Step:
    if not isinstance(s, dict):
        raise r.fail(w.rstrip("."), "应为对象")
    start, end = _month(r, s, "start", w, last=False), _month(r, s, "end", w, last=True)
    if end < start:
        raise r.fail(f"{w}end", "早于 start")
    used = tuple(r.get(s, "marks", w, list, []))
    for m in used:
        if m not in marks:
            raise r.fail(f"{w}marks", f"中的“{m}”未在 milestones.marks 中说明")
    return Step(key, str(r.get(s, "number", w)), r.get(s, "title", w), start, end, used, inner)


def _milestones(r: _Reader) -> Milestones:
    m = r.get(r.data, "milestones", "", dict, {})
    w = "milestones."
    marks = tuple(MilestoneMark(r.get(x, "text", f"{w}marks[{i}]."),
                                r.get(x, "title", f"{w}marks[{i}]."))
                  for i, x in enumerate(r.get(m, "marks", w, list, [])))
    texts = {x.text for x in marks}
    phases = []
    for i, p in enumerate(r.get(m, "phases", w, list, [])):
        pw = f"{w}phases[{i}]."
        steps = tuple(_step(r, s, f"{pw}steps[{j}].", f"{i + 1}.{j + 1}", texts)
                      for j, s in enumerate(r.get(p, "steps", pw, list, [])))
        phases.append(_step(r, p, pw, str(i + 1), texts, steps))
    return Milestones(r.get(m, "title", w, str, ""), r.get(m, "attachment", w, str, ""),
                      marks, tuple(phases))


def load_compilation(folder: Path) -> CompilationForm:
    """Read and check a compilation form folder; raises InputError naming file and key."""
    r = _Reader(folder / FORM_FILE)
    if r.get(r.data, "format", "") != FORMAT:
        raise r.fail("format", f"应为 “{FORMAT}”")
    if r.data.get("kind") != KIND:
        raise r.fail("kind", f"应为 “{KIND}”（编制轮次的格式定义）")
    units_name = r.get(r.data, "units", "", str, "")
    if units_name and (Path(units_name).name != units_name or units_name in (".", "..")):
        raise r.fail("units", "应为本文件夹中的文件名，如 units.json")
    units = _Reader(folder / units_name).data if units_name else {}
    subjects = tuple(_subject(r, s, f"subjects[{i}].")
                     for i, s in enumerate(r.get(r.data, "subjects", "", list)))
    ids = {s.id for s in subjects}
    if len(ids) != len(subjects):
        raise r.fail("subjects", "含重复的 id")
    deliverables = tuple(_deliverable(r, d, f"deliverables[{i}].", ids)
                         for i, d in enumerate(r.get(r.data, "deliverables", "", list)))
    if len({d.id for d in deliverables}) != len(deliverables):
        raise r.fail("deliverables", "含重复的 id")
    milestones = _milestones(r)
    for i, d in enumerate(deliverables):
        if d.milestone and milestones.step(d.milestone) is None:
            raise r.fail(f"deliverables[{i}].milestone",
                         f"“{d.milestone}”不是工作节点（写作“阶段序.步骤序”，如 1.2）")
    return CompilationForm(
        id=r.get(r.data, "id", ""), version=r.get(r.data, "version", ""),
        title=r.get(r.data, "title", ""), district=r.get(r.data, "district", ""),
        round=r.get(r.data, "round", ""), subjects=subjects, deliverables=deliverables,
        milestones=milestones, units=units,
        notes=tuple(str(n) for n in r.get(r.data, "notes", "", list, [])),
        hash=folder_hash(folder), folder=folder)


def find_compilation(form_id: str) -> CompilationForm:
    """The compilation form `form_id` from the form search path."""
    from desktop.forms import SEARCH_PATH_VARIABLE, form_folders

    for root in form_folders():
        if (root / form_id / FORM_FILE).is_file():
            return load_compilation(root / form_id)
    raise InputError(f"找不到格式定义“{form_id}”。请确认 forms 文件夹中有该格式，"
                     f"或用环境变量 {SEARCH_PATH_VARIABLE} 指明其所在位置。")
