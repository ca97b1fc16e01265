"""Re-parenting of administrative units: history rolled up in today's units.

Units change (in 2025 Kon Tum merged into Quảng Ngãi and districts were abolished). A club's
book says which units it belonged to on each date; a roll-up of an earlier date uses the units
in force then, unless a units map re-parents them. The map is a TOML file of rules::

    [[rule]]
    from = { province = "Kon Tum" }
    to = { province = "Quảng Ngãi", district = "" }   # "" : the level no longer exists

A rule applies when every field of ``from`` equals the club's unit as its book states it;
every applying rule's ``to`` is laid over the units, in file order (a later rule wins).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import ClassVar

from ledger_engine.records import FrozenRecord, field
from ledger_engine.rollup.snapshot import Units


class UnitRule(FrozenRecord):
    populate_by_name: ClassVar[bool] = True  # read under "from" in a file, "match" in code

    match: Units = field(alias="from")
    to: dict[str, str]
    note: str = ""

    def applies(self, units: Units) -> bool:
        wanted = self.match.model_dump(exclude_none=True)
        return bool(wanted) and all(getattr(units, k) == v for k, v in wanted.items())


class UnitsMap(FrozenRecord):
    rules: tuple[UnitRule, ...] = field(default=(), alias="rule")

    def apply(self, units: Units) -> Units:
        changes: dict[str, str | None] = {}
        for rule in self.rules:
            if rule.applies(units):
                changes.update({k: v or None for k, v in rule.to.items()})
        return units.model_copy(update=changes) if changes else units


IDENTITY = UnitsMap()


def parse_units(text: str) -> UnitsMap:
    """Parse a units map; unknown levels in ``to`` are refused, not ignored."""
    result = UnitsMap.model_validate(tomllib.loads(text))
    for rule in result.rules:
        unknown = set(rule.to) - set(Units.model_fields)
        if unknown:
            raise ValueError(f"unknown unit level(s) in a rule's 'to': {sorted(unknown)}")
    return result


def load_units(path: str | Path | None) -> UnitsMap:
    if path is None:
        return IDENTITY
    return parse_units(Path(path).read_text(encoding="utf-8"))
