"""The engine's quick steps of a load give exactly what Beancount's own steps give.

``quick_checks`` stands in for three of Beancount's steps during the engine's loads: the
check that transactions balance, ``pad`` and the ``balance`` assertions. These tests hold each
to Beancount's entries and errors on every kind of input, and show that the engine's loads
use them and that a club's book never reaches Beancount's slower steps.
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
from beancount.core.number import MISSING
from beancount.core.position import Cost
from beancount.ops import validation
from beancount.parser import options
from helpers import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.loading import load_checked
from ledger_engine.quick_checks import balance, pad, quick_checks
from ledger_engine.quick_checks import transactions as transaction_check
from ledger_engine.quick_checks.transactions import (
    beancount_check,
    sums_to_zero,
    transactions_balance,
)

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
    beancounts = [e for e in errors if not e.message.startswith("the book")]  # the chain's
    assert [(e.source["lineno"], e.message) for e in beancounts] == [
        (9, "Transaction does not balance: (1 VND)")
    ]


# --- balance assertions and pad --------------------------------------------------------

ACCOUNTS = ("Assets:Cash", "Assets:Cash:Box", "Assets:Bank", "Income:Fees")
whole = st.integers(-(10**6), 10**6).map(Decimal)
amounts = st.one_of(
    whole,
    whole,
    numbers,
    st.sampled_from([Decimal("1e15"), Decimal("-1e15"), Decimal("100.00")]),
)


@st.composite
def assertion_books(draw: Any) -> list[data.Directive]:
    """A few days of postings with ``balance`` assertions: most met exactly, some off by a
    little or a lot, some within a tolerance, on parents and on accounts never opened or
    in a currency the account does not take; sometimes a ``pad``."""
    start = datetime.date(2025, 1, 1)
    opened = draw(st.lists(st.sampled_from(ACCOUNTS), unique=True, min_size=1))
    entries: list[data.Directive] = []
    for k, account in enumerate(opened):
        currencies = draw(st.sampled_from([None, ["VND"], ["USD"]]))
        entries.append(
            data.Open(data.new_metadata("b", k + 1), start, account, currencies, None)
        )
    if draw(st.booleans()):  # a second opening: Beancount takes the earliest
        entries.append(
            data.Open(data.new_metadata("b", 50), start, opened[0], ["USD"], None)
        )
    sums: dict[tuple[str, str], Decimal] = {}
    for day in range(1, draw(st.integers(1, 6)) + 1):
        date = start + datetime.timedelta(days=day)
        line = 100 * day
        for k in range(draw(st.integers(0, 2))):
            account = draw(st.sampled_from(ACCOUNTS))
            currency = draw(st.sampled_from(["VND", "VND", "USD"]))
            number = draw(amounts)
            units = Amount(number, currency)
            kind = draw(st.sampled_from(["plain"] * 4 + ["cost", "missing"]))
            cost = Cost(Decimal(2), "VND", date, None) if kind == "cost" else None
            if kind == "missing":
                units = Amount(MISSING, currency)  # type: ignore[arg-type]
            posted = [data.Posting(account, units, cost, None, None, None)]
            meta = data.new_metadata("b", line + k)
            entries.append(
                data.Transaction(
                    meta, date, "*", None, "", data.EMPTY_SET, data.EMPTY_SET, posted
                )
            )
            parts = account.split(":")
            for n in range(1, len(parts) + 1):
                key = (":".join(parts[:n]), currency)
                if kind != "missing":
                    sums[key] = sums.get(key, Decimal(0)) + number
        if draw(st.booleans()):
            account = draw(st.sampled_from((*ACCOUNTS[:3], "Assets")))
            currency = draw(st.sampled_from(["VND", "USD"]))
            met = sums.get((account, currency), Decimal(0))
            expected = draw(
                st.sampled_from(
                    [met, met, met, met + 1, met - Decimal("0.004"), Decimal(7)]
                )
            )
            tolerance = draw(st.sampled_from([None, None, Decimal("0.01"), Decimal(-1)]))
            meta = data.new_metadata("b", line + 50)
            entries.append(
                data.Balance(
                    meta,
                    date + datetime.timedelta(days=1),
                    account,
                    Amount(expected, currency),
                    tolerance,
                    None,
                )
            )
        if draw(st.integers(0, 9)) == 0:
            meta = data.new_metadata("b", line + 60)
            entries.append(
                data.Pad(meta, date, draw(st.sampled_from(ACCOUNTS)), "Income:Fees")
            )
    entries.sort(key=data.entry_sortkey)
    if draw(st.integers(0, 4)) == 0:  # a plugin may hand on entries out of order
        return draw(st.permutations(entries))
    return entries


Step = Any  # a plugin step: (entries, options) -> (entries, errors)


def _outcome(step: Step, entries: list[Any]) -> tuple[Any, ...]:
    """What a step gives: its entries and errors, or the error it raises (Beancount's own
    steps raise on amounts booking would never leave missing; the quick ones must too)."""
    try:
        found, errors = step(entries, OPTIONS)
    except Exception as exc:
        return ("raised", type(exc), str(exc))
    return (found, [(e.source, e.message, e.entry) for e in errors])


@settings(max_examples=400, deadline=None)
@given(assertion_books())
def test_the_balance_assertions_say_what_beancounts_say(entries: list[Any]) -> None:
    assert _outcome(balance.check, entries) == _outcome(balance.beancount_balance, entries)


@settings(max_examples=200, deadline=None)
@given(assertion_books())
def test_pad_gives_what_beancounts_pad_gives(entries: list[Any]) -> None:
    assert _outcome(pad.pad, entries) == _outcome(pad.beancount_pad, entries)


def test_assertions_met_exactly_are_decided_without_beancount() -> None:
    day = datetime.date(2025, 2, 1)
    open_ = data.Open(data.new_metadata("b", 1), day, "Assets:Cash", ["VND"], None)
    posted = [
        data.Posting("Assets:Cash:Box", Amount(Decimal(n), "VND"), None, None, None, None)
        for n in (500_000, -120_000)
    ]
    paid = data.Transaction(
        data.new_metadata("b", 2),
        day,
        "*",
        None,
        "",
        data.EMPTY_SET,
        data.EMPTY_SET,
        posted,
    )
    later = day + datetime.timedelta(days=1)

    def asserting(number: str, tolerance: Decimal | None = None) -> list[data.Directive]:
        amount = Amount(Decimal(number), "VND")
        return [
            open_,
            paid,
            data.Balance(
                data.new_metadata("b", 3), later, "Assets:Cash", amount, tolerance, None
            ),
        ]

    assert balance.all_met_exactly(asserting("380000"))
    assert not balance.all_met_exactly(asserting("380001"))
    assert not balance.all_met_exactly(asserting("380000.4"))
    # A negative tolerance fails even a difference of nothing: Beancount says so.
    negative = asserting("380000", Decimal(-1))
    assert not balance.all_met_exactly(negative)
    assert _outcome(balance.check, negative)[1]


def test_amounts_beancount_would_round_go_to_beancount() -> None:
    """Beancount sums each account's lots before adding the accounts: with 35 digits a lot's
    sum rounds, where the walk in book order would not. Such amounts are Beancount's."""
    day = datetime.date(2025, 2, 1)
    entries: list[data.Directive] = [
        data.Open(data.new_metadata("b", 1), day, "Assets:Cash", None, None)
    ]
    for line, (account, number) in enumerate(
        [
            ("Assets:Cash:Box", "1e14"),
            ("Assets:Cash", "-1e14"),
            ("Assets:Cash:Box", "3e-20"),
        ],
        start=2,
    ):
        units = Amount(Decimal(number), "VND")
        posted = [data.Posting(account, units, None, None, None, None)]
        meta = data.new_metadata("b", line)
        entries.append(
            data.Transaction(
                meta, day, "*", None, "", data.EMPTY_SET, data.EMPTY_SET, posted
            )
        )
    later = day + datetime.timedelta(days=1)
    expected = Amount(Decimal("3e-20"), "VND")
    entries.append(
        data.Balance(data.new_metadata("b", 9), later, "Assets:Cash", expected, None, None)
    )
    assert not balance.all_met_exactly(entries)
    found = _outcome(balance.check, entries)
    assert found == _outcome(balance.beancount_balance, entries)
    assert [message for _, message, _ in found[1]] == [
        "Balance failed for 'Assets:Cash': expected 0.00000000000000000003 VND != "
        "accumulated 0 VND (3E-20 too little)"
    ]


# --- the engine's loads --------------------------------------------------------------


def test_the_lists_beancount_reads_are_changed_only_within_the_block() -> None:
    before = validation.VALIDATIONS, loader.PLUGINS_POST
    with quick_checks():
        inside = validation.VALIDATIONS, loader.PLUGINS_POST
        with quick_checks():
            assert inside == (validation.VALIDATIONS, loader.PLUGINS_POST)
        assert inside == (validation.VALIDATIONS, loader.PLUGINS_POST)
    assert validation.VALIDATIONS is before[0] and loader.PLUGINS_POST is before[1]
    checks, steps = inside
    assert beancount_check in before[0] and beancount_check not in checks
    assert [c for c in checks if c is not transactions_balance] == [
        c for c in before[0] if c is not beancount_check
    ]
    assert checks.index(transactions_balance) == before[0].index(beancount_check)
    assert [name for name, _ in steps] == [
        "ledger_engine.quick_checks.pad",
        "ledger_engine.quick_checks.balance",
    ]
    assert [name for name, _ in before[1]] == ["beancount.ops.pad", "beancount.ops.balance"]


def test_overlapping_loads_in_threads_leave_beancounts_lists_as_they_were() -> None:
    before = validation.VALIDATIONS, loader.PLUGINS_POST
    entered, release = threading.Barrier(4), threading.Event()

    def load() -> None:
        with quick_checks():
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
    assert validation.VALIDATIONS is before[0] and loader.PLUGINS_POST is before[1]


class Watched:
    """What reached each quick step and each of Beancount's during a load."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, list[int]] = {}
        # ``quick_checks`` puts in Beancount's list whatever the module's name holds.
        for module, name in (
            (transaction_check, "transactions_balance"),
            (transaction_check, "beancount_check"),
            (pad, "pad"),
            (pad, "beancount_pad"),
            (balance, "check"),
            (balance, "beancount_balance"),
        ):
            monkeypatch.setattr(module, name, self._counted(name, getattr(module, name)))

    def _counted(self, name: str, function: Any) -> Any:
        def counted(entries: list[Any], options_map: dict[str, Any]) -> Any:
            self.calls.setdefault(name, []).append(len(entries))
            return function(entries, options_map)

        return counted


@pytest.mark.parametrize("book", EXAMPLES, ids=lambda p: p.stem)
def test_the_engine_loads_a_club_book_without_beancounts_steps(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched = Watched(monkeypatch)
    entries, errors, _ = load_checked(book)
    # Every transaction of a club's book sums to zero, its assertions are met exactly and
    # it has no pad: the quick steps decide it all.
    assert set(watched.calls) == {"transactions_balance", "pad", "check"}
    bare_entries, bare_errors, _ = loader.load_file(str(book.resolve()))
    assert errors == bare_errors
    assert entries == bare_entries


def test_an_unbalanced_transaction_and_a_failed_assertion_are_beancounts_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "book.beancount"
    book.write_text(
        'option "operating_currency" "VND"\n'
        "2025-01-01 open Assets:IGF:Cash VND\n"
        "2025-01-01 open Income:IGF:Interest VND\n"
        '2025-02-01 * "Lãi tháng 1"\n'
        "  Assets:IGF:Cash       50000 VND\n"
        "  Income:IGF:Interest  -49000 VND\n"
        "2025-02-02 balance Assets:IGF:Cash  40000 VND\n",
        encoding="utf-8",
    )
    watched = Watched(monkeypatch)
    entries, errors, _ = load_checked(book)
    assert watched.calls["beancount_check"] == [1]  # that one transaction alone
    assert watched.calls["beancount_balance"] == [len(entries)]
    assert "beancount_pad" not in watched.calls
    beancounts = [e for e in errors if not e.message.startswith("the book")]  # the chain's
    assert [(e.source["lineno"], e.message) for e in beancounts] == [
        (
            7,
            "Balance failed for 'Assets:IGF:Cash': expected 40000 VND != accumulated "
            "50000 VND (10000 too much)",
        ),
        (4, "Transaction does not balance: (1000 VND)"),
    ]
    bare_entries, bare_errors, _ = loader.load_file(str(book))
    assert beancounts == bare_errors and entries == bare_entries
