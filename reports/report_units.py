"""One set of administrative units per report, and the sentence that says which.

By default every club is placed in the units in force at the report date, with a units map
(``--units`` or the report settings) laid over them where a book still states units that no
longer exist. A plan may instead name the day of its own units (``units_as_of``): then every
club is placed where it stood on that day. Either way a report never mixes two sets of units:
``MixedUnits`` names the clubs that disagree, so the officer can give the map that joins them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from enum import StrEnum

from ledger_engine.i18n import _
from ledger_engine.records import FrozenRecord
from ledger_engine.rollup import ClubSnapshot, UnitsMap
from ledger_engine.rollup.snapshot import Units
from ledger_engine.rollup.units import IDENTITY
from reports.labels import Lang, day, label


class UnitsBasis(StrEnum):
    REPORT_DATE = "report-date"
    PLAN_PERIOD = "plan-period"


class UnitsStatement(FrozenRecord):
    basis: UnitsBasis
    day: datetime.date  # the day whose units every club is placed in
    map_name: str | None  # the units map laid over them, if any
    province: str | None
    has_districts: bool


class MixedUnits(ValueError):
    """Clubs of one report stand in different sets of units."""


def _placed(
    snapshot: ClubSnapshot, day: datetime.date, units_map: UnitsMap
) -> ClubSnapshot:
    figures = snapshot.figures
    if figures is None:
        return snapshot
    units = units_map.apply(figures.units_at(day))
    return snapshot.model_copy(
        update={"figures": figures.model_copy(update={"units": units})}
    )


def _shape(units: Units) -> tuple[str | None, bool]:
    return units.province, units.district is not None


#: How many clubs of each set of units a ``MixedUnits`` message names.
NAMED = 3


class Placement:
    """Clubs placed one at a time, in any order, in the one set of units the report uses.

    Each set of units seen is remembered with its count and its first few clubs (by their
    place among the books given), so that ``statement`` can name a mix, as ``MixedUnits``.
    """

    def __init__(
        self,
        as_of: datetime.date,
        units_day: datetime.date | None,
        units_map: UnitsMap = IDENTITY,
        map_name: str | None = None,
    ) -> None:
        self.day = units_day or as_of
        self.units_day, self.units_map, self.map_name = units_day, units_map, map_name
        # The plan's own units are those its books stated then: no map is laid over them.
        self._map = IDENTITY if units_day is not None else units_map
        self._shapes: dict[tuple[str | None, bool], tuple[int, list[tuple[int, str]]]] = {}

    def place(self, snapshot: ClubSnapshot, order: int) -> ClubSnapshot:
        placed = _placed(snapshot, self.day, self._map)
        if placed.figures is not None:
            shape = _shape(placed.figures.units)
            count, first = self._shapes.get(shape, (0, []))
            first = sorted([*first, (order, placed.label)])[:NAMED]
            self._shapes[shape] = (count + 1, first)
        return placed

    def statement(self) -> UnitsStatement:
        """Which units every club stands in; ``MixedUnits`` when they differ."""
        if len(self._shapes) > 1:
            raise MixedUnits(_mixed_message(self._shapes))
        province, has_districts = next(iter(self._shapes), (None, False))
        return UnitsStatement(
            basis=UnitsBasis.PLAN_PERIOD if self.units_day else UnitsBasis.REPORT_DATE,
            day=self.day,
            map_name=self.map_name
            if self.units_day is None and self.units_map.rules
            else None,
            province=province,
            has_districts=has_districts,
        )


def place_clubs(
    snapshots: Sequence[ClubSnapshot],
    as_of: datetime.date,
    units_day: datetime.date | None,
    units_map: UnitsMap = IDENTITY,
    map_name: str | None = None,
) -> tuple[list[ClubSnapshot], UnitsStatement]:
    """Every club in the one set of units the report uses; ``MixedUnits`` if they differ."""
    placement = Placement(as_of, units_day, units_map, map_name)
    placed = [placement.place(s, order) for order, s in enumerate(snapshots)]
    return placed, placement.statement()


def _mixed_message(
    shapes: dict[tuple[str | None, bool], tuple[int, list[tuple[int, str]]]],
) -> str:
    parts = []
    for (province, districts), (count, first) in sorted(
        shapes.items(), key=lambda i: str(i[0])
    ):
        shown = ", ".join(label for _, label in first) + (", …" if count > NAMED else "")
        words = (
            _("{count} club(s) in {province} with districts ({clubs})")
            if districts
            else _("{count} club(s) in {province} without districts ({clubs})")
        )
        parts.append(words.format(count=count, province=province or "?", clubs=shown))
    return _(
        "the clubs stand in different sets of units: {parts}. Give a units map "
        "(--units FILE, or units_map in report.toml) that places them all in today's "
        "units, or name the plan's units day (units_as_of in the plan)."
    ).format(parts="; ".join(parts))


def units_sentence(statement: UnitsStatement, lang: Lang) -> str:
    """ "Đơn vị hành chính: …": which units every club stands in, and the map used."""
    key = (
        "scope_units_plan"
        if statement.basis is UnitsBasis.PLAN_PERIOD
        else "scope_units_date"
    )
    sentence = label(lang, key, day=day(statement.day))
    if statement.map_name:
        sentence += " " + label(lang, "scope_units_map", map=statement.map_name)
    return sentence
