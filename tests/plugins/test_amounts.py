"""Amounts are whole VND (SPEC §2): a fraction of a đồng is an error at its entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers import line_of

from ledger_engine.book import ClubBook
from ledger_engine.loading import load_book
from ledger_engine.plugins.amounts import AmountError, _parsed_whole, whole_vnd


def _amount_errors(path: Path) -> list[AmountError]:
    return [e for e in load_book(path).errors if isinstance(e, AmountError)]


def test_half_a_dong_is_an_error_at_its_transaction(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(
        """
        2020-01-01 * "Vốn" "góp lẻ"
          Assets:IGF:Cash            1000000.5 VND
          Equity:IGF:Capital:State  -1000000.5 VND
        """
    )
    (error,) = _amount_errors(path)
    assert error.source["lineno"] == line_of(path, "góp lẻ")
    assert (
        "1,000,000.5 VND on the income-generation fund's cash is not a whole number"
        in error.message
    )


def test_a_fractional_balance_assertion_is_an_error(
    write_book: Callable[..., Path],
) -> None:
    path = write_book("2020-01-02 balance Assets:IGF:Cash 0.25 VND\n")
    (error,) = _amount_errors(path)
    assert error.source["lineno"] == line_of(path, "balance")


def test_whole_amounts_pass(write_book: Callable[..., Path]) -> None:
    path = write_book(
        """
        2020-01-01 * "Vốn" "góp"
          Assets:IGF:Cash            1000001 VND
          Equity:IGF:Capital:State  -1000001.000 VND
        """
    )
    assert _amount_errors(path) == []


def test_the_count_of_digits_beancount_keeps_is_trusted_only_when_every_number_is_whole(
    write_book: Callable[..., Path],
) -> None:
    whole = load_book(
        write_book(
            """
            2020-01-01 * "Vốn" "góp"
              Assets:IGF:Cash            1000001 VND
              Equity:IGF:Capital:State  -1000001 VND
            """
        )
    )
    assert _parsed_whole(whole.options["dcontext"])
    # a written fraction anywhere, even in another currency's price, means reading each one
    priced = load_book(
        write_book(
            """
            2020-01-01 * "Vốn" "góp"
              Assets:IGF:Cash            3 USD @ 1.5 VND
              Equity:IGF:Capital:State  -4.5 VND
            """,
            name="priced.beancount",
        )
    )
    assert not _parsed_whole(priced.options["dcontext"])
    assert [e.source["lineno"] for e in _amount_errors(priced.path or "")] == [
        line_of(Path(priced.path or ""), "góp")
    ]
    assert not _parsed_whole(None)


def test_the_shortcut_and_the_full_reading_agree(write_book: Callable[..., Path]) -> None:
    path = write_book(
        """
        2020-01-01 * "Vốn" "góp lẻ"
          Assets:IGF:Cash            1000000.5 VND
          Equity:IGF:Capital:State  -1000000.5 VND
        2020-01-02 * "Vốn" "góp"
          Assets:IGF:Cash            1000 VND
          Equity:IGF:Capital:State  -1000 VND
        """
    )
    book = load_book(path)
    read_all = ClubBook.from_entries(book.entries, (), {}, book.path)
    assert [e.source["lineno"] for e in whole_vnd(read_all)] == [
        e.source["lineno"] for e in _amount_errors(path)
    ]
