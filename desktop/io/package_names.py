"""Which member names a package may hold, shared by the builder and the verifier.

A package holds exactly: `mimetype`; `*.docx` and `*.xlsx` at the top level; `data.json`;
`attachments/<name>` (one level, a name Windows accepts); and in META-INF the ASiC
manifest, the planeval metadata and the signature. Nothing else, no sub-folders.
"""

from __future__ import annotations

import re
import unicodedata

MIMETYPE_NAME = "mimetype"
MIMETYPE = b"application/vnd.etsi.asic-e+zip"
DATA_NAME = "data.json"
ATTACHMENTS = "attachments/"
MANIFEST_NAME = "META-INF/ASiCManifest.xml"
INFO_NAME = "META-INF/planeval.json"
SIGNATURE_NAME = "META-INF/signature.p7s"
META_NAMES = (MANIFEST_NAME, INFO_NAME, SIGNATURE_NAME)
# The commission's receipt or return note: one member, and its planeval.json schema
NOTE_NAME = "note.json"
NOTE_SCHEMA = "planeval.note/1"

MAX_SEGMENT = 200  # characters in one file name
_ILLEGAL = set('<>:"/\\|?*')
_DRIVE = re.compile(r"^[A-Za-z]:")
# Device names Windows opens whatever the extension: the console ones and COM/LPT with a
# digit or a superscript digit (as CPython's PureWindowsPath.is_reserved knows them).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in [*"0123456789", "\u00b9", "\u00b2", "\u00b3"]}


def _windows_device(name: str) -> bool:
    """Whether Windows would take `name` for a device: "con", "NUL.docx", "COM1 .txt"."""
    return name.split(".")[0].rstrip(" ").upper() in _RESERVED

# Fixed table, not the `mimetypes` module: that one reads /etc/mime.types and the
# registry, so two machines would write different manifests for the same files.
MIME_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".ofd": "application/ofd",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".zip": "application/zip",
}


def mime_type(name: str) -> str:
    dot = name.rfind(".")
    return (
        MIME_TYPES.get(name[dot:].lower(), "application/octet-stream")
        if dot > 0
        else ("application/octet-stream")
    )


def path_problem(name: str) -> str | None:
    """Why a member name is a dangerous path (zip-slip and friends), or None."""
    if not name:
        return "名称为空"
    if "\\" in name:
        return "含有反斜杠"
    if name.startswith("/"):
        return "是绝对路径"
    if _DRIVE.match(name):
        return "含有盘符"
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        return "含有控制字符"
    if any(part in ("", ".", "..") for part in name.split("/")):
        return "含有“..”或空的路径段"
    return None


def safe_file_name(segment: str) -> bool:
    """A single file name every system (Windows included) can hold as is."""
    if not segment or len(segment) > MAX_SEGMENT or segment != segment.strip():
        return False
    if segment.startswith(".") or segment.endswith("."):
        return False
    if any(ch in _ILLEGAL or unicodedata.category(ch) in ("Cc", "Cf") for ch in segment):
        return False
    return not _windows_device(segment)


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_EDGES = re.compile(r"^[\s.]+|[\s.]+$")  # white space (any kind) and dots at either end


def safe_name(text: str, *, limit: int = 150, empty: str = "未命名") -> str:
    """`text` made into one file name every system accepts: unsafe characters become "_",
    invisible control and format characters (a right-to-left override, say) go, and a
    name Windows reserves (CON, NUL, COM1, ...) gets a "_" in front."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = _EDGES.sub("", _EDGES.sub("", _UNSAFE.sub("_", visible))[:limit]) or empty
    if _windows_device(name):
        name = "_" + name
    return name


def is_payload_name(name: str) -> bool:
    """Whether `name` is allowed as a payload member (documents, data, evidence)."""
    if name == DATA_NAME:
        return True
    if name.startswith(ATTACHMENTS):
        return safe_file_name(name[len(ATTACHMENTS) :])
    return "/" not in name and name.endswith((".docx", ".xlsx")) and safe_file_name(name)


def is_allowed_name(name: str) -> bool:
    return name == MIMETYPE_NAME or name in META_NAMES or is_payload_name(name)
