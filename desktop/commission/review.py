"""Review: comments on a received package, then 确认 (a receipt) or 退回修改 (a return note).

Each decision writes a file signed by the commission (`planeval.note/1`, see
`signed_zip`) that the department app imports:

    note.json   {"kind": "receipt" | "return", "unit", "stage", "package" (SHA-256),
                 "submission_id", "decided_at", "message",
                 "comments": [{"id", "table", "number", "field", "text"}]}

`table`/`number`/`field` place a comment: a cell (all three), a row (no field), a report
section (table "reports", the plan's number, the section id) or the package (none).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.commission.intake import status_of
from desktop.commission.keys import open_identities
from desktop.commission.signed_zip import build_signed_zip
from desktop.core.errors import InputError
from desktop.io.outbox import write_into
from desktop.io.package_names import NOTE_NAME, NOTE_SCHEMA, safe_name
from desktop.signing.cms import signer_for
from desktop.store.commission import CommissionWorkspace
from desktop.store.records import now_utc

KINDS = {"receipt": "回执", "return": "退回意见"}
DECISION_STATUS = {"receipt": "accepted", "return": "returned"}


@dataclass(frozen=True)
class Decision:
    kind: str
    path: Path
    sha256: str


def add_comment(cws: CommissionWorkspace, package: str, text: str, *, table: str = "",
                number: str = "", field: str = "") -> int:
    """A comment on a received package's cell, row, report section or the whole package."""
    text = text.strip()
    if not text:
        raise InputError("意见内容不能为空。")
    _reviewable(cws, package)
    with cws.transaction() as db:
        cur = db.execute("INSERT INTO comments (package, tbl, number, field, text, at, who) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (package, table, number, field, text, now_utc(), cws.user))
        cws.log("填写意见", f"{package[:12]} {table} {number} {field}", db=db)
    return int(cur.lastrowid or 0)


def comments_of(cws: CommissionWorkspace, package: str) -> list[dict[str, Any]]:
    return cws.query("SELECT id, tbl AS \"table\", number, field, text, at, who FROM comments "
                     "WHERE package = ? ORDER BY id", (package,))


def packages_for_review(cws: CommissionWorkspace, unit: str = "") -> list[dict[str, Any]]:
    """Every valid package (superseded ones too), newest first; one unit's if named."""
    where = "status != 'rejected'" + (" AND unit = ?" if unit else "")
    return cws.query(f"SELECT sha256, unit, stage, created, received_at, status, errors, "
                     f"warnings, accepted, file_name FROM packages WHERE {where} "
                     f"ORDER BY received_at DESC, created DESC", (unit,) if unit else ())


def decide(cws: CommissionWorkspace, package: str, kind: str, passphrase: str, out_dir: Path,
           *, now: dt.datetime, message: str = "") -> Decision:
    """确认 (kind "receipt") or 退回修改 ("return") a package; writes the signed note."""
    if kind not in KINDS:
        raise InputError("审核结论应为确认（receipt）或退回修改（return）。")
    record = _reviewable(cws, package)
    comments = comments_of(cws, package)
    if kind == "return" and not comments and not message.strip():
        raise InputError("退回修改时请至少填写一条意见，说明需要修改什么。")
    _, signing = open_identities(cws, passphrase)
    note = {"kind": kind, "unit": record["unit"], "stage": record["stage"], "package": package,
            "submission_id": record["submission_id"], "decided_at": now.isoformat(),
            "message": message.strip(),
            "comments": [{k: c[k] for k in ("id", "table", "number", "field", "text")}
                         for c in comments] if kind == "return" else []}
    info = {"schema": NOTE_SCHEMA, "kind": kind, "district": cws.meta["district"],
            "round": cws.meta["round"], "unit": record["unit"],
            "commission": cws.meta["commission"], "created": now.isoformat()}
    body = json.dumps(note, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    data = build_signed_zip({NOTE_NAME: body}, info=info, created=now, sign=signer_for(signing))
    digest = cws.keep_blob(data)
    name = note_file_name(cws, record["unit"], record["stage"], kind, now)
    path = write_into(Path(out_dir), name, data)
    with cws.transaction() as db:
        db.execute("INSERT INTO decisions (package, decision, at, who, note_sha256, note_file) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (package, kind, now_utc(), cws.user, digest, name))
        db.execute("UPDATE packages SET status = ? WHERE sha256 = ?",
                   (DECISION_STATUS[kind], package))
        cws.log(KINDS[kind], f"{record['unit']} {record['stage']} {package[:12]}", db=db)
    return Decision(kind, path, digest)


def note_file_name(cws: CommissionWorkspace, unit: str, stage: str, kind: str,
                   when: dt.datetime) -> str:
    titles = {s["id"]: s["title"] for s in cws.stages()}
    parts = [KINDS[kind], cws.meta["district"], unit, titles.get(stage, stage),
             when.strftime("%Y%m%d-%H%M")]
    return "-".join(safe_name(p, limit=60, empty="_") for p in parts) + ".zip"


def _reviewable(cws: CommissionWorkspace, package: str) -> dict[str, Any]:
    record = status_of(cws, package)
    if not record:
        raise InputError(f"没有找到材料包 {package[:12]}…，请先接收。")
    if record["status"] not in ("received", "returned", "accepted"):
        raise InputError("该材料包未被受理或已被新版本替代，不能审核。")
    return record


def find_package(cws: CommissionWorkspace, ref: str) -> str:
    """A package's SHA-256 from a prefix (at least 6 characters) of it."""
    ref = ref.strip().lower()
    rows = cws.query("SELECT sha256 FROM packages WHERE sha256 LIKE ?", (ref + "%",))
    if len(ref) < 6 or len(rows) != 1:
        raise InputError(f"无法确定材料包“{ref}”：请给出其 SHA-256 的前 6 位以上（见看板）。")
    return str(rows[0]["sha256"])
