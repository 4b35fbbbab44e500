"""Taking packages in: every check verify makes, then the round's own, then the outcome.

Outcomes (`Outcome.status`):
- "rejected" (不予受理): invalid, with the reason; the file is kept (quarantine);
- "received" (已接收): valid, waiting for review;
- "superseded": valid, but a newer package of the same unit and stage is here;
- "duplicate": the very same file was taken in before (nothing new is stored).

Each package is its own transaction, its file stored (content-addressed) first: a crash
or a cancel between packages leaves every package either wholly in or not in at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

from desktop.commission.issue import issued_to
from desktop.commission.keys import revoked_serials, trust_anchors
from desktop.commission.verify import Limits, VerifyResult, verify_package
from desktop.commission.verify_cms import Rejected
from desktop.commission.verify_zip import read_regular
from desktop.io.package import ManifestInfo
from desktop.store.commission import CommissionWorkspace
from desktop.store.records import now_utc

STATUS_TITLES = {"rejected": "不予受理", "received": "已接收", "superseded": "已被新版本替代",
                 "duplicate": "重复报送", "accepted": "已确认", "returned": "已退回修改"}
LIVE = ("received", "accepted", "returned")  # a unit's current package for a stage
ALLOW_EXPIRED = "allow_expired"  # round meta: "1" accepts certificates expired since arrival


@dataclass(frozen=True)
class Outcome:
    file_name: str
    status: str
    code: str
    message: str
    sha256: str = ""
    unit: str = ""
    stage: str = ""

    @property
    def title(self) -> str:
        return STATUS_TITLES.get(self.status, self.status)


class Refused(Exception):
    """A round check failed: a stable code and a Chinese reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class _Context:
    trust: list[x509.Certificate]
    revoked: set[int]
    units: set[str]
    stages: set[str]


def intake(cws: CommissionWorkspace, paths: Iterable[Path], *,
           progress: Callable[[int, Outcome], bool] | None = None) -> list[Outcome]:
    """Take every package in; `progress(i, outcome)` returning False stops after that one."""
    ctx = _Context(trust=trust_anchors(cws), revoked=revoked_serials(cws),
                   units={u["name"] for u in cws.units()}, stages={s["id"] for s in cws.stages()})
    outcomes: list[Outcome] = []
    for i, path in enumerate(paths):
        outcome = intake_one(cws, Path(path), ctx)
        outcomes.append(outcome)
        if progress is not None and progress(i, outcome) is False:
            break
    return outcomes


def intake_one(cws: CommissionWorkspace, path: Path, ctx: _Context) -> Outcome:
    name = path.name
    try:
        raw = _read(path)
    except Refused as r:
        cws.log("不予受理", f"{name}：{r.message}")
        return Outcome(name, "rejected", r.code, r.message)
    digest = hashlib.sha256(raw).hexdigest()
    known = cws.query("SELECT status, unit, stage FROM packages WHERE sha256 = ?", (digest,))
    if known:
        cws.log("重复报送", f"{name} {digest[:12]}")
        return Outcome(name, "duplicate", "duplicate", "该材料包此前已经收到过，未重复登记。",
                       digest, known[0]["unit"], known[0]["stage"])
    received = now_utc()
    # The commission's own receipt time is the trusted time: a signing time after it is
    # refused, and a certificate that expired later still counts if the round allows it.
    result = verify_package(raw, trust=ctx.trust,
                            received_at=dt.datetime.fromisoformat(received),
                            allow_expired=cws.meta.get(ALLOW_EXPIRED) == "1")
    record: dict[str, Any] = {"sha256": digest, "received_at": received, "file_name": name,
                              "size": len(raw)}
    try:
        if not result.ok:
            raise Refused(result.code, result.message_zh)
        info = result.manifest
        assert info is not None
        record.update(unit=info.department, stage=info.stage, item=info.item,
                      created=info.created.isoformat(),
                      submission_id=info.submission_id,
                      signing_time=result.signing_time.isoformat() if result.signing_time else "")
        _check_round(cws, ctx, info, result)
        record.update(_counts(raw))
    except Refused as r:
        cws.keep_blob(raw)
        record.update(status="rejected", code=r.code, message=r.message)
        with cws.transaction() as db:
            db.insert("packages", record)
            cws.log("不予受理", f"{name}：{r.message}", db=db)
        return Outcome(name, "rejected", r.code, r.message, digest,
                       record.get("unit", ""), record.get("stage", ""))
    cws.keep_blob(raw)
    return _file(cws, record)


def _read(path: Path) -> bytes:
    """The file's bytes, read as verify reads a package (regular files, bounded)."""
    try:
        return read_regular(path, Limits().max_package)
    except Rejected as r:
        raise Refused(r.code, r.message) from r


def _check_round(cws: CommissionWorkspace, ctx: _Context, info: ManifestInfo,
                 result: VerifyResult) -> None:
    meta = cws.meta
    if info.department not in ctx.units:
        raise Refused("not-on-roster", f"“{info.department}”不在本轮次的单位名单中。")
    cert = result.signer_certificate
    if cert is not None and cert.serial_number in ctx.revoked:
        raise Refused("revoked", f"签名证书（序列号 {cert.serial_number}）已被区发改委吊销。")
    if (info.district, info.round) != (meta["district"], meta["round"]):
        raise Refused("other-round", f"材料包属于“{info.district}{info.round}”，"
                                     f"不是本轮次（{meta['district']}{meta['round']}）。")
    if info.form_hash != meta["form_hash"]:
        raise Refused("other-form", "材料包所用的填报格式与本轮次下发的格式不一致。")
    if info.stage not in ctx.stages:
        raise Refused("stage", f"本轮次没有“{info.stage}”这一报送阶段。")
    issued = issued_to(cws, info.department)
    if info.assignment and info.assignment not in issued:
        raise Refused("other-assignment", "材料包答复的任务包不是本轮次下发给该单位的。")
    seen = cws.query("SELECT sha256 FROM packages WHERE submission_id = ? AND status != "
                     "'rejected'", (info.submission_id,))
    if seen:
        raise Refused("replay", "同一份报送（报送编号相同）此前已收到过内容不同的文件，"
                                "疑似重放或篡改。")


def _counts(raw: bytes) -> dict[str, int]:
    """Errors, warnings and accepted warnings the package's data.json carries."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        data = json.loads(zf.read("data.json").decode("utf-8"))
    findings = data.get("findings") or []
    errors = sum(1 for f in findings if f.get("severity") == "error")
    open_warnings = sum(1 for f in findings if f.get("severity") == "warning"
                        and not f.get("accepted_reason"))
    return {"errors": errors, "warnings": open_warnings,
            "accepted": len(data.get("accepted") or {})}


def _file(cws: CommissionWorkspace, record: dict[str, Any]) -> Outcome:
    """Store a valid package, marking whichever of it and the unit's others is older."""
    unit, stage, item = record["unit"], record["stage"], record.get("item", "")
    with cws.transaction() as db:
        live = [dict(r) for r in db.query(
            f"SELECT sha256, created FROM packages WHERE unit = ? AND stage = ? AND item = ? "
            f"AND status IN ({','.join('?' * len(LIVE))})", (unit, stage, item, *LIVE))]
        newer = [r for r in live if r["created"] > record["created"]]
        if newer:
            record.update(status="superseded", code="superseded", superseded_by=newer[0]["sha256"],
                          message="同一单位同一阶段已收到更新的材料包，本包仅存档。")
        else:
            record.update(status="received", code="ok", message="已接收，等待审核。")
            for r in live:
                db.execute("UPDATE packages SET status = 'superseded', superseded_by = ? "
                           "WHERE sha256 = ?", (record["sha256"], r["sha256"]))
        db.insert("packages", record)
        cws.log("接收材料包", f"{unit} {stage} {record['file_name']} → {record['status']}", db=db)
    return Outcome(record["file_name"], record["status"], record["code"], record["message"],
                   record["sha256"], unit, stage)


def package_files(paths: Sequence[Path]) -> list[Path]:
    """The .zip files among paths, folders searched (not recursively), in name order."""
    found: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found.extend(sorted(c for c in p.iterdir() if c.suffix.lower() == ".zip"))
        else:
            found.append(p)
    return found


def status_of(cws: CommissionWorkspace, sha256: str) -> dict[str, Any]:
    rows = cws.query("SELECT * FROM packages WHERE sha256 = ?", (sha256,))
    return rows[0] if rows else {}

