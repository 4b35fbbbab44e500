"""Regression tests for fill, keys and argument faults a hostile run found (issue 8,
items 9, 10, 13-16)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop import cli
from desktop.core.errors import InputError, WorkspaceError
from desktop.department import operations
from desktop.paths import demo_dir
from desktop.store import Workspace
from desktop.store.lock import WorkspaceLock

ROOT = Path(__file__).resolve().parents[1]
KEYS = demo_dir() / "keys"
PASS = "长口令-至少八位"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("template") / "ws"
    operations.create_demo(ws).close()
    return ws


@pytest.fixture
def ws(template, tmp_path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


def snapshot(path: Path) -> tuple:
    with Workspace.open(path) as w:
        return w.answers(), w.acceptances(), len(w.history())


def a_task(path: Path) -> tuple[str, str]:
    with Workspace.open(path) as w:
        form = operations.form_of(w)
        row = w.rows("tasks")[-1]
        return row.number, form.table("tasks").answer_columns[0].id


# -- 9. fill is all or nothing ----------------------------------------------------------


def test_a_fill_failing_half_way_leaves_nothing_behind(ws):
    number, field = a_task(ws)
    before = snapshot(ws)
    with Workspace.open(ws) as w:  # a real SQLite fault on the second acceptance
        w.db.execute("CREATE TRIGGER boom BEFORE INSERT ON acceptances WHEN NEW.key = 'b' "
                     "BEGIN SELECT RAISE(ABORT, 'disk fault'); END")
    doc = {"tasks": {number: {field: "推进顺利"}}, "accepted": {"a": "理由一", "b": "理由二"}}
    with Workspace.open(ws) as w, pytest.raises(WorkspaceError):
        operations.fill(w, operations.form_of(w), doc)
    assert snapshot(ws) == before
    with Workspace.open(ws) as w:
        w.db.execute("DROP TRIGGER boom")
        assert operations.fill(w, operations.form_of(w), doc) == 3
    answers, accepted, _ = snapshot(ws)
    assert answers["tasks"][number][field] == "推进顺利"
    assert accepted == {"a": "理由一", "b": "理由二"}


def test_a_bad_reason_after_a_good_one_writes_nothing(ws):
    number, field = a_task(ws)
    before = snapshot(ws)
    doc = {"tasks": {number: {field: "推进顺利"}}, "accepted": {"a": "好理由", "b": "坏\ud800"}}
    with Workspace.open(ws) as w, pytest.raises(InputError):
        operations.fill(w, operations.form_of(w), doc)
    with Workspace.open(ws) as w, pytest.raises(WorkspaceError):
        w.apply([("tasks", number, field, "x")], {"a": "好理由", "b": "坏\ud800"})
    assert snapshot(ws) == before


# -- 10. no traceback whatever the document holds ---------------------------------------


@pytest.mark.parametrize("text", [
    '{"tasks": {"NUMBER": {"FIELD": "\\ud800"}}}',
    '{"tasks": {"NUMBER": {"FIELD": ' + "9" * 5000 + "}}}",
    "[" * 1000 + "]" * 1000,
    "[" * 100_000,
    '{"tasks": {"NUMBER": {"FIELD": NaN}}}',
    '{"accepted": {"\\udc00": "理由"}}',
])
def test_hostile_documents_are_refused_in_chinese(ws, tmp_path, capsys, text):
    number, field = a_task(ws)
    data = tmp_path / "data.json"
    data.write_text(text.replace("NUMBER", number).replace("FIELD", field), encoding="utf-8")
    before = snapshot(ws)
    code, _, err = run(capsys, "fill", ws, data)
    assert code == cli.REFUSED and err.startswith("错误：") and "Traceback" not in err, err
    assert snapshot(ws) == before


def test_a_huge_integer_given_in_process_is_refused(ws):
    number, field = a_task(ws)
    with Workspace.open(ws) as w, pytest.raises(InputError, match="文字或数字"):
        operations.fill(w, operations.form_of(w), {"tasks": {number: {field: 10 ** 5000}}})


def test_a_refusal_quoting_a_surrogate_still_reaches_stderr(ws, tmp_path):
    data = tmp_path / "data.json"
    data.write_text('{"department": "\\ud800区"}', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "fill", str(ws), str(data)],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, timeout=60)
    err = done.stderr.decode("utf-8")
    assert done.returncode == cli.REFUSED, err
    assert "数据文件属于" in err and "\\ud800" in err and "lost sys.stderr" not in err


# -- 13, 14. keys -------------------------------------------------------------------------


def generate(capsys, tmp_path: Path, name: str, passphrase: str = PASS) -> tuple[int, str]:
    (tmp_path / "pass.txt").write_text(passphrase, encoding="utf-8")
    code, _, err = run(capsys, "keys", "generate", "--department", name, "--district", "普陀区",
                       "--out", tmp_path / f"{name}.pvkey", "--csr", tmp_path / f"{name}.csr",
                       "--passphrase-file", tmp_path / "pass.txt")
    return code, err


def issue(capsys, tmp_path: Path, name: str) -> Path:
    cert = tmp_path / f"{name}.pem"
    code, _, err = run(capsys, "keys", "issue", tmp_path / f"{name}.csr", "--ca-cert",
                       KEYS / "commission-ca.pem", "--ca-key",
                       KEYS / "commission-ca-demo-key.pem", "--out", cert)
    assert code == 0, err
    return cert


def test_a_certificate_for_another_key_is_refused_by_add_cert(capsys, tmp_path):
    assert generate(capsys, tmp_path, "区科委")[0] == 0
    assert generate(capsys, tmp_path, "区教育局")[0] == 0
    foreign = issue(capsys, tmp_path, "区教育局")
    key = tmp_path / "区科委.pvkey"
    before = key.read_bytes()
    code, _, err = run(capsys, "keys", "add-cert", key, foreign)
    assert code == cli.REFUSED and "不匹配" in err
    assert key.read_bytes() == before
    own = issue(capsys, tmp_path, "区科委")
    code, out, err = run(capsys, "keys", "add-cert", key, own)
    assert code == 0 and "本单位证书：区科委" in out, err


def test_an_old_key_file_without_its_public_key_needs_the_passphrase(capsys, tmp_path):
    assert generate(capsys, tmp_path, "区科委")[0] == 0
    key = tmp_path / "区科委.pvkey"
    doc = json.loads(key.read_bytes())
    del doc["public_key"]
    key.write_text(json.dumps(doc), encoding="utf-8")
    own = issue(capsys, tmp_path, "区科委")
    code, _, err = run(capsys, "keys", "add-cert", key, own)
    assert code == cli.REFUSED and "口令" in err
    code, _, err = run(capsys, "keys", "add-cert", key, own, "--passphrase-file",
                       tmp_path / "pass.txt")
    assert code == 0, err


def test_short_passphrases_are_refused_and_key_files_are_private(capsys, tmp_path):
    code, err = generate(capsys, tmp_path, "区科委", passphrase="x")
    assert code == cli.REFUSED and "至少需要 8" in err
    assert not (tmp_path / "区科委.pvkey").exists()
    assert generate(capsys, tmp_path, "区科委")[0] == 0
    for made in ("区科委.pvkey", "区科委.csr"):
        assert stat.S_IMODE((tmp_path / made).stat().st_mode) == 0o600, made


# -- 15. bad arguments ----------------------------------------------------------------------


def test_out_of_range_arguments_are_refused_in_chinese(capsys, tmp_path, ws):
    assert generate(capsys, tmp_path, "区科委")[0] == 0
    for argv in (
        ["keys", "issue", tmp_path / "区科委.csr", "--ca-cert", KEYS / "commission-ca.pem",
         "--ca-key", KEYS / "commission-ca-demo-key.pem", "--out", tmp_path / "c.pem",
         "--days", "99999999"],
        ["signoff", ws, "--leader", "王某某", "--date", "2023-13-45"],
        ["verify", tmp_path / "x.zip", "--at", "0001-01-01"],
        ["verify", tmp_path / "x.zip", "--received-at", "0001-01-01"],
    ):
        code, _, err = run(capsys, *argv)
        assert code == cli.REFUSED and err.startswith("错误："), (argv, err)


# -- 16. two fills at once ------------------------------------------------------------------


def test_a_second_cli_waits_briefly_for_the_workspace(ws, tmp_path, capsys):
    number, field = a_task(ws)
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"tasks": {number: {field: "并发写入"}}}), encoding="utf-8")
    holder = WorkspaceLock.acquire(ws)  # another planeval finishing its step
    threading.Timer(0.5, holder.release).start()
    started = time.monotonic()
    code, out, err = run(capsys, "fill", ws, data)
    assert code == 0, err
    assert 0.4 < time.monotonic() - started < cli.LOCK_WAIT + 1
    with Workspace.open(ws):
        held = time.monotonic()
        code, _, err = run(capsys, "fill", ws, data)
        assert code == cli.REFUSED and "已在另一个" in err
        assert time.monotonic() - held >= cli.LOCK_WAIT
