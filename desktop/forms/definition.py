"""Form definitions: a commission's format read once from forms/<id>/ into frozen objects.

A definition is data only (JSON). Loading checks every key it relies on and names the
file and key of anything wrong, in Chinese, so a commission officer can fix a folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import InputError

FORM_FILE = "form.json"
FORMAT = "planeval.form/1"


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    attachment: str
    assignment_columns: tuple[Column, ...]
    answer_columns: tuple[Column, ...]

    def column(self, column_id: str) -> Column:
        for c in self.answer_columns:
            if c.id == column_id:
                return c
        raise KeyError(column_id)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    guidance: str = ""
    required: bool = True


@dataclass(frozen=True)
class ReportSpec:
    per: str
    title: str
    attachment: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Form:
    id: str
    version: str
    title: str
    district: str
    round: str
    tables: tuple[TableSpec, ...]
    report: ReportSpec
    units: Mapping[str, Any]
    hash: str
    folder: Path

    def table(self, table_id: str) -> TableSpec:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)


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
        columns.append(Column(
            id=r.get(c, "id", w), title=r.get(c, "title", w),
            required=r.get(c, "required", w, bool, False),
            choices=tuple(str(x) for x in choices),
        ))
    ids = [c.id for c in columns]
    if len(set(ids)) != len(ids):
        raise r.fail(where, "含重复的列 id")
    return tuple(columns)


def _tables(r: _Reader) -> tuple[TableSpec, ...]:
    tables = []
    for i, t in enumerate(r.get(r.data, "tables", "", list)):
        w = f"tables[{i}]."
        tables.append(TableSpec(
            id=r.get(t, "id", w), title=r.get(t, "title", w),
            attachment=r.get(t, "attachment", w, str, ""),
            assignment_columns=_columns(r, r.get(t, "assignment_columns", w, list, []),
                                        f"{w}assignment_columns"),
            answer_columns=_columns(r, r.get(t, "answer_columns", w, list),
                                    f"{w}answer_columns"),
        ))
    return tuple(tables)


def _report(r: _Reader) -> ReportSpec:
    rep = r.get(r.data, "report", "", dict)
    sections = []
    for i, s in enumerate(r.get(rep, "sections", "report.", list)):
        w = f"report.sections[{i}]."
        sections.append(Section(
            id=r.get(s, "id", w), title=r.get(s, "title", w),
            guidance=r.get(s, "guidance", w, str, ""),
            required=r.get(s, "required", w, bool, True),
        ))
    return ReportSpec(
        per=r.get(rep, "per", "report.", str, "plans"), title=r.get(rep, "title", "report."),
        attachment=r.get(rep, "attachment", "report.", str, ""), sections=tuple(sections),
    )


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
    units_name = r.get(r.data, "units", "", str, "")
    units = _Reader(folder / units_name).data if units_name else {}
    return Form(
        id=r.get(r.data, "id", ""), version=r.get(r.data, "version", ""),
        title=r.get(r.data, "title", ""), district=r.get(r.data, "district", ""),
        round=r.get(r.data, "round", ""), tables=_tables(r), report=_report(r),
        units=units, hash=folder_hash(folder), folder=folder,
    )
