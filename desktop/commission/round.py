"""The commission's round: made from the division tables and a form, with its roster."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from desktop.core.division import Deliverables, department_rows
from desktop.core.errors import InputError
from desktop.core.model import Assignment, Row
from desktop.core.roster import Roster
from desktop.forms import Form, find_form, load_form
from desktop.store.commission import CommissionWorkspace
from desktop.store.connection import translated

FORM_DIR = "form"  # the round's frozen copy of its form definition folder


def create_round(path: Path, *, assignment: Sequence[Path] | Path, form_id: str,
                 commission: str = "") -> CommissionWorkspace:
    """A new round in folder `path` from the division tables, for form `form_id`."""
    from desktop.department.operations import read_tables  # openpyxl: only when importing

    form = find_form(form_id)
    full, roster = read_tables(assignment, form)
    units = [u for u in roster.units if department_rows(full, roster, u)]
    if not units:
        raise InputError("分工表中没有任何单位被分配了指标、任务或规划，无法创建轮次。")
    meta = {
        "district": form.district, "round": form.round, "form_id": form.id,
        "form_version": form.version, "form_hash": form.hash,
        "commission": commission.strip() or f"{form.district}发展和改革委员会",
        "sources": "；".join(Path(s).name for s in full.sources),
    }
    stages = [{"id": s.id, "title": s.title, "due": s.due.isoformat() if s.due else "",
               "signoff": int(s.signoff)} for s in form.stages]
    cws = CommissionWorkspace.create(path, meta=meta, stages=stages, units=units,
                                     rows=full.rows)
    try:
        with translated(cws.path, saving=True):
            shutil.copytree(form.folder, cws.path / FORM_DIR)
    except BaseException:
        cws.close()
        raise
    return cws


def round_form(cws: CommissionWorkspace) -> Form:
    """The round's own copy of its form definition, as it was when the round was made."""
    form = load_form(cws.path / FORM_DIR)
    if form.hash != cws.meta.get("form_hash"):
        raise InputError(f"轮次文件夹中的填报格式定义（{cws.path / FORM_DIR}）被改动过，"
                         "与创建轮次时不一致。请从备份恢复该文件夹。")
    return form


def roster_of(cws: CommissionWorkspace, form: Form) -> Roster:
    rows = cws.rows()
    return Roster.build(form.units, Assignment(rows).all_units())


def unit_rows(cws: CommissionWorkspace, form: Form, unit: str) -> tuple[Row, ...]:
    """Every row the unit answers for, alone or with others (collectives expanded)."""
    return department_rows(Assignment(cws.rows()), roster_of(cws, form), unit)


def unit_deliverables(cws: CommissionWorkspace, form: Form) -> dict[str, Deliverables]:
    """What each roster unit must submit."""
    full = Assignment(cws.rows())
    roster = roster_of(cws, form)
    return {u["name"]: Deliverables.of(department_rows(full, roster, u["name"]))
            for u in cws.units()}


def find_unit(cws: CommissionWorkspace, form: Form, name: str) -> str:
    """The roster unit for a name or alias; a Chinese refusal naming real examples."""
    found = roster_of(cws, form).find(name)
    known = [u["name"] for u in cws.units()]
    if found not in known:
        examples = "、".join(known[:3])
        raise InputError(f"本轮次的名单中没有单位“{name}”（例如：{examples}）。")
    return str(found)


def import_contacts(cws: CommissionWorkspace, form: Form, path: Path) -> tuple[int, list[str]]:
    """Contacts from an xlsx address list; returns (units updated, names not on the roster)."""
    from desktop.io.roster_xlsx import read_contacts

    roster = roster_of(cws, form)
    known = {u["name"] for u in cws.units()}
    matched, unknown = [], []
    for c in read_contacts(path):
        unit = roster.find(c["name"])
        if unit is not None and unit in known:
            matched.append({**c, "name": unit})
        else:
            unknown.append(c["name"])
    return cws.set_contacts(matched), unknown
