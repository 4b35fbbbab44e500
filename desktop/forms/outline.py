"""The report outline, stages and time series of form.json, read into core objects.

Kept apart from definition.py, which reads the tables; both name the file and key of any
fault in Chinese through the same reader.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from desktop.core.form import (
    DEFAULT_DOCUMENT,
    Cutoff,
    ReportSpec,
    Section,
    SectionItem,
    Series,
    Stage,
    TableSpec,
)

if TYPE_CHECKING:
    from desktop.forms.definition import _Reader

STAGE_ID = re.compile(r"[a-z][a-z0-9_-]{0,31}")
DEFAULT_STAGES = (Stage("draft", "初稿", None), Stage("final", "定稿", None, True, True))


def _section(r: _Reader, s: Any, w: str, level: int, parent: str) -> list[Section]:
    if not isinstance(s, dict):
        raise r.fail(w.rstrip("."), "应为对象")
    items = tuple(
        SectionItem(r.get(it, "title", f"{w}items[{j}]."),
                    r.get(it, "guidance", f"{w}items[{j}].", str, ""))
        for j, it in enumerate(r.get(s, "items", w, list, [])))
    intro = r.get(s, "guidance", w, str, "")
    whole = "".join([intro, *(it.title + it.guidance for it in items)])
    children = r.get(s, "sections", w, list, [])
    table = r.get(s, "table", w, str, "")
    section_id = r.get(s, "id", w)
    title = r.get(s, "title", w)
    if "\n" in title:
        raise r.fail(f"{w}title", "不能含换行；多级提纲请用 sections 嵌套")
    annex = r.get(s, "annex", w, bool, False)
    if annex and level > 1:
        raise r.fail(f"{w}annex", "只有第一级部分可以作为附件")
    writable = r.get(s, "text", w, bool, not children and not table)
    own = Section(id=section_id, title=title, guidance=whole,
                  required=r.get(s, "required", w, bool, writable) and writable, items=items,
                  level=level, parent=parent, writable=writable, table=table, annex=annex)
    out = [own]
    for i, child in enumerate(children):
        out.extend(_section(r, child, f"{w}sections[{i}].", level + 1, section_id))
    return out


def read_report(r: _Reader, tables: tuple[TableSpec, ...]) -> ReportSpec:
    rep = r.get(r.data, "report", "", dict)
    outline: list[Section] = []
    for i, s in enumerate(r.get(rep, "sections", "report.", list)):
        outline.extend(_section(r, s, f"report.sections[{i}].", 1, ""))
    ids = [s.id for s in outline]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise r.fail("report.sections", f"含重复的部分 id“{duplicate}”")
    known = {t.id for t in tables}
    for s in outline:
        if s.table and s.table not in known:
            raise r.fail(f"report.sections.{s.id}.table", f"“{s.table}”不是 tables 中的表")
    document = r.get(rep, "document", "report.", str, DEFAULT_DOCUMENT).strip()
    if not document:
        raise r.fail("report.document", "不能为空")
    return ReportSpec(
        per=r.get(rep, "per", "report.", str, "plans"), title=r.get(rep, "title", "report."),
        attachment=r.get(rep, "attachment", "report.", str, ""),
        sections=tuple(s for s in outline if s.writable), outline=tuple(outline),
        document=document)


def read_date(r: _Reader, obj: Mapping[str, Any], key: str, where: str) -> dt.date:
    text = r.get(obj, key, where)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise r.fail(f"{where}{key}", "应为日期，如 2023-06-30") from None


def read_stages(r: _Reader) -> tuple[Stage, ...]:
    """The submission stages, in order; without any, 初稿 (draft) and 定稿 (final)."""
    stages = []
    for i, s in enumerate(r.get(r.data, "stages", "", list, [])):
        w = f"stages[{i}]."
        stage_id = r.get(s, "id", w)
        if not STAGE_ID.fullmatch(stage_id):
            raise r.fail(f"{w}id", "应为小写英文字母开头的短标识，如 draft、outline、final")
        signoff = r.get(s, "signoff", w, bool, False)
        due = read_date(r, s, "due", w) if "due" in s else None
        stages.append(Stage(stage_id, r.get(s, "title", w), due, signoff,
                            r.get(s, "no_errors", w, bool, signoff)))
    ids = [s.id for s in stages]
    if len(set(ids)) != len(ids):
        raise r.fail("stages", "含重复的阶段 id")
    return tuple(stages) or DEFAULT_STAGES


def read_cutoffs(r: _Reader) -> dict[str, Cutoff]:
    cutoffs = {}
    for name, c in r.get(r.data, "cutoffs", "", dict, {}).items():
        w = f"cutoffs.{name}."
        cutoffs[name] = Cutoff(read_date(r, c, "date", w), r.get(c, "title", w, str, ""))
    return cutoffs


def read_series(r: _Reader, t: Mapping[str, Any], w: str) -> Series | None:
    s = r.get(t, "series", w, dict, None)
    if s is None:
        return None
    columns = tuple(r.get(s, "columns", f"{w}series.", list))
    if not columns or not all(isinstance(c, str) for c in columns):
        raise r.fail(f"{w}series.columns", "应为非空的列 id 列表，按时间先后")
    cumulative = r.get(s, "cumulative", f"{w}series.", bool, None)
    return Series(columns, r.get(s, "base", f"{w}series.", str, ""), cumulative)


def check_series(r: _Reader, t: TableSpec, cutoffs: Mapping[str, Cutoff],
                 known: set[str]) -> None:
    """Every series column is an answer column with a date; the base a known field."""
    if t.series is None:
        return
    answer = {c.id: c for c in t.answer_columns}
    for cid in t.series.columns:
        col = answer.get(cid)
        if col is None:
            raise r.fail(f"tables.{t.id}.series.columns", f"中的“{cid}”不是该表的填报栏目")
        if not col.as_of:
            raise r.fail(f"tables.{t.id}.answer_columns.{cid}.as_of",
                         "缺失：时间序列的每一列须写明数据时点（日期或 cutoffs 中的名称）")
    if t.series.base and t.series.base not in known:
        raise r.fail(f"tables.{t.id}.series.base", f"指向不存在的栏目“{t.series.base}”")
    for c in t.answer_columns:
        if c.as_of and c.as_of not in cutoffs:
            try:
                dt.date.fromisoformat(c.as_of)
            except ValueError:
                raise r.fail(f"tables.{t.id}.answer_columns.{c.id}.as_of",
                             "应为日期（如 2023-06-30）或 cutoffs 中的名称") from None
