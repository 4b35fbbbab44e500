"""Every target expression in Putuo's attachment 2, parsed; figures typed with their units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.numbers import parse_figure
from desktop.core.targets import Kind, Target, format_target, parse_target

ATTACHMENT_2 = [
    ("与市保持同步", Kind.QUALITATIVE, None, None, False),
    ("3-5", Kind.RANGE, 3, 5, False),
    ("累计 1400", Kind.VALUE, 1400, None, True),
    ("40", Kind.VALUE, 40, None, False),
    ("累计 10-20", Kind.RANGE, 10, 20, True),
    ("完成市下达目标", Kind.QUALITATIVE, None, None, False),
    (">84", Kind.ABOVE, 84, None, False),
    (">45", Kind.ABOVE, 45, None, False),
    ("85 左右", Kind.ABOUT, 85, None, False),
    ("累计 857", Kind.VALUE, 857, None, True),
    ("1.1", Kind.VALUE, 1.1, None, False),
]


@pytest.mark.parametrize(("text", "kind", "low", "high", "cumulative"), ATTACHMENT_2)
def test_attachment_2_targets(text, kind, low, high, cumulative):
    t = parse_target(text)
    assert (t.kind, t.low, t.high, t.cumulative) == (kind, low, high, cumulative)


def test_a_lower_is_better_value_is_a_ceiling():
    t = parse_target("0.01", lower_is_better=True)
    assert t.kind is Kind.VALUE and t.high == 0.01 and t.low is None
    assert t.met_by(0.008) and not t.met_by(0.012)


def test_meeting_targets():
    assert parse_target(">84").met_by(84.2) and not parse_target(">84").met_by(84)
    assert parse_target("85 左右").met_by(83) and not parse_target("85 左右").met_by(80)
    assert parse_target("3-5").met_by(4) and not parse_target("3-5").met_by(2.5)
    assert parse_target("累计 1400").met_by(1400) and not parse_target("累计 1400").met_by(700)
    assert parse_target("完成市下达目标").met_by(5) is None


def test_written_forms_other_offices_use():
    assert parse_target("≥ 90").kind is Kind.ABOVE
    assert parse_target("不低于90").low == 90
    assert parse_target("累计1,400").low == 1400
    assert parse_target("３～５").high == 5  # full-width digits and tilde
    assert parse_target("<0.5").kind is Kind.BELOW and parse_target("<0.5").lower_is_better


targets = st.builds(
    Target,
    kind=st.sampled_from([Kind.VALUE, Kind.RANGE, Kind.ABOVE, Kind.ABOUT]),
    low=st.decimals(0, 10000, places=2).map(float),
    high=st.none(),
    cumulative=st.booleans(),
).map(lambda t: Target(t.kind, t.low, round(t.low + 5, 2) if t.kind is Kind.RANGE else None,
                       t.cumulative))


@given(targets)
def test_target_text_round_trips(target):
    text = format_target(target)
    again = parse_target(text)
    assert (again.kind, again.low, again.high, again.cumulative) == (
        target.kind, target.low, target.high, target.cumulative)


@pytest.mark.parametrize(("text", "unit", "value", "ok"), [
    ("300", "亿元", 300, True),
    ("300亿元", "亿元", 300, True),
    ("约 300 亿元", "亿元", 300, True),
    ("1,400", "亿元", 1400, True),
    ("3.2万", "万平方米", 3.2, True),
    ("3.2万平方米", "万平方米", 3.2, True),
    ("12.5%", "%", 12.5, True),
    ("0.008", "人/亿元", 0.008, True),
    ("1.2亿", "元", 1.2e8, True),
    ("300万元", "亿元", 300, False),
    ("86户", "%", 86, False),
])
def test_figures_parse_with_their_units(text, unit, value, ok):
    f = parse_figure(text, unit)
    assert f is not None and f.unit_ok is ok
    if ok:
        assert f.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "暂无数据", "与全市同步", "A"])
def test_text_without_a_figure_is_not_a_number(text):
    assert parse_figure(text, "%") is None


def test_every_target_of_the_shipped_attachment_2_parses():
    """Only 1 (与市保持同步), 9 and 18 (完成市下达目标) are qualitative; 24 is a ceiling."""
    from desktop.forms import find_form
    from desktop.io.assignment_xlsx import read_assignment
    from desktop.paths import demo_dir

    spec = find_form("putuo-2023-midterm").table("indicators")
    rows = read_assignment(demo_dir()).table("indicators")
    parsed = {r.number: parse_target(r.fields["target"],
                                     lower_is_better=r.number in spec.lower_is_better)
              for r in rows}
    assert len(parsed) == 29
    assert {n for n, t in parsed.items() if not t.numeric} == {"1", "9", "18"}
    assert parsed["24"].high == 0.01 and parsed["24"].lower_is_better
    assert parsed["7"].kind is Kind.RANGE and parsed["7"].cumulative
    assert {n for n, t in parsed.items() if t.cumulative} == {
        "3", "6", "7", "10", "11", "12", "13", "15", "16", "21"}
    assert [parsed[n].low for n in ("4.1", "4.2", "4.3", "4.4")] == [12, 8, 12, 8]
