"""Office files as reproducible bytes: the same inputs give the same zip, byte for byte.

python-docx and openpyxl stamp every zip entry with the time of saving; a package the
commission receives twice from the same answers should not differ, so entries are
re-stamped with a time derived from the inputs (the report's date).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from typing import IO, TYPE_CHECKING, Any

from docx.document import Document as DocxDocument
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter

if TYPE_CHECKING:
    from _typeshed import SizedBuffer


def stamp(when: dt.date) -> dt.datetime:
    """The fixed time written into a document made for `when` (midnight, no time zone)."""
    return dt.datetime(when.year, when.month, when.day)


def _entry(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute,
                 when.second)
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


class DatedZip(zipfile.ZipFile):
    """A zip being written whose entries are all dated `when` (deflated, mode 0600), for
    writers that add entries by name (openpyxl's ExcelWriter): the same bytes `repack`
    gives, without writing the zip twice."""

    def __init__(self, file: IO[bytes], when: dt.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.when = when

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: SizedBuffer | str,
                 compress_type: int | None = None, compresslevel: int | None = None) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = _entry(zinfo_or_arcname, self.when)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename: str | os.PathLike[str], arcname: str | os.PathLike[str] | None = None,
              compress_type: int | None = None, compresslevel: int | None = None) -> None:
        with open(filename, "rb") as source:
            data = source.read()
        name = os.fspath(arcname if arcname is not None else filename)
        self.writestr(name, data, compress_type, compresslevel)


def repack(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry dated `when`, in the same order, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            target.writestr(_entry(entry.filename, when), source.read(entry.filename))
    return out.getvalue()


class _PartWriter:
    """What python-docx's PackageWriter writes parts through (its PhysPkgWriter)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def write(self, uri: PackURI, blob: bytes) -> None:
        self.archive.writestr(uri.membername, blob)


def docx_bytes(doc: DocxDocument, when: dt.datetime) -> bytes:
    """The document as `Document.save` writes it, every entry dated `when`: the bytes
    `repack` gives, compressed once. Follows `OpcPackage.save` step by step."""
    package = doc.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with DatedZip(out, when) as archive:
        writer: Any = _PartWriter(archive)  # python-docx types it as its own writer
        PackageWriter._write_content_types_stream(writer, parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(writer, parts)
    return out.getvalue()
