"""Office files as reproducible bytes: the same inputs give the same zip, byte for byte.

python-docx and openpyxl stamp every zip entry with the time of saving; a package the
commission receives twice from the same answers should not differ, so entries are
re-stamped with a time derived from the inputs (the report's date).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def stamp(when: dt.date) -> dt.datetime:
    """The fixed time written into a document made for `when` (midnight, no time zone)."""
    return dt.datetime(when.year, when.month, when.day)


def repack(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry dated `when`, in the same order, deflated."""
    out = io.BytesIO()
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute,
                 when.second)
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
