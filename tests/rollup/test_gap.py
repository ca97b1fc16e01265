"""The gap to the loan target: borrowers still needed and what the idle cash pays for."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from rollup.clubbooks import Club, L, members, write

from ledger_engine.rollup import Basis, take_snapshot
from ledger_engine.targets import load_plan

PLAN = load_plan()
AS_OF = datetime.date(2025, 6, 15)


def test_needed_borrowers_and_loans_the_idle_cash_funds(tmp_path: Path) -> None:
    # 7 members, 2 borrowers: half of 7 rounds up to 4, so 2 more are needed. Loans of
    # 3,000,000 and 5,000,000: the median is 4,000,000. Cash 20,000,000 − 8,000,000 lent
    # = 12,000,000 idle → 3 loans of 4,000,000, enough for the 2 needed.
    club = Club(
        "KT-DH-800",
        members("M", 7),
        loans=[
            L("L1", "M000", "2025-01-10", amount=3_000_000),
            L("L2", "M001", "2025-02-10", amount=5_000_000),
        ],
        capital=20_000_000,
    )
    figures = take_snapshot(str(write(tmp_path, club)), AS_OF, PLAN).figures
    assert figures is not None
    gap = figures.coverage[Basis.RECENT].gap
    assert gap.borrowers_needed == 2
    assert gap.idle_cash == Decimal(12_000_000)
    assert gap.loan_size == Decimal(4_000_000)
    assert not gap.loan_size_from_policy
    assert gap.loans_fundable == 3
    assert gap.self_funded


def test_a_club_that_never_lent_assumes_half_the_policy_maximum(tmp_path: Path) -> None:
    # Policy maximum 10,000,000 → 5,000,000 a loan; 9,000,000 idle funds one; 3 of 5 needed.
    club = Club("KT-DH-801", members("M", 5), capital=9_000_000)
    figures = take_snapshot(str(write(tmp_path, club)), AS_OF, PLAN).figures
    assert figures is not None
    gap = figures.coverage[Basis.RECENT].gap
    assert (gap.borrowers_needed, gap.loans_fundable) == (3, 1)
    assert gap.loan_size == Decimal(5_000_000) and gap.loan_size_from_policy
    assert not gap.self_funded


def test_a_club_at_the_target_needs_nobody(tmp_path: Path) -> None:
    club = Club(
        "KT-DH-802",
        members("M", 2),
        loans=[L("L1", "M000", "2025-01-10")],
    )
    figures = take_snapshot(str(write(tmp_path, club)), AS_OF, PLAN).figures
    assert figures is not None
    mine = figures.coverage[Basis.RECENT]
    assert mine.meets_target and mine.gap.borrowers_needed == 0
