"""The milestones timeline: for a given date, which deliverables are done, due, late.

An entry is one document one unit owes for one subject row. Its state on a date:
done (sealed or received by its due date), done late, late (past due, not in), due
(within the next `DUE_SOON` days), or upcoming. A deliverable without its own due date is
due at the end of its milestone step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop.core.compilation import CompilationForm, Deliverable, Step
from desktop.core.model import Row

DONE, DONE_LATE, LATE, DUE, UPCOMING = "done", "done_late", "late", "due", "upcoming"
STATE_TITLES = {DONE: "已报送", DONE_LATE: "逾期报送", LATE: "逾期未报", DUE: "即将到期",
                UPCOMING: "未到期"}
DUE_SOON = 30  # days
Key = tuple[str, str, str]  # unit, deliverable id, row number


@dataclass(frozen=True)
class Entry:
    unit: str
    row: Row
    deliverable: Deliverable
    state: str
    done_on: dt.date | None = None

    @property
    def state_title(self) -> str:
        return STATE_TITLES[self.state]


def state_on(deliverable: Deliverable, done_on: dt.date | None, on: dt.date,
             window: Step | None = None) -> str:
    due = deliverable.due or (window.end if window else None)
    if done_on is not None:
        return DONE_LATE if due is not None and done_on > due else DONE
    if due is None:
        return UPCOMING
    if on > due:
        return LATE
    return DUE if (due - on).days <= DUE_SOON else UPCOMING


def timeline(form: CompilationForm, owed: Iterable[tuple[str, Row, Deliverable]],
             done: Mapping[Key, dt.date], on: dt.date) -> tuple[Entry, ...]:
    """Each owed (unit, row, deliverable) with its state on `on`, by due date."""
    entries = []
    for unit, row, deliverable in owed:
        when = done.get((unit, deliverable.id, row.number))
        window = form.milestones.step(deliverable.milestone) if deliverable.milestone else None
        entries.append(Entry(unit, row, deliverable, state_on(deliverable, when, on, window),
                             when))
    far = dt.date.max
    return tuple(sorted(entries, key=lambda e: (e.deliverable.due or far, e.unit)))


def step_state(step: Step, on: dt.date) -> str:
    """Where a milestone step stands on a date: 已完成, 进行中 or 未开始."""
    if on > step.end:
        return "已完成"
    return "进行中" if on >= step.start else "未开始"


def quarter_cells(step: Step, quarters: tuple[tuple[int, int], ...]) -> tuple[bool, ...]:
    """For each (year, quarter) column of the grid, whether the step runs in it."""
    def span(year: int, q: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, 3 * q - 2, 1)
        end = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - dt.timedelta(days=1)
        return start, end

    return tuple(step.start <= span(y, q)[1] and step.end >= span(y, q)[0] for y, q in quarters)
