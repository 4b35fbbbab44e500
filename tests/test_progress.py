"""Numbers against conclusions, with the commission's own indicators (attachment 2)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.progress import Period, assess
from desktop.core.targets import parse_target

PLAN = Period(dt.date(2021, 1, 1), dt.date(2025, 12, 31))
CUTOFF = dt.date(2023, 6, 30)


def test_half_the_time_has_passed_at_the_cut_off():
    assert PLAN.elapsed(CUTOFF) == 0.5
    assert PLAN.years_left(CUTOFF) == 2.5
    assert PLAN.elapsed(dt.date(2022, 12, 31)) == 0.4


def test_indicator_3_at_300_of_1400_contradicts_a():
    a = assess(parse_target("累计 1400"), 300, period=PLAN, cutoff=CUTOFF)
    assert a.achieved == pytest.approx(300 / 1400)
    assert a.suggested == "D"
    assert a.contradicts("A") and not a.contradicts("D")
    assert a.needed_per_year == pytest.approx(1100 / 2.5)


def test_indicator_15_on_schedule_is_b():
    a = assess(parse_target("累计 857"), 450, period=PLAN, cutoff=CUTOFF)
    assert a.suggested == "B" and not a.contradicts("A") and a.contradicts("D")


def test_indicator_6_far_ahead_is_a():
    a = assess(parse_target("累计 150"), 120, period=PLAN, cutoff=CUTOFF)
    assert a.suggested == "A" and a.contradicts("C")


def test_indicator_24_ceiling_at_0_008_is_on_track():
    a = assess(parse_target("0.01", lower_is_better=True), 0.008, period=PLAN, cutoff=CUTOFF)
    assert a.suggested == "B" and not a.contradicts("B") and not a.contradicts("A")
    assert a.contradicts("D")


def test_qualitative_targets_are_never_checked():
    a = assess(parse_target("完成市下达目标"), 3, period=PLAN, cutoff=CUTOFF)
    assert a.suggested is None and not a.contradicts("A") and not a.contradicts("D")


def test_an_unmet_yearly_target_does_not_guess():
    a = assess(parse_target(">84"), 83.5, period=PLAN, cutoff=CUTOFF)
    assert a.suggested is None and not a.contradicts("C")
