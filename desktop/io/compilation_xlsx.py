"""A compilation round's division tables (xlsx): topics or plans with their lead and
cooperating units, and the commission's guidance for each, as workspace rows.

The form's subjects name the header titles. A line holding only a heading is a part
("一、…总课题": numbers restart in each part, so a row's key is "<part>-<number>") or a
theme ("（一）…专题"). A combined cell "甲牵头，乙、丙等部门配合" is split with the
subject's words. The guidance may stand in the same sheet or in another workbook; it is
matched to the division row by its key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.compilation import CompilationForm, Subject, Words
from desktop.core.compilation_work import UNIT_LIST, declared_rows
from desktop.core.errors import InputError
from desktop.core.model import Row, RowNumber
from desktop.io.assignment_text import (
    category_cell,
    cell_text,
    clean_text,
    header_key,
    number_text,
    split_units,
)
from desktop.io.assignment_xlsx import collect_files

THEME = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")


@dataclass
class _Found:
    rows: dict[str, Row] = field(default_factory=dict)
    guidance: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


def split_division(text: str, words: Words) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """"甲牵头，乙、丙等部门配合" -> (("甲",), ("乙", "丙")); without the lead word, all lead."""
    for filler in words.fillers:
        text = text.replace(filler, "")
    for joiner in words.ands:
        text = text.replace(joiner, "、")
    head, found, rest = text.partition(words.lead)
    if not found:
        return split_units(text), ()
    rest = rest.strip(" ，,；;。")
    rest = rest.removesuffix(words.support).strip(" ，,；;。")
    return split_units(head), split_units(rest)


def _column(header: list[str], titles: Sequence[str]) -> int | None:
    keys = {header_key(t) for t in titles}
    return next((i for i, h in enumerate(header) if h and h in keys), None)


def _heading(line: list[str]) -> str | None:
    """The text of a line holding only one cell (a merged part or theme line)."""
    filled = [t for t in line if t]
    return filled[0] if len(set(filled)) == 1 and line[0] else None


def _read_sheet(grid: list[list[str]], subject: Subject, found: _Found, where: str) -> None:
    for h, line in enumerate(grid):
        header = [header_key(t) for t in line]
        name = _column(header, subject.name)
        number = _column(header, subject.number)
        if name is None or number is None:
            continue
        columns = {k: _column(header, t) for k, t in (
            ("division", subject.division), ("lead", subject.lead),
            ("support", subject.support), ("guidance", subject.guidance))}
        _read_lines(grid[h + 1:], subject, found, where, name, number, columns)
        return


def _read_lines(lines: list[list[str]], subject: Subject, found: _Found, where: str,
                name: int, number: int, columns: dict[str, int | None]) -> None:
    part = theme = ""
    parts = 0
    for line in lines:
        heading = _heading(line)
        if heading and not number_text(line[number]).isdigit():
            if category_cell(heading) is not None:
                part, theme, parts = heading, "", parts + 1
            elif THEME.match(heading):
                theme = heading
            continue
        no = number_text(line[number]) if number < len(line) else ""
        if not no or not line[name]:
            continue
        key = f"{parts}-{no}" if parts else no
        cell = {k: (line[c] if c is not None and c < len(line) else "") for k, c in columns.items()}
        if cell["guidance"]:
            found.guidance[key] = cell["guidance"]
        if columns["division"] is None and columns["lead"] is None:
            continue
        lead, support = split_division(cell["division"], subject.words)
        lead += split_units(cell["lead"])
        support += split_units(cell["support"])
        if not lead:
            raise InputError(f"{subject.label}“{line[name]}”（序号 {no}）没有写牵头单位。",
                             file=where)
        found.rows[key] = Row(subject.id, RowNumber(key), part, theme, {
            "name": clean_text(line[name]), "number": no, "division": cell["division"],
            "lead": UNIT_LIST.join(lead), "support": UNIT_LIST.join(support)},
            units=(*lead, *support))


def _grid(path: Path) -> list[tuple[str, list[list[str]]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, ValueError ... from openpyxl
        raise InputError(f"无法读取这个 Excel 文件（{type(exc).__name__}），"
                         "请确认它是 .xlsx 格式且没有损坏。", file=str(path)) from None
    try:
        return [(ws.title, [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)])
                for ws in wb.worksheets]
    finally:
        wb.close()


def read_subjects(paths: Sequence[Path | str], form: CompilationForm) -> tuple[Row, ...]:
    """Every subject row of the division tables, with its guidance, in table order."""
    found = {s.id: _Found() for s in form.subjects}
    for path in collect_files(paths):
        for sheet, grid in _grid(path):
            for subject in form.subjects:
                _read_sheet(grid, subject, found[subject.id], f"{path.name}：{sheet}")
    rows: list[Row] = []
    for subject in form.subjects:
        got = found[subject.id]
        for key, row in got.rows.items():
            fields = dict(row.fields) | {"guidance": got.guidance.get(key, "")}
            rows.append(Row(row.table, row.number, row.category, row.group, fields, row.units))
    if not rows:
        raise InputError("分工表中没有找到任何"
                         + "或".join(s.label for s in form.subjects if not s.items)
                         + "：请确认表头含有序号、名称和部门分工（或牵头单位）等标题。")
    return (*rows, *declared_rows(form, tuple(rows)))
