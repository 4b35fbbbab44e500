"""The roster of units: every unit a round names, their aliases and collective names.

Aliases (区府办 = 区政府办) and collectives (各街镇 = every 街道 and 镇) are data, read
from the form definition's units file, so another district needs no code change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

_ROLE_NOTE = re.compile(
    r"[（(]\s*(?:牵头|配合|协同|协助|参与|负责|主责|责任)(?:单位|部门)?\s*[）)]$")


def bare(name: str) -> str:
    """The unit without a role note: "区发改委（牵头）" and "区财政局(配合)" name the units."""
    return _ROLE_NOTE.sub("", name.strip()).strip()


def normalise(name: str) -> str:
    """Fold width and drop white space, so "区城运中心(区网格中心)" meets its full-width twin."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(folded.split())


_SEPARATORS = re.compile(r"[、，,;；/\s]+")


def phrase_key(name: str) -> str:
    """A collective phrase folded for matching: "各镇、街道" and "各镇，街道" are one."""
    return _SEPARATORS.sub("", normalise(name))


def cell_names(spec: Mapping[str, Any], cells: Iterable[Sequence[str]]) -> list[str]:
    """Every name of the cells, with the spec's declared collective phrases joined again."""
    phrases = {phrase_key(k) for k in spec.get("collectives", {})}
    return [n for cell in cells for n in join_phrases(cell, phrases)]


def join_phrases(names: Sequence[str], phrases: Collection[str]) -> tuple[str, ...]:
    """The names of one cell with the pieces of a declared phrase joined again.

    A cell "各镇、街道" is split on 、 into "各镇" and "街道"; when units.json declares
    "各镇、街道" as a collective, the two pieces are one name again.
    """
    out: list[str] = []
    i = 0
    while i < len(names):
        for j in range(len(names), i + 1, -1):
            if phrase_key("".join(names[i:j])) in phrases:
                out.append("、".join(names[i:j]))
                i = j
                break
        else:
            out.append(names[i])
            i += 1
    return tuple(out)


@dataclass(frozen=True)
class Roster:
    """Canonical unit names with their kind (街道, 镇 or "" for a department)."""

    units: Mapping[str, str]
    lookup: Mapping[str, str]  # normalised name or alias -> canonical unit
    collectives: Mapping[str, tuple[str, ...]]  # phrase key -> kinds of unit it covers
    members: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # phrase -> units

    @classmethod
    def build(cls, spec: Mapping[str, Any], named: Iterable[str]) -> Roster:
        """The roster for units `named` in an assignment, with the spec's aliases and kinds.

        Pass the names of each cell through `cell_names` first, so that a declared phrase
        split at its 、 ("各镇、街道") is one collective, not two units.
        """
        aliases = {normalise(k): v for k, v in spec.get("aliases", {}).items()}
        declared = spec.get("collectives", {})
        collectives = {phrase_key(k): tuple(v.get("kinds", ())) for k, v in declared.items()}
        members = {phrase_key(k): tuple(v.get("members", ())) for k, v in declared.items()}
        suffixes = {str(kind): tuple(v.get("suffixes", ())) for kind, v in
                    spec.get("kinds", {}).items()}

        def kind_of(name: str) -> str:
            for kind, ends in suffixes.items():
                if any(name.endswith(e) for e in ends):
                    return kind
            return ""

        units: dict[str, str] = {}
        listed = [*spec.get("units", ()), *(m for ms in members.values() for m in ms)]
        for raw in [*listed, *named]:
            key = normalise(bare(raw))
            if phrase_key(key) in collectives:
                continue
            canonical = aliases.get(key, bare(raw))
            units.setdefault(canonical, kind_of(canonical))
        lookup = {normalise(u): u for u in units} | aliases
        return cls(MappingProxyType(units), MappingProxyType(lookup),
                   MappingProxyType(collectives), MappingProxyType(members))

    def canonical(self, name: str) -> str:
        """The roster name for `name` as written (an alias resolves; others pass unchanged)."""
        return str(self.lookup.get(normalise(bare(name)), bare(name)))

    def resolve(self, name: str) -> tuple[str, ...]:
        """The roster units a name stands for: one unit, or every member of a collective."""
        key = phrase_key(bare(name))
        kinds = self.collectives.get(key)
        if kinds is not None:
            named = {self.canonical(m) for m in self.members.get(key, ())}
            return tuple(u for u, k in self.units.items() if k in kinds or u in named)
        return (self.canonical(name),)

    def resolve_all(self, names: Sequence[str]) -> tuple[str, ...]:
        """The units of one cell's names (a phrase split at its 、 is read whole)."""
        seen: dict[str, None] = {}
        for n in join_phrases(names, self.collectives):
            for u in self.resolve(n):
                seen.setdefault(u, None)
        return tuple(seen)

    def examples(self, count: int = 2) -> tuple[str, ...]:
        """A few unit names to show in a message: one of each kind first (a department,
        a 街道, …), from this roster, so no district's names live in the code."""
        firsts: dict[str, str] = {}
        for unit, kind in self.units.items():
            firsts.setdefault(kind, unit)
        picked = sorted(firsts.values(), key=lambda u: self.units[u] != "")[:count]
        picked += [u for u in self.units if u not in picked][:count - len(picked)]
        return tuple(picked)

    def find(self, name: str) -> str | None:
        """The roster unit a user typed, or None if it names no unit."""
        unit = self.canonical(name)
        return unit if unit in self.units else None
