"""The province's roll-up: club snapshots taken in parallel, cached, and summed by unit.

books = discover(["books/kon-tum"]).books  # ledger_engine.discovery
snapshots, stats = collect_snapshots(books, as_of, plan, RunOptions(workers=2))
result = roll_up(snapshots, as_of, Basis.RECENT, Level.DISTRICT, load_units(None))
result.total.coverage, [(row.name, row.tally.coverage) for row in result.units]

A province too large to hold streams instead: ``stream_snapshots`` hands on each snapshot
with its book's place, and ``club_row`` makes the row a fold adds to its totals
(``reports.coverage.CoverageFold``).
"""

from __future__ import annotations

from ledger_engine.rollup.books import book_digest
from ledger_engine.rollup.engine import (
    Engine,
    RunOptions,
    RunStats,
    collect_snapshots,
    stream_snapshots,
)
from ledger_engine.rollup.figures import take_snapshot
from ledger_engine.rollup.rollup import ClubRow, Level, Rollup, UnitRow, club_row, roll_up
from ledger_engine.rollup.snapshot import DEFAULT_BASIS, Basis, ClubSnapshot
from ledger_engine.rollup.tally import Tally
from ledger_engine.rollup.units import UnitsMap, load_units

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
