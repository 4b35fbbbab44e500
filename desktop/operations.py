"""The jobs a user does, as Qt-free functions shared by the CLI and the GUI."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.division import REPORTS, Deliverables, department_rows
from desktop.core.errors import InputError
from desktop.core.model import Assignment, Row
from desktop.core.roster import Roster
from desktop.core.validation import Finding, validate
from desktop.forms import Form, TableSpec, find_form
from desktop.paths import demo_dir
from desktop.sample import sample_answers
from desktop.store import Workspace

DEFAULT_FORM = "putuo-2023-midterm"
DEMO_DEPARTMENT = "区科委"
DEMO_FLAG = "demo"  # meta key: this workspace is the embedded demo (demo keys may be offered)
DATA_SCHEMA = "planeval.data/1"
ACCEPTED = "accepted"  # data.json key: accepted warnings, finding key -> reason
_HEADER_KEYS = ("schema", "form", "district", "round", "department", ACCEPTED)
IMPORT_NOTES = "import_notes"  # meta key: what reading the division tables skipped


def roster_for(assignment: Assignment, form: Form) -> Roster:
    return Roster.build(form.units, assignment.all_units())


def read_tables(assignment: Sequence[Path] | Path, form: Form) -> tuple[Assignment, Roster]:
    """The commission's division tables read for a form, with the roster they give."""
    from desktop.io.assignment_xlsx import read_assignment  # openpyxl: only when importing

    full = read_assignment(assignment, spec=form.assignment)
    return full, roster_for(full, form)


def assigned_units(assignment: Sequence[Path] | Path, form_id: str = DEFAULT_FORM
                   ) -> list[tuple[str, int]]:
    """Every unit with something assigned, and how many rows and reports it answers for."""
    full, roster = read_tables(assignment, find_form(form_id))
    counts = [(u, len(Deliverables.of(department_rows(full, roster, u)).rows))
              for u in roster.units]
    return [(u, n) for u, n in counts if n]


def create_workspace(
    path: Path, *, assignment: Sequence[Path] | Path, department: str, form_id: str = DEFAULT_FORM
) -> Workspace:
    """Import the division tables and make the department's workspace from its share."""
    form = find_form(form_id)
    full, roster = read_tables(assignment, form)
    unit = roster.find(department)
    if unit is None:
        raise InputError(f"分工表中没有单位“{department}”，请检查单位名称（例如：区科委、长征镇）")
    rows = department_rows(full, roster, unit)
    if not rows:
        raise InputError(f"分工表中没有分配给“{unit}”的指标、任务或规划，无需创建工作区。"
                         "请确认所选的分工表和单位名称。")
    meta = {
        "department": unit,
        "district": form.district,
        "round": form.round,
        "form_id": form.id,
        "form_version": form.version,
        "form_hash": form.hash,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sources": "；".join(Path(s).name for s in full.sources),
        IMPORT_NOTES: "\n".join(full.notes),
    }
    return Workspace.create(path, rows=rows, department=unit, meta=meta)


def create_demo(path: Path, *, filled: bool = False) -> Workspace:
    """The embedded demo: Putuo's 2023 mid-term tables, seen as 区科委."""
    ws = create_workspace(path, assignment=demo_dir(), department=DEMO_DEPARTMENT)
    ws.set_meta(DEMO_FLAG, "1", who="planeval")
    if filled:
        form = form_of(ws)
        fill(ws, form, sample_answers(ws.rows(), form))
    return ws


def form_of(ws: Workspace) -> Form:
    """The form definition the workspace was made with."""
    return find_form(ws.meta["form_id"])


def open_workspace(path: Path, *, wait: float = 0.0) -> tuple[Workspace, Form]:
    """Open a workspace with its form, first moving its answers to a changed definition;
    `wait` seconds for another holder of the workspace to let go."""
    ws = Workspace.open(path, wait=wait)
    try:
        form = form_of(ws)
        if (ws.meta.get("form_version"), ws.meta.get("form_hash")) != (form.version, form.hash):
            upgrade_form(ws, form)
        return ws, form
    except Exception:
        ws.close()
        raise


def upgrade_form(ws: Workspace, form: Form) -> int:
    """Carry answers to the form's current version along its declared migrations.

    Without a declared path the answers stay where they are: a field the new definition
    no longer knows is kept and listed by `orphan_answers`, never dropped.
    """
    moves: dict[tuple[str, str], tuple[str, str]] = {}
    for step in form.migration_path(ws.meta.get("form_version", "")) or ():
        for source, target in step.moves.items():
            origins = [k for k, v in moves.items() if v == source] or [source]
            for origin in origins:
                moves[origin] = target
    return ws.migrate_form(moves, {"form_version": form.version, "form_hash": form.hash})


def orphan_answers(ws: Workspace, form: Form) -> dict[str, dict[str, dict[str, str]]]:
    """Answers in fields the current definition does not have (kept, shown, never dropped)."""
    return orphans_of(form, ws.answers())


def orphans_of(form: Form, answers: Mapping[str, Mapping[str, Mapping[str, str]]]
               ) -> dict[str, dict[str, dict[str, str]]]:
    orphans: dict[str, dict[str, dict[str, str]]] = {}
    for table, by_row in answers.items():
        known = set(_fields_for(form, table)) if table in _tables(form) else set()
        for number, values in by_row.items():
            extra = {f: v for f, v in values.items() if f not in known}
            if extra:
                orphans.setdefault(table, {})[number] = extra
    return orphans


def _tables(form: Form) -> list[str]:
    return [*(t.id for t in form.tables), REPORTS]


# --- status -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableStatus:
    title: str
    assigned: tuple[str, ...]
    complete: tuple[str, ...]


@dataclass(frozen=True)
class ReportStatus:
    plan_number: str
    plan_name: str
    sections: tuple[str, ...]
    complete_sections: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    department: str
    tables: dict[str, TableStatus]
    reports: tuple[ReportStatus, ...]
    orphans: dict[str, dict[str, dict[str, str]]]  # answers the current form has no place for

    def as_json(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "tables": {k: {"title": t.title, "assigned": list(t.assigned),
                           "complete": list(t.complete)} for k, t in self.tables.items()},
            "reports": [{"plan": r.plan_number, "name": r.plan_name,
                         "sections": list(r.sections),
                         "complete_sections": list(r.complete_sections)} for r in self.reports],
            "orphans": self.orphans,
        }


def _row_complete(spec: TableSpec, answers: Mapping[str, str]) -> bool:
    return all(answers.get(c.id, "").strip() for c in spec.answer_columns if c.required)


def workspace_status(ws: Workspace, form: Form) -> Status:
    """Per table the assigned row numbers and which are complete; the reports to write."""
    return status_of(ws.department, form, ws.rows(), ws.answers())


def status_of(department: str, form: Form, rows: Sequence[Row],
              answers: Mapping[str, Mapping[str, Mapping[str, str]]]) -> Status:
    """The status from rows and answers already in memory (the GUI's live refresh)."""
    work = Deliverables.of(rows)
    tables = {}
    for spec in form.tables:
        rows = work.table(spec.id)
        given = answers.get(spec.id, {})
        tables[spec.id] = TableStatus(
            title=spec.title,
            assigned=tuple(r.number for r in rows),
            complete=tuple(r.number for r in rows if _row_complete(spec, given.get(r.number, {}))),
        )
    reports = []
    for plan in work.plans:
        written = answers.get(REPORTS, {}).get(plan.number, {})
        ids = tuple(s.id for s in form.report.sections)
        reports.append(ReportStatus(
            plan_number=plan.number, plan_name=plan.fields.get("name", ""), sections=ids,
            complete_sections=tuple(i for i in ids if written.get(i, "").strip()),
        ))
    return Status(department, tables, tuple(reports), orphans_of(form, answers))


# --- data in and out ----------------------------------------------------------------------


def _fields_for(form: Form, table: str) -> tuple[str, ...]:
    if table == REPORTS:
        return tuple(s.id for s in form.report.sections)
    return tuple(c.id for c in form.table(table).answer_columns)


def export_data(ws: Workspace, form: Form) -> dict[str, Any]:
    """Every answer keyed by the commission's row numbers: the shape `fill` takes."""
    data: dict[str, Any] = {
        "schema": DATA_SCHEMA,
        "form": {"id": form.id, "version": form.version},
        "district": ws.meta.get("district", ""),
        "round": ws.meta.get("round", ""),
        "department": ws.department,
    }
    answers = ws.answers()
    for table in _tables(form):
        data[table] = answers.get(table, {})
    data[ACCEPTED] = ws.acceptances()
    return data


def parse_data(data: Any, ws: Workspace, form: Form) -> list[tuple[str, str, str, str]]:
    """Check a data.json document against the workspace; all problems are reported at once."""
    if not isinstance(data, dict):
        raise InputError("数据文件的顶层应为对象（{…}）")
    if data.get("department") not in (None, ws.department):
        raise InputError(f"数据文件属于“{data['department']}”，而本工作区属于“{ws.department}”")
    if data.get("round") not in (None, ws.meta.get("round")):
        raise InputError(f"数据文件属于评估轮次“{data['round']}”，"
                         f"而本工作区属于“{ws.meta.get('round')}”")
    work = Deliverables.of(ws.rows())
    items: list[tuple[str, str, str, str]] = []
    problems: list[str] = []
    known_tables = _tables(form)
    for table, by_row in data.items():
        if table in _HEADER_KEYS:
            continue
        if table not in known_tables:
            problems.append(f"未知的表“{table}”")
            continue
        if not isinstance(by_row, dict):
            problems.append(f"表“{table}”应为对象")
            continue
        numbers = {r.number for r in work.table(table)}
        fields = _fields_for(form, table)
        for number, values in by_row.items():
            number = str(number)
            if number not in numbers:
                problems.append(f"表“{table}”中的第 {number} 项不属于本单位")
                continue
            if not isinstance(values, dict):
                problems.append(f"表“{table}”第 {number} 项应为对象")
                continue
            for field, value in values.items():
                if field not in fields:
                    problems.append(f"表“{table}”第 {number} 项：未知的栏目“{field}”")
                elif (text := value_text(value)) is None:
                    problems.append(f"表“{table}”第 {number} 项“{field}”应为文字或数字"
                                    "（数字不超过 4000 位，文字中不能有无法识别的字符）")
                else:
                    items.append((table, number, field, text))
    if problems:
        raise InputError("数据文件有误：" + "；".join(problems[:20])
                         + ("……" if len(problems) > 20 else ""))
    return items


def value_text(value: object) -> str | None:
    """The text an answer value is stored as, or None when it cannot be one: not a string
    or finite number, a number too long to print, a lone surrogate in a string."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        text = str(value)  # an int past 4,300 digits raises ValueError
        text.encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return None
    return text


def _accepted(data: dict[str, Any]) -> dict[str, str]:
    accepted = data.get(ACCEPTED, {})
    if not isinstance(accepted, dict) or not all(
            isinstance(k, str) and value_text(k) is not None
            and isinstance(v, str) and value_text(v) is not None for k, v in accepted.items()):
        raise InputError(f"数据文件有误：“{ACCEPTED}”应为“警告标识: 理由”的对象")
    return accepted


def fill(ws: Workspace, form: Form, data: Any) -> int:
    """Set answers (and accepted warnings) from a data.json document. Returns changes made."""
    items = parse_data(data, ws, form)
    return ws.apply(items, _accepted(data))  # one transaction: all of it lands, or none


def validate_workspace(ws: Workspace, form: Form) -> tuple[Finding, ...]:
    """Every finding for the workspace, accepted warnings carrying their reasons."""
    return validate(form, ws.rows(), ws.answers(), ws.acceptances())

