"""Quantitative targets written inside a task's text ("累计新增1000家", "达到95%").

Plans monitor these like indicators (Putuo's division plan: 《纲要》文本中涉及的量化目标，
也纳入监测评估). `extract` finds each figure with a unit or a target word around it and
reads it with the target grammar of `desktop.core.targets` (docs/forms.md, "Targets inside
task text"). Each becomes a `SubTarget` of one of four kinds:

    cumulative  an amount added over the period: 累计, 新增, 新建, 建成, 完成 before the figure,
                or a count of things ("2个研究所", "20家") with no other target word
    ceiling     at most: 控制在…以内, 不超过, 不高于, …以下
    floor       at least: 不少于, 不低于, 至少, 超过, …以上
    level       a state reached: 达到, 提高到, a percentage, a range, an area

Not targets: years and dates ("2025年", "3月"), ordinals ("第一", "十四五" — only Arabic
figures are read), codes and numbers of roads, lines and plots ("S20", "14号线", "X1"),
and anything inside quotation marks or title marks (names: “6+365”, “建党100周年”).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.core.targets import Kind, Target, parse_target


class SubKind(StrEnum):
    CUMULATIVE = "cumulative"
    LEVEL = "level"
    CEILING = "ceiling"
    FLOOR = "floor"


SUB_KIND_TITLES = {SubKind.CUMULATIVE: "累计", SubKind.LEVEL: "达到",
                   SubKind.CEILING: "上限", SubKind.FLOOR: "下限"}


@dataclass(frozen=True)
class SubTarget:
    figure: float  # the target's figure (a range's lower end)
    unit: str  # as written after the figure, with 万/亿: "家", "%", "万平方米"
    kind: SubKind
    phrase: str  # the clause of the task text it came from
    expression: str  # the target as written: "累计新增1000家", "95%以上"
    high: float | None = None  # a range's upper end

    @property
    def target(self) -> Target:
        """The expression parsed by the target grammar, to check a reported value with."""
        return parse_target(self.expression, lower_is_better=self.kind is SubKind.CEILING)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"figure": self.figure, "unit": self.unit, "kind": str(self.kind),
                               "phrase": self.phrase, "expression": self.expression}
        if self.high is not None:
            out["high"] = self.high
        return out


_COUNTS = "个|家|所|座|条|项|处|套|张|辆|台|场|株|棵|只|户|间|支|批次"
_MEASURES = ("个百分点|百分点|%|‰|微克/立方米|毫克/升|人次|人|平方公里|平方千米|"
             "平方米|立方米|公顷|亩|公里|千米|米|吨标准煤|吨|公斤|千克|"
             "千瓦时|千瓦|兆瓦|美元|元|小时|分钟|天|倍")
_UNIT = rf"(?:[万亿](?:{_MEASURES}|{_COUNTS})?|(?:{_MEASURES}|{_COUNTS}))"
_WORDS = ("累计|新增|新建|建成|完成|达到|力争达到|力争|提高到|提高至|提升到|提升至|增加到|增加至|"
          "不少于|不低于|不超过|不高于|至少|超过|控制在|年均增长|增长|约")
_NUM = r"(?<![A-Za-z0-9.+])\d+(?:\.\d+)?(?![0-9.])"
_CANDIDATE = re.compile(
    rf"(?P<words>(?:(?:{_WORDS})\s*){{0,3}})(?P<num>{_NUM})"
    rf"(?P<range>(?:\s*{_UNIT})?\s*[-~～—–至到]\s*{_NUM})?\s*(?P<unit>{_UNIT})?"
    r"(?P<suffix>及以上|以上|以内|以下|左右)?(?![A-Za-z+])")
_NOT_AFTER = re.compile(r"\s*[年月日号期届级]")  # 2025年, 3月, 14号线, 二期, 第3届
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|《[^》]*》|「[^」]*」")
_CLAUSE = re.compile(r"[^,，。;；:：!！?？\n]+")
_COMPARISON = re.compile(r"达到|不少于|不低于|不超过|不高于|至少|超过|控制在")
_CUMULATIVE_WORD = re.compile(r"累计|新增|新建|建成|完成")
_FLOOR_WORD = re.compile(r"不少于|不低于|至少|超过|大于|高于|以上|≥|>")
_COUNT_UNIT = re.compile(rf"^[万亿]?(?:{_COUNTS})$")


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return _THOUSANDS.sub("", folded) if "," in folded else folded


def _kind(target: Target, before: str, unit: str) -> SubKind:
    if target.kind is Kind.BELOW:
        return SubKind.CEILING
    if target.cumulative or _CUMULATIVE_WORD.search(before):
        return SubKind.CUMULATIVE
    if target.kind is Kind.ABOVE and _FLOOR_WORD.search(target.text):
        return SubKind.FLOOR
    if target.kind in (Kind.VALUE, Kind.RANGE) and _COUNT_UNIT.match(unit) and not before.endswith(
            ("达到", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至")):
        return SubKind.CUMULATIVE
    return SubKind.LEVEL


def _in_clause(clause: str) -> list[SubTarget]:
    masked = _QUOTED.sub(lambda m: "\0" * len(m[0]), clause)
    found: list[SubTarget] = []
    for m in _CANDIDATE.finditer(masked):
        words, unit, suffix = m["words"].strip(), m["unit"] or "", m["suffix"] or ""
        if _NOT_AFTER.match(masked, m.end()) or masked[:m.start("num")].endswith("第"):
            continue
        if not (unit or suffix or _COMPARISON.search(words)):
            continue  # a bare number: a code, a name ("118商业广场", "12345热线")
        expression = clause[m.start():m.end()].strip()
        target = parse_target(expression)
        if not target.numeric or target.goal is None:
            continue
        before = clause[:m.start("num")]
        high = target.high if target.kind is Kind.RANGE else None
        found.append(SubTarget(target.goal, unit, _kind(target, before, unit),
                               clause.strip(), expression, high))
    return found


def extract(text: str) -> list[SubTarget]:
    """Every quantitative target in a task's text, in the order written."""
    return [t for c in _CLAUSE.findall(_fold(text)) for t in _in_clause(c)]
