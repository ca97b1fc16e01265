"""Coverage per club and in total against a count made straight from the entries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from helpers import EXAMPLES
from rollup.clubbooks import Club, L, M, members, write

from ledger_engine.rollup import Basis, Level, roll_up, take_snapshot
from ledger_engine.targets import load_plan

PLAN = load_plan()
DATES = [
    datetime.date(2024, 6, 15),
    datetime.date(2024, 12, 15),
    datetime.date(2025, 6, 15),
]


def recount(path: Path, as_of: datetime.date) -> tuple[int, int]:
    """(borrowing active members, active members) read from the raw entries: a member
    borrows who received money on a loans account in the year up to ``as_of`` or still owes."""
    entries, _, _ = loader.load_file(str(path))
    joined: dict[str, datetime.date] = {}
    left: dict[str, datetime.date] = {}
    owed: dict[str, Decimal] = defaultdict(Decimal)
    lent_recently: set[str] = set()
    year_ago = as_of.replace(year=as_of.year - 1)
    for entry in entries:
        if isinstance(entry, data.Custom) and entry.type in ("member", "member-exit"):
            target = joined if entry.type == "member" else left
            target[entry.values[0].value] = entry.date
        if isinstance(entry, data.Transaction) and entry.date <= as_of:
            for posting in entry.postings:
                number = posting.units.number if posting.units else None
                if posting.account.startswith("Assets:IGF:Loans:") and number is not None:
                    code = posting.account.rsplit(":", 1)[1]
                    owed[code] += number
                    if number > 0 and entry.date > year_ago:
                        lent_recently.add(code)
    active = {
        c for c, d in joined.items() if d <= as_of and not (c in left and left[c] <= as_of)
    }
    borrowing = {c for c in active if c in lent_recently or owed[c] > 0}
    return len(borrowing), len(active)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("clubs")
    small = Club(
        "KT-DH-101",
        [*members("A", 5), M("B001", gender="M", born=1990, left="2024-11-01")],
        loans=[
            L("L1", "A000", "2024-03-01", repaid=[("2024-09-01", 3_000_000)]),
            L("L2", "A001", "2023-03-01", repaid=[("2023-09-01", 3_000_000)]),
            L("L3", "B001", "2024-05-01"),
            L("L4", "A002", "2022-01-10", term=24, amount=2_400_000),
        ],
    )
    other = Club("KT-KR-102", members("C", 3), district="Kon Rẫy", commune="Đắk Ruồng")
    return [*EXAMPLES, write(folder, small), write(folder, other)]


@pytest.mark.parametrize("as_of", DATES)
def test_each_club_matches_the_recount(books: list[Path], as_of: datetime.date) -> None:
    for path in books:
        figures = take_snapshot(str(path), as_of, PLAN).figures
        assert figures is not None, path
        assert figures.error_count == 0, figures.errors
        borrowers, active = recount(path, as_of)
        assert figures.composition.active == active, path
        assert figures.coverage[Basis.RECENT].borrowers.total == borrowers, path


@pytest.mark.parametrize("as_of", DATES)
def test_total_matches_the_recount(books: list[Path], as_of: datetime.date) -> None:
    snapshots = [take_snapshot(str(p), as_of, PLAN) for p in books]
    total = roll_up(snapshots, as_of, Basis.RECENT, Level.PROVINCE).total
    counts = [recount(p, as_of) for p in books]
    borrowers = sum(b for b, _ in counts)
    active = sum(a for _, a in counts)
    assert (total.borrowers, total.members) == (borrowers, active)
    assert total.coverage == (Decimal(borrowers) / active).quantize(Decimal("0.0001"))


def test_a_member_who_left_is_not_counted_though_still_owing(books: list[Path]) -> None:
    small = next(p for p in books if p.name == "KT-DH-101.beancount")
    figures = take_snapshot(str(small), datetime.date(2024, 12, 15), PLAN).figures
    assert figures is not None
    # B001 borrowed in May and left in November with the loan outstanding.
    assert figures.composition.active == 5
    assert (
        figures.coverage[Basis.RECENT].borrowers.total == 2
    )  # A000 (recent), A002 (owing)


def test_bases_differ_as_defined(books: list[Path]) -> None:
    small = next(p for p in books if p.name == "KT-DH-101.beancount")
    figures = take_snapshot(str(small), datetime.date(2024, 12, 15), PLAN).figures
    assert figures is not None
    counts = {basis: figures.coverage[basis].borrowers.total for basis in Basis}
    # A000 repaid in September (recent, not owing); A001 borrowed in 2023 (ever only);
    # A002 still owes.
    assert counts == {Basis.RECENT: 2, Basis.OUTSTANDING: 1, Basis.EVER: 3}
