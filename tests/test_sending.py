"""Sending a package: the commission's subject and letter, the draft, the copy, the log."""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.department import operations
from desktop.department.export import export_package
from desktop.department.sending import (
    copy_package,
    email_subject,
    log_delivery,
    outgoing_of,
    write_email_draft,
)
from desktop.io.outbox import DeliveryError
from desktop.signing.demo import demo_identity

CREATED = dt.datetime(2023, 5, 10, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("sending")
    with operations.create_demo(base / "ws", filled=True) as ws:
        form = operations.form_of(ws)
        done = export_package(ws, form, out_dir=base, stage="draft", identity=demo_identity(),
                              created=CREATED)
    return done.path


def test_subject_and_letter_name_the_unit_stage_and_digest(package: Path, tmp_path: Path):
    out = outgoing_of(package)
    assert email_subject(out) == "【普陀区“十四五”规划实施中期评估】区科委 初稿报送"
    eml = write_email_draft(out, tmp_path, to="fgw@example.cn", now=CREATED)
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1" and msg["To"] == "fgw@example.cn"
    body = msg.get_body(("plain",)).get_content()
    assert body.startswith("区发改委：")
    for text in ("区科委", "初稿", package.name, out.sha256, out.info.submission_id,
                 "2023年5月10日"):
        assert text in body
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == package.name
    assert att.get_content() == package.read_bytes()


def test_copy_and_log(package: Path, tmp_path: Path):
    out = outgoing_of(package)
    target = copy_package(out, tmp_path)
    assert target.read_bytes() == package.read_bytes()
    with pytest.raises(DeliveryError, match="找不到文件夹"):
        copy_package(out, tmp_path / "missing")
    with operations.create_demo(tmp_path / "ws") as ws:
        log_delivery(ws, out, f"email:{tmp_path / 'x.eml'}")
        (row,) = ws.exports()
    assert row["destination"].startswith("email:") and row["sha256"] == out.sha256
    assert row["submission_id"] == out.info.submission_id and row["stage"] == "draft"


def test_not_a_package_is_refused(tmp_path: Path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(DeliveryError, match="不是 planeval 材料包"):
        outgoing_of(junk)


def test_cli_email_and_upload_use_the_same_letter(package: Path, tmp_path: Path, capsys):
    assert cli_main(["email", str(package), "--out", str(tmp_path)]) == 0
    eml = tmp_path / (package.stem + ".eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["Subject"] == email_subject(outgoing_of(package))
    share = tmp_path / "share"
    share.mkdir()
    assert cli_main(["upload", str(package), str(share)]) == 0
    assert (share / package.name).read_bytes() == package.read_bytes()
