"""A department's key, end to end through the CLI: request, issue, add, show, sign, verify."""

from __future__ import annotations

import json
import zipfile

from desktop import cli
from desktop.paths import demo_dir

KEYS = demo_dir() / "keys"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_generate_issue_add_show_export_verify(capsys, tmp_path):
    (tmp_path / "pass.txt").write_text("长口令-至少八位\n", encoding="utf-8")
    key, csr, cert = tmp_path / "区科委.pvkey", tmp_path / "区科委.csr", tmp_path / "区科委.pem"
    code, out, err = run(capsys, "keys", "generate", "--department", "区科委", "--district",
                         "普陀区", "--out", key, "--csr", csr, "--passphrase-file",
                         tmp_path / "pass.txt")
    assert code == 0, err
    assert b"BEGIN CERTIFICATE REQUEST" in csr.read_bytes()
    assert b"PRIVATE KEY" not in key.read_bytes() and json.loads(key.read_bytes())["kdf"]
    code, out, _ = run(capsys, "keys", "show", key)
    assert "尚无证书" in out
    code, out, err = run(capsys, "keys", "issue", csr, "--ca-cert", KEYS / "commission-ca.pem",
                         "--ca-key", KEYS / "commission-ca-demo-key.pem", "--out", cert)
    assert code == 0, err
    code, out, err = run(capsys, "keys", "add-cert", key, cert, KEYS / "commission-ca.pem")
    assert code == 0, err
    assert "本单位证书：区科委" in out and "签发机构" in out
    run(capsys, "demo", tmp_path / "ws", "--filled")
    code, out, err = run(capsys, "export", tmp_path / "ws", "--out", tmp_path / "out",
                         "--stage", "draft", "--key", key, "--passphrase-file",
                         tmp_path / "pass.txt")
    assert code == 0, err
    (package,) = (tmp_path / "out").glob("*.zip")
    code, out, _ = run(capsys, "verify", package, "--trust", KEYS / "commission-ca.pem")
    assert code == 0
    with zipfile.ZipFile(package) as z:
        assert "data.json" in z.namelist()


def test_importing_a_p12_with_the_wrong_password_or_a_short_new_one(capsys, tmp_path):
    (tmp_path / "wrong.txt").write_text("nope", encoding="utf-8")
    (tmp_path / "demo.txt").write_text("planeval-demo", encoding="utf-8")
    code, _, err = run(capsys, "keys", "import", KEYS / "区科委-demo.p12", "--p12-passphrase-file",
                       tmp_path / "wrong.txt", "--out", tmp_path / "k.pvkey",
                       "--passphrase-file", tmp_path / "demo.txt")
    assert code == 2 and "口令不正确" in err and not (tmp_path / "k.pvkey").exists()
    code, out, err = run(capsys, "keys", "import", KEYS / "区科委-demo.p12",
                         "--p12-passphrase-file", tmp_path / "demo.txt", "--out",
                         tmp_path / "k.pvkey", "--passphrase-file", tmp_path / "demo.txt")
    assert code == 0 and "区科委" in out, err
