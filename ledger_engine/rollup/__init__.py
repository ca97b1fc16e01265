"""The province's roll-up: club snapshots taken in parallel, cached, and summed by unit.

books = discover(["books/kon-tum"]).books  # ledger_engine.discovery
snapshots, stats = collect_snapshots(books, as_of, plan, RunOptions(workers=2))
result = roll_up(snapshots, as_of, Basis.RECENT, Level.DISTRICT, load_units(None))
result.total.coverage, [(row.name, row.tally.coverage) for row in result.units]

A province too large to hold streams instead: ``stream_snapshots`` hands on each snapshot
with its book's place, and ``club_row`` makes the row a fold adds to its totals
(``reports.coverage.CoverageFold``).

Names are imported from their modules when first used, so that a run served from the cache
never imports the rule chain that only taking a snapshot needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger_engine.rollup.books import book_digest
    from ledger_engine.rollup.engine import (
        Engine,
        RunOptions,
        RunStats,
        collect_snapshots,
        stream_snapshots,
    )
    from ledger_engine.rollup.figures import take_snapshot
    from ledger_engine.rollup.rollup import (
        ClubRow,
        Level,
        Rollup,
        UnitRow,
        club_row,
        roll_up,
    )
    from ledger_engine.rollup.snapshot import DEFAULT_BASIS, Basis, ClubSnapshot
    from ledger_engine.rollup.tally import Tally
    from ledger_engine.rollup.units import UnitsMap, load_units

#: name → the module that defines it.
_HOMES = {
    "book_digest": "books",
    "Engine": "engine",
    "RunOptions": "engine",
    "RunStats": "engine",
    "collect_snapshots": "engine",
    "stream_snapshots": "engine",
    "take_snapshot": "figures",
    "ClubRow": "rollup",
    "Level": "rollup",
    "Rollup": "rollup",
    "UnitRow": "rollup",
    "club_row": "rollup",
    "roll_up": "rollup",
    "DEFAULT_BASIS": "snapshot",
    "Basis": "snapshot",
    "ClubSnapshot": "snapshot",
    "Tally": "tally",
    "UnitsMap": "units",
    "load_units": "units",
}

__all__ = [
    "DEFAULT_BASIS",
    "Basis",
    "ClubRow",
    "ClubSnapshot",
    "Engine",
    "Level",
    "Rollup",
    "RunOptions",
    "RunStats",
    "Tally",
    "UnitRow",
    "UnitsMap",
    "book_digest",
    "club_row",
    "collect_snapshots",
    "load_units",
    "roll_up",
    "stream_snapshots",
    "take_snapshot",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
