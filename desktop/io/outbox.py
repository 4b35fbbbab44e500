"""Getting a package out the door: an unsent e-mail draft, or a copy into a folder.

`build_eml` is a pure function to bytes. `write_into` writes a file into a folder chosen by
the user (a USB stick, a network share) safely: it checks the folder and the free space
first, writes to a temporary name, flushes to disk, then renames, so a full or read-only
target leaves no half-written file and nothing else is touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import tempfile
from pathlib import Path

from desktop.core.errors import PlanevalError, os_reason

ZIP_TYPE = ("application", "zip")
SPACE_MARGIN = 1024 * 1024  # keep a little room on the target


class DeliveryError(PlanevalError):
    """The package could not be written or sent where the user asked."""


def build_eml(*, to: str, subject: str, body: str, attachment_name: str = "",
              attachment: bytes = b"", date: dt.datetime, sender: str = "") -> bytes:
    """An unsent e-mail draft (X-Unsent: 1), the package attached if given, for the mail
    client."""
    from email.message import EmailMessage  # the email package: only when a draft is made
    from email.policy import SMTP
    from email.utils import format_datetime

    msg = EmailMessage(policy=SMTP)
    msg["X-Unsent"] = "1"
    if sender:
        msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg.set_content(body)
    if attachment_name:
        msg.add_attachment(attachment, maintype=ZIP_TYPE[0], subtype=ZIP_TYPE[1],
                           filename=attachment_name)
    return msg.as_bytes()


def _refusal(folder: Path, exc: OSError) -> DeliveryError:
    if exc.errno == errno.ENOSPC:
        return DeliveryError(f"“{folder}”空间不足，文件没有写入。请换一个位置或清理空间后重试。")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DeliveryError(f"“{folder}”是只读的或没有写入权限，文件没有写入。请换一个位置。")
    return DeliveryError(f"无法写入“{folder}”：{os_reason(exc)}。文件没有写入。")


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask


def write_into(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` as folder/name, atomically; a clear Chinese refusal on any failure."""
    folder = Path(folder)
    try:
        present = folder.is_dir()
    except OSError as exc:  # e.g. no permission to look inside its parent
        raise _refusal(folder, exc) from None
    if not present:
        raise DeliveryError(f"找不到文件夹“{folder}”。请确认 U 盘或共享文件夹已连接。")
    if not os.access(folder, os.W_OK):
        raise _refusal(folder, OSError(errno.EACCES, "read-only"))
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise _refusal(folder, exc) from None
    if free < len(data) + SPACE_MARGIN:
        raise _refusal(folder, OSError(errno.ENOSPC, "no space"))
    target = folder / name
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".planeval-", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file readable by its owner only; a shared folder needs the
        # permissions any new file gets (0666 less the umask).
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise _refusal(folder, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target
