"""The coverage report folded club by club, in any order, is the report of the whole roll-up."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from rollup.fakes import AS_OF, runs

from ledger_engine.rollup import Basis, ClubSnapshot, Level, roll_up
from ledger_engine.rollup.rollup import club_row
from reports.coverage import CoverageFold, build_coverage

MINIMUM = Decimal("0.5")


@settings(max_examples=40, deadline=None)
@given(runs(), st.sampled_from(list(Level)), st.randoms(use_true_random=False))
def test_any_order_gives_the_whole_roll_ups_report(
    snapshots: list[ClubSnapshot], by: Level, rng: random.Random
) -> None:
    whole = build_coverage(roll_up(snapshots, AS_OF, Basis.RECENT, by), MINIMUM)
    numbered = list(enumerate(snapshots))
    rng.shuffle(numbered)
    every, behind = (
        CoverageFold(AS_OF, Basis.RECENT, by, every_club=flag) for flag in (True, False)
    )
    for order, snapshot in numbered:
        every.add(club_row(snapshot, Basis.RECENT), order)
        behind.add(club_row(snapshot, Basis.RECENT), order)
    assert every.report(MINIMUM) == whole
    assert behind.report(MINIMUM) == whole.model_copy(update={"clubs": ()})
