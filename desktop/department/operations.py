"""The jobs a user does, as Qt-free functions shared by the CLI and the GUI."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.core import earlier as earlier_round
from desktop.core.collector import collector_paused
from desktop.core.division import Deliverables, department_rows
from desktop.core.earlier import Earlier
from desktop.core.errors import InputError
from desktop.core.model import Assignment
from desktop.core.roster import Roster, cell_names
from desktop.core.validation import Finding, validate
from desktop.department.sample import sample_answers
from desktop.department.status import (
    Status,
    answer_fields,
    answer_tables,
    orphans_of,
    status_of,
)
from desktop.forms import Form, find_form, load_form
from desktop.paths import demo_dir, demo_settings
from desktop.store import Workspace

DEFAULT_FORM: str = demo_settings()["form"]  # the demo's form, when none is named
DEMO_DEPARTMENT: str = demo_settings()["department"]
DEMO_FLAG = "demo"  # meta key: this workspace is the embedded demo (demo keys may be offered)
DATA_SCHEMA = "planeval.data/1"
ACCEPTED = "accepted"  # data.json key: accepted warnings, finding key -> reason
EARLIER = "earlier"  # data.json key: an earlier round's answers (read-only, carry_over.py)
_HEADER_KEYS = ("schema", "form", "district", "round", "department", ACCEPTED, EARLIER)
IMPORT_NOTES = "import_notes"  # meta key: what reading the division tables skipped


def roster_for(assignment: Assignment, form: Form) -> Roster:
    return Roster.build(form.units, cell_names(form.units, (r.units for r in assignment.rows)))


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
    path: Path, *, assignment: Sequence[Path] | Path, department: str, form_id: str = DEFAULT_FORM,
    earlier: Sequence[Earlier] = (), earlier_unit: str = "",
    extra_meta: Mapping[str, str] | None = None,
) -> Workspace:
    """Import the division tables and make the department's workspace from its share
    (with an earlier round's answers, which must be `earlier_unit`'s: carry_over.py)."""
    form = find_form(form_id)
    full, roster = read_tables(assignment, form)
    unit = roster.find(department)
    if unit is None:
        raise InputError(f"分工表中没有单位“{department}”，请检查单位名称"
                         f"（例如：{'、'.join(roster.examples())}）")
    if earlier_unit and unit != earlier_unit:
        raise InputError(f"上一轮工作区属于“{earlier_unit}”，而新工作区的单位是“{unit}”。"
                         "请选择本单位上一轮的工作区。")
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
        **(extra_meta or {}),
    }
    return Workspace.create(path, rows=rows, department=unit, meta=meta, earlier=earlier)


def create_demo(path: Path, *, filled: bool = False) -> Workspace:
    """The embedded demo: Putuo's 2023 mid-term tables, seen as 区科委."""
    ws = create_workspace(path, assignment=demo_dir(), department=DEMO_DEPARTMENT)
    ws.set_meta(DEMO_FLAG, "1", who="planeval")
    if filled:
        form = form_of(ws)
        fill(ws, form, sample_answers(ws.rows(), form))
    return ws


def form_of(ws: Workspace) -> Form:
    """The form definition the workspace was made with: the copy an assignment package
    brought (in the workspace's form/ folder), else the installed one of that id."""
    own = ws.path / "form"
    if (own / "form.json").is_file():
        return load_form(own)
    return find_form(ws.meta["form_id"])


def open_workspace(path: Path, *, notices: list[str] | None = None,
                   upgrade: bool = False, wait: float = 0.0) -> tuple[Workspace, Form]:
    """Open a workspace with its form, first moving its answers to a changed definition.

    A changed definition is carried over along its declared migrations, with a message
    appended to `notices`; a change with no declared path is refused (FormChanged) unless
    `upgrade` says the user asked for it (`planeval form upgrade`), which keeps whatever
    has no place in the new definition as orphans. `wait` seconds for another holder of
    the workspace to let go.
    """
    ws = Workspace.open(path, wait=wait)
    try:
        form = form_of(ws)
        notice = follow_definition(ws, form, upgrade=upgrade)
        if notice and notices is not None:
            notices.append(notice)
        return ws, form
    except Exception:
        ws.close()
        raise


class FormChanged(InputError):
    """The form definition changed in a way no declared migration carries the answers."""


def follow_definition(ws: Workspace, form: Form, *, upgrade: bool = False) -> str:
    """Bring the workspace to the current definition, or refuse; returns what was done."""
    version, digest = ws.meta.get("form_version", ""), ws.meta.get("form_hash", "")
    if (version, digest) == (form.version, form.hash):
        return ""
    path = form.migration_path(version)
    orphans = orphans_of(form, ws.answers())
    if version == form.version and not orphans:
        upgrade_form(ws, form)
        return (f"格式定义“{form.id}”的文件已更新（版本 {version} 未变，填报栏目未变），"
                "已改用新的定义")
    undeclared = path is None or version == form.version  # same version, other fields
    if undeclared and not upgrade and ws.answers():
        if version == form.version:
            why = (f"格式定义“{form.id}”已修改，但版本号仍为 {version}，"
                   f"且有 {_count(orphans)} 处已填内容在新定义中没有对应栏目")
        else:
            why = (f"本工作区按格式定义“{form.id}”版本 {version} 创建，现有定义为版本 "
                   f"{form.version}，且未声明从 {version} 到 {form.version} 的迁移（migrations）")
        raise FormChanged(f"{why}。为免填报内容错位，未打开工作区。请使用原版本的格式定义，"
                          "或请区发改委在 form.json 中声明迁移；确需按新定义打开时，运行 "
                          "planeval form upgrade 工作区，无处安放的内容将保留并列出。")
    moved = upgrade_form(ws, form)
    left = _count(orphans_of(form, ws.answers()))
    kept = f"，另有 {left} 处内容无对应栏目，已保留（status 列出）" if left else ""
    if undeclared:
        return f"已按格式定义“{form.id}”当前的版本 {form.version} 打开{kept}。"
    return (f"格式定义“{form.id}”已从版本 {version} 更新为 {form.version}：按声明的迁移移动了 "
            f"{moved} 处内容{kept}。")


def _count(orphans: Mapping[str, Mapping[str, Mapping[str, str]]]) -> int:
    return sum(len(v) for rows in orphans.values() for v in rows.values())


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


# --- status -------------------------------------------------------------------------------


def workspace_status(ws: Workspace, form: Form) -> Status:
    """Per table the assigned row numbers and which are complete; the reports to write."""
    return status_of(ws.department, form, ws.rows(), ws.answers())


# --- data in and out ----------------------------------------------------------------------


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
    for table in answer_tables(form):
        data[table] = answers.get(table, {})
    data[ACCEPTED] = ws.acceptances()
    if earlier := ws.earlier():
        data[EARLIER] = earlier_round.by_row(earlier)
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
    known_tables = answer_tables(form)
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
        fields = answer_fields(form, table)
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
    """Every finding for the workspace, accepted warnings carrying their reasons, and the
    commission's comments still waiting for an answer."""
    from desktop.department.notes import comment_findings

    with collector_paused():  # reading 21k answers at 100x, then checking them
        found = validate(form, ws.rows(), ws.answers(), ws.acceptances())
    return found + comment_findings(ws, form)

