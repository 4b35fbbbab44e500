"""Out the door: an e-mail draft a mail client opens, and a safe copy into a folder."""

from __future__ import annotations

import datetime as dt
import email
import os
import shutil
import subprocess
import sys
import tempfile
from email.policy import default
from pathlib import Path

import pytest

from desktop.io.outbox import DeliveryError, build_eml, write_into

WHEN = dt.datetime(2023, 5, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_the_draft_is_unsent_and_carries_the_package():
    package = b"PK\x03\x04" + bytes(range(256)) * 10
    raw = build_eml(to="fgw@example.gov.cn", subject="【普陀区“十四五”规划中期评估】区科委 初稿",
                    body="区发改委：\n现报送我单位中期评估初稿材料。", date=WHEN,
                    attachment_name="普陀区-区科委-十四五中期评估-初稿-20230515.zip",
                    attachment=package)
    msg = email.message_from_bytes(raw, policy=default)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == "【普陀区“十四五”规划中期评估】区科委 初稿"
    (part,) = list(msg.iter_attachments())
    assert part.get_filename() == "普陀区-区科委-十四五中期评估-初稿-20230515.zip"
    assert part.get_content() == package
    assert "现报送我单位中期评估初稿材料" in msg.get_body().get_content()


def test_write_into_a_folder_is_atomic(tmp_path):
    path = write_into(tmp_path, "包.zip", b"data")
    assert path.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == ["包.zip"]


def test_a_missing_folder_is_refused_clearly(tmp_path):
    with pytest.raises(DeliveryError, match="找不到文件夹"):
        write_into(tmp_path / "U盘", "a.zip", b"x")


def test_a_full_target_is_refused_and_leaves_nothing(tmp_path):
    """A real full filesystem: a tiny tmpfs needs root; otherwise a loop-free check by size."""
    mount = tmp_path / "full"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                             capture_output=True).returncode == 0
    try:
        if not mounted:
            pytest.fail("cannot mount a tmpfs to fill; run the tests as root (CI does)")
        big = b"\0" * (2 * 1024 * 1024)
        with pytest.raises(DeliveryError, match="空间不足"):
            write_into(mount, "a.zip", big)
        assert list(mount.iterdir()) == []
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], check=False)


def test_a_read_only_target_is_refused():
    """As root chmod does not stop writes, so the write is tried as user nobody."""
    base = Path(tempfile.mkdtemp())
    os.chmod(base, 0o755)
    folder = base / "ro"
    folder.mkdir()
    os.chmod(folder, 0o555)
    code = (
        "import os, sys; from pathlib import Path\n"
        "from desktop.io.outbox import write_into, DeliveryError\n"
        "if os.getuid() == 0:\n"
        "    import pwd; os.setuid(pwd.getpwnam('nobody').pw_uid)\n"
        f"try:\n    write_into(Path({str(folder)!r}), 'a.zip', b'x')\n"
        "except DeliveryError as e:\n    print(e.message)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(__file__)))
    assert "只读" in out.stdout, out.stderr
    assert list(folder.iterdir()) == []
    shutil.rmtree(base)
