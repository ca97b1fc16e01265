"""Amounts are whole VND (SPEC §2): a fraction of a đồng is an error at its entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers import line_of

from ledger_engine.loading import load_book
from ledger_engine.plugins.amounts import AmountError


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
