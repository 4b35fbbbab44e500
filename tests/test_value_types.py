"""The frozen value types a full check makes by the thousand set their fields in their own
__init__ (faster than the dataclass's): it must take exactly the dataclass's fields, with
the same defaults, so that equality, hashing, repr and replace() stay as they were."""

from __future__ import annotations

import inspect
from dataclasses import MISSING, fields, replace

import pytest

from desktop.core.numbers import Figure
from desktop.core.progress import Assessment
from desktop.core.reading import Reading
from desktop.core.targets import Kind, Target
from desktop.core.validation import Finding, Location, Severity

TYPES = (Finding, Location, Target, Reading, Assessment, Figure)


@pytest.mark.parametrize("cls", TYPES, ids=lambda c: c.__name__)
def test_init_takes_the_fields_with_their_defaults(cls):
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields(cls)]
    for p, f in zip(params, fields(cls), strict=True):
        assert p.default == (inspect.Parameter.empty if f.default is MISSING else f.default)


def test_every_field_is_set_and_the_objects_behave_as_values():
    target = Target(Kind.ABOVE, 90.0, inclusive=True, text="≥90")
    assessment = Assessment(0.5, None, None, "B", "AB")
    made = [Location("indicators", "3"), target, Figure(3.0, "万", True), assessment,
            Reading(target, "%", 91.0, assessment),
            Finding("choice", Severity.ERROR, Location("tasks", "7", "conclusion"), "x")]
    for value in made:
        assert list(vars(value)) == [f.name for f in fields(value)]
        twin = replace(value)
        assert twin == value and hash(twin) == hash(value) and repr(twin) == repr(value)
        with pytest.raises(AttributeError):
            value.__setattr__(fields(value)[0].name, None)
    assert replace(target, cumulative=True).cumulative and not target.cumulative
