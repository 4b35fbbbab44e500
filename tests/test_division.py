"""Each department's share of Putuo's 2023 tables, with expectations written from the seed.

The literal tables below were written from seed 001 (attachments 2, 3 and 4), with units
in their roster spelling: 区府办 -> 区政府办, 曹杨街道 -> 曹杨新村街道, 各街镇 -> every
街道 and 镇. They are independent of the importer and the demo spreadsheets.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from desktop.core.division import Deliverables, department_rows
from desktop.department.operations import roster_for
from desktop.forms import find_form
from desktop.io.assignment_xlsx import read_assignment
from desktop.paths import demo_dir

STREETS = ("长寿路街道", "曹杨新村街道", "长风新村街道", "宜川路街道", "甘泉路街道",
           "石泉路街道", "真如镇街道", "万里街道")
TOWNS = ("长征镇", "桃浦镇")

INDICATORS = {
    "1": "区发改委", "2": "区财政局", "3": "区发改委",
    "4.1": "区科委", "4.2": "区科委", "4.3": "区金融办", "4.4": "区商务委",
    "5": "区市场监管局", "6": "区科委", "7": "区金融办", "8": "区投促办", "9": "区发改委",
    "10": "区商务委 区投促办", "11": "区房管局", "12": "区房管局", "13": "区文旅局",
    "14": "区体育局", "15": "区民政局", "16": "区卫生健康委", "17": "区卫生健康委",
    "18": "区人社局", "19": "区生态环境局", "20": "区建管委 区生态环境局",
    "21": "区绿化市容局", "22": "区绿化市容局", "23": "区绿化市容局", "24": "区应急局",
    "25": "区生态环境局",
}

TASKS = {
    1: "区科委", 2: "桃浦智创城公司", 3: "区科委 区金融办 苏河水岸经济发展带管委办",
    4: "区科委", 5: "区科委 区教育局 苏河水岸经济发展带管委办", 6: "区商务委", 7: "区科委",
    8: "区科委", 9: "区人社局", 10: "区金融办", 11: "区科委", 12: "区科委", 13: "区科委",
    14: "区金融办", 15: "区商务委", 16: "区商务委", 17: "区市场监管局",
    18: "区投促办 各投促分中心 " + " ".join(STREETS + TOWNS), 19: "区科委", 20: "区商务委",
    21: "区投促办", 22: "区市场监管局", 23: "区发改委 区政府办 区市场监管局", 24: "区发改委",
    25: "区国资委", 26: "区国资委", 27: "长征镇 桃浦镇", 28: "区财政局", 29: "区财政局",
    30: "区政府办", 31: "区司法局", 32: "区司法局", 33: "区科委", 34: "区政府办",
    35: "区城运中心（区网格中心）", 36: "区教育局", 37: "区卫生健康委", 38: "区民政局",
    39: "区科委", 40: "区委组织部 团区委", 41: "区科委", 42: "区金融办", 43: "区教育局",
    44: "区卫生健康委", 45: "区民政局", 46: "区投促办", 47: "区商务委", 48: "区合作交流办",
    49: "区发改委 区重大办", 50: "区商务委", 51: "苏河水岸经济发展带管委办",
    52: "苏河水岸经济发展带管委办", 53: "苏河水岸经济发展带管委办",
    54: "苏河水岸经济发展带管委办", 55: "苏河水岸经济发展带管委办 区建管委",
    56: "真如副中心管委办", 57: "真如副中心管委办", 58: "桃浦智创城管委办 区规划资源局",
    59: "桃浦智创城管委办 区建管委 区绿化市容局", 60: "桃浦智创城管委办 区商务委 区投促办",
    61: "区委宣传部", 62: "区委宣传部", 63: "区委宣传部 区文旅局", 64: "区文旅局",
    65: "区文旅局", 66: "区体育局", 67: "区文旅局", 68: "区文旅局", 69: "区建管委",
    70: "区建管委", 71: "区生态环境局", 72: "区建管委", 73: "区生态环境局", 74: "区发改委",
    75: "区发改委", 76: "区教育局", 77: "区教育局", 78: "区教育局", 79: "区教育局",
    80: "区教育局", 81: "区卫生健康委", 82: "区卫生健康委", 83: "区卫生健康委",
    84: "区卫生健康委", 85: "区民政局", 86: "区民政局", 87: "区民政局",
    88: "区卫生健康委 区民政局", 89: "区人社局", 90: "区人社局", 91: "区人社局",
    92: "区民政局", 93: "区房管局", 94: "团区委", 95: "区民政局",
    96: "曹杨新村街道 区规划资源局",
    97: "区建管委 区生态环境局 区规划资源局 区绿化市容局", 98: "区绿化市容局",
    99: "区民政局", 100: "区城运中心（区网格中心）", 101: "区委宣传部", 102: "区绿化市容局",
    103: "区房管局", 104: "区建管委", 105: "区建管委", 106: "区建管委",
    107: "区编办 区政府办 区司法局", 108: "区绿化市容局", 109: "区应急局", 110: "区应急局",
    111: "区房管局", 112: "区委政法委",
}

PLANS = [
    "区科委", "区金融办", "区商务委", "区投促办", "区商务委", "区科委", "区委组织部",
    "区财政局", "区国资委", "区房管局", "区人社局", "区教育局", "区卫生健康委", "区文旅局",
    "区体育局", "区民政局", "区民政局", "区残联", "区妇儿委", "团区委", "区政府办", "区建管委",
    "区建管委", "区绿化市容局", "区生态环境局", "区发改委", "区委宣传部", "区委政法委",
    "区消防支队", "区民防办", *STREETS, *TOWNS, "桃浦智创城管委办", "真如副中心管委办",
    "苏河水岸经济发展带管委办", "区规划资源局",
]


def _expected() -> dict[str, dict[str, set[str]]]:
    by_unit: dict[str, dict[str, set[str]]] = defaultdict(
        lambda: {"indicators": set(), "tasks": set(), "plans": set()})
    for number, units in INDICATORS.items():
        for u in units.split():
            by_unit[u]["indicators"].add(number)
    for n, units in TASKS.items():
        for u in units.split():
            by_unit[u]["tasks"].add(str(n))
    for n, unit in enumerate(PLANS, start=1):
        by_unit[unit]["plans"].add(str(n))
    return by_unit


EXPECTED = _expected()


@pytest.fixture(scope="module")
def demo():
    assignment = read_assignment(demo_dir())
    return assignment, roster_for(assignment, find_form("putuo-2023-midterm"))


def _share(demo, unit: str) -> dict[str, set[str]]:
    assignment, roster = demo
    work = Deliverables.of(department_rows(assignment, roster, unit))
    return {t: {r.number for r in work.table(t)} for t in ("indicators", "tasks", "plans")}


def test_the_roster_is_every_unit_in_the_tables(demo):
    _, roster = demo
    assert set(roster.units) == set(EXPECTED)


@pytest.mark.parametrize("unit", sorted(EXPECTED))
def test_every_department_gets_exactly_its_rows(demo, unit):
    assert _share(demo, unit) == EXPECTED[unit]


def test_named_examples_from_the_issue(demo):
    kewei = _share(demo, "区科委")
    assert kewei["tasks"] == {"1", "3", "4", "5", "7", "8", "11", "12", "13", "19", "33", "39",
                              "41"}
    assert kewei["indicators"] == {"4.1", "4.2", "6"}
    assert kewei["plans"] == {"1", "6"}
    changzheng = _share(demo, "长征镇")
    assert {"18", "27"} <= changzheng["tasks"] and changzheng["plans"] == {"39"}
    assert _share(demo, "区民政局")["plans"] == {"16", "17"}
    yingji = _share(demo, "区应急局")
    assert yingji == {"indicators": {"24"}, "tasks": {"109", "110"}, "plans": set()}


def test_aliases_resolve_to_one_unit(demo):
    _, roster = demo
    assert roster.canonical("区府办") == roster.canonical("区政府办") == "区政府办"
    assert roster.canonical("曹杨街道") == "曹杨新村街道"
    assert "区府办" not in roster.units and "曹杨街道" not in roster.units
    assert _share(demo, "区政府办")["tasks"] == {"23", "30", "34", "107"}


def test_collective_units_expand_to_every_street_and_town(demo):
    _, roster = demo
    assert set(roster.resolve("各街镇")) == set(STREETS + TOWNS)
    assert "各街镇" not in roster.units


def test_indicator_parent_is_kept_as_context_for_its_sub_row_departments(demo):
    assignment, roster = demo
    numbers = {r.number for r in department_rows(assignment, roster, "区金融办")
               if r.table == "indicators"}
    assert numbers == {"4", "4.3", "7"}
