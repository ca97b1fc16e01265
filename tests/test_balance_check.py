"""The engine's check that transactions balance says exactly what Beancount's says.

``balance_check.transactions_balance`` stands in for Beancount's
``validate_check_transaction_balances`` during the engine's loads; these tests hold it to the
same errors on every kind of transaction, and show that the engine's loads use it.
"""

from __future__ import annotations

import datetime
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data
from beancount.core.amount import Amount
from beancount.core.interpolate import AUTOMATIC_RESIDUAL
from beancount.core.position import Cost
from beancount.ops import validation
from beancount.parser import options
from helpers import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine import balance_check
from ledger_engine.balance_check import (
    beancount_check,
    exact_sums_first,
    sums_to_zero,
    transactions_balance,
)
from ledger_engine.loading import load_checked

OPTIONS = options.OPTIONS_DEFAULTS.copy()
DAY = datetime.date(2025, 3, 1)

# Numbers as a register gives them, and some no register gives: many digits (beyond the
# 28 of Decimal's context, where additions round), fractions, zeros of both signs.
numbers = st.one_of(
    st.integers(-(10**9), 10**9).map(Decimal),
    st.sampled_from(
        [Decimal(0), Decimal("-0"), Decimal("0.00"), Decimal("1e30"), Decimal("-1e30")]
    ),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-1000, max_value=1000
    ),
    st.integers(-(10**40), 10**40).map(lambda n: Decimal(n) / Decimal(10**12)),
)
currencies = st.sampled_from(["VND", "USD"])


@st.composite
def postings(draw: Any) -> data.Posting:
    units = Amount(draw(numbers), draw(currencies))
    cost = price = None
    kind = draw(st.sampled_from(["plain"] * 6 + ["cost", "price", "residual"]))
    if kind == "cost":
        cost = Cost(draw(numbers), "VND", DAY, None)
    elif kind == "price":
        price = Amount(draw(numbers), "VND")
    meta = {AUTOMATIC_RESIDUAL: True} if kind == "residual" else None
    return data.Posting("Assets:IGF:Cash", units, cost, price, None, meta)


@st.composite
def balanced_postings(draw: Any) -> list[data.Posting]:
    """Plain postings whose units sum to zero in each currency, as a club's do."""
    found: list[data.Posting] = []
    for currency in draw(st.lists(currencies, min_size=1, max_size=2, unique=True)):
        amounts = draw(st.lists(st.integers(-(10**9), 10**9), min_size=1, max_size=4))
        zeros = draw(st.lists(st.sampled_from([Decimal(0), Decimal("-0")]), max_size=2))
        for number in [*map(Decimal, amounts), Decimal(-sum(amounts)), *zeros]:
            units = Amount(number, currency)
            found.append(data.Posting("Assets:IGF:Cash", units, None, None, None, None))
    return draw(st.permutations(found))


@st.composite
def dressed(draw: Any) -> list[data.Posting]:
    """Postings whose units sum to zero, some of them with a cost, a price or the mark of
    an automatic residual: their weights are another matter."""
    found = []
    for posting in draw(balanced_postings()):
        kind = draw(st.sampled_from(["plain", "plain", "cost", "price", "residual"]))
        if kind == "cost":
            posting = posting._replace(cost=Cost(draw(numbers), "VND", DAY, None))
        elif kind == "price":
            posting = posting._replace(price=Amount(draw(numbers), "VND"))
        elif kind == "residual":
            posting = posting._replace(meta={AUTOMATIC_RESIDUAL: True})
        found.append(posting)
    return found


def transaction(posted: list[data.Posting], line: int = 1) -> data.Transaction:
    meta = data.new_metadata("book.beancount", line)
    return data.Transaction(
        meta, DAY, "*", None, "", data.EMPTY_SET, data.EMPTY_SET, posted
    )


transactions = st.one_of(
    st.lists(postings(), min_size=0, max_size=5), balanced_postings(), dressed()
).map(transaction)


@settings(max_examples=400, deadline=None)
@given(st.lists(transactions, max_size=6))
def test_the_same_errors_as_beancounts_own_check(entries: list[data.Transaction]) -> None:
    assert transactions_balance(entries, OPTIONS) == beancount_check(entries, OPTIONS)


@settings(max_examples=200, deadline=None)
@given(balanced_postings())
def test_postings_that_sum_to_zero_are_decided_without_beancount(
    posted: list[data.Posting],
) -> None:
    assert sums_to_zero(posted)
    assert beancount_check([transaction(posted)], OPTIONS) == []


def test_what_the_quick_sum_cannot_tell_beancount_decides() -> None:
    def posting(number: str, currency: str = "USD") -> data.Posting:
        return data.Posting(
            "Assets:Cash", Amount(Decimal(number), currency), None, None, None, None
        )

    within_tolerance = transaction([posting("10.004"), posting("-10.00")], line=7)
    off_by_one = transaction([posting("1000", "VND"), posting("-999", "VND")], line=9)
    assert not sums_to_zero(within_tolerance.postings)
    assert not sums_to_zero(off_by_one.postings)
    errors = transactions_balance([within_tolerance, off_by_one], OPTIONS)
    # 0.004 USD is within what "10.00" lets Beancount infer; one dong is not.
    assert [(e.source["lineno"], e.message) for e in errors] == [
        (9, "Transaction does not balance: (1 VND)")
    ]


def test_the_list_beancount_reads_is_changed_only_within_the_block() -> None:
    before = validation.VALIDATIONS
    with exact_sums_first():
        inside = validation.VALIDATIONS
        with exact_sums_first():
            assert validation.VALIDATIONS is inside
        assert validation.VALIDATIONS is inside
    assert validation.VALIDATIONS is before
    assert beancount_check in before and beancount_check not in inside
    assert [c for c in inside if c is not transactions_balance] == [
        c for c in before if c is not beancount_check
    ]
    assert inside.index(transactions_balance) == before.index(beancount_check)


def test_overlapping_loads_in_threads_leave_beancounts_list_as_it_was() -> None:
    before = validation.VALIDATIONS
    entered, release = threading.Barrier(4), threading.Event()

    def load() -> None:
        with exact_sums_first():
            entered.wait()
            release.wait()

    threads = [threading.Thread(target=load) for _ in range(3)]
    for thread in threads:
        thread.start()
    entered.wait()
    assert transactions_balance in validation.VALIDATIONS
    release.set()
    for thread in threads:
        thread.join()
    assert validation.VALIDATIONS is before


class Watched:
    """What reached the engine's check and Beancount's during a load: entries per call."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.quick: list[int] = []
        self.beancount: list[int] = []
        quick, beancount = transactions_balance, beancount_check

        def watched_quick(entries: list[Any], options_map: dict[str, Any]) -> list[Any]:
            self.quick.append(len(entries))
            return quick(entries, options_map)

        def watched_beancount(entries: list[Any], options_map: dict[str, Any]) -> list[Any]:
            self.beancount.append(len(entries))
            return beancount(entries, options_map)

        # ``exact_sums_first`` puts in Beancount's list whatever the module's name holds.
        monkeypatch.setattr(balance_check, "transactions_balance", watched_quick)
        monkeypatch.setattr(balance_check, "beancount_check", watched_beancount)


@pytest.mark.parametrize("book", EXAMPLES, ids=lambda p: p.stem)
def test_the_engine_loads_a_club_book_without_beancounts_check(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched = Watched(monkeypatch)
    entries, errors, _ = load_checked(book)
    assert watched.quick == [len(entries)]
    assert watched.beancount == []  # every transaction of a club's book sums to zero
    assert errors == loader.load_file(str(book.resolve()))[1]
    assert any(isinstance(e, data.Transaction) for e in entries)


def test_an_unbalanced_transaction_is_reported_as_beancount_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "book.beancount"
    book.write_text(
        'option "operating_currency" "VND"\n'
        "2025-01-01 open Assets:IGF:Cash VND\n"
        "2025-01-01 open Income:IGF:Interest VND\n"
        '2025-02-01 * "Lãi tháng 1"\n'
        "  Assets:IGF:Cash       50000 VND\n"
        "  Income:IGF:Interest  -49000 VND\n",
        encoding="utf-8",
    )
    watched = Watched(monkeypatch)
    entries, errors, _ = load_checked(book)
    assert watched.quick == [len(entries)]
    assert watched.beancount == [1]  # Beancount's check decided this transaction alone
    unbalanced = [e for e in errors if "does not balance" in e.message]
    assert [(e.source["lineno"], e.message) for e in unbalanced] == [
        (4, "Transaction does not balance: (1000 VND)")
    ]
    assert unbalanced == [
        e for e in loader.load_file(str(book))[1] if "does not balance" in e.message
    ]
