"""The commission's answers to a package: a receipt (已确认) or a return note (退回修改).

A note is checked against the commission CA the assignment package brought (or a
certificate the clerk names), must be for this unit and round, and is kept in the
workspace. A return note's comments stay open, as problems at their cell or section,
until the clerk answers each; the next package carries the answers (`responses`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import InputError, os_reason
from desktop.core.form import Form
from desktop.core.validation import Finding, Location, Severity
from desktop.io.package_names import NOTE_NAME, NOTE_SCHEMA
from desktop.store import Workspace
from desktop.store.connection import translated
from desktop.store.records import now_utc

if TYPE_CHECKING:
    from cryptography import x509

COMMENT_RULE = "commission-comment"
MAX_NOTE = 8 * 1024 * 1024


@dataclass(frozen=True)
class Comment:
    note: str
    id: int
    table: str
    number: str
    field: str
    text: str
    answer: str

    @property
    def open(self) -> bool:
        return not self.answer.strip()


def import_note(ws: Workspace, path: Path, trust: Sequence[x509.Certificate] = ()
                ) -> dict[str, Any]:
    """Check and keep a receipt or return note; returns note.json."""
    from desktop.commission.signed_zip import open_signed_zip  # cryptography: only here
    from desktop.commission.verify_cms import Rejected
    from desktop.department.assignment import COMMISSION, commission_ca_of

    anchors = list(trust) or [c for c in [commission_ca_of(ws)] if c is not None]
    if not anchors:
        raise InputError("本工作区不是由区发改委的任务包创建的，无法核对回执的签名："
                         "请同时指定区发改委的证书。")
    try:
        if Path(path).stat().st_size > MAX_NOTE:
            raise InputError(f"“{Path(path).name}”过大，不是区发改委的回执或退回意见。")
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件“{path}”：{os_reason(exc)}") from exc
    try:
        opened = open_signed_zip(raw, schema=NOTE_SCHEMA, allowed=lambda n: n == NOTE_NAME,
                                 trust=anchors)
        note = json.loads(opened.members[NOTE_NAME].decode("utf-8"))
    except Rejected as r:
        raise InputError(f"“{Path(path).name}”未通过核验：{r.message}") from r
    except (KeyError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"“{Path(path).name}”的内容不完整。") from exc
    info = opened.info
    commission = ws.meta.get(COMMISSION) or info.get("commission")
    if opened.signer.common_name != commission or info.get("commission") != commission:
        raise InputError(f"“{Path(path).name}”不是由{commission}签发的。")
    if (info.get("unit"), info.get("round")) != (ws.department, ws.meta.get("round")):
        raise InputError(f"“{Path(path).name}”是发给“{info.get('unit')}”"
                         f"（{info.get('round')}）的，不是本单位本轮次的。")
    _keep(ws, hashlib.sha256(raw).hexdigest(), note)
    return dict(note)


def _keep(ws: Workspace, sha: str, note: dict[str, Any]) -> None:
    with translated(ws.path, saving=True), ws.db.atomic():
        db = ws.db
        if db.execute("SELECT 1 FROM notes WHERE sha256 = ?", (sha,)).fetchone():
            return
        db.execute("INSERT INTO notes (sha256, kind, decided_at, package, submission_id, "
                   "stage, message, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (sha, str(note["kind"]), str(note["decided_at"]), str(note["package"]),
                    str(note["submission_id"]), str(note["stage"]),
                    str(note.get("message", "")), now_utc()))
        for c in note.get("comments") or []:
            db.execute("INSERT INTO comments (note, id, tbl, number, field, text) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (sha, int(c["id"]), str(c["table"]), str(c["number"]),
                        str(c["field"]), str(c["text"])))


def notes(ws: Workspace) -> list[dict[str, Any]]:
    """Every note received, newest decision first.

    Decision times are to the second; two decisions in the same second (a return and the
    receipt for the resubmission, decided in one sitting) rank in the order imported.
    """
    sql = "SELECT * FROM notes ORDER BY decided_at DESC, rowid DESC"
    with translated(ws.path, saving=False):
        return [dict(r) for r in ws.db.query(sql)]


def latest_return(ws: Workspace) -> str | None:
    """The newest return note, unless a receipt came after it."""
    found = notes(ws)
    return found[0]["sha256"] if found and found[0]["kind"] == "return" else None


def comments(ws: Workspace) -> list[Comment]:
    """The comments of the newest return note (none once a receipt followed it)."""
    note = latest_return(ws)
    if note is None:
        return []
    sql = ("SELECT note, id, tbl, number, field, text, answer FROM comments WHERE note = ? "
           "ORDER BY id")
    with translated(ws.path, saving=False):
        return [Comment(*r) for r in ws.db.execute(sql, (note,)).fetchall()]


def answer_comment(ws: Workspace, comment_id: int, answer: str) -> None:
    """The clerk's answer to a comment of the newest return note ("" reopens it)."""
    note = latest_return(ws)
    if note is None or not any(c.id == comment_id for c in comments(ws)):
        raise InputError(f"没有编号为 {comment_id} 的待答复意见。")
    with translated(ws.path, saving=True), ws.db.atomic():
        ws.db.execute("UPDATE comments SET answer = ?, answered_at = ? WHERE note = ? AND id = ?",
                      (answer.strip(), now_utc(), note, comment_id))


def comment_findings(ws: Workspace, form: Form | None = None) -> tuple[Finding, ...]:
    """An open comment is an error at its place until the clerk answers it."""
    return tuple(
        Finding(COMMENT_RULE, Severity.ERROR, Location(c.table, c.number, c.field),
                f"{place(c, form)}区发改委意见（待答复）：{c.text}")
        for c in comments(ws) if c.open)


def place(c: Comment, form: Form | None) -> str:
    """Where a comment sits, in the form's words ("指标 4.1 中期完成数："), or ""."""
    if form is None or not c.number:
        return ""
    if c.table == "reports":
        titles = {s.id: s.title for s in form.report.parts}
        part = titles.get(c.field, "")
        return f"{form.report.document} {c.number}{f'“{part}”' if part else ''}："
    spec = next((t for t in form.tables if t.id == c.table), None)
    if spec is None:
        return ""
    column = next((col.title for col in spec.answer_columns if col.id == c.field), "")
    return f"{spec.row_label} {c.number}{f' {column}' if column else ''}："


def responses(ws: Workspace) -> list[dict[str, Any]]:
    """What the next package says to the newest return note."""
    return [{"note": c.note, "id": c.id, "answer": c.answer} for c in comments(ws)]


def receipt_status(ws: Workspace) -> str:
    """A line for the status: confirmed with its time, or returned, or nothing yet."""
    found = notes(ws)
    if not found:
        return ""
    last = found[0]
    when = str(last["decided_at"])[:16].replace("T", " ")
    return f"已确认（{when}）" if last["kind"] == "receipt" else f"已退回修改（{when}）"
