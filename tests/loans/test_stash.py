"""The loans the rule chain reads during a load are reused by later readers of that load."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from beancount import loader
from helpers import EXAMPLES

from ledger_engine.book import ClubBook
from ledger_engine.loans.ledger import (
    STASH_KEY,
    LoanStash,
    keep_loans_after_load,
    loans_of,
    read_loans,
)

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
