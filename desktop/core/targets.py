"""Target expressions as Chinese plans write them, parsed into something to compare with.

The grammar (docs/forms.md, "Target grammar"), after width folding and with thousands
separators removed; a unit may follow any figure ("2600亿元以上", "95%"):

    target     := [cumulative] body | body "（累计）"
    cumulative := "累计" | "5年累计" | "五年累计" | "“十四五”期间累计" | "期间累计" | ...
    body       := range | at-least | more-than | at-most | less-than | about | growth | value
    range      := N "-" N   (also ~ ～ — 至 到)
    at-least   := ("≥" | ">=" | "不低于" | "不少于" | "至少" | "达到") N  |  N ("以上" | "及以上")
    more-than  := (">" | "大于" | "高于" | "超过") N
    at-most    := ("≤" | "<=" | "不高于" | "不超过" | "控制在" | "低于或等于") N [("以内" | "以下")]
                  |  N ("以内" | "以下")
    less-than  := ("<" | "小于" | "低于") N
    about      := ["约"] N "左右"  |  "约" N
    growth     := ("年均增长" | "年均增速" | "年均增幅" | "增长") body   (a yearly rate)
    (a leading verb such as 新增, 建成, 完成, 提高到 is read past: "累计新增1000")
    value      := N   (reach at least N, or at most N on a lower-is-better row)

Anything else ("完成市下达目标", "与市保持同步") is qualitative: no numeric check.
`has_figure` tells a qualitative target that contains a figure (and so probably a form of
words the grammar does not know yet) from one made of words only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    VALUE = "value"  # reach at least this (or at most, if lower is better)
    RANGE = "range"  # between low and high
    ABOVE = "above"  # more than low (at least low when inclusive)
    BELOW = "below"  # less than high (at most high when inclusive)
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
    inclusive: bool = False  # "≥ 90", "35以上", "控制在0.016以内": the bound itself counts
    rate: bool = False  # "年均增长6%": a yearly rate, compared as it is

    # Set at once, as validation.Finding: a full check makes one per row (2.8k at 100x).
    def __init__(self, kind: Kind, low: float | None = None, high: float | None = None,
                 cumulative: bool = False, lower_is_better: bool = False, text: str = "",
                 inclusive: bool = False, rate: bool = False) -> None:
        fields = self.__dict__
        fields["kind"], fields["low"], fields["high"], fields["cumulative"] = (
            kind, low, high, cumulative)
        fields["lower_is_better"], fields["text"] = lower_is_better, text
        fields["inclusive"], fields["rate"] = inclusive, rate

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
            return value >= lo if self.inclusive else value > lo  # type: ignore[operator]
        if self.kind is Kind.BELOW:
            return value <= hi if self.inclusive else value < hi  # type: ignore[operator]
        if self.lower_is_better:
            return value <= (hi if hi is not None else lo)  # type: ignore[operator]
        return value >= lo  # type: ignore[operator]


ABOUT_TOLERANCE = 0.03  # "85 左右" is met from 82.45 up
_NUM = r"((?>[-+]?\d+(?:\.\d+)?))"  # atomic: nothing after a figure takes a digit
_UNIT = r"\s*(?:[^\d\s<>≤≥~～—–至到()（）]*?)\s*"  # "亿元", "%", "万人次" after a figure
_SEP = r"\s*[-~～—–至到]\s*"
_CUMULATIVE = re.compile(
    r"^(?:[“\"]?十[三四五六七]五[”\"]?(?:期间|时期)?|规划期内?|五年|[1-9一二三四五六七八九十]\s*年|"
    r"期间)?\s*累计\s*|\s*[（(]累计[）)]$")
_GROWTH = re.compile(r"^(?:年均(?:增长|增速|增幅|提高)(?:率)?|年平均增长(?:率)?|增长)\s*")
_VERB = re.compile(r"^(?:新增|新建|建成|完成|实现|提升至|提升到|提高至|提高到|增加到|增加至)\s*")
_AT_LEAST = r"(?:≥|>=|不低于|不少于|至少|达到|力争达到|力争)"
_MORE = r"(?:>|大于|高于|超过)"
_AT_MOST = r"(?:≤|<=|不高于|不超过|控制在|低于或等于|小于或等于)"
_LESS = r"(?:<|小于|低于)"
_FIGURE = re.compile(r"\d")


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


def _clean(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    if "," in folded:
        folded = _THOUSANDS.sub("", folded)
    return " ".join(folded.split())


def has_figure(text: str) -> bool:
    """Whether the text holds a figure at all (a qualitative target with one may be a
    form of words the grammar does not know)."""
    return bool(_FIGURE.search(unicodedata.normalize("NFKC", text)))


# _body's patterns, compiled once (a full check parses every row's target)
_RANGE = re.compile(_NUM + _UNIT + _SEP + _NUM + _UNIT)
_ABOVE = (re.compile(_AT_LEAST + r"\s*" + _NUM + _UNIT + r"(?:及?以上)?"),
          re.compile(_NUM + _UNIT + r"(?:及)?以上"))
_ABOVE_STRICT = re.compile(_MORE + r"\s*" + _NUM + _UNIT)
_BELOW = (re.compile(_AT_MOST + r"\s*" + _NUM + _UNIT + r"(?:以内|以下)?"),
          re.compile(_NUM + _UNIT + r"(?:以内|以下)"))
_BELOW_STRICT = re.compile(_LESS + r"\s*" + _NUM + _UNIT)
_ABOUT = (re.compile(r"(?:约|大约)?\s*" + _NUM + _UNIT + r"左右"),
          re.compile(r"(?:约|大约)\s*" + _NUM + _UNIT))
_VALUE = re.compile(_NUM + _UNIT)


def _full(body: str, patterns: tuple[re.Pattern[str], ...]) -> re.Match[str] | None:
    for pattern in patterns:
        if m := pattern.fullmatch(body):
            return m
    return None


def _body(body: str, lower_is_better: bool) -> tuple[Kind, float | None, float | None,
                                                     bool, bool] | None:
    """(kind, low, high, lower is better, inclusive) of a target without its prefixes."""
    if m := _RANGE.fullmatch(body):
        low, high = sorted((float(m[1]), float(m[2])))
        return Kind.RANGE, low, high, lower_is_better, True
    if m := _full(body, _ABOVE):
        return Kind.ABOVE, float(m[1]), None, False, True
    if m := _ABOVE_STRICT.fullmatch(body):
        return Kind.ABOVE, float(m[1]), None, False, False
    if m := _full(body, _BELOW):
        return Kind.BELOW, None, float(m[1]), True, True
    if m := _BELOW_STRICT.fullmatch(body):
        return Kind.BELOW, None, float(m[1]), True, False
    if m := _full(body, _ABOUT):
        return Kind.ABOUT, float(m[1]), None, lower_is_better, False
    if m := _VALUE.fullmatch(body):
        value = float(m[1])
        if lower_is_better:
            return Kind.VALUE, None, value, True, True
        return Kind.VALUE, value, None, False, True
    return None


def parse_target(text: str, *, lower_is_better: bool = False) -> Target:
    """Parse a target cell; anything without a recognisable figure is qualitative."""
    body, marks = _CUMULATIVE.subn("", _clean(text))
    body = _VERB.sub("", body.strip())
    growth = _GROWTH.match(body)
    if growth:
        body = body[growth.end():].strip()
    parsed = _body(body, lower_is_better)
    if parsed is None:
        return Target(Kind.QUALITATIVE, None, None, marks > 0, lower_is_better, text)
    kind, low, high, lower, inclusive = parsed
    return Target(kind, low, high, marks > 0, lower, text, inclusive and kind in (
        Kind.ABOVE, Kind.BELOW), growth is not None)


def _fmt(x: float | None) -> str:
    return f"{x:.15g}" if x is not None else ""


def format_target(target: Target) -> str:
    """The canonical text of a target: parse_target(format_target(t)) == t (but for .text)."""
    prefix = "累计 " if target.cumulative else ""
    lo, hi = _fmt(target.low), _fmt(target.high)
    body = {
        Kind.RANGE: f"{lo}-{hi}", Kind.ABOVE: f"{'≥' if target.inclusive else '>'}{lo}",
        Kind.BELOW: f"{'≤' if target.inclusive else '<'}{hi}",
        Kind.ABOUT: f"{lo} 左右", Kind.VALUE: lo or hi, Kind.QUALITATIVE: target.text,
    }[target.kind]
    if target.rate:
        body = "年均增长" + body
    return prefix + body if target.kind is not Kind.QUALITATIVE else target.text
