"""A unit's workspace for a compilation round (编制): the topics (or plans) it leads and
those it supports, the documents it delivers at each stage, and their signed packages.

The workspace is the same store as an evaluation's: the subject rows are its read-only
rows, each document's parts are answers of that row under "<deliverable>.<field>"
(title, authors, summary, one per outline section, file, signoff_leader/date), so
autosave, history and undo come with it. An attached docx/pdf is kept in
`<workspace>/documents/`; the sealed packages are recorded in meta ("sealed:…").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.compilation import DOCUMENT_FIELDS, ROLE_TITLES, CompilationForm, Deliverable
from desktop.core.compilation_timeline import Entry, timeline
from desktop.core.compilation_work import (
    FILE,
    SIGNOFF_DATE,
    SIGNOFF_LEADER,
    document_of,
    field_key,
    named_units,
    outline,
    problems,
    roster_of,
    subject_rows,
)
from desktop.core.errors import InputError, PlanevalError
from desktop.core.model import Row
from desktop.department import attachments
from desktop.forms.compilation import KIND, find_compilation
from desktop.io.compilation_xlsx import read_subjects
from desktop.io.outbox import write_into
from desktop.io.package import ManifestInfo, build_package, package_file_name
from desktop.io.package_names import ATTACHMENTS, DATA_NAME, safe_name
from desktop.store import Workspace

if TYPE_CHECKING:
    from desktop.signing.keys import SigningIdentity

DOCUMENTS = "documents"
DOCUMENT_SUFFIXES = (".docx", ".pdf")
SEALED = "sealed:"
DATA_SCHEMA = "planeval.data/1"
DELIVERABLE = "deliverable"


class SealRefused(PlanevalError):
    """The document cannot be sealed yet (parts missing, no sign-off, wrong key)."""


@dataclass(frozen=True)
class Sealed:
    path: Path
    sha256: str
    submission_id: str


def create(path: Path, form: CompilationForm, sources: Sequence[Path], unit: str) -> Workspace:
    """A unit's compilation workspace from the commission's division tables."""
    rows = read_subjects(sources, form)
    roster = roster_of(form, rows)
    found = roster.find(unit)
    if found is None:
        raise InputError(f"分工表中没有单位“{unit}”。请按分工表中的写法填写单位名称，"
                         f"如“{'”“'.join(roster.examples())}”。")
    mine = subject_rows(form, rows, roster, found)
    if not mine:
        raise InputError(f"分工表中没有“{found}”牵头或配合的"
                         + "、".join(s.label for s in form.subjects) + "。")
    kept = [Row(r.table, r.number, r.category, r.group, dict(r.fields) | {
        "role": role, "named": "是" if found in named_units(r, role, roster) else ""},
        r.units) for r, role in mine]
    meta = {"kind": KIND, "district": form.district, "round": form.round, "form_id": form.id,
            "form_version": form.version, "form_hash": form.hash}
    return Workspace.create(path, rows=kept, department=found, meta=meta)


def open_workspace(path: Path) -> tuple[Workspace, CompilationForm]:
    ws = Workspace.open(path)
    try:
        if ws.meta.get("kind") != KIND:
            raise InputError(f"“{path}”是评估工作区，不是编制工作区：请用 planeval status 等命令。")
        return ws, find_compilation(ws.meta["form_id"])
    except BaseException:
        ws.close()
        raise


def work_item(ws: Workspace, form: CompilationForm, deliverable_id: str,
              number: str) -> tuple[Deliverable, Row]:
    """The stage and the unit's row it is about; an unknown stage or row, or a stage of
    the other role, is refused in Chinese."""
    deliverable = form.deliverable(deliverable_id)
    if deliverable is None:
        raise InputError(f"未知的报送材料“{deliverable_id}”，应为 "
                         + "、".join(f"{d.id}（{d.title}）" for d in form.deliverables))
    row = next((r for r in ws.rows(deliverable.subject) if r.number == number), None)
    if row is None:
        raise InputError(f"本单位的分工中没有序号为“{number}”的{_label(form, deliverable)}。")
    if row.fields.get("role") != deliverable.by:
        role = ROLE_TITLES[deliverable.by]
        raise InputError(f"“{deliverable.title}”由{role}单位报送，本单位在“{row.title}”中"
                         f"不是{role}单位。")
    return deliverable, row


def _label(form: CompilationForm, deliverable: Deliverable) -> str:
    subject = form.subject(deliverable.subject)
    return subject.label if subject else deliverable.subject


def write(ws: Workspace, form: CompilationForm, deliverable_id: str, number: str,
          parts: dict[str, str]) -> int:
    """Set a document's title, authors, summary or outline sections; returns how many changed."""
    deliverable, row = work_item(ws, form, deliverable_id, number)
    known = {k for k, _ in DOCUMENT_FIELDS} | {p.id for p in outline(form, deliverable, row)}
    for key in parts:
        if key not in known:
            raise InputError(f"“{deliverable.title}”没有名为“{key}”的部分，应为 "
                             + "、".join(sorted(known)))
    return ws.set_answers((row.table, row.number, field_key(deliverable, k), v)
                          for k, v in parts.items())


def attach(ws: Workspace, form: CompilationForm, deliverable_id: str, number: str,
           source: Path) -> Path:
    """Keep a document written in Word/WPS (docx or pdf) as this deliverable's text."""
    deliverable, row = work_item(ws, form, deliverable_id, number)
    if source.suffix.lower() not in DOCUMENT_SUFFIXES:
        raise InputError("只能附上 Word/WPS 保存的 .docx 或 .pdf 文档。", file=source.name)
    data = attachments.read_source(source)
    folder = ws.path / DOCUMENTS
    folder.mkdir(exist_ok=True)
    name = f"{deliverable.id}-{row.number}{source.suffix.lower()}"
    kept = write_into(folder, name, data)
    ws.set_answer(row.table, row.number, field_key(deliverable, FILE), safe_name(source.name))
    return kept


def signoff(ws: Workspace, form: CompilationForm, deliverable_id: str, number: str,
            leader: str, date: dt.date) -> None:
    """Record the leader's approval the form asks of this deliverable."""
    deliverable, row = work_item(ws, form, deliverable_id, number)
    if deliverable.signoff is None:
        raise InputError(f"“{deliverable.title}”无需领导审阅签字。")
    if not leader.strip():
        raise InputError(f"请填写{deliverable.signoff.by}的姓名。")
    ws.set_answers([(row.table, row.number, field_key(deliverable, SIGNOFF_LEADER), leader.strip()),
                    (row.table, row.number, field_key(deliverable, SIGNOFF_DATE),
                     date.isoformat())])


def _members(ws: Workspace, form: CompilationForm, deliverable: Deliverable, row: Row,
             doc: dict[str, str], created: dt.datetime) -> dict[str, bytes]:
    from desktop.io.deliverable_docx import build_deliverable_docx  # python-docx on use

    name = safe_name(f"{deliverable.document}-{row.title}", limit=120)
    members: dict[str, bytes] = {}
    if doc.get(FILE):
        suffix = Path(doc[FILE]).suffix.lower()
        data = (ws.path / DOCUMENTS / f"{deliverable.id}-{row.number}{suffix}").read_bytes()
        members[f"{name}{suffix}" if suffix == ".docx" else f"{ATTACHMENTS}{name}{suffix}"] = data
    else:
        sign = _signoff_json(deliverable, doc)
        members[f"{name}.docx"] = build_deliverable_docx(
            title=doc["title"], unit=ws.department, about=row.title, authors=doc["authors"],
            summary=doc["summary"], date=created.date(), signoff=sign,
            sections=[(p.title, doc.get(p.id, "")) for p in outline(form, deliverable, row)])
    return members


def _signoff_json(deliverable: Deliverable, doc: dict[str, str]) -> dict[str, str] | None:
    if deliverable.signoff is None or not doc.get(SIGNOFF_LEADER):
        return None
    return {"title": deliverable.signoff.title, "leader": doc[SIGNOFF_LEADER],
            "date": doc.get(SIGNOFF_DATE, "")}


def data_json(ws: Workspace, form: CompilationForm, deliverable: Deliverable, row: Row,
              doc: dict[str, str]) -> bytes:
    """data.json of a deliverable package: the document's parts, its subject row and role."""
    sign = _signoff_json(deliverable, doc)
    data: dict[str, Any] = {
        "schema": DATA_SCHEMA, "kind": DELIVERABLE,
        "form": {"id": form.id, "version": form.version},
        "department": ws.department, "district": form.district, "round": form.round,
        "stage": deliverable.id, "subject": row.table, "number": row.number,
        "name": row.title, "role": row.fields.get("role", ""),
        "document": {k: v for k, v in doc.items() if k not in (SIGNOFF_LEADER, SIGNOFF_DATE)},
        "signoff": {"leader": sign["leader"], "date": sign["date"]} if sign else None,
        "findings": [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def seal(ws: Workspace, form: CompilationForm, deliverable_id: str, number: str, *,
         identity: SigningIdentity, out_dir: Path,
         created: dt.datetime | None = None) -> Sealed:
    """Sign this stage's package into `out_dir`; refused while anything is missing."""
    from desktop.signing.cms import signer_for

    deliverable, row = work_item(ws, form, deliverable_id, number)
    if identity.department != ws.department:
        raise SealRefused(f"签名证书属于“{identity.department}”，与本工作区的单位"
                          f"“{ws.department}”不一致，请选择本单位的证书")
    answers = ws.answers().get(row.table, {}).get(row.number, {})
    missing = problems(form, deliverable, row, answers)
    if missing:
        raise SealRefused(f"“{deliverable.title}”还不能打包：" + "；".join(missing) + "。")
    created = created or dt.datetime.now().astimezone().replace(microsecond=0)
    doc = document_of(deliverable, answers)
    members = _members(ws, form, deliverable, row, doc, created)
    members[DATA_NAME] = data_json(ws, form, deliverable, row, doc)
    info = ManifestInfo(district=form.district, round=form.round, department=ws.department,
                        stage=deliverable.id, form_id=form.id, form_hash=form.hash,
                        created=created, kind=DELIVERABLE, item=f"{row.table}/{row.number}")
    package = build_package(members, manifest=info, sign=signer_for(identity))
    label = f"{_label(form, deliverable)}{row.number}-{deliverable.title}"
    name = package_file_name(form.district, ws.department, form.round, label, created.date())
    path = write_into(out_dir, name, package)
    digest = hashlib.sha256(package).hexdigest()
    record = {"stage": deliverable.id, "file_name": name, "sha256": digest,
              "submission_id": info.submission_id, "destination": str(out_dir)}
    ws.log_export(record)
    ws.set_meta(f"{SEALED}{deliverable.id}:{row.number}",
                json.dumps(record | {"created": created.isoformat()}, ensure_ascii=False))
    return Sealed(path, digest, info.submission_id)


def sealed_on(ws: Workspace) -> dict[tuple[str, str, str], dt.date]:
    """When each document was sealed: {(unit, deliverable, number): date}."""
    out = {}
    for key, value in ws.meta.items():
        if key.startswith(SEALED) and value:
            deliverable, _, number = key[len(SEALED):].partition(":")
            created = dt.datetime.fromisoformat(json.loads(value)["created"])
            out[(ws.department, deliverable, number)] = created.date()
    return out


def owed(ws: Workspace, form: CompilationForm) -> list[tuple[str, Row, Deliverable]]:
    """Every document this unit owes: per row, the deliverables of its role; a row the
    unit supports only as one of a collective ("区各相关部门") owes nothing."""
    return [(ws.department, row, d) for row in ws.rows() if row.fields.get("named")
            for d in form.deliverables_of(row.table, row.fields.get("role", ""))]


def unit_timeline(ws: Workspace, form: CompilationForm, on: dt.date) -> tuple[Entry, ...]:
    return timeline(form, owed(ws, form), sealed_on(ws), on)
