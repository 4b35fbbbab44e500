"""Export: the commission's documents, data.json and the signed package, logged in the workspace.

The form declares the stages (初稿, 定稿, or a topic outline, first draft, formal draft and
final). A stage may carry open problems, which travel in data.json, unless the form says it
needs zero errors (`no_errors`) or the district leader's sign-off recorded beforehand
(`signoff`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.core.division import Deliverables
from desktop.core.errors import PlanevalError, os_reason
from desktop.core.form import DEFAULT_DOCUMENT, Form, Stage, TableSpec
from desktop.core.model import Row
from desktop.core.validation import Finding
from desktop.department import attachments
from desktop.department.notes import responses
from desktop.department.operations import export_data, validate_workspace
from desktop.forms.export_spec import load_export_spec
from desktop.io.outbox import write_into
from desktop.io.package import ManifestInfo, build_package, package_file_name
from desktop.io.package_names import safe_name
from desktop.signing.errors import KeyFileError
from desktop.store import Workspace

if TYPE_CHECKING:
    from desktop.signing.keys import SigningIdentity

T = TypeVar("T")
Answers = Mapping[str, Mapping[str, Mapping[str, str]]]
Packed = tuple[str, bytes, "ManifestInfo"]

SIGNOFF_LEADER, SIGNOFF_DATE = "signoff_leader", "signoff_date"


class ExportRefused(PlanevalError):
    """The package cannot be made yet (errors left, no sign-off, wrong key)."""


@dataclass(frozen=True)
class Signoff:
    leader: str
    date: dt.date

    def as_json(self) -> dict[str, str]:
        return {"leader": self.leader, "date": self.date.isoformat()}


@dataclass(frozen=True)
class Exported:
    path: Path
    sha256: str
    submission_id: str
    findings: tuple[Finding, ...]


def load_identity(path: Path, passphrase: str) -> SigningIdentity:
    """The signing key and certificate from a PKCS#12 file or a planeval key store."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise KeyFileError(f"无法读取密钥文件“{path}”：{os_reason(exc)}") from None
    from desktop.signing.keys import import_pkcs12  # cryptography: only when signing
    from desktop.signing.keystore import load_keystore

    if data.lstrip().startswith(b"{"):
        return load_keystore(data, passphrase).identity()
    return import_pkcs12(data, passphrase)


def record_signoff(ws: Workspace, leader: str, date: dt.date) -> None:
    """Record the district leader's sign-off for the final stage (name and date)."""
    if not leader.strip():
        raise ExportRefused("请填写审核签字的分管区领导姓名")
    ws.set_meta(SIGNOFF_LEADER, leader.strip())
    ws.set_meta(SIGNOFF_DATE, date.isoformat())


def signoff_of(ws: Workspace) -> Signoff | None:
    leader, date = ws.meta.get(SIGNOFF_LEADER, ""), ws.meta.get(SIGNOFF_DATE, "")
    if not leader or not date:
        return None
    return Signoff(leader, dt.date.fromisoformat(date))


def stage_of(form: Form, stage: str) -> Stage:
    """The form's stage with id `stage`; an unknown id is refused, naming the known ones."""
    found = form.stage(stage)
    if found is None:
        raise ExportRefused(f"未知的报送阶段“{stage}”，应为 "
                            + "、".join(f"{s.id}（{s.title}）" for s in form.stages))
    return found


def check_stage(form: Form, stage: str, findings: tuple[Finding, ...],
                signoff: Signoff | None) -> None:
    """Refuse, in Chinese, a stage that needs zero errors or the leader's sign-off and
    lacks them."""
    declared = stage_of(form, stage)
    errors = [f for f in findings if f.blocking]
    if declared.no_errors and errors:
        raise ExportRefused(f"{declared.title}须无错误才能导出，目前还有 {len(errors)} 个错误，"
                            f"例如：{errors[0].message}")
    if declared.signoff and signoff is None:
        raise ExportRefused(f"{declared.title}须经分管区领导审核签字：请先登记领导姓名和签字日期")


def documents(ws: Workspace, form: Form, *, date: dt.date,
              signoff: Signoff | None) -> dict[str, bytes]:
    """The commission's documents for this department, by file name in the package."""
    return _documents(form, ws.department, ws.rows(), ws.answers(), date=date, signoff=signoff)


def _documents(form: Form, department: str, rows: Sequence[Row], answers: Answers, *,
               date: dt.date, signoff: Signoff | None) -> dict[str, bytes]:
    from desktop.io.report_docx import build_report_docx  # python-docx and openpyxl load
    from desktop.io.tables_xlsx import build_table_xlsx  # only when documents are made

    spec = load_export_spec(form)
    work = Deliverables.of(rows)
    members: dict[str, bytes] = {}
    document = form.report.document
    for plan in work.plans:
        name = report_file_name(plan.fields.get("name", plan.number), document)
        if name in members:  # two plans of one name: the row number tells them apart
            name = report_file_name(f"{plan.fields.get('name', '')}（{plan.number}）", document)
        members[name] = build_report_docx(
            form, spec, plan, department, answers.get("reports", {}).get(plan.number, {}),
            date=date, signoff=signoff.as_json() if signoff else None, rows=rows,
            answers=answers)
    for table in form.tables:
        if work.table(table.id):
            members[table_file_name(table)] = build_table_xlsx(form, spec, table.id, rows,
                                                               answers, date=date)
    return members


# The documents from rows and answers read beforehand: the GUI builds them on a worker.
document_bytes = _documents


def report_file_name(plan_name: str, document: str = DEFAULT_DOCUMENT) -> str:
    """"<document>-<plan>.docx" (自评报告-…, 中期评估报告-…), with characters no file
    system accepts replaced."""
    return f"{safe_name(document)}-{safe_name(plan_name)}.docx"


def table_file_name(table: TableSpec) -> str:
    """"附件6-主要指标评估表.xlsx": the attachment number, if any, then the table's title."""
    name = f"{table.attachment}-{table.title}" if table.attachment else table.title
    return safe_name(name) + ".xlsx"


def data_json(ws: Workspace, form: Form, *, stage: str, findings: tuple[Finding, ...],
              signoff: Signoff | None) -> bytes:
    """data.json: every answer and accepted reason, the stage, sign-off and open findings."""
    data: dict[str, Any] = export_data(ws, form)
    data["stage"] = stage
    data["signoff"] = signoff.as_json() if signoff else None
    data["findings"] = [f.as_json() for f in findings]
    if answered := responses(ws):
        data["responses"] = answered
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


@dataclass(frozen=True)
class Submission:
    """Everything a package is made from, read out of the workspace: making the package
    from it needs no database, so it may run on a worker thread."""

    form: Form
    department: str
    stage: str
    created: dt.datetime
    rows: tuple[Row, ...]
    answers: Answers
    signoff: Signoff | None
    findings: tuple[Finding, ...]
    evidence: dict[str, bytes]
    data: bytes  # data.json
    assignment: str = ""  # SHA-256 of the assignment package the workspace was made from


def gather(ws: Workspace, form: Form, *, stage: str, identity: SigningIdentity,
           created: dt.datetime, findings: tuple[Finding, ...] | None = None) -> Submission:
    """Read the submission; refuses another unit's key and a stage the workspace is not
    ready for. `findings` are the workspace's as validated just before, if the caller has
    them (the export page checks the stage first); otherwise it is validated here."""
    if identity.department != ws.department:
        raise ExportRefused(f"签名证书属于“{identity.department}”，与本工作区的单位"
                            f"“{ws.department}”不一致，请选择本单位的证书")
    if findings is None:
        findings = validate_workspace(ws, form)
    signoff = signoff_of(ws)
    check_stage(form, stage, findings, signoff)
    return Submission(
        form=form, department=ws.department, stage=stage, created=created, rows=ws.rows(),
        answers=ws.answers(), signoff=signoff, findings=findings,
        evidence=attachments.members(ws),
        data=data_json(ws, form, stage=stage, findings=findings, signoff=signoff),
        assignment=ws.meta.get("assignment", ""))


def pack(sub: Submission, identity: SigningIdentity) -> tuple[str, bytes, ManifestInfo]:
    """The package's file name, bytes and manifest: documents, evidence, data, signature."""
    from desktop.signing.cms import signer_for

    form = sub.form
    members = _documents(form, sub.department, sub.rows, sub.answers,
                         date=sub.created.date(), signoff=sub.signoff)
    members.update(sub.evidence)
    members["data.json"] = sub.data
    info = ManifestInfo(district=form.district, round=form.round, department=sub.department,
                        stage=sub.stage, form_id=form.id, form_hash=form.hash,
                        created=sub.created, assignment=sub.assignment)
    package = build_package(members, manifest=info, sign=signer_for(identity))
    name = package_file_name(form.district, sub.department, form.round,
                             stage_of(form, sub.stage).title, sub.created.date())
    return name, package, info


def build_submission(ws: Workspace, form: Form, *, stage: str, identity: SigningIdentity,
                     created: dt.datetime, findings: tuple[Finding, ...] | None = None
                     ) -> tuple[str, bytes, ManifestInfo, tuple[Finding, ...]]:
    """The package's file name and bytes; refuses a stage the workspace is not ready for."""
    sub = gather(ws, form, stage=stage, identity=identity, created=created, findings=findings)
    return (*pack(sub, identity), sub.findings)


def _now(work: Callable[[], T]) -> T:
    return work()


def export_package(ws: Workspace, form: Form, *, out_dir: Path, stage: str,
                   identity: SigningIdentity, created: dt.datetime | None = None,
                   run: Callable[[Callable[[], Packed]], Packed] = _now,
                   findings: tuple[Finding, ...] | None = None) -> Exported:
    """Build, write into `out_dir` and log the package; the workspace is only read and logged.

    `run` runs the slow part (documents, zip, signature); the GUI passes one that runs it
    on a worker thread and keeps the window painting meanwhile. `findings`, if given, are
    the workspace's as just validated (see `gather`).
    """
    created = created or dt.datetime.now().astimezone().replace(microsecond=0)
    sub = gather(ws, form, stage=stage, identity=identity, created=created, findings=findings)
    name, package, info = run(lambda: pack(sub, identity))
    findings = sub.findings
    path = write_into(out_dir, name, package)
    digest = hashlib.sha256(package).hexdigest()
    ws.log_export({"stage": stage, "file_name": name, "sha256": digest,
                   "submission_id": info.submission_id, "destination": str(out_dir)})
    return Exported(path, digest, info.submission_id, findings)
