"""Text rules for division-table cells: joining lines, header keys, units, row numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

_CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d\u2026\u00b7]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000]+")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\v")
_UNIT_SEPARATORS = set("、，,;；") | {"\n"}
_OPENING = "（("
_CLOSING = "）)"
_NUMERALS = "〇零一二三四五六七八九十百"
_CATEGORY_CELL = re.compile(rf"^([{_NUMERALS}]+)(?:(?:\s*[、.．:：]\s*|\s+)(.+))?$", re.S)
_SUB_ITEM = re.compile(r"^(.*?[^\d\s.:：+\-])\s*[:：]?\s*([-+]?\d+(?:\.\d+)?\s*%?)$", re.S)
_NUMBER_TAIL = re.compile(r"[、.．。,，\s]+$")


def cell_text(value: object) -> str:
    """The text of a raw cell value as a person reads it ("" for empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _is_cjk(char: str) -> bool:
    """True for a Chinese character or full-width / Chinese punctuation."""
    return bool(_CJK.match(char))


def _join_pieces(pieces: list[str]) -> str:
    """Join pieces with no space between CJK characters and one space otherwise."""
    out = ""
    for piece in pieces:
        if out and not (_is_cjk(out[-1]) and _is_cjk(piece[0])):
            out += " "
        out += piece
    return out


def clean_text(raw: str) -> str:
    """Join a cell's lines and tidy its spacing; CJK text never gets inner spaces."""
    pieces: list[str] = []
    for line in _LINE_BREAKS.split(raw):
        pieces.extend(p for p in _SPACES.split(line) if p)
    return _join_pieces(pieces)


def join_texts(texts: list[str]) -> str:
    """Join the text of cells one continues the other (a row split over a page break)."""
    return clean_text("\n".join(t for t in texts if t))


def header_key(raw: str) -> str:
    """A header title folded for matching: width folded, spaces and brackets' contents gone."""
    key = unicodedata.normalize("NFKC", raw).lower()
    key = re.sub(r"\s+", "", key)
    key = re.sub(r"\(.*?\)|\[.*?\]", "", key)
    return key.strip("*:：")


def split_units(raw: str) -> tuple[str, ...]:
    """Split a responsible-unit cell into unit names, never inside parentheses."""
    units: list[str] = []
    current = ""
    depth = 0
    for char in raw.replace("\r\n", "\n").replace("\r", "\n"):
        depth += (char in _OPENING) - (char in _CLOSING and depth > 0)
        if depth == 0 and (char in _UNIT_SEPARATORS or _SPACES.match(char)):
            units.append(current)
            current = ""
        else:
            current += char
    units.append(current)
    return _attach_brackets([clean_text(u) for u in units if u.strip()])


def _attach_brackets(units: list[str]) -> tuple[str, ...]:
    """Glue a piece that is only a bracketed note back onto the unit before it."""
    out: list[str] = []
    for unit in units:
        if out and unit[0] in _OPENING:
            out[-1] += unit
        else:
            out.append(unit)
    return tuple(out)


def number_text(raw: str) -> str:
    """A 序号 cell as a plain number text: "1.0" -> "1", "3、" -> "3", "4.2" stays."""
    text = _NUMBER_TAIL.sub("", unicodedata.normalize("NFKC", clean_text(raw)))
    if re.fullmatch(r"\d+(\.0+)?", text):
        return str(int(float(text)))
    if re.fullmatch(r"\d+\.\d+", text):
        major, minor = text.split(".")
        return f"{int(major)}.{minor}"
    return text


def is_whole_number(text: str) -> bool:
    """True for "1", "25"; false for "4.1", "一", "a"."""
    return text.isascii() and text.isdigit()


def is_sub_number(text: str) -> bool:
    """True for an explicit sub-row number such as "4.1"."""
    return re.fullmatch(r"\d+\.\d+", text) is not None


def category_cell(text: str) -> tuple[str, str] | None:
    """Split "一" or "一、坚持创新驱动…" into (numeral, rest); None if not a numeral."""
    match = _CATEGORY_CELL.match(text.strip())
    if not match:
        return None
    return match.group(1), clean_text(match.group(2) or "")


def chinese_numeral(n: int) -> str:
    """1 -> "一", 12 -> "十二", 20 -> "二十" (enough for category counts)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def sub_item(text: str) -> tuple[str, str]:
    """Split a sub-item cell "智能软件 12" into ("智能软件", "12"); no number -> ("…", "")."""
    cleaned = clean_text(text)
    match = _SUB_ITEM.match(cleaned)
    if not match:
        return cleaned, ""
    return match.group(1).strip(), match.group(2).replace(" ", "")


def looks_like_sub_item(text: str) -> bool:
    """True when a cell reads as a label followed by a number ("智能软件 12")."""
    return _SUB_ITEM.match(clean_text(text)) is not None
