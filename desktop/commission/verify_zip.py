"""The zip layer of package verification: what the file is, its layout, its members.

Nothing here trusts the zip's own directory alone. The path must be a regular file of
bounded size (a device or a FIFO is refused before it is opened for reading); the entries
must lie back to back from byte 0 to the central directory, each local header agreeing
with its directory record, and the end record must close the file, so no byte can hide
between, before or after the listed entries (a streaming reader would otherwise see it);
members are inflated here in bounded chunks that stop past the declared size, and each
deflate stream must end exactly with its entry.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from desktop.commission.verify_cms import Rejected
from desktop.core.errors import os_reason
from desktop.io.package_names import (
    DATA_NAME,
    INFO_NAME,
    MANIFEST_NAME,
    MIMETYPE,
    MIMETYPE_NAME,
    SIGNATURE_NAME,
    is_allowed_name,
    path_problem,
)

MiB = 1024 * 1024
CHUNK = 64 * 1024  # one inflate step: a lying member costs at most this past its size
_LOCAL_HEADER = b"PK\x03\x04"
_LOCAL = struct.Struct("<4s5H3L2H")  # signature .. extra length: 30 bytes
_CENTRAL = b"PK\x01\x02"
_CENTRAL_FIXED = 46
_END = struct.Struct("<4s4H2LH")  # end of central directory: 22 bytes
_END_SIGNATURE = b"PK\x05\x06"
_HIDDEN = "材料包中除列出的文件外还夹带了其他数据（在文件之间、之前或之后），可能被改动，已拒收。"


def load(data: bytes | str | os.PathLike[str], max_size: int) -> bytes:
    """The package bytes; a path must name a regular file of at most `max_size` bytes."""
    if isinstance(data, bytes | bytearray):
        raw = bytes(data)
    else:
        raw = read_regular(Path(data), max_size)
    if len(raw) > max_size:
        raise Rejected("too-large", too_big("材料包", len(raw)))
    if not raw.startswith(_LOCAL_HEADER):
        raise Rejected("not-zip", "所选文件不是 zip 材料包。")
    return raw


def read_regular(path: Path, max_size: int) -> bytes:
    """The bytes of a regular file of at most `max_size` bytes (no device, FIFO or folder)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _not_a_file(path)
        # O_NONBLOCK: should the path be swapped for a FIFO after the stat, open returns
        # at once instead of waiting for a writer; fstat below then refuses it.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise _not_a_file(path)
            if st.st_size > max_size:
                raise Rejected("too-large", too_big("材料包", st.st_size))
            return f.read(max_size + 1)
    except OSError as exc:
        raise Rejected("not-zip", f"无法读取文件“{path.name}”：{os_reason(exc)}") from exc


def _not_a_file(path: Path) -> Rejected:
    return Rejected("not-file", f"“{path.name}”不是普通文件（可能是设备、管道或文件夹），已拒收。")


def open_zip(raw: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise Rejected("not-zip", "所选文件不是有效的 zip 材料包，或文件已损坏。") from exc


def check_names(infos: list[zipfile.ZipInfo],
                allowed: Callable[[str], bool] = is_allowed_name) -> None:
    if not infos:
        raise Rejected("not-zip", "材料包是空的 zip 文件。")
    seen: dict[str, str] = {}
    for info in infos:
        name = info.filename
        problem = path_problem(name)
        if problem:
            raise Rejected("path", f"材料包中的文件名“{name}”{problem}，可能试图写到别处，已拒收。")
        folded = name.casefold()
        if folded in seen:
            same = seen[folded] == name
            raise Rejected(
                "duplicate",
                f"材料包中有重名文件“{name}”"
                + ("。" if same else f"（与“{seen[folded]}”仅大小写不同）。"),
            )
        seen[folded] = name
        if not allowed(name):
            raise Rejected("member-name", f"材料包中不应有文件“{name}”。")


def check_mimetype(raw: bytes, first: zipfile.ZipInfo) -> None:
    # Local header: the name starts at byte 30, the extra field length is at byte 28.
    local_extra = int.from_bytes(raw[28:30], "little")
    if (
        first.filename != MIMETYPE_NAME
        or first.header_offset != 0
        or raw[30:38] != MIMETYPE_NAME.encode()
    ):
        raise Rejected("mimetype", "材料包的第一个文件必须是 mimetype。")
    if first.compress_type != zipfile.ZIP_STORED or first.extra or local_extra:
        raise Rejected("mimetype", "mimetype 文件必须不压缩存储，且不带扩展字段。")
    start = 30 + len(MIMETYPE_NAME)
    if first.file_size != len(MIMETYPE) or raw[start : start + len(MIMETYPE)] != MIMETYPE:
        raise Rejected("mimetype", f"mimetype 的内容必须是 {MIMETYPE.decode()}。")


def check_contiguous(raw: bytes, zf: zipfile.ZipFile) -> None:
    """Entries back to back from byte 0, then the central directory, then the end record
    closing the file: no byte outside what the directory lists."""
    infos = zf.infolist()
    pos = 0
    for info in infos:  # directory order must be file order too
        if info.header_offset != pos or raw[pos : pos + 4] != _LOCAL_HEADER:
            raise Rejected("hidden-data", _HIDDEN)
        pos = _entry_end(raw, pos, info)
    start_dir = getattr(zf, "start_dir", -1)
    if pos != start_dir:
        raise Rejected("hidden-data", _HIDDEN)
    for info in infos:  # the lengths as recorded, not as zipfile read them (it truncates)
        lengths = (len(_raw_name(info)), len(info.extra), len(info.comment))
        if raw[pos : pos + 4] != _CENTRAL or struct.unpack_from("<3H", raw, pos + 28) != lengths:
            raise Rejected("hidden-data", _HIDDEN)
        pos += _CENTRAL_FIXED + sum(lengths)
    if len(raw) != pos + _END.size or raw[pos : pos + 4] != _END_SIGNATURE:
        raise Rejected("hidden-data", _HIDDEN)
    _, disk, cd_disk, count, total, size, offset, comment = _END.unpack_from(raw, pos)
    if (disk, cd_disk, comment) != (0, 0, 0) or count != total or count != len(infos) \
            or size != pos - start_dir or offset != start_dir:
        raise Rejected("hidden-data", _HIDDEN)


def _entry_end(raw: bytes, pos: int, info: zipfile.ZipInfo) -> int:
    """Where the entry starting at `pos` ends; its local header must say exactly what the
    directory says (a streaming reader trusts the local one)."""
    if pos + _LOCAL.size > len(raw):
        raise Rejected("hidden-data", _HIDDEN)
    local = _LOCAL.unpack_from(raw, pos)
    version, flags, method, time, date, crc, csize, usize, name_len, extra_len = local[1:]
    name = raw[pos + _LOCAL.size : pos + _LOCAL.size + name_len]
    year, month, day, hour, minute, second = info.date_time
    central = (info.extract_version, info.flag_bits, info.compress_type,
               hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day,
               info.CRC, info.compress_size, info.file_size)
    if name != _raw_name(info) or (version, flags, method, time, date, crc, csize,
                                   usize) != central or flags & 0x08:
        raise Rejected("hidden-data", "材料包中文件“"
                       f"{info.filename}”的本地记录与目录不一致，可能被改动，已拒收。")
    return int(pos + _LOCAL.size + name_len + extra_len + info.compress_size)


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    return info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")


PACKAGE_REQUIRED = (MANIFEST_NAME, SIGNATURE_NAME, INFO_NAME, DATA_NAME)


def read_members(raw: bytes, zf: zipfile.ZipFile,
                 required: tuple[str, ...] = PACKAGE_REQUIRED) -> dict[str, bytes]:
    """Every member, inflated here from its bytes in CHUNK steps: a member that inflates
    past its declared size is stopped one step later, and a deflate stream must end
    exactly where its entry ends (zipfile would stop reading at the declared size and
    leave the stream's end, its final-block flag included, unchecked)."""
    members: dict[str, bytes] = {}
    for info in zf.infolist():
        if info.flag_bits & 0x1:
            raise Rejected("corrupt", f"文件“{info.filename}”被加密，无法核验。")
        name_len, extra_len = struct.unpack_from("<2H", raw, info.header_offset + 26)
        start = info.header_offset + _LOCAL.size + name_len + extra_len
        data = raw[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            content = data
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            content = _inflate(data, info)
        else:
            raise Rejected("corrupt", f"文件“{info.filename}”的压缩方式不受支持。")
        if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
            raise _damaged(info)
        members[info.filename] = content
    for name in required:
        if name not in members:
            raise Rejected("missing", f"材料包缺少必需的文件 {name}。")
    return members


def _inflate(data: bytes, info: zipfile.ZipInfo) -> bytes:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    parts, size, rest = [], 0, data
    try:
        while rest and not inflater.eof:
            part = inflater.decompress(rest, CHUNK)
            rest = inflater.unconsumed_tail
            size += len(part)
            if size > info.file_size:
                raise _damaged(info)
            parts.append(part)
    except zlib.error as exc:
        raise _damaged(info) from exc
    if not inflater.eof or inflater.unused_data or rest:
        raise _damaged(info)
    return b"".join(parts)


def _damaged(info: zipfile.ZipInfo) -> Rejected:
    return Rejected("corrupt", f"文件“{info.filename}”已损坏，无法读取。")


# What planeval writes on every entry (see desktop.io.package): Unix, version 2.0, mode
# 0644, one time, the UTF-8 flag exactly when the name needs it, nothing else.
_CREATE_SYSTEM, _VERSION, _MODE = 3, 20, 0o100644 << 16


def check_layout(zf: zipfile.ZipFile) -> None:
    """The entries in the order planeval writes them (mimetype, then by UTF-8 name), with
    the attributes it writes: nothing in the zip's own records is left free to change."""
    infos = zf.infolist()
    names = [i.filename for i in infos][1:]
    if names != sorted(names, key=lambda n: n.encode("utf-8")):
        raise Rejected("layout", "材料包中文件的排列顺序与 planeval 生成的不同，可能被重新打包过。")
    for info in infos:
        utf8 = 0 if info.filename.isascii() else 0x800
        if (info.create_system, info.create_version, info.extract_version, info.reserved,
                info.flag_bits, info.internal_attr, info.external_attr, info.volume,
                info.date_time, info.comment) != (_CREATE_SYSTEM, _VERSION, _VERSION, 0, utf8,
                                                  0, _MODE, 0, infos[0].date_time, b""):
            raise Rejected("layout", f"材料包中文件“{info.filename}”的属性（时间、权限或标志）"
                                     "与 planeval 生成的不同，可能被改动过。")


def too_big(what: str, size: int) -> str:
    return f"{what}过大（{size / MiB:.1f} MB），超出核验上限，已拒收。"
