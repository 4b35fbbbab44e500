"""The commission's contact list (通讯录) as xlsx: unit, contact person, phone, e-mail.

The header row is found by its titles anywhere in the first 20 rows of the first sheet
that has one; the columns may come in any order and other columns are ignored.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.core.errors import InputError, os_reason

TITLES = {
    "name": ("单位", "单位名称", "部门", "责任单位", "报送单位"),
    "contact": ("联系人", "联络员", "姓名"),
    "phone": ("电话", "联系电话", "手机", "办公电话", "联系方式"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "email", "e-mail"),
}
HEADER_ROWS = 20
MAX_ROWS = 5000


def _field_of(text: object) -> str | None:
    t = str(text or "").strip().replace(" ", "").lower()
    return next((f for f, titles in TITLES.items() if t in titles), None)


def read_contacts(path: Path) -> list[dict[str, str]]:
    """[{name, contact, phone, email}] for every row naming a unit."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "不是有效的 xlsx 文件"
        raise InputError(f"无法读取通讯录“{Path(path).name}”：{reason}") from exc
    try:
        for sheet in wb.worksheets:
            rows = sheet.iter_rows(max_row=MAX_ROWS, values_only=True)
            columns: dict[str, int] = {}
            contacts: list[dict[str, str]] = []
            for i, row in enumerate(rows):
                if not columns:
                    found = {f: j for j, v in enumerate(row) if (f := _field_of(v))}
                    if "name" in found and len(found) >= 2:
                        columns = found
                    elif i >= HEADER_ROWS:
                        break
                    continue
                record = {f: str(row[j] or "").strip() if j < len(row) else ""
                          for f, j in columns.items()}
                if record.get("name"):
                    contacts.append({f: record.get(f, "") for f in TITLES})
            if columns:
                return contacts
    finally:
        wb.close()
    raise InputError(f"通讯录“{Path(path).name}”中找不到表头：需要“单位”列，"
                     "以及“联系人”“电话”“邮箱”中的至少一列。")
