"""The findings the UI shows, kept up to date as the clerk types.

Each edit re-checks only its own row (validate_row / validate_report) and keeps the other
rows' findings. The whole workspace is checked once at open: inline when small, else in a
QThreadPool worker on its own copy of the answers (it never touches Qt objects), merged
when done without overwriting rows edited meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.core.division import REPORTS, Deliverables
from desktop.core.form import Form
from desktop.core.model import Row
from desktop.core.validation import Finding, Severity, validate, validate_report, validate_row

RowKey = tuple[str, str]  # table, number
INLINE_LIMIT = 2000  # rows checked on the UI thread at open; more go to a worker


class _Relay(QObject):
    done = Signal(object)


class _FullCheck(QRunnable):
    """Validates a snapshot; emits through a relay owned by the UI thread."""

    def __init__(self, form: Form, rows: tuple[Row, ...],
                 answers: dict[str, dict[str, dict[str, str]]], relay: _Relay) -> None:
        super().__init__()
        self.form, self.rows, self.answers, self.relay = form, rows, answers, relay

    def run(self) -> None:  # worker thread: plain Python only
        self.relay.done.emit(by_row(validate(self.form, self.rows, self.answers)))


def by_row(findings: Iterable[Finding]) -> dict[RowKey, list[Finding]]:
    """Findings grouped by their row, in the order given."""
    grouped: dict[RowKey, list[Finding]] = {}
    for f in findings:
        grouped.setdefault((f.location.table, f.location.number), []).append(f)
    return grouped


def part_of(key: RowKey) -> RowKey:
    """The step a row's findings count towards: its table, or one plan's report."""
    return key if key[0] == REPORTS else (key[0], "")


class FindingsStore(QObject):
    """Findings by row, in table order; `changed` after each update, `row_changed` per row.

    The store takes over the `answers` it is given (no copy of 14k rows) and keeps them
    current as edits arrive; the background check gets a snapshot.

    `generation` grows when every row's findings may have changed at once (a full check
    merged, the commission's comments replaced): a listener then reads `all()` again;
    otherwise the rows announced by `row_changed` are all that changed.
    """

    changed = Signal()
    row_changed = Signal(str, str)  # table, number
    checking = Signal(bool)  # a full check is running in the background
    merged = Signal()  # a full check's findings replaced all rows' findings

    def __init__(self, form: Form, rows: Iterable[Row],
                 answers: dict[str, dict[str, dict[str, str]]],
                 accepted: Mapping[str, str], *, inline_limit: int = INLINE_LIMIT,
                 deferred: bool = False, parent: QObject | None = None) -> None:
        """`deferred`: a background check waits for start_check() (the caller builds and
        paints its widgets first instead of sharing the GIL with the check)."""
        super().__init__(parent)
        self.form = form
        self.rows = tuple(rows)
        work = Deliverables.of(self.rows)
        self._row = {(t, r.number): r for t in (*(s.id for s in form.tables), REPORTS)
                     for r in work.table(t)}
        self._order = list(self._row)  # table order, then reports
        self._position = {k: i for i, k in enumerate(self._order)}
        self.answers = answers  # taken over, kept current by update()
        self.accepted = dict(accepted)
        self._by_row: dict[RowKey, list[Finding]] = {}
        # findings the checks do not make (the commission's open comments): kept as given
        self._standing: dict[RowKey, list[Finding]] = {}
        self._dirty: set[RowKey] = set()
        self._flat: list[Finding] | None = None
        self._flat_at: list[int] = []
        self._counts = [0, 0, 0]  # errors, open warnings, accepted warnings
        self._parts: dict[RowKey, list[int]] = {}  # part_of(key) -> [open findings, errors]
        self._open: dict[RowKey, int] = {}  # open (not accepted) findings per row
        self.generation = 0
        self._pool: QThreadPool | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._merge)
        self.running = False
        self.background = len(self._row) > inline_limit  # the open check runs in a worker
        if not self.background:
            self._merge(by_row(validate(form, self.rows, self.answers)))
        elif not deferred:
            self._start_worker()

    def start_check(self) -> None:
        """Start a deferred background check (once; nothing to do when it ran inline)."""
        if self.background and self._pool is None:
            self._start_worker()

    # -- queries ----------------------------------------------------------------------

    def all(self) -> list[Finding]:
        if self._flat is None:
            self._flat, self._flat_at = self._flatten()
        return self._flat

    def all_positions(self) -> list[int]:
        """position() of each item of all(), in the same order."""
        self.all()
        return self._flat_at

    def _flatten(self) -> tuple[list[Finding], list[int]]:
        extra = [k for k in self._standing if k not in self._row]
        found, standing = self._by_row, self._standing
        flat: list[Finding] = []
        at: list[int] = []
        for i, key in enumerate(self._order + extra):
            here = found.get(key, ()) if found else ()
            more = standing.get(key, ()) if standing else ()
            if here or more:
                flat += here
                flat += more
                at += [i] * (len(here) + len(more))
        return flat, at

    def position(self, table: str, number: str) -> int:
        """Where a row's findings come in `all()` (rows in table order, then comments on
        rows no longer assigned)."""
        key = (table, number)
        found = self._position.get(key)
        if found is not None:
            return found
        return len(self._order) + list(k for k in self._standing
                                       if k not in self._row).index(key)

    def of_row(self, table: str, number: str) -> list[Finding]:
        key = (table, number)
        standing = self._standing.get(key)
        return self._by_row.get(key, []) + standing if standing else self._by_row.get(key, [])

    def of_cell(self, table: str, number: str, column: str) -> Finding | None:
        """The most serious open finding of a cell (errors before warnings)."""
        found = [f for f in self.of_row(table, number)
                 if f.location.column == column and not f.accepted]
        found.sort(key=lambda f: f.severity is not Severity.ERROR)
        return found[0] if found else None

    def counts(self) -> tuple[int, int, int]:
        """Errors, open warnings, accepted warnings."""
        e, w, a = self._counts
        return e, w, a

    def open_counts(self) -> dict[RowKey, tuple[int, int]]:
        """Open (not accepted) findings and errors per step: part_of(key) -> (open, errors)."""
        return {part: (n, e) for part, (n, e) in self._parts.items()}

    def open_rows(self, table: str) -> set[str]:
        """The numbers of a table's rows with an open (not accepted) finding."""
        return {n for (t, n), count in self._open.items() if count and t == table}

    def _count(self, key: RowKey, found: Iterable[Finding], sign: int) -> None:
        counts = self._counts
        opened = errors = 0
        for f in found:  # 21k findings when a full check is merged: kept tight
            blocking = f.severity is Severity.ERROR
            counts[0 if blocking else 2 if f.accepted else 1] += sign
            if not f.accepted:
                opened += 1
                errors += blocking
        if opened:
            part = self._parts.setdefault(part_of(key), [0, 0])
            part[0] += sign * opened
            part[1] += sign * errors
            self._open[key] = self._open.get(key, 0) + sign * opened

    def _recount(self) -> None:
        self._counts = [0, 0, 0]
        self._parts = {}
        self._open = {}
        for key, found in (*self._by_row.items(), *self._standing.items()):
            self._count(key, found, +1)

    def set_standing(self, findings: Iterable[Finding]) -> None:
        """Replace the findings no check makes (the commission's open comments)."""
        old = set(self._standing)
        self._standing = {}
        for f in findings:
            self._standing.setdefault((f.location.table, f.location.number), []).append(f)
        self._flat = None
        self.generation += 1
        self._recount()
        for key in old | set(self._standing):
            self.row_changed.emit(*key)
        self.changed.emit()

    # -- updates ----------------------------------------------------------------------

    def update(self, table: str, number: str, field: str, value: str) -> None:
        """One answer changed: re-check its row only."""
        self.answers.setdefault(table, {}).setdefault(number, {})[field] = value
        self._recheck((table, number))
        self.changed.emit()

    def accept(self, key: str, reason: str) -> None:
        if reason:
            self.accepted[key] = reason
        else:
            self.accepted.pop(key, None)
        for rk, found in self._by_row.items():
            if any(f.key == key for f in found):
                self._by_row[rk] = self._with_acceptances(found)
                self._flat = None
                self.row_changed.emit(*rk)
        self._recount()
        self.changed.emit()

    def _recheck(self, key: RowKey) -> None:
        row = self._row.get(key)
        if row is None:
            return
        given = self.answers.get(key[0], {}).get(key[1], {})
        if key[0] == REPORTS:
            found = validate_report(self.form, row, given)
        else:
            found = validate_row(self.form, self.form.table(key[0]), row, given)
        self._count(key, self._by_row.get(key, ()), -1)
        self._by_row[key] = self._with_acceptances(found)
        self._count(key, self._by_row[key], +1)
        self._flat = None
        if self.running:
            self._dirty.add(key)
        self.row_changed.emit(*key)

    def _with_acceptances(self, found: Iterable[Finding]) -> list[Finding]:
        """The findings with their warnings' reasons as accepted now (copied only where
        the reason differs: a full check at 100x has thousands of warnings)."""
        accepted = self.accepted
        return [replace(f, accepted=accepted.get(f.key, ""))
                if f.severity is Severity.WARNING and f.accepted != accepted.get(f.key, "")
                else f for f in found]

    def _start_worker(self) -> None:
        self.running = True
        self.checking.emit(True)
        self._pool = QThreadPool(self)
        snapshot = {t: {n: dict(v) for n, v in by.items()} for t, by in self.answers.items()}
        self._pool.start(_FullCheck(self.form, self.rows, snapshot, self._relay))

    def wait(self, *, start: bool = True) -> None:
        """Block until a background check has finished, starting a deferred one first
        unless `start` is false (tests, benchmarks, closing)."""
        if start:
            self.start_check()
        if self._pool is not None:
            self._pool.waitForDone()

    def _merge(self, fresh: dict[RowKey, list[Finding]]) -> None:
        """Take a full check's findings (grouped by row, in the worker when there is one)."""
        for key in self._dirty:  # edited while the worker ran: keep the newer findings
            fresh[key] = self._by_row.get(key, [])
        self._by_row = {k: self._with_acceptances(v) for k, v in fresh.items()}
        self._dirty.clear()
        self._flat = None
        self.generation += 1
        self._recount()
        self.running = False
        self.checking.emit(False)
        self.merged.emit()
        self.changed.emit()
