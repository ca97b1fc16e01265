"""The loans the rule chain reads during a load are reused by later readers of that load."""

from __future__ import annotations

import datetime
import gc
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from beancount import loader
from helpers import EXAMPLES

from ledger_engine.book import ClubBook
from ledger_engine.loading import load_book
from ledger_engine.loans.ledger import (
    STASH_KEY,
    LoanStash,
    keep_loans_after_load,
    loans_of,
    read_loans,
)
from ledger_engine.loans.state import loan_state

BOOK = next(p for p in EXAMPLES if "thon-1" in p.name)


@pytest.fixture(autouse=True)
def keeping() -> Iterator[None]:
    keep_loans_after_load(True)
    yield
    keep_loans_after_load(False)


def _load(path: Path) -> ClubBook:
    entries, errors, options = loader.load_file(str(path))
    return ClubBook.from_entries(entries, errors, options, str(path))


def test_the_chain_leaves_its_loans_for_the_same_load() -> None:
    book = _load(BOOK)
    stash = book.options[STASH_KEY]
    assert isinstance(stash, LoanStash)
    assert loans_of(book) is stash.loans


def test_reused_loans_equal_a_fresh_reading() -> None:
    book = _load(BOOK)
    fresh = read_loans(ClubBook.from_entries(book.entries, (), {}, str(BOOK)))
    reused = loans_of(book)
    assert (
        list(reused.loans) == list(fresh.loans) == ["L2024-001", "L2024-002", "L2025-001"]
    )
    assert [loan.principal for loan in reused.loans.values()] == [
        loan.principal for loan in fresh.loans.values()
    ]


def test_changed_transactions_are_read_again() -> None:
    book = _load(BOOK)
    stash = book.options[STASH_KEY]
    # a later plugin that replaced one transaction: the stash no longer fits
    entries = list(book.entries)
    index = next(i for i, e in enumerate(entries) if "L2025-001" in getattr(e, "links", ()))
    entries[index] = entries[index]._replace(narration="thay đổi")
    changed = ClubBook.from_entries(entries, (), book.options, str(BOOK))
    assert loans_of(changed) is not stash.loans
    assert list(loans_of(changed).loans) == ["L2024-001", "L2024-002", "L2025-001"]


def test_the_stash_never_pickles_its_content() -> None:
    book = _load(BOOK)
    restored = pickle.loads(pickle.dumps(book.options[STASH_KEY]))
    assert restored.loans is None


def test_a_plain_load_keeps_nothing() -> None:
    keep_loans_after_load(False)
    assert STASH_KEY not in _load(BOOK).options


def test_a_book_loaded_for_reading_reuses_what_the_chain_read() -> None:
    keep_loans_after_load(False)  # load_book keeps them for its own reading regardless
    book = load_book(BOOK)
    stash = book.options[STASH_KEY]
    assert stash.registry is not None and book.registry is stash.registry[0]
    assert loans_of(book) is stash.loans
    fresh = ClubBook.from_entries(book.entries, (), {}, str(BOOK))
    assert book.registry == fresh.registry
    assert list(loans_of(book).loans) == list(read_loans(fresh).loans)


def test_loading_a_book_leaves_no_cycle_for_the_collector() -> None:
    # A load the collector must find is one that lives until its next full pass: every
    # snapshot of a roll-up would then pay for walking the last book again.
    gc.collect()
    gc.disable()
    try:
        load_book(BOOK)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_loan_works_out_its_state_on_a_date_once() -> None:
    loan = loans_of(load_book(BOOK)).loans["L2024-001"]
    day = datetime.date(2024, 9, 1)
    first = loan.state(day)
    assert loan.state(day) is first
    assert first == loan_state(loan, day)
    assert loan.installments_at(day) == next(
        states for _, ended, states in loan.segment_states(day) if ended is None
    )
    for k in range(40):  # a page asking about many dates keeps only the latest few
        loan.state(day + datetime.timedelta(days=k))
    assert len(loan._states) <= 16
