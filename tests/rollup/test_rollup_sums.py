"""Every unit's figures are the sum of its parts; ratios come from the sums."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from rollup.fakes import AS_OF, runs

from ledger_engine.rollup import Basis, ClubSnapshot, Level, Tally, roll_up
from ledger_engine.rollup.rollup import PATH, total

LEVELS = [Level.CLUB, Level.COMMUNE, Level.DISTRICT, Level.PROVINCE, Level.NATION]


@settings(max_examples=60, deadline=None)
@given(runs())
def test_every_level_sums_to_the_total(snapshots: list[ClubSnapshot]) -> None:
    result = roll_up(snapshots, AS_OF, Basis.RECENT, Level.DISTRICT)
    for level in LEVELS:
        rows = result.level(level)
        assert total(row.tally for row in rows) == result.total, level
        assert sum(len(row.clubs) for row in rows) == len(snapshots)


@settings(max_examples=60, deadline=None)
@given(runs())
def test_each_unit_is_the_sum_of_the_units_below(snapshots: list[ClubSnapshot]) -> None:
    result = roll_up(snapshots, AS_OF, Basis.EVER, Level.DISTRICT)
    for upper, lower in zip(LEVELS[1:], LEVELS[:-1], strict=True):
        width = len(PATH[upper])
        for parent in result.level(upper):
            parts = [row for row in result.level(lower) if row.key[:width] == parent.key]
            assert total(row.tally for row in parts) == parent.tally, (upper, parent.key)


@settings(max_examples=60, deadline=None)
@given(runs())
def test_ratios_are_recomputed_from_counts(snapshots: list[ClubSnapshot]) -> None:
    result = roll_up(snapshots, AS_OF, Basis.RECENT, Level.PROVINCE)
    tally: Tally = result.total
    members = sum(s.figures.composition.active for s in snapshots if s.figures)
    borrowers = sum(
        s.figures.coverage[Basis.RECENT].borrowers.total for s in snapshots if s.figures
    )
    assert (tally.members, tally.borrowers) == (members, borrowers)
    if members:
        expected = (Decimal(borrowers) / members).quantize(Decimal("0.0001"))
        assert tally.coverage == expected
    else:
        assert tally.coverage is None
    assert tally.clubs == len(snapshots)
    assert tally.failed == sum(1 for s in snapshots if s.failed)


def test_coverage_is_not_an_average_of_percentages() -> None:
    # 1 of 2 members (50 %) and 0 of 98 (0 %): the average would be 25 %, the truth is 1 %.
    tallies = [
        Tally(clubs=1, members=2, borrowers=1),
        Tally(clubs=1, members=98, borrowers=0),
    ]
    assert total(tallies).coverage == Decimal("0.0100")
