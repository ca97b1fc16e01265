from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers import line_of

from ledger_engine.errors import CashError
from ledger_engine.loading import load_book

FUNDED = """
2020-01-01 * "Vốn nhà nước"
  Assets:IGF:Cash            1000000 VND
  Equity:IGF:Capital:State  -1000000 VND
"""


def _cash_errors(path: Path) -> list[CashError]:
    return [e for e in load_book(path).errors if isinstance(e, CashError)]


def test_overdraft_names_the_first_overdrawing_transaction(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(
        FUNDED
        + """
2020-02-01 * "Chi lần 1"
  Assets:IGF:Cash            -600000 VND
  Expenses:Activity:Health    600000 VND
2020-03-01 * "Chi lần 2"
  Assets:IGF:Cash            -600000 VND
  Expenses:Activity:Health    600000 VND
2020-04-01 * "Chi lần 3"
  Assets:IGF:Cash            -100000 VND
  Expenses:Activity:Health    100000 VND
"""
    )
    (error,) = _cash_errors(path)
    assert error.source["lineno"] == line_of(path, '"Chi lần 2"')
    assert (
        "the income-generation fund's cash" in error.message and "-200,000" in error.message
    )


def test_money_in_and_out_on_the_same_day_in_any_order_is_fine(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(
        """
2020-02-01 * "Chi trước"
  Assets:IGF:Cash            -600000 VND
  Expenses:Activity:Health    600000 VND
2020-02-01 * "Thu sau"
  Assets:IGF:Cash             600000 VND
  Equity:IGF:Capital:State   -600000 VND
"""
    )
    assert _cash_errors(path) == []


def test_activity_fund_is_checked_too(write_book: Callable[..., Path]) -> None:
    path = write_book(
        """
2020-02-01 * "Khám sức khỏe"
  Assets:Activity:Cash       -50000 VND
  Expenses:Activity:Health    50000 VND
"""
    )
    (error,) = _cash_errors(path)
    assert "the activity fund's cash" in error.message


def test_a_second_overdraft_after_recovery_is_reported_again(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(
        """
2020-02-01 * "Lần 1"
  Assets:IGF:Bank            -1 VND
  Expenses:Activity:Health    1 VND
2020-02-02 * "Nộp"
  Assets:IGF:Bank             5 VND
  Equity:IGF:Capital:State   -5 VND
2020-02-03 * "Lần 2"
  Assets:IGF:Bank            -9 VND
  Expenses:Activity:Health    9 VND
"""
    )
    lines = [e.source["lineno"] for e in _cash_errors(path)]
    assert lines == [line_of(path, '"Lần 1"'), line_of(path, '"Lần 2"')]


def test_other_accounts_may_go_negative(write_book: Callable[..., Path]) -> None:
    path = write_book(FUNDED)
    assert _cash_errors(path) == []
