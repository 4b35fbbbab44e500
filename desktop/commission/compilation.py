"""The commission tracks a compilation round: who owes which document for which topic or
plan (from its division tables), which packages came in (verified like any package), and
for a given date what is done, due or late against the form's due dates and milestones.

Either kept in a commission round (`create_compile_round`: the round's store, with its
roster, keys and intake; stages are the deliverables, packages kept per item) or, without
a round, from a folder of packages (`receive`).

A unit reached only through a collective phrase ("区各相关部门配合") may contribute but
owes nothing: only units the tables name owe a document.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from desktop.commission.round import FORM_DIR
from desktop.core.compilation import LEAD, SUPPORT, CompilationForm, Deliverable
from desktop.core.compilation_timeline import Entry, timeline
from desktop.core.compilation_work import named_units, roster_of
from desktop.core.errors import InputError
from desktop.core.model import Row
from desktop.forms.compilation import find_compilation, load_compilation
from desktop.io.compilation_xlsx import read_subjects
from desktop.io.package_names import DATA_NAME
from desktop.store.commission import CommissionWorkspace
from desktop.store.connection import translated

VALID = ("received", "accepted", "returned", "superseded")  # a package that came in valid

DELIVERABLE = "deliverable"


@dataclass(frozen=True)
class Received:
    file: str
    ok: bool
    message: str
    unit: str = ""
    deliverable: str = ""
    number: str = ""
    created: dt.datetime | None = None


def owed(form: CompilationForm, rows: Sequence[Row]) -> list[tuple[str, Row, Deliverable]]:
    """Every (unit, row, deliverable) the division tables make someone owe."""
    roster = roster_of(form, tuple(rows))
    out = []
    for row in rows:
        for role in (LEAD, SUPPORT):
            for unit in named_units(row, role, roster):
                if roster.find(unit) is not None:
                    out += [(unit, row, d) for d in form.deliverables_of(row.table, role)]
    return out


def receive(paths: Sequence[Path], form: CompilationForm, *,
            trust: Sequence[x509.Certificate], at: dt.datetime | None = None
            ) -> tuple[Received, ...]:
    """Verify each package; a valid one of this round says who delivered what, when."""
    from desktop.commission.verify import verify_package

    out = []
    for path in paths:
        result = verify_package(path, trust=trust, at=at)
        info = result.manifest
        if not result.ok or info is None:
            out.append(Received(path.name, False, result.message_zh))
            continue
        if info.kind != DELIVERABLE or info.form_id != form.id:
            out.append(Received(path.name, False, "不是本编制轮次的材料包"))
            continue
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
            number = str(json.loads(zf.read(DATA_NAME)).get("number", ""))
        out.append(Received(path.name, True, result.message_zh, info.department, info.stage,
                            number, info.created))
    return tuple(out)


def track(form: CompilationForm, rows: Sequence[Row], received: Sequence[Received],
          on: dt.date) -> tuple[Entry, ...]:
    """Every owed document with its state on `on`; the earliest valid package counts."""
    done: dict[tuple[str, str, str], dt.date] = {}
    for r in received:
        if r.ok and r.created is not None:
            key = (r.unit, r.deliverable, r.number)
            done[key] = min(done.get(key, r.created.date()), r.created.date())
    return timeline(form, owed(form, rows), done, on)


def create_compile_round(path: Path, *, assignment: Sequence[Path], form_id: str,
                         commission: str = "") -> CommissionWorkspace:
    """A commission round for a compilation form: the units that owe something, the
    subject rows, a stage per deliverable; `planeval commission intake` takes packages in."""
    form = find_compilation(form_id)
    rows = read_subjects(assignment, form)
    units = list(dict.fromkeys(unit for unit, _, _ in owed(form, rows)))
    meta = {"kind": "compilation", "district": form.district, "round": form.round,
            "form_id": form.id, "form_version": form.version, "form_hash": form.hash,
            "commission": commission.strip() or f"{form.district}发展和改革委员会",
            "sources": "；".join(Path(p).name for p in assignment)}
    stages = [{"id": d.id, "title": d.title, "due": d.due.isoformat() if d.due else "",
               "signoff": int(d.signoff is not None)} for d in form.deliverables]
    cws = CommissionWorkspace.create(path, meta=meta, stages=stages, units=units, rows=rows)
    try:
        with translated(cws.path, saving=True):
            shutil.copytree(form.folder or Path(), cws.path / FORM_DIR)
    except BaseException:
        cws.close()
        raise
    return cws


def round_compilation(cws: CommissionWorkspace) -> CompilationForm:
    """The round's own copy of its compilation form, checked against the round's hash."""
    if cws.meta.get("kind") != "compilation":
        raise InputError("这个轮次不是编制轮次：请用 planeval commission dashboard 查看。")
    form = load_compilation(cws.path / FORM_DIR)
    if form.hash != cws.meta.get("form_hash"):
        raise InputError(f"轮次文件夹中的格式定义（{cws.path / FORM_DIR}）被改动过，"
                         "与创建轮次时不一致。请从备份恢复该文件夹。")
    return form


def round_received(cws: CommissionWorkspace) -> tuple[Received, ...]:
    """The valid packages the round took in, as `track` takes them."""
    found = cws.query(
        f"SELECT file_name, message, unit, stage, item, created FROM packages WHERE status IN "
        f"({','.join('?' * len(VALID))}) AND item != '' ORDER BY created", VALID)
    return tuple(Received(r["file_name"], True, r["message"], r["unit"], r["stage"],
                          r["item"].partition("/")[2], dt.datetime.fromisoformat(r["created"]))
                 for r in found)


def round_track(cws: CommissionWorkspace, on: dt.date) -> tuple[Entry, ...]:
    """Every owed document of the round with its state on `on`."""
    return track(round_compilation(cws), cws.rows(), round_received(cws), on)
