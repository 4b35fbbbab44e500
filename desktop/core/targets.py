"""Target expressions as the commission writes them, parsed into something to compare with.

"累计 1400" (cumulative over the period), "3-5" (a range), ">84" (a floor), "85 左右"
(about), "16" (a value to reach), "0.01" for a lower-is-better indicator (a ceiling),
"完成市下达目标" / "与市保持同步" (qualitative: no numeric check).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    VALUE = "value"  # reach at least this (or at most, if lower is better)
    RANGE = "range"  # between low and high
    ABOVE = "above"  # more than low
    BELOW = "below"  # less than high
    ABOUT = "about"  # roughly this
    QUALITATIVE = "qualitative"


@dataclass(frozen=True)
class Target:
    kind: Kind
    low: float | None = None
    high: float | None = None
    cumulative: bool = False
    lower_is_better: bool = False
    text: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind is not Kind.QUALITATIVE

    @property
    def goal(self) -> float | None:
        """The single figure to measure progress against (the range's lower end)."""
        return self.low if self.low is not None else self.high

    def met_by(self, value: float) -> bool | None:
        """Whether a value meets the target; None when the target is not numeric."""
        lo, hi = self.low, self.high
        if self.kind is Kind.QUALITATIVE:
            return None
        if self.kind is Kind.ABOUT:
            assert lo is not None
            slack = ABOUT_TOLERANCE * abs(lo)
            return value <= lo + slack if self.lower_is_better else value >= lo - slack
        if self.kind is Kind.ABOVE:
            return value > lo  # type: ignore[operator]
        if self.kind is Kind.BELOW:
            return value < hi  # type: ignore[operator]
        if self.lower_is_better:
            return value <= (hi if hi is not None else lo)  # type: ignore[operator]
        return value >= lo  # type: ignore[operator]


ABOUT_TOLERANCE = 0.03  # "85 左右" is met from 82.45 up
_NUM = r"(\d+(?:\.\d+)?)"
_SEP = r"\s*[-~～—–至到]\s*"


def _clean(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return " ".join(folded.replace(",", "").split())


def parse_target(text: str, *, lower_is_better: bool = False) -> Target:
    """Parse a target cell; anything without a recognisable figure is qualitative."""
    t = _clean(text)
    cumulative = t.startswith("累计")
    body = t.removeprefix("累计").strip()

    def make(kind: Kind, low: float | None = None, high: float | None = None,
             lower: bool = lower_is_better) -> Target:
        return Target(kind, low, high, cumulative, lower, text)

    if m := re.fullmatch(_NUM + _SEP + _NUM, body):
        low, high = sorted((float(m[1]), float(m[2])))
        return make(Kind.RANGE, low, high)
    if m := re.fullmatch(r"(?:>|≥|>=|大于|高于|超过|不低于|不少于)\s*" + _NUM, body):
        return make(Kind.ABOVE, float(m[1]))
    if m := re.fullmatch(r"(?:<|≤|<=|小于|低于|不高于|不超过)\s*" + _NUM, body):
        return make(Kind.BELOW, None, float(m[1]), lower=True)
    if m := re.fullmatch(r"(?:约)?\s*" + _NUM + r"\s*(?:左右)", body):
        return make(Kind.ABOUT, float(m[1]))
    if m := re.fullmatch(_NUM, body):
        value = float(m[1])
        return make(Kind.VALUE, None, value) if lower_is_better else make(Kind.VALUE, value)
    return make(Kind.QUALITATIVE)


def _fmt(x: float | None) -> str:
    return f"{x:.15g}" if x is not None else ""


def format_target(target: Target) -> str:
    """The canonical text of a target: parse_target(format_target(t)) == t (but for .text)."""
    prefix = "累计 " if target.cumulative else ""
    lo, hi = _fmt(target.low), _fmt(target.high)
    body = {
        Kind.RANGE: f"{lo}-{hi}", Kind.ABOVE: f">{lo}", Kind.BELOW: f"<{hi}",
        Kind.ABOUT: f"{lo} 左右", Kind.VALUE: lo or hi, Kind.QUALITATIVE: target.text,
    }[target.kind]
    return prefix + body if target.kind is not Kind.QUALITATIVE else target.text
