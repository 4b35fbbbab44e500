"""Export end to end through the CLI: documents, data.json, signature, stages, the log."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop import cli
from desktop.department.export import ExportRefused, build_submission, documents, load_identity
from desktop.department.operations import create_demo, create_workspace, form_of
from desktop.paths import demo_dir
from desktop.signing.ca import issue_certificate, make_ca
from desktop.signing.keys import generate_key, make_csr
from desktop.signing.keystore import dump_keystore
from desktop.store import Workspace

KEYS = demo_dir() / "keys"
P12 = KEYS / "区科委-demo.p12"
CA = KEYS / "commission-ca.pem"
WHEN = dt.datetime(2023, 5, 14, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(tmp_path, capsys) -> Path:
    (tmp_path / "pass.txt").write_text("planeval-demo\n", encoding="utf-8")
    run(capsys, "demo", tmp_path / "ws", "--filled")
    return tmp_path


def export(capsys, base: Path, stage: str) -> tuple[int, str, str]:
    return run(capsys, "export", base / "ws", "--out", base / "out", "--stage", stage,
               "--key", P12, "--passphrase-file", base / "pass.txt")


def only_zip(folder: Path) -> Path:
    (path,) = folder.glob("*.zip")
    return path


def test_a_draft_exports_verifies_and_is_logged(capsys, filled):
    code, out, err = export(capsys, filled, "draft")
    assert code == 0, err
    package = only_zip(filled / "out")
    assert package.name.startswith("普陀区-区科委-") and "初稿" in package.name
    code, out, _ = run(capsys, "verify", package, "--trust", CA, "--json")
    result = json.loads(out)
    assert code == 0 and result["ok"] and result["manifest"]["department"] == "区科委"
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        data = json.loads(z.read("data.json"))
    assert {"附件6-主要指标评估表.xlsx", "附件7-主要任务评估表.xlsx", "data.json",
            "自评报告-普陀区智能软件、研发服务产业“十四五”规划.docx",
            "自评报告-普陀区科技创新“十四五”规划.docx"} <= names
    assert data["stage"] == "draft" and data["department"] == "区科委"
    assert set(data["tasks"]) == {"1", "3", "4", "5", "7", "8", "11", "12", "13", "19", "33",
                                  "39", "41"}
    with Workspace.open(filled / "ws") as ws:
        (log,) = ws.exports()
    assert log["stage"] == "draft" and log["file_name"] == package.name


def test_verify_without_the_commission_certificate_is_invalid(capsys, filled):
    export(capsys, filled, "draft")
    code, out, _ = run(capsys, "verify", only_zip(filled / "out"))
    assert code == 1 and "无效" in out


def test_a_final_needs_the_leaders_signoff_which_then_shows_in_the_report(capsys, filled):
    code, _, err = export(capsys, filled, "final")
    assert code == 2 and "分管区领导审核签字" in err
    assert not (filled / "out").exists() or not list((filled / "out").glob("*.zip"))
    run(capsys, "signoff", filled / "ws", "--leader", "王某某", "--date", "2023-07-08")
    code, _, err = export(capsys, filled, "final")
    assert code == 0, err
    with zipfile.ZipFile(only_zip(filled / "out")) as z:
        data = json.loads(z.read("data.json"))
        report = docx.Document(io.BytesIO(z.read(
            "自评报告-普陀区科技创新“十四五”规划.docx")))
    assert data["signoff"] == {"leader": "王某某", "date": "2023-07-08"}
    assert any("王某某" in p.text for p in report.paragraphs)


def test_a_final_with_errors_is_refused_but_a_draft_carries_them(capsys, filled, tmp_path):
    run(capsys, "signoff", filled / "ws", "--leader", "王某某", "--date", "2023-07-08")
    data = tmp_path / "d.json"
    data.write_text(json.dumps({"tasks": {"1": {"progress": ""}}}), encoding="utf-8")
    run(capsys, "fill", filled / "ws", data)
    code, _, err = export(capsys, filled, "final")
    assert code == 2 and "1 个错误" in err and "推进情况" in err
    code, out, _ = export(capsys, filled, "draft")
    assert code == 0 and "错误 1 个" in out
    with zipfile.ZipFile(only_zip(filled / "out")) as z:
        findings = json.loads(z.read("data.json"))["findings"]
    assert [(f["rule"], f["number"], f["column"]) for f in findings] == [
        ("required", "1", "progress")]


def test_a_wrong_passphrase_is_refused_clearly(capsys, filled):
    (filled / "pass.txt").write_text("not-it", encoding="utf-8")
    code, _, err = export(capsys, filled, "draft")
    assert code == 2 and "口令不正确" in err


def test_another_departments_key_is_refused(tmp_path):
    now = dt.datetime.now(dt.UTC)
    ca_key, ca_cert = make_ca("测试发改委", not_before=now - dt.timedelta(days=1),
                              not_after=now + dt.timedelta(days=30))
    key = generate_key()
    cert = issue_certificate(make_csr(key, department="区民政局", district="普陀区"),
                             ca_key=ca_key, ca_cert=ca_cert, not_before=now,
                             not_after=now + dt.timedelta(days=30))
    keyfile = tmp_path / "mz.pvkey"
    keyfile.write_bytes(dump_keystore(key, [cert, ca_cert], "口令123"))
    identity = load_identity(keyfile, "口令123")
    with create_demo(tmp_path / "ws", filled=True) as ws:
        with pytest.raises(ExportRefused, match="区民政局.*区科委"):
            build_submission(ws, form_of(ws), stage="draft", identity=identity, created=WHEN)


def test_the_same_workspace_at_the_same_time_gives_the_same_bytes_but_the_signature(tmp_path):
    identity = load_identity(P12, "planeval-demo")
    with create_demo(tmp_path / "ws", filled=True) as ws:
        form = form_of(ws)
        first = build_submission(ws, form, stage="draft", identity=identity, created=WHEN)
        second = build_submission(ws, form, stage="draft", identity=identity, created=WHEN)
    assert first[0] == second[0]

    def members(package: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(package)) as z:
            return {n: z.read(n) for n in z.namelist() if n != "META-INF/signature.p7s"}

    assert members(first[1]) == members(second[1])


def test_a_department_with_two_plans_gets_two_reports(tmp_path):
    with create_workspace(tmp_path / "ws", assignment=demo_dir(), department="区民政局") as ws:
        docs = documents(ws, form_of(ws), date=WHEN.date(), signoff=None)
    assert sorted(n for n in docs if n.endswith(".docx")) == [
        "自评报告-普陀区民政事业发展“十四五”规划.docx",
        "自评报告-普陀区老龄事业发展“十四五”规划.docx"]


def test_typical_case_evidence_travels_in_the_package(capsys, filled):
    photo = filled / "现场照片:1.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(200)))
    code, out, err = run(capsys, "attach", filled / "ws", photo, filled / "pass.txt")
    assert code == 0, err
    assert "现场照片_1.jpg" in out and "共 2 个" in out
    code, out, _ = run(capsys, "attach", filled / "ws", "--remove", "pass.txt")
    assert "共 1 个" in out
    assert export(capsys, filled, "draft")[0] == 0
    package = only_zip(filled / "out")
    with zipfile.ZipFile(package) as z:
        assert z.read("attachments/现场照片_1.jpg") == photo.read_bytes()
        assert not any(n.endswith("pass.txt") for n in z.namelist())
    code, out, _ = run(capsys, "verify", package, "--trust", CA)
    assert code == 0


def test_evidence_that_is_too_big_or_missing_is_refused(capsys, filled, monkeypatch):
    from desktop.department import attachments

    monkeypatch.setattr(attachments, "MAX_SIZE", 10)
    big = filled / "大文件.pdf"
    big.write_bytes(b"%PDF" + b"0" * 100)
    code, _, err = run(capsys, "attach", filled / "ws", big)
    assert code == 2 and "文件过大" in err
    code, _, err = run(capsys, "attach", filled / "ws", filled / "不存在.pdf")
    assert code == 2 and "无法读取" in err
    assert not (filled / "ws" / "attachments").exists() or not list(
        (filled / "ws" / "attachments").iterdir())


def test_verify_at_a_stated_time(capsys, filled):
    export(capsys, filled, "draft")
    package = only_zip(filled / "out")
    code, out, _ = run(capsys, "verify", package, "--trust", CA, "--at", "2030-01-01")
    assert code == 0  # the demo certificate is valid 2023-2033
    code, out, _ = run(capsys, "verify", package, "--trust", CA, "--at", "2040-01-01T00:00+08:00")
    assert code == 1 and "expired" in out
    code, _, err = run(capsys, "verify", package, "--trust", CA, "--at", "明年")
    assert code == 2 and "格式不对" in err


def test_names_from_hostile_tables_become_safe_member_names():
    from desktop.core.form import TableSpec
    from desktop.department.export import report_file_name, table_file_name
    from desktop.io.package_names import is_payload_name

    for name in ("科技金融/生命健康规划", "..", "a\\b:c*?", " 规划. "):
        assert is_payload_name(report_file_name(name)), name
    spec = TableSpec("t", "重大/项目表", "附表3", (), ())
    assert is_payload_name(table_file_name(spec))


def test_two_plans_of_one_name_get_two_reports(tmp_path):
    from desktop.core.model import Row
    from desktop.store import Workspace

    rows = [Row("plans", "3", fields={"name": "社区发展规划"}, units=("区科委",)),
            Row("plans", "7", fields={"name": "社区发展规划"}, units=("区科委",))]
    with create_demo(tmp_path / "demo") as demo:
        form = form_of(demo)
        meta = {"form_id": form.id, "form_version": form.version, "form_hash": form.hash}
    with Workspace.create(tmp_path / "ws", rows=rows, department="区科委", meta=meta) as ws:
        docs = documents(ws, form, date=WHEN.date(), signoff=None)
    assert sorted(docs) == ["自评报告-社区发展规划.docx", "自评报告-社区发展规划（7）.docx"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=260), st.sets(st.text(max_size=12), max_size=3))
def test_any_evidence_name_becomes_a_safe_distinct_member_name(name, taken):
    from desktop.department.attachments import _safe_name
    from desktop.io.package_names import is_payload_name, safe_file_name

    chosen = _safe_name(name, set(taken))
    assert safe_file_name(chosen) and chosen not in taken
    assert is_payload_name(f"attachments/{chosen}")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_plan_name_becomes_a_safe_report_name(name):
    from desktop.department.export import report_file_name
    from desktop.io.package import package_file_name
    from desktop.io.package_names import is_payload_name, safe_file_name

    assert is_payload_name(report_file_name(name))
    assert safe_file_name(package_file_name(name, name, name, "draft", WHEN.date()))


def test_the_commission_verifies_many_packages_at_once(capsys, filled, tmp_path):
    export(capsys, filled, "draft")
    good = only_zip(filled / "out")
    bad = tmp_path / "坏包.zip"
    bad.write_bytes(good.read_bytes()[:-10])
    code, out, _ = run(capsys, "verify", good, bad, "--trust", CA)
    assert code == 1
    assert f"{good.name}：材料包有效" in out and "坏包.zip：无效" in out
    assert "共 2 个材料包：有效 1 个，无效 1 个" in out
    code, out, _ = run(capsys, "verify", good, bad, "--trust", CA, "--json")
    assert [d["ok"] for d in json.loads(out)] == [True, False]
