"""Figures typed by a clerk: "300", "1,400", "约 300 亿元", "12.5%", "3.2万平方米"."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_FIGURE = re.compile(r"(?:约|大约|近|超|超过)?\s*([-+]?\d+(?:\.\d+)?)\s*(.*)")
_SCALE = {"万": 1e4, "亿": 1e8}
# Words around a number that only say it is approximate: "约9左右", "300多亿元", "85上下".
_APPROX_AFTER = ("左右", "上下", "以上", "前后")
_APPROX_BEFORE = ("多", "余")


@dataclass(frozen=True)
class Figure:
    value: float
    written_unit: str  # what followed the number, "" if nothing
    unit_ok: bool  # the written unit agrees with the indicator's unit (or none was written)

    # Set at once, as validation.Finding: a full check reads 7.7k figures at 100x.
    def __init__(self, value: float, written_unit: str, unit_ok: bool) -> None:
        fields = self.__dict__
        fields["value"], fields["written_unit"], fields["unit_ok"] = value, written_unit, unit_ok


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).replace(",", "").split())


def _without_approximation(rest: str) -> str:
    if not rest:
        return rest
    for word in _APPROX_AFTER:
        rest = rest.removesuffix(word)
    return rest[1:] if rest[:1] in _APPROX_BEFORE else rest


def parse_figure(text: str, unit: str = "") -> Figure | None:
    """The number a cell states, in the indicator's unit; None if it states no plain figure.

    Words that only say the figure is approximate ("约9左右", "300多亿元") are allowed.

    "3.2万" for unit 万平方米 is 3.2 (the scale is the unit's own); "32000" for unit 万平方米
    is taken as written; "1.2亿" for unit 元 is 120000000.
    """
    m = _FIGURE.fullmatch(_fold(text))
    if not m:
        return None
    value, rest = float(m[1]), _without_approximation(m[2])
    if not rest:  # a plain number: in the indicator's unit
        return Figure(value, rest, True)
    expected = _fold(unit)
    if not expected or rest == expected or expected.startswith(rest):
        return Figure(value, rest, True)
    if rest[0] in _SCALE and not expected.startswith(rest[0]):
        tail = rest[1:]
        return Figure(value * _SCALE[rest[0]], rest, not tail or tail == expected)
    return Figure(value, rest, False)
