"""What the numbers of one indicator row say: target, mid-term figure, the assessment.

The same reading the validation's conclusion check makes: the target (with the form's
lower-is-better rows), the mid-term figure in the row's unit, and the cut-off that applies
to that figure: the column's own `as_of` date when it has one (a mid-2023 figure is judged
at 2023-06-30), else the form's `cumulative` or `annual` cut-off by the target's kind. A
table with a time series (2020 base, 2021, 2022, mid-2023) also gives the latest figure,
which stands in for an empty mid-term value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from desktop.core.earlier import Earlier, of_row
from desktop.core.form import Form, Series, TableSpec
from desktop.core.model import Row
from desktop.core.numbers import parse_figure
from desktop.core.progress import Assessment, Period, assess
from desktop.core.targets import Target, has_figure, parse_target
from desktop.core.task_targets import SubKind, SubTarget, extract

TEXT_TARGETS = "text_targets"  # role: the column with one value per target in a task's text
_VALUE_SEPARATOR = re.compile(r"[；;\n]")


@dataclass(frozen=True)
class Point:
    """One figure of a time series: the column, its date and its value (None: not a number)."""

    column: str
    date: dt.date | None
    value: float | None


@dataclass(frozen=True)
class Reading:
    target: Target
    unit: str
    value: float | None  # the mid-term figure, when it parses in the row's unit
    assessment: Assessment | None
    cutoff: dt.date | None = None  # the date the figure was judged at
    series: tuple[Point, ...] = ()  # the base and yearly figures, oldest first
    needed_rate: float | None = None  # yearly growth still needed to reach a level target

    # Set at once, as validation.Finding: a full check makes one per row (2.8k at 100x).
    def __init__(self, target: Target, unit: str, value: float | None,
                 assessment: Assessment | None, cutoff: dt.date | None = None,
                 series: tuple[Point, ...] = (), needed_rate: float | None = None) -> None:
        fields = self.__dict__
        fields["target"], fields["unit"], fields["value"] = target, unit, value
        fields["assessment"], fields["cutoff"] = assessment, cutoff
        fields["series"], fields["needed_rate"] = series, needed_rate

    @property
    def checkable(self) -> bool:
        """Whether the figures can be checked against the conclusion at all."""
        return self.target.numeric and self.assessment is not None


def column_value(column: str | None, row: Row, answers: Mapping[str, str]) -> str:
    """A column's value in this row: the answer, else the assignment's own field."""
    if column is None:
        return ""
    return (answers.get(column) or row.fields.get(column, "")).strip()


def role_value(spec: TableSpec, row: Row, answers: Mapping[str, str], role: str) -> str:
    """The value playing a role in this row: an answer, or the assignment's own field."""
    return column_value(spec.role(role), row, answers)


def _parsed_target(spec: TableSpec, column: str | None, row: Row) -> Target | None:
    text = column_value(column, row, {})
    if not column or not text:
        return None
    lower = row.number in spec.lower_is_better or (row.parent in spec.lower_is_better)
    return parse_target(text, lower_is_better=lower)


def target_of(spec: TableSpec, row: Row) -> Target | None:
    """The row's target as parsed (None when the table or the row has none)."""
    return _parsed_target(spec, spec.role("target"), row)


def unparsed_targets(form: Form, rows: Sequence[Row]) -> list[tuple[str, str, str]]:
    """(table title, row number, target) of targets holding a figure the grammar does not
    read: their figures would go unchecked. `form check` and `init` list them."""
    found: list[tuple[str, str, str]] = []
    for spec in form.tables:
        for row in rows:
            target = target_of(spec, row) if row.table == spec.id else None
            if target is not None and not target.numeric and has_figure(target.text):
                found.append((spec.title, row.number, target.text))
    return found


def _needed_rate(target: Target, value: float | None, years_left: float) -> float | None:
    """The yearly growth still needed to take a level figure to its target (0 when met)."""
    goal = target.goal
    if (target.cumulative or target.rate or target.lower_is_better or goal is None
            or value is None or value <= 0 or years_left <= 0):
        return None
    return float(max(goal / value, 1.0) ** (1 / years_left) - 1)


class RowReader:
    """read_row for the rows of one table, with the table's roles, dates and period looked
    up once: a full check reads every row (14k at 100x)."""

    def __init__(self, form: Form, spec: TableSpec) -> None:
        self.spec = spec
        self.target, self.unit = spec.role("target"), spec.role("unit")
        self.mid = spec.role("mid_value")
        as_of: dict[str, str] = {}
        for c in spec.answer_columns:
            as_of.setdefault(c.id, c.as_of)
        own = as_of.get(self.mid, "") if self.mid else ""
        cutoffs = {kind: form.cutoffs.get("cumulative" if kind else "annual")
                   for kind in (True, False)}
        # the mid-term figure's date: its column's own, else by the target's kind
        self.cutoff = {kind: form.cutoff_date(own) if own else (cut.date if cut else None)
                       for kind, cut in cutoffs.items()}
        self.period = Period(*form.period)
        series = spec.series
        self.latest = series.columns if series else ()  # an empty mid-term value's stand-ins
        self.dated = tuple(self._dated(form, series, as_of)) if series else ()

    @staticmethod
    def _dated(form: Form, series: Series, as_of: Mapping[str, str]
               ) -> Iterable[tuple[str, dt.date | None]]:
        """The series' columns, base first, with the date each figure stands at."""
        for cid in (*([series.base] if series.base else []), *series.columns):
            date = form.cutoff_date(as_of.get(cid, ""))
            if cid == series.base and date is None:  # the base year ends as the period starts
                date = form.period[0] - dt.timedelta(days=1)
            yield cid, date

    def target_of(self, row: Row) -> Target | None:
        return _parsed_target(self.spec, self.target, row)

    def series_points(self, row: Row, answers: Mapping[str, str],
                      unit: str) -> tuple[Point, ...]:
        """The row's base value and its series columns, oldest first."""
        points = []
        for cid, date in self.dated:
            text = column_value(cid, row, answers)
            if not text:
                continue
            figure = parse_figure(text, unit)
            points.append(Point(cid, date,
                                figure.value if figure is not None and figure.unit_ok else None))
        return tuple(points)

    def _figure(self, row: Row, answers: Mapping[str, str], unit: str,
                points: tuple[Point, ...], cumulative: bool
                ) -> tuple[float | None, dt.date | None]:
        """The figure to judge and the date it stands at."""
        text = column_value(self.mid, row, answers)
        if not text and points and points[-1].column in self.latest:
            return points[-1].value, points[-1].date
        figure = parse_figure(text, unit)
        value = figure.value if figure is not None and figure.unit_ok else None
        return value, self.cutoff[cumulative]

    def read(self, row: Row, answers: Mapping[str, str]) -> Reading | None:
        """None when the table has no targets (tasks) or the row has none."""
        if self.target is None:
            return None
        target = self.target_of(row)
        if target is None:
            return None
        unit = column_value(self.unit, row, answers)
        points = self.series_points(row, answers, unit)
        value, cutoff = self._figure(row, answers, unit, points, target.cumulative)
        if not target.numeric or cutoff is None:
            return Reading(target, unit, value, None, cutoff, points)
        period = self.period
        needed = _needed_rate(target, value, period.years_left(cutoff))
        if value is None:  # still show how much time has passed
            return Reading(target, unit, None, Assessment(period.elapsed(cutoff), None, None,
                                                          None, ""), cutoff, points)
        return Reading(target, unit, value, assess(target, value, period=period, cutoff=cutoff),
                       cutoff, points, needed)


def read_row(form: Form, spec: TableSpec, row: Row, answers: Mapping[str, str]) -> Reading | None:
    """None when the table has no targets (tasks) or the row has none."""
    return RowReader(form, spec).read(row, answers)


def history(spec: TableSpec, row: Row, reading: Reading,
            earlier: Iterable[Earlier]) -> tuple[tuple[int, float], ...]:
    """(year, figure) oldest first: the earlier rounds' dated figures, the row's own series
    and the figure being judged (`reading`, from read_row). A year's figure in this round
    wins over an earlier round's; within a source, the latest date of the year wins."""
    by_year: dict[int, float] = {}
    for e in sorted((e for e in of_row(earlier, spec.id, row.number) if e.as_of),
                    key=lambda e: e.as_of):
        figure = parse_figure(e.value, reading.unit)
        if figure is not None and figure.unit_ok:
            by_year[int(e.as_of[:4])] = figure.value
    own = [*reading.series, Point("", reading.cutoff, reading.value)]
    for point in sorted(own, key=lambda p: p.date or dt.date.min):
        if point.date is not None and point.value is not None:
            by_year[point.date.year] = point.value
    return tuple(sorted(by_year.items()))


def text_target_values(text: str) -> list[str]:
    """The values reported for a task's text targets, in order: "2；372.5" or one a line."""
    return [v.strip() for v in _VALUE_SEPARATOR.split(text)] if text.strip() else []


def read_text_targets(form: Form, spec: TableSpec, row: Row, answers: Mapping[str, str]
                      ) -> list[tuple[SubTarget, Reading]]:
    """Each target in the row's text with the value reported for it, read like an indicator:
    the figure in the target's unit, judged at the form's cut-off for its kind."""
    column = spec.role(TEXT_TARGETS)
    if column is None:
        return []
    values = text_target_values(answers.get(column, ""))
    period = Period(*form.period)
    found = []
    for i, sub in enumerate(extract(row.title)):
        target = replace(sub.target, cumulative=sub.kind is SubKind.CUMULATIVE)
        figure = parse_figure(values[i], sub.unit) if i < len(values) and values[i] else None
        value = figure.value if figure is not None and figure.unit_ok else None
        cut = form.cutoffs.get("cumulative" if target.cumulative else "annual")
        cutoff = cut.date if cut else None
        assessment = (assess(target, value, period=period, cutoff=cutoff)
                      if value is not None and cutoff is not None else None)
        found.append((sub, Reading(target, sub.unit, value, assessment, cutoff)))
    return found
