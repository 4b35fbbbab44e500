"""The district summary: conclusions A/B/C/D per category, units still missing, progress.

A row counts once. Where units disagree it counts under the weakest grade they gave
(D before C before B before A), so a shared row never looks better than any of its units
says. A row without an accepted answer counts as 未填报.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.commission.rollup import Line, Rollup
from desktop.core.progress import GRADES
from desktop.core.reading import read_row

UNANSWERED = "未填报"
COLUMNS = (*GRADES, UNANSWERED)


@dataclass(frozen=True)
class Counts:
    table: str  # table id
    title: str  # the table's title (主要指标评估表)
    by_category: dict[str, dict[str, int]]  # category -> A/B/C/D/未填报 -> count

    def total(self, column: str) -> int:
        return sum(c.get(column, 0) for c in self.by_category.values())


@dataclass(frozen=True)
class Progress:
    """One indicator's share of its target reached against the share of time elapsed."""

    number: str
    name: str
    achieved: float
    elapsed: float
    grade: str  # the conclusion given ("" when none)


@dataclass(frozen=True)
class Summary:
    counts: tuple[Counts, ...]
    missing_units: tuple[tuple[str, str], ...]  # (unit, its state) for units not accepted
    progress: tuple[Progress, ...]
    not_comparable: int  # indicators answered whose figures cannot be set against time


def line_grade(rollup: Rollup, table: str, line: Line) -> str:
    """The grade the row counts under: the weakest of its units' conclusions."""
    spec = rollup.table(table)
    column = spec.role("conclusion")
    grades = spec.grade_map()
    given = {grades.get(a.get(column or "", "").strip(), "") for a in line.answers.values()}
    given.discard("")
    return max(given) if given else ""


def count_conclusions(rollup: Rollup) -> tuple[Counts, ...]:
    """Per table with a conclusion column, the grades per category, in the table's order."""
    result = []
    for table, lines in rollup.lines.items():
        if not rollup.table(table).role("conclusion"):
            continue
        by_category: dict[str, dict[str, int]] = {}
        for line in lines:
            counts = by_category.setdefault(line.row.category or "（未分类）",
                                            dict.fromkeys(COLUMNS, 0))
            grade = line_grade(rollup, table, line) if line.answers else UNANSWERED
            counts[grade or UNANSWERED] += 1
        result.append(Counts(table, rollup.table(table).title, by_category))
    return tuple(result)


def missing_units(rollup: Rollup) -> tuple[tuple[str, str], ...]:
    """Roster units (each has something to answer) with no accepted package, and their state."""
    return tuple((u, s) for u, s in rollup.states.items() if u not in rollup.accepted)


def indicator_progress(rollup: Rollup) -> tuple[tuple[Progress, ...], int]:
    """Indicators whose figures say how much of the target is reached, and how many
    answered ones cannot say (targets that are not cumulative, figures not numbers)."""
    found, other = [], 0
    for table, lines in rollup.lines.items():
        spec = rollup.table(table)
        if not spec.role("target"):
            continue
        for line in lines:
            for answers in line.answers.values():
                reading = read_row(rollup.form, spec, line.row, answers)
                assessment = reading.assessment if reading else None
                if assessment is None or assessment.achieved is None:
                    other += 1
                    continue
                grade = spec.grade_map().get(answers.get(spec.role("conclusion") or "", ""), "")
                found.append(Progress(str(line.row.number), line.row.title,
                                      assessment.achieved, assessment.elapsed, grade))
    return tuple(found), other


def summarize(rollup: Rollup) -> Summary:
    progress, other = indicator_progress(rollup)
    return Summary(count_conclusions(rollup), missing_units(rollup), progress, other)
