"""Club → commune → district → province → nation: totals on the units in force at the date.

``roll_up`` lays the units map over each club's units, then sums the clubs' tallies at every
level; a unit's figures are the sum of its clubs', and its ratios are recomputed from those sums.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ledger_engine.rollup.snapshot import Basis, ClubSnapshot, Units
from ledger_engine.rollup.tally import Tally, tally_of
from ledger_engine.rollup.units import IDENTITY, UnitsMap


class Level(StrEnum):
    CLUB = "club"
    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"
    NATION = "nation"


#: The unit levels each level is named by, from the top.
PATH: dict[Level, tuple[str, ...]] = {
    Level.NATION: (),
    Level.PROVINCE: ("province",),
    Level.DISTRICT: ("province", "district"),
    Level.COMMUNE: ("province", "district", "commune"),
    Level.CLUB: ("province", "district", "commune"),
}

Key = tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class ClubRow:
    snapshot: ClubSnapshot
    units: Units  # after the units map
    tally: Tally


@dataclass(frozen=True, slots=True)
class UnitRow:
    level: Level
    key: Key  # the unit's names from the province down, as in PATH[level]
    tally: Tally
    clubs: tuple[ClubRow, ...]

    @property
    def units(self) -> Units:
        return Units(**dict(zip(PATH[self.level], self.key, strict=True)))

    @property
    def name(self) -> str | None:
        """The unit's own name (the last of its path); ``None`` when the level is missing."""
        if self.level is Level.CLUB:
            return self.clubs[0].snapshot.label
        return self.key[-1] if self.key else None


@dataclass(frozen=True)
class Rollup:
    as_of: datetime.date
    basis: Basis
    by: Level
    clubs: tuple[ClubRow, ...]
    total: Tally

    def level(self, level: Level | None = None) -> list[UnitRow]:
        """The rows of ``level`` (the roll-up's own by default), in the order of their names."""
        return group(self.clubs, level or self.by)

    @property
    def units(self) -> list[UnitRow]:
        return self.level(self.by)


@functools.lru_cache(maxsize=4096)
def unit_order(key: Key) -> tuple[tuple[bool, str], ...]:
    """Units in the order of their names, those without one last (one value per unit,
    shared by all its clubs)."""
    return tuple((part is None, part or "") for part in key)


def club_order(row: ClubRow) -> tuple[tuple[tuple[bool, str], ...], str]:
    """Clubs in the order of their units, then of their labels."""
    return unit_order(key_of(row.units, Level.CLUB)), row.snapshot.label


def key_of(units: Units, level: Level) -> Key:
    return tuple(getattr(units, name) for name in PATH[level])


def group(clubs: Iterable[ClubRow], level: Level) -> list[UnitRow]:
    if level is Level.CLUB:
        ordered = sorted(clubs, key=club_order)
        return [UnitRow(level, key_of(c.units, level), c.tally, (c,)) for c in ordered]
    found: dict[Key, list[ClubRow]] = {}
    for club in clubs:
        found.setdefault(key_of(club.units, level), []).append(club)
    return [
        UnitRow(level, key, total(c.tally for c in members), tuple(members))
        for key, members in sorted(found.items(), key=lambda item: unit_order(item[0]))
    ]


def total(tallies: Iterable[Tally]) -> Tally:
    result = Tally()
    for tally in tallies:
        result = result + tally
    return result


def club_row(
    snapshot: ClubSnapshot, basis: Basis, units_map: UnitsMap = IDENTITY
) -> ClubRow:
    """A club as every roll-up sees it: its units after the map, and its tally."""
    units = units_map.apply(snapshot.figures.units) if snapshot.figures else Units()
    return ClubRow(snapshot, units, tally_of(snapshot, basis))


def roll_up(
    snapshots: Sequence[ClubSnapshot],
    as_of: datetime.date,
    basis: Basis,
    by: Level = Level.DISTRICT,
    units_map: UnitsMap = IDENTITY,
) -> Rollup:
    clubs = tuple(club_row(s, basis, units_map) for s in snapshots)
    return Rollup(as_of, basis, by, clubs, total(c.tally for c in clubs))
