"""The commission tracks a compilation round: who owes which document for which topic or
plan (from its division tables), which packages came in (verified like any package), and
for a given date what is done, due or late against the form's due dates and milestones.

A unit reached only through a collective phrase ("区各相关部门配合") may contribute but
owes nothing: only units the tables name owe a document.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from desktop.core.compilation import LEAD, SUPPORT, CompilationForm, Deliverable
from desktop.core.compilation_timeline import Entry, timeline
from desktop.core.compilation_work import named_units, roster_of
from desktop.core.model import Row
from desktop.io.package_names import DATA_NAME

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
