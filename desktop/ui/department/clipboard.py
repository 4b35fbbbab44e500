"""Spreadsheet blocks on the clipboard: tab-separated text as Excel, WPS and LibreOffice
copy it (a cell holding a line break or a tab is quoted, with "" for a quote)."""

from __future__ import annotations


def parse_block(text: str) -> list[list[str]]:
    """The rows of cells in `text`; the trailing line break spreadsheets add is dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[str]] = [[]]
    cell: list[str] = []
    i, quoted, at_start = 0, False, True
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1:i + 2] == '"':
                cell.append('"')
                i += 1
            elif ch == '"' and text[i + 1:i + 2] in ("\t", "\n", ""):
                quoted = False
            else:
                cell.append(ch)
        elif ch == '"' and at_start:
            quoted = True
        elif ch == "\t":
            rows[-1].append("".join(cell))
            cell = []
            at_start = True
            i += 1
            continue
        elif ch == "\n":
            rows[-1].append("".join(cell))
            rows.append([])
            cell = []
            at_start = True
            i += 1
            continue
        else:
            cell.append(ch)
        at_start = False
        i += 1
    if cell or rows[-1]:
        rows[-1].append("".join(cell))
    if rows and not rows[-1]:
        rows.pop()
    return rows


def _quote(cell: str) -> str:
    if any(c in cell for c in '\t\n"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def format_block(rows: list[list[str]]) -> str:
    """Cells as a spreadsheet pastes them: tabs between cells, a line break after each row."""
    return "".join("\t".join(_quote(c) for c in row) + "\n" for row in rows)
