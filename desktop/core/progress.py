"""时间过半任务过半: progress against elapsed time, a suggested conclusion, and consistency.

Conclusions are the commission's four grades: A 进展超前、可以提前完成; B 进展良好、可以如期
完成; C 进展较慢、需要加快推进; D 情况变化、难以完成.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.core.targets import Target

GRADES = ("A", "B", "C", "D")
# Share of the elapsed-time share reached: at or above each bound, the grade beside it.
_CUMULATIVE_BANDS = ((1.2, "A"), (0.9, "B"), (0.6, "C"), (float("-inf"), "D"))
_CONSISTENT = {"A": "AB", "B": "AB", "C": "BCD", "D": "CD"}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def elapsed(self, cutoff: dt.date) -> float:
        """Share of the period passed at a month-end cut-off: 2023-06-30 in 2021-2025 is 0.5."""
        done = (cutoff.year - self.start.year) * 12 + cutoff.month - self.start.month + 1
        return min(max(done / self.months(), 0.0), 1.0)

    def years_left(self, cutoff: dt.date) -> float:
        return self.months() * (1 - self.elapsed(cutoff)) / 12


@dataclass(frozen=True)
class Assessment:
    elapsed: float  # share of the period passed
    achieved: float | None  # share of a cumulative target reached
    needed_per_year: float | None  # what each remaining year must add (cumulative targets)
    suggested: str | None  # the grade the numbers point to, None when they cannot tell
    consistent: str  # grades that do not contradict the numbers ("" = any)

    # Set at once, as validation.Finding: a full check makes one per row (2.8k at 100x).
    def __init__(self, elapsed: float, achieved: float | None, needed_per_year: float | None,
                 suggested: str | None, consistent: str) -> None:
        fields = self.__dict__
        fields["elapsed"], fields["achieved"] = elapsed, achieved
        fields["needed_per_year"], fields["suggested"] = needed_per_year, suggested
        fields["consistent"] = consistent

    def contradicts(self, conclusion: str) -> bool:
        return bool(self.consistent) and conclusion not in self.consistent


def assess(target: Target, value: float, *, period: Period, cutoff: dt.date) -> Assessment:
    """What the mid-term figure says about the target, as the commission would read it."""
    elapsed = period.elapsed(cutoff)
    goal = target.goal
    if not target.numeric or goal is None:
        return Assessment(elapsed, None, None, None, "")
    if target.cumulative and not target.lower_is_better and goal > 0:
        achieved = value / goal
        ratio = achieved / elapsed if elapsed else float("inf")
        grade = next(g for bound, g in _CUMULATIVE_BANDS if ratio >= bound)
        left = period.years_left(cutoff)
        needed = max(goal - value, 0.0) / left if left else None
        return Assessment(elapsed, achieved, needed, grade, _CONSISTENT[grade])
    if target.met_by(value):
        return Assessment(elapsed, None, None, "B", "AB")
    return Assessment(elapsed, None, None, None, "")
