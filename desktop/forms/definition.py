"""Form definitions: a commission's format read once from forms/<id>/ into frozen objects.

A definition is data only (JSON). Loading checks every key it relies on and names the
file and key of anything wrong, in Chinese, so a commission officer can fix a folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.errors import InputError
from desktop.core.form import (
    AssignmentSpec,
    Column,
    Condition,
    Cutoff,
    ExtraTable,
    Form,
    FormMigration,
    Mark,
    TableSpec,
)
from desktop.core.progress import GRADES
from desktop.forms.outline import (
    check_series,
    read_cutoffs,
    read_date,
    read_report,
    read_series,
    read_stages,
)

FORM_FILE = "form.json"
FORMAT = "planeval.form/1"
KINDS = ("text", "figure", "choice")
# Fields every assignment row may carry, usable in roles without an assignment column.
ASSIGNMENT_FIELDS = frozenset({"name", "unit", "target", "attribute", "content", "group"})
# The tables the importer knows without a declaration, with the fields it reads for each.
BUILT_IN_TABLES = {
    "indicators": frozenset({"name", "unit", "target", "attribute"}),
    "tasks": frozenset({"content", "category_no"}),
    "plans": frozenset({"name"}),
}
RESERVED_TABLES = frozenset({*BUILT_IN_TABLES, "reports"})


class _Reader:
    """Reads keys out of one JSON file, raising InputError that names file and key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError("找不到格式定义文件", file=str(path)) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"不是有效的 JSON（{exc}）", file=str(path)) from None
        if not isinstance(self.data, dict):
            raise InputError("顶层应为对象（{…}）", file=str(path))

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"键“{key}”{problem}", file=str(self.path))

    def get(self, obj: Mapping[str, Any], key: str, where: str, kind: type = str,
            default: Any = ...) -> Any:
        if key not in obj:
            if default is not ...:
                return default
            raise self.fail(f"{where}{key}", "缺失")
        value = obj[key]
        if not isinstance(value, kind):
            raise self.fail(f"{where}{key}", f"类型应为 {kind.__name__}")
        return value


def _columns(r: _Reader, items: list[Any], where: str) -> tuple[Column, ...]:
    columns = []
    for i, c in enumerate(items):
        w = f"{where}[{i}]."
        if not isinstance(c, dict):
            raise r.fail(w.rstrip("."), "应为对象")
        choices = r.get(c, "choices", w, list, [])
        kind = r.get(c, "kind", w, str, "choice" if choices else "text")
        if kind not in KINDS:
            raise r.fail(f"{w}kind", f"应为 {'、'.join(KINDS)} 之一")
        when = r.get(c, "required_when", w, dict, None)
        condition = None
        if when is not None:
            condition = Condition(r.get(when, "column", f"{w}required_when."),
                                  tuple(r.get(when, "in", f"{w}required_when.", list)))
        choices = tuple(str(x) for x in choices)
        columns.append(Column(
            id=r.get(c, "id", w), title=r.get(c, "title", w),
            required=r.get(c, "required", w, bool, False),
            choices=choices, kind=kind, required_when=condition,
            message=r.get(c, "message", w, str, ""),
            grades=_grades(r, c, w, choices), as_of=r.get(c, "as_of", w, str, ""),
        ))
    ids = [c.id for c in columns]
    if len(set(ids)) != len(ids):
        raise r.fail(where, "含重复的列 id")
    return tuple(columns)


def _grades(r: _Reader, obj: Mapping[str, Any], where: str,
            choices: tuple[str, ...] = ()) -> Mapping[str, str]:
    """A vocabulary's map to the commission's grades: {"超前": "A", "符合进度": "B"}."""
    grades = r.get(obj, "grades", where, dict, {})
    for word, grade in grades.items():
        if grade not in GRADES:
            raise r.fail(f"{where}grades.{word}", f"应为 {'、'.join(GRADES)} 之一")
        if choices and word not in choices:
            raise r.fail(f"{where}grades.{word}", "不在该列的 choices 之中")
    return MappingProxyType(dict(grades))


def _titles(r: _Reader, value: Any, where: str) -> tuple[str, ...]:
    """A non-empty list of header titles."""
    if not isinstance(value, list) or not value or not all(
            isinstance(t, str) and t.strip() for t in value):
        raise r.fail(where, "应为非空的表头标题列表，如 [\"项目名称\"]")
    return tuple(value)


def _field_titles(r: _Reader, obj: Any, where: str,
                  reserved: frozenset[str] = frozenset()) -> dict[str, tuple[str, ...]]:
    """{field id: [header titles]}; a title may name one field only."""
    if not isinstance(obj, dict) or not obj:
        raise r.fail(where.rstrip("."), "应为非空对象：{字段: [表头标题, …]}")
    fields: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for name, titles in obj.items():
        if name in reserved:
            raise r.fail(f"{where}{name}", "与分工表的内置字段重名")
        fields[name] = _titles(r, titles, f"{where}{name}")
        for title in fields[name]:
            if owner.setdefault(title, name) != name:
                raise r.fail(f"{where}{name}", f"的标题“{title}”已用于“{owner[title]}”")
    return fields


def _extra_table(r: _Reader, t: Any, w: str) -> ExtraTable:
    if not isinstance(t, dict):
        raise r.fail(w.rstrip("."), "应为对象")
    table_id = r.get(t, "id", w)
    if table_id in RESERVED_TABLES:
        raise r.fail(f"{w}id", f"“{table_id}”是内置分工表，无需声明"
                               "（可用 assignment.columns 增加列）")
    fields = _field_titles(r, r.get(t, "fields", w, dict), f"{w}fields.", frozenset({"group"}))
    identify = tuple(r.get(t, "identify", w, list, list(fields)))
    for name in identify:
        if name not in fields:
            raise r.fail(f"{w}identify", f"中的“{name}”不在 fields 之中")
    if not identify:
        raise r.fail(f"{w}identify", "不能为空")
    number = _titles(r, t["number"], f"{w}number") if "number" in t else ()
    lead = _titles(r, t["lead"], f"{w}lead") if "lead" in t else ()
    return ExtraTable(table_id, r.get(t, "title", w), MappingProxyType(fields), identify,
                      number, lead)


def _assignment(r: _Reader) -> AssignmentSpec:
    """The `assignment` section: division tables and columns beyond the built-in ones."""
    spec = r.get(r.data, "assignment", "", dict, {})
    tables = tuple(_extra_table(r, t, f"assignment.tables[{i}].")
                   for i, t in enumerate(r.get(spec, "tables", "assignment.", list, [])))
    ids = [t.id for t in tables]
    if len(set(ids)) != len(ids):
        raise r.fail("assignment.tables", "含重复的表 id")
    columns = {}
    for table, fields in r.get(spec, "columns", "assignment.", dict, {}).items():
        w = f"assignment.columns.{table}"
        if table not in BUILT_IN_TABLES:
            raise r.fail(w, f"应为 {'、'.join(BUILT_IN_TABLES)} 之一"
                            "（其他表请在 assignment.tables 中声明）")
        columns[table] = MappingProxyType(
            _field_titles(r, fields, f"{w}.", BUILT_IN_TABLES[table] | ASSIGNMENT_FIELDS))
    marks = tuple(_mark(r, m, f"assignment.marks[{i}].", tables)
                  for i, m in enumerate(r.get(spec, "marks", "assignment.", list, [])))
    return AssignmentSpec(tables, MappingProxyType(columns), marks)


def _mark(r: _Reader, m: Any, w: str, tables: tuple[ExtraTable, ...]) -> Mark:
    """A sign inside a cell's text standing for a flag: {"table", "text", "field", ...}."""
    if not isinstance(m, dict):
        raise r.fail(w.rstrip("."), "应为对象")
    table = r.get(m, "table", w)
    if table not in BUILT_IN_TABLES and table not in {t.id for t in tables}:
        raise r.fail(f"{w}table",
                     f"“{table}”不是分工表（{'、'.join(BUILT_IN_TABLES)} 或已声明的表）")
    text = r.get(m, "text", w)
    position = r.get(m, "position", w, str, "suffix")
    if not text.strip():
        raise r.fail(f"{w}text", "不能为空")
    if position not in ("suffix", "prefix"):
        raise r.fail(f"{w}position", "应为 suffix（写在文字末尾）或 prefix（写在文字开头）")
    field = r.get(m, "field", w)
    if field in BUILT_IN_TABLES.get(table, frozenset()) | ASSIGNMENT_FIELDS:
        raise r.fail(f"{w}field", "与分工表的内置字段重名")
    return Mark(table, text, field, position, r.get(m, "source", w, str, ""),
                r.get(m, "value", w, str, "是"), r.get(m, "note", w, str, ""))


def _tables(r: _Reader, assignment: AssignmentSpec,
            cutoffs: Mapping[str, Cutoff]) -> tuple[TableSpec, ...]:
    tables = []
    for i, t in enumerate(r.get(r.data, "tables", "", list)):
        w = f"tables[{i}]."
        table_id = r.get(t, "id", w)
        if table_id not in BUILT_IN_TABLES and assignment.table(table_id) is None:
            raise r.fail(f"{w}id", f"“{table_id}”既不是内置分工表（{'、'.join(BUILT_IN_TABLES)}），"
                                   "也未在 assignment.tables 中声明")
        tables.append(TableSpec(
            id=r.get(t, "id", w), title=r.get(t, "title", w),
            attachment=r.get(t, "attachment", w, str, ""),
            assignment_columns=_columns(r, r.get(t, "assignment_columns", w, list, []),
                                        f"{w}assignment_columns"),
            answer_columns=_columns(r, r.get(t, "answer_columns", w, list),
                                    f"{w}answer_columns"),
            roles=MappingProxyType(dict(r.get(t, "roles", w, dict, {}))),
            lower_is_better=frozenset(str(n) for n in r.get(t, "lower_is_better", w, list, [])),
            label=r.get(t, "label", w, str, ""), grades=_grades(r, t, w),
            series=read_series(r, t, w),
        ))
    for t in tables:
        known = ({c.id for c in (*t.assignment_columns, *t.answer_columns)} | ASSIGNMENT_FIELDS
                 | set(assignment.fields_of(t.id)))
        for role, column in t.roles.items():
            if column not in known:
                raise r.fail(f"tables.{t.id}.roles.{role}", f"指向不存在的列“{column}”")
        for c in t.answer_columns:
            if c.required_when and c.required_when.column not in known:
                raise r.fail(f"tables.{t.id}.{c.id}.required_when.column",
                             f"指向不存在的列“{c.required_when.column}”")
        _check_shown_fields(r, t, assignment)
        _check_conclusion(r, t)
        check_series(r, t, cutoffs, known)
    return tuple(tables)


def _check_shown_fields(r: _Reader, t: TableSpec, assignment: AssignmentSpec) -> None:
    """A declared table's assignment columns must be fields the importer reads for it."""
    extra = assignment.table(t.id)
    if extra is None:
        return
    readable = {*extra.fields, "group", "category", *(m.field for m in assignment.marks
                                                       if m.table == t.id)}
    for c in t.assignment_columns:
        if c.id not in readable:
            raise r.fail(f"tables.{t.id}.assignment_columns.{c.id}",
                         f"不是 assignment.tables 中“{t.id}”声明的字段"
                         f"（{'、'.join(extra.fields)}）")


def _check_conclusion(r: _Reader, t: TableSpec) -> None:
    """A conclusion column in words other than A-D must say how its words map to grades."""
    column = t.role("conclusion")
    col = next((c for c in t.answer_columns if c.id == column), None)
    if col is None or not col.choices:
        return
    mapping = t.grade_map()
    unmapped = [c for c in col.choices if c not in mapping]
    if unmapped and (col.grades or t.grades or set(col.choices) - set(GRADES)):
        raise r.fail(f"tables.{t.id}.grades",
                     f"缺少“{'”“'.join(unmapped)}”对应的评估等级（A-D），"
                     f"请在列“{col.id}”或表上用 grades 声明")
    for word in t.grades:
        if word not in col.choices:
            raise r.fail(f"tables.{t.id}.grades.{word}", f"不在列“{col.id}”的 choices 之中")


def _period(r: _Reader) -> tuple[dt.date, dt.date]:
    period = r.get(r.data, "period", "", dict)
    start, end = read_date(r, period, "start", "period."), read_date(r, period, "end", "period.")
    if end <= start:
        raise r.fail("period.end", "应晚于 period.start")
    return start, end


def _cell(r: _Reader, text: str, where: str) -> tuple[str, str]:
    table, dot, field = text.partition(".")
    if not dot or not table or not field:
        raise r.fail(where, f"中的“{text}”应写成“表.栏目”，如 indicators.reason")
    return table, field


def _migrations(r: _Reader) -> tuple[FormMigration, ...]:
    result = []
    for i, m in enumerate(r.get(r.data, "migrations", "", list, [])):
        w = f"migrations[{i}]."
        moves = {_cell(r, k, f"{w}moves"): _cell(r, v, f"{w}moves")
                 for k, v in r.get(m, "moves", w, dict, {}).items()}
        result.append(FormMigration(r.get(m, "from", w), r.get(m, "to", w),
                                    MappingProxyType(moves)))
    return tuple(result)


def folder_hash(folder: Path) -> str:
    """SHA-256 over every file of the definition (names and bytes), in sorted order."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0")
            h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def load_form(folder: Path) -> Form:
    """Read and check forms/<id>/; raises InputError naming the file and key at fault."""
    r = _Reader(folder / FORM_FILE)
    if r.get(r.data, "format", "") != FORMAT:
        raise r.fail("format", f"应为 “{FORMAT}”")
    if r.get(r.data, "kind", "", str, "evaluation") != "evaluation":
        raise r.fail("kind", f"为“{r.data['kind']}”：这不是评估轮次的格式定义"
                             "（编制轮次请用 planeval compile 命令）")
    units_name = r.get(r.data, "units", "", str, "")
    if units_name and (Path(units_name).is_absolute() or ".." in Path(units_name).parts
                       or len(Path(units_name).parts) != 1):
        raise r.fail("units", "应为本文件夹中的文件名，如 units.json")
    units = _Reader(folder / units_name).data if units_name else {}
    period, cutoffs, stages = _period(r), read_cutoffs(r), read_stages(r)
    assignment = _assignment(r)
    tables = _tables(r, assignment, cutoffs)
    return Form(
        id=r.get(r.data, "id", ""), version=r.get(r.data, "version", ""),
        title=r.get(r.data, "title", ""), district=r.get(r.data, "district", ""),
        round=r.get(r.data, "round", ""), tables=tables, report=read_report(r, tables),
        units=units, period=period, cutoffs=MappingProxyType(cutoffs), stages=stages,
        migrations=_migrations(r), hash=folder_hash(folder), folder=folder,
        assignment=assignment, notes=tuple(str(n) for n in r.get(r.data, "notes", "", list, [])),
    )
