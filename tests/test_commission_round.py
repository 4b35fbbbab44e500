"""A whole commission round through the CLI and the real files (issue 7).

Round from the demo division tables; the commission's keys; certificates and signed
assignment packages for six units (区民政局 with two plans, 区应急局 with no plan, a 街道
whose only task comes through 各街镇, 区府办 by its alias); workspaces made from the
packages; drafts exported and taken in with hostile company; a return with comments,
answered and resubmitted, then accepted.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from desktop import cli
from desktop.commission.signed_zip import open_signed_zip
from desktop.department.operations import form_of, open_workspace
from desktop.department.sample import sample_answers
from desktop.paths import demo_dir
from desktop.store.commission import CommissionWorkspace
from tests.test_package_kit import compressed_span

FORM = "putuo-2023-midterm"
UNITS = ["区民政局", "区应急局", "长寿路街道", "区府办", "区科委", "区卫生健康委"]
PASS = "commission-pass-2023"
TZ = dt.timezone(dt.timedelta(hours=8))


@dataclass
class Round:
    root: Path
    cws: Path
    certs: dict[str, tuple[Path, str]] = field(default_factory=dict)  # unit -> p12, pass
    packages: dict[str, Path] = field(default_factory=dict)  # unit -> assignment package
    drafts: dict[str, Path] = field(default_factory=dict)
    outcomes: list[dict[str, str]] = field(default_factory=list)


def sheet_passphrase(sheet: Path) -> str:
    """The passphrase as the clerk reads it off the printed sheet."""
    text = "\n".join(p.text for p in Document(str(sheet)).paragraphs)
    found = re.findall(r"\b[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}\b", text)
    assert len(set(found)) == 1, text
    return found[0]


def run(*args: object) -> int:
    return cli.main([str(a) for a in args])


def ok(*args: object) -> None:
    assert run(*args) == 0, args


def export(r: Round, unit: str, ws: Path, stage: str, out: Path) -> Path:
    p12, secret = r.certs[unit]
    pw = r.root / f"pw-{len(list(r.root.glob('pw-*')))}.txt"
    pw.write_text(secret, encoding="utf-8")
    before = set(out.glob("*.zip")) if out.exists() else set()
    ok("export", ws, "--out", out, "--stage", stage, "--key", p12, "--passphrase-file", pw)
    (made,) = set(out.glob("*.zip")) - before
    return made


def fill_sample(ws_path: Path, tweak: dict[str, dict[str, dict[str, str]]] | None = None) -> None:
    ws, form = open_workspace(ws_path)
    with ws:
        data = sample_answers(ws.rows(), form)
        for table, rows in (tweak or {}).items():
            for number, values in rows.items():
                data[table][number].update(values)
        data["department"] = ws.department
    path = ws_path.parent / f"{ws_path.name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ok("fill", ws_path, path)


def intake(r: Round, *paths: Path) -> list[dict[str, str]]:
    out = r.root / "intake.json"
    import contextlib

    with out.open("w", encoding="utf-8") as f, contextlib.redirect_stdout(f):
        ok("commission", "intake", r.cws, *paths, "--json")
    text = out.read_text(encoding="utf-8")
    return list(json.loads(text[: text.rindex("]") + 1]))


@pytest.fixture(scope="module")
def rnd(tmp_path_factory: pytest.TempPathFactory) -> Round:
    root = tmp_path_factory.mktemp("round")
    r = Round(root, root / "cws")
    (root / "pass.txt").write_text(PASS, encoding="utf-8")
    pw = root / "pass.txt"
    ok("commission", "round", "create", r.cws, "--assignment", demo_dir(), "--form", FORM)
    ok("commission", "keys", "create", r.cws, "--passphrase-file", pw)
    contacts = Workbook()
    sheet = contacts.active
    sheet.append(["普陀区各单位联络员"])
    sheet.append(["序号", "单位名称", "联系人", "联系电话", "电子邮箱"])
    for i, unit in enumerate(UNITS):
        sheet.append([i + 1, unit, f"联络员{i}", f"021-5256{i:04d}", f"u{i}@example.gov.cn"])
    contacts.save(root / "通讯录.xlsx")
    ok("commission", "roster", r.cws, "--import", root / "通讯录.xlsx")
    ok("commission", "certs", "issue", r.cws, "--out", root / "certs", "--unit", *UNITS,
       "--passphrase-file", pw)
    with CommissionWorkspace.open(r.cws) as cws:
        for row in cws.query("SELECT unit FROM certificates"):
            unit = row["unit"]
            r.certs[unit] = (root / "certs" / f"{unit}.p12",
                             sheet_passphrase(root / "certs" / f"{unit}-证书领取单.docx"))
    r.certs["区府办"] = r.certs["区政府办"]
    ok("commission", "issue", r.cws, "--out", root / "assignments", "--unit", *UNITS,
       "--passphrase-file", pw)
    for p in (root / "assignments").glob("*.zip"):
        unit = next(u for u in [*UNITS, "区政府办"] if f"-{u}-" in p.name)
        r.packages[unit] = p
    return r


def test_round_roster_and_certificates(rnd: Round) -> None:
    with CommissionWorkspace.open(rnd.cws) as cws:
        units = {u["name"]: u for u in cws.units()}
        issued = {row["unit"] for row in cws.query("SELECT unit FROM certificates")}
    assert len(units) == 49
    assert units["区政府办"]["email"] == "u3@example.gov.cn"  # 区府办 in the address list
    assert units["区科委"]["contact"] == "联络员4"
    assert issued == {"区民政局", "区应急局", "长寿路街道", "区政府办", "区科委", "区卫生健康委"}
    assert sorted(rnd.packages) == sorted(["区民政局", "区应急局", "长寿路街道", "区政府办",
                                           "区科委", "区卫生健康委"])


@pytest.fixture(scope="module")
def traffic(rnd: Round) -> Round:
    """Workspaces from the packages, drafts, and an intake with hostile company."""
    out = rnd.root / "out"
    tweak = {"tasks": {"88": {"conclusion": "C"}}}
    for unit in ["区民政局", "区应急局", "长寿路街道", "区府办", "区科委", "区卫生健康委"]:
        ws = rnd.root / f"ws-{unit}"
        ok("init", ws, "--package", rnd.packages.get(unit) or rnd.packages["区政府办"])
        fill_sample(ws, tweak if unit == "区卫生健康委" else None)
        rnd.drafts[unit] = export(rnd, unit, ws, "draft", out / unit)
    hostile = rnd.root / "hostile"
    hostile.mkdir()
    tampered = hostile / "tampered.zip"
    tampered.write_bytes(_tamper(rnd.drafts["区应急局"].read_bytes()))
    duplicate = hostile / "again.zip"
    duplicate.write_bytes(rnd.drafts["区科委"].read_bytes())
    rnd.outcomes = intake(rnd, *rnd.drafts.values(), tampered, duplicate)
    return rnd


def _tamper(raw: bytes) -> bytes:
    """Rewrite data.json inside the zip (a changed answer), keeping everything else."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "data.json":
                data = data.replace(b"B", b"A", 1)
            dst.writestr(info, data)
    return buf.getvalue()


def _by_file(outcomes: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {o["file_name"]: o for o in outcomes}


def test_workspaces_from_packages_hold_exactly_the_units_rows(traffic: Round) -> None:
    ws, form = open_workspace(traffic.root / "ws-区民政局")
    with ws:
        assert ws.department == "区民政局"
        assert [r.number for r in ws.rows("plans")] == ["16", "17"]
        assert form_of(ws).hash == form.hash
        assert (ws.path / "form" / "form.json").is_file()
    ws, _ = open_workspace(traffic.root / "ws-长寿路街道")
    with ws:
        tasks = ws.rows("tasks")
        assert [r.number for r in tasks] == ["18"] and "各街镇" in tasks[0].units
    ws, _ = open_workspace(traffic.root / "ws-区府办")
    with ws:
        assert ws.department == "区政府办"
    ws, _ = open_workspace(traffic.root / "ws-区应急局")
    with ws:
        assert ws.rows("plans") == ()


def test_intake_sorts_good_from_bad(traffic: Round) -> None:
    got = _by_file(traffic.outcomes)
    for path in traffic.drafts.values():
        assert got[path.name]["status"] == "received", got[path.name]
    assert got["tampered.zip"]["status"] == "rejected"
    assert got["tampered.zip"]["code"] == "digest"
    assert got["again.zip"]["status"] == "duplicate"
    with CommissionWorkspace.open(traffic.cws) as cws:
        kept = cws.query("SELECT sha256, status FROM packages")
        assert {k["status"] for k in kept} == {"received", "rejected"}
        for k in kept:  # every package kept, the rejected one too (quarantine)
            assert cws.blob_path(k["sha256"]).is_file()


def test_package_names_the_assignment_it_answers(traffic: Round) -> None:
    import hashlib

    with zipfile.ZipFile(traffic.drafts["区科委"]) as zf:
        info = json.loads(zf.read("META-INF/planeval.json"))
    assert info["assignment"] == hashlib.sha256(traffic.packages["区科委"].read_bytes()).hexdigest()


def test_refused_at_intake_for_round_reasons(traffic: Round, tmp_path: Path) -> None:
    from desktop.commission.certificates import issue_unit_identity
    from desktop.commission.keys import open_identities
    from desktop.io.package import ManifestInfo, build_package
    from desktop.signing.cms import signer_for

    with CommissionWorkspace.open(traffic.cws) as cws:
        ca, _ = open_identities(cws, PASS)
    now = dt.datetime.now(TZ).replace(microsecond=0)
    with zipfile.ZipFile(traffic.drafts["区科委"]) as zf:
        data = zf.read("data.json")
        info = ManifestInfo.from_json(json.loads(zf.read("META-INF/planeval.json")))

    def package(unit: str, **changes: str) -> bytes:
        ident = issue_unit_identity(ca, unit, district="普陀区", not_before=now,
                                    not_after=now + dt.timedelta(days=30))
        fields = {**info.__dict__, "department": unit, "created": now, **changes}
        said = {**json.loads(data), "department": unit}
        said.update({k: v for k, v in changes.items() if k in said})  # round, district
        body = json.dumps(said, ensure_ascii=False)
        return build_package({"data.json": body.encode()}, manifest=ManifestInfo(**fields),
                             sign=signer_for(ident))

    (tmp_path / "stranger.zip").write_bytes(package("区不存在局"))
    (tmp_path / "other-round.zip").write_bytes(package("区科委", round="十四五终期评估"))
    outcomes = _by_file(intake(traffic, tmp_path / "stranger.zip", tmp_path / "other-round.zip"))
    assert outcomes["stranger.zip"]["code"] == "not-on-roster"
    assert outcomes["other-round.zip"]["code"] == "other-round"


def test_revoked_certificate_is_refused(traffic: Round) -> None:
    pw = traffic.root / "pass.txt"
    out = traffic.root / "out-revoked"
    ws = traffic.root / "ws-区应急局"
    ok("commission", "certs", "revoke", traffic.cws, "--unit", "区应急局", "--reason", "密钥遗失",
       "--passphrase-file", pw)
    late = export(traffic, "区应急局", ws, "draft", out)
    (outcome,) = intake(traffic, late)
    assert (outcome["status"], outcome["code"]) == ("rejected", "revoked")
    # the next assignment package carries the revocation list
    ok("commission", "issue", traffic.cws, "--out", traffic.root / "reissued", "--unit", "区科委",
       "--passphrase-file", pw)
    from desktop.commission.assignment_package import read_assignment_package
    from desktop.commission.certificates import read_crl

    (again,) = (traffic.root / "reissued").glob("*.zip")
    pkg = read_assignment_package(again.read_bytes())
    assert pkg.crl is not None and read_crl(pkg.crl, pkg.commission_ca)


def test_return_answer_resubmit_accept(traffic: Round) -> None:
    pw = traffic.root / "pass.txt"
    notes = traffic.root / "notes"
    ws = traffic.root / "ws-区科委"
    sha = _by_file(traffic.outcomes)[traffic.drafts["区科委"].name]["sha256"]
    ok("commission", "comment", traffic.cws, sha[:10], "--text", "请补充中期值的数据来源",
       "--table", "indicators", "--number", "3", "--field", "mid_value")
    ok("commission", "comment", traffic.cws, sha[:10], "--text", "第一部分过于简略",
       "--table", "reports", "--number", "3", "--field", "part1")
    ok("commission", "decide", traffic.cws, sha[:10], "return", "--out", notes,
       "--passphrase-file", pw)
    (note,) = notes.glob("退回意见-*.zip")

    ok("receipt", ws, note)
    ws_open, form = open_workspace(ws)
    with ws_open:
        from desktop.department.notes import comments, receipt_status
        from desktop.department.operations import validate_workspace

        assert receipt_status(ws_open).startswith("已退回修改")
        open_ones = [f for f in validate_workspace(ws_open, form)
                     if f.rule == "commission-comment"]
        assert {(f.location.table, f.location.number, f.location.column) for f in open_ones} == {
            ("indicators", "3", "mid_value"), ("reports", "3", "part1")}
        ids = [c.id for c in comments(ws_open)]
    for cid in ids:
        ok("comments", ws, "--answer", cid, "已按意见修改")
    resubmitted = export(traffic, "区科委", ws, "draft", traffic.root / "out-2")
    with zipfile.ZipFile(resubmitted) as zf:
        data = json.loads(zf.read("data.json"))
    assert [r["answer"] for r in data["responses"]] == ["已按意见修改", "已按意见修改"]
    assert not [f for f in data["findings"] if f["rule"] == "commission-comment"]

    (outcome,) = intake(traffic, resubmitted)
    assert outcome["status"] == "received"
    with CommissionWorkspace.open(traffic.cws) as cws:
        assert cws.query("SELECT status FROM packages WHERE sha256 = ?", (sha,))[0]["status"] \
            == "superseded"
    ok("commission", "decide", traffic.cws, outcome["sha256"][:10], "accept", "--out", notes,
       "--passphrase-file", pw)
    (receipt,) = notes.glob("回执-*.zip")
    ok("receipt", ws, receipt)
    ws_open, _ = open_workspace(ws)
    with ws_open:
        assert receipt_status(ws_open).startswith("已确认")
        assert comments(ws_open) == []

    from desktop.commission.keys import commission_ca

    with CommissionWorkspace.open(traffic.cws) as cws:
        ca = commission_ca(cws)
    opened = open_signed_zip(receipt.read_bytes(), schema="planeval.note/1",
                             allowed=lambda n: n == "note.json", trust=[ca])
    assert opened.signer.common_name == "普陀区发展和改革委员会"
    assert json.loads(opened.members["note.json"])["package"] == outcome["sha256"]
    tampered = _retext(receipt.read_bytes(), "note.json", b"receipt", b"return!")
    (traffic.root / "bad-note.zip").write_bytes(tampered)
    assert run("receipt", ws, traffic.root / "bad-note.zip") == 2


def _retext(raw: bytes, member: str, old: bytes, new: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data.replace(old, new) if info.filename == member else data)
    return buf.getvalue()


def test_superseding_final_and_dashboard(traffic: Round) -> None:
    ws = traffic.root / "ws-区科委"
    ok("signoff", ws, "--leader", "张三", "--date", "2023-07-05")
    first = export(traffic, "区科委", ws, "final", traffic.root / "out-final")
    time.sleep(1.1)  # package times are to the second
    second = export(traffic, "区科委", ws, "final", traffic.root / "out-final-2")
    outcomes = intake(traffic, second, first)  # the older one arrives last
    assert [o["status"] for o in outcomes] == ["received", "superseded"]
    xlsx = traffic.root / "dashboard.xlsx"
    ok("commission", "dashboard", traffic.cws, "--at", "2023-07-20", "--xlsx", xlsx)
    from desktop.commission.dashboard import dashboard

    with CommissionWorkspace.open(traffic.cws) as cws:
        lines = {li.unit: li for li in dashboard(cws, at=dt.datetime(2023, 7, 20, tzinfo=TZ))}
    assert lines["区科委"].cells["final"].state == "received"
    assert lines["区科委"].cells["final"].versions == 2
    assert lines["区科委"].cells["draft"].state == "accepted"
    assert lines["区卫生健康委"].cells["final"].state == "missing"
    assert lines["区卫生健康委"].cells["final"].late
    assert lines["区应急局"].cells["draft"].state == "received"  # its valid draft stays
    assert lines["区发改委"].cells["draft"].state == "missing"
    sheet = load_workbook(xlsx).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["区科委"][3] == "已确认（逾期）"  # received today, after the 2023 deadline
    assert rows["区发改委"][3] == "未收到（逾期）"

    reminders = traffic.root / "reminders"
    ok("commission", "remind", traffic.cws, "--out", reminders, "--at", "2023-07-20")
    names = sorted(p.name for p in reminders.glob("*.eml"))
    assert "催报-区科委-定稿.eml" not in names and "催报-区科委-初稿.eml" not in names
    assert "催报-区卫生健康委-定稿.eml" in names and "催报-区卫生健康委-初稿.eml" not in names
    assert "催报-区发改委-初稿.eml" in names
    eml = (reminders / "催报-区卫生健康委-定稿.eml").read_bytes()
    assert b"To: u5@example.gov.cn" in eml and b"X-Unsent: 1" in eml


def test_shared_rows_flag_different_conclusions(traffic: Round) -> None:
    from desktop.commission.round import round_form
    from desktop.commission.shared import shared_rows

    with CommissionWorkspace.open(traffic.cws) as cws:
        rows = {(r.table, r.number): r for r in shared_rows(cws, round_form(cws))}
    task88 = rows[("tasks", "88")]
    assert set(task88.units) == {"区卫生健康委", "区民政局"}
    assert task88.answers["区卫生健康委"]["conclusion"] == "C"
    assert task88.answers["区民政局"]["conclusion"] != "C"
    assert "conclusion" in task88.conflicts
    task18 = rows[("tasks", "18")]  # 区投促办, 各投促分中心 and every 街镇
    assert "长寿路街道" in task18.answers and "区投促办" in task18.missing
    assert task18.conflicts == ()


def test_return_and_receipt_in_the_same_second(traffic: Round) -> None:
    """The receipt for the resubmission wins over the return decided in the same second."""
    from desktop.commission.review import decide
    from desktop.department.notes import receipt_status

    at = dt.datetime(2023, 7, 1, 10, 0, 0, tzinfo=TZ)
    ws = traffic.root / "ws-区民政局"
    sha = _by_file(traffic.outcomes)[traffic.drafts["区民政局"].name]["sha256"]
    notes = traffic.root / "same-second"
    notes.mkdir()
    with CommissionWorkspace.open(traffic.cws) as cws:
        returned = decide(cws, sha, "return", PASS, notes, now=at, message="请补充数据来源")
    (again,) = intake(traffic, export(traffic, "区民政局", ws, "draft", notes / "again"))
    with CommissionWorkspace.open(traffic.cws) as cws:
        accepted = decide(cws, again["sha256"], "receipt", PASS, notes, now=at)
    ok("receipt", ws, returned.path)
    ok("receipt", ws, accepted.path)
    ws_open, _ = open_workspace(ws)
    with ws_open:
        assert receipt_status(ws_open) == "已确认（2023-07-01 10:00）"


def test_a_damaged_assignment_package_is_refused_wherever_the_damage_is(rnd: Round) -> None:
    """A flipped byte anywhere (the carried certificate's compressed bytes included, which
    are read before the signature is checked) is refused with a Chinese reason, unless it
    changed nothing that is read: a zip time field, or a deflate stream's unused last bits."""
    from desktop.commission.assignment_package import CA_NAME, read_assignment_package
    from desktop.commission.verify_cms import Rejected

    raw = rnd.packages["区科委"].read_bytes()
    original = _contents(read_assignment_package(raw))
    places = [*compressed_span(raw, CA_NAME)[::7], *range(0, len(raw), len(raw) // 150)]
    refused_count = 0
    for at in places:
        bad = bytearray(raw)
        bad[at] ^= 0x40
        try:
            read = read_assignment_package(bytes(bad))
        except Rejected as refused:
            assert refused.message and not refused.message.isascii(), at
            refused_count += 1
        else:
            assert _contents(read) == original, f"byte {at} changed the package unnoticed"
    assert refused_count > len(places) * 0.8


def _contents(package) -> tuple:
    """Everything a department takes from an assignment package, without its digest."""
    return (package.info, package.rows, package.form_files, package.commission_ca,
            package.unit_certificate, package.crl)
