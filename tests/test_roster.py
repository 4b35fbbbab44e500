"""Roster rules with another district's units file, written inline: data, not code."""

from __future__ import annotations

from desktop.core.division import Deliverables, department_rows
from desktop.core.model import Assignment, Row
from desktop.core.roster import Roster

SPEC = {
    "aliases": {"区府办": "区政府办公室", "区政府办": "区政府办公室", "江宁街道": "江宁路街道"},
    "kinds": {"街道": {"suffixes": ["街道"]}, "镇": {"suffixes": ["镇"]}},
    "units": ["江宁路街道", "石门二路街道", "彭浦镇"],
    "collectives": {"各街镇": {"kinds": ["街道", "镇"]}, "各街道": {"kinds": ["街道"]}},
}


def rows() -> Assignment:
    return Assignment((
        Row("tasks", "1", units=("区府办",)),
        Row("tasks", "2", units=("各街道", "区发改委")),
        Row("tasks", "3", units=("各街镇",)),
        Row("tasks", "4", units=("江宁街道",)),
        Row("indicators", "5", units=("区科委", "区商务委")),
        Row("indicators", "5.1", units=("区科委",), parent="5"),
        Row("indicators", "5.2", units=("区商务委",), parent="5"),
        Row("plans", "1", units=("区政府办",)),
    ))


def test_aliases_are_data_and_meet_at_one_canonical_name():
    roster = Roster.build(SPEC, rows().all_units())
    assert roster.canonical("区府办") == roster.canonical("区政府办") == "区政府办公室"
    assert roster.find("江宁街道") == "江宁路街道"
    assert roster.find("区 科 委") == "区科委"  # stray spaces from a wrapped cell
    assert roster.find("不存在的单位") is None


def test_collectives_expand_by_kind_including_units_only_in_the_roster_file():
    roster = Roster.build(SPEC, rows().all_units())
    assert set(roster.resolve("各街镇")) == {"江宁路街道", "石门二路街道", "彭浦镇"}
    assert set(roster.resolve("各街道")) == {"江宁路街道", "石门二路街道"}
    pengpu = department_rows(rows(), roster, "彭浦镇")
    assert [r.number for r in pengpu] == ["3"]
    jiangning = department_rows(rows(), roster, "江宁路街道")
    assert [r.number for r in jiangning] == ["2", "3", "4"]


def test_full_width_and_half_width_parentheses_are_the_same_unit():
    roster = Roster.build({}, ["区城运中心（区网格中心）"])
    assert roster.find("区城运中心(区网格中心)") == "区城运中心（区网格中心）"


def test_a_split_indicator_is_answered_by_its_sub_rows():
    roster = Roster.build(SPEC, rows().all_units())
    work = Deliverables.of(department_rows(rows(), roster, "区科委"))
    assert [r.number for r in work.indicators] == ["5.1"]
    office = Deliverables.of(department_rows(rows(), roster, "区政府办公室"))
    assert [r.number for r in office.tasks] == ["1"] and [p.number for p in office.plans] == ["1"]


def test_role_notes_after_a_unit_name_the_unit_itself():
    roster = Roster.build(SPEC, ["区发改委（牵头）", "区财政局(配合)", "区城运中心（区网格中心）"])
    assert "区发改委" in roster.units and "区财政局" in roster.units
    assert "区发改委（牵头）" not in roster.units
    assert roster.find("区发改委") == "区发改委"
    assert roster.canonical("区府办（牵头）") == "区政府办公室"
    assert roster.find("区城运中心（区网格中心）") == "区城运中心（区网格中心）"
    assert set(roster.resolve("各街镇（配合）")) == {"江宁路街道", "石门二路街道", "彭浦镇"}


def test_a_unit_with_nothing_assigned_gets_no_empty_workspace(tmp_path, monkeypatch):
    """A unit the district's roster knows but no table names: refused, nothing created."""
    import json
    import shutil

    import pytest

    from desktop.core.errors import InputError
    from desktop.department.operations import create_workspace
    from desktop.forms import SEARCH_PATH_VARIABLE
    from desktop.paths import demo_dir, forms_dir

    folder = tmp_path / "forms" / "putuo-2023-midterm"
    shutil.copytree(forms_dir() / "putuo-2023-midterm", folder)
    units = json.loads((folder / "units.json").read_text(encoding="utf-8"))
    units["units"].append("区档案局")
    (folder / "units.json").write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, str(tmp_path / "forms"))
    with pytest.raises(InputError, match="没有分配给“区档案局”"):
        create_workspace(tmp_path / "ws", assignment=demo_dir(), department="区档案局")
    assert not (tmp_path / "ws").exists()
