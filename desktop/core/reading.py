"""What the numbers of one indicator row say: target, mid-term figure, the assessment.

The same reading the validation's conclusion check makes: the target (with the form's
lower-is-better rows), the mid-term figure in the row's unit, the cut-off that applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.core.form import Form, TableSpec
from desktop.core.model import Row
from desktop.core.numbers import parse_figure
from desktop.core.progress import Assessment, Period, assess
from desktop.core.targets import Target, parse_target


@dataclass(frozen=True)
class Reading:
    target: Target
    unit: str
    value: float | None  # the mid-term figure, when it parses in the row's unit
    assessment: Assessment | None


def role_value(spec: TableSpec, row: Row, answers: Mapping[str, str], role: str) -> str:
    """The value playing a role in this row: an answer, or the assignment's own field."""
    column = spec.role(role)
    if column is None:
        return ""
    return (answers.get(column) or row.fields.get(column, "")).strip()


def read_row(form: Form, spec: TableSpec, row: Row, answers: Mapping[str, str]) -> Reading | None:
    """None when the table has no targets (tasks) or the row has none."""
    text = role_value(spec, row, answers, "target")
    if not spec.role("target") or not text:
        return None
    lower = row.number in spec.lower_is_better or (row.parent in spec.lower_is_better)
    target = parse_target(text, lower_is_better=lower)
    unit = role_value(spec, row, answers, "unit")
    figure = parse_figure(role_value(spec, row, answers, "mid_value"), unit)
    value = figure.value if figure is not None and figure.unit_ok else None
    cutoff = form.cutoffs.get("cumulative" if target.cumulative else "annual")
    if not target.numeric or cutoff is None:
        return Reading(target, unit, value, None)
    period = Period(*form.period)
    if value is None:  # still show how much time has passed
        return Reading(target, unit, None, Assessment(period.elapsed(cutoff.date),
                                                      None, None, None, ""))
    return Reading(target, unit, value, assess(target, value, period=period, cutoff=cutoff.date))
