"""Rule 6 on write-offs: a write-off takes exactly the principal left on its date (SPEC §2).

Loan A lends 1,200,000 VND; one repayment of 100,000 leaves 1,100,000 owed on 2021-06-30.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loans.loanbooks import LOAN_A, expect_errors, expect_none, load, loan_errors

from ledger_engine.i18n import set_language

REPAID = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả kỳ 1" ^A
      Assets:IGF:Cash             106000 VND
      Assets:IGF:Loans:M001      -100000 VND
      Income:IGF:Interest          -6000 VND
    """
LEFT = 1_100_000


def write_off(amount: int, mark: bool = False) -> str:
    return f"""
    2021-06-30 * "Nguyễn Thị Hoa" "Xóa nợ" ^A #write-off{"  ; <- error" if mark else ""}
      Expenses:IGF:Loan-Losses   {amount} VND
      Assets:IGF:Loans:M001     -{amount} VND
    """


def test_a_write_off_of_all_the_principal_left_is_accepted(tmp_path: Path) -> None:
    expect_none(tmp_path, [LOAN_A, REPAID, write_off(LEFT)])


@pytest.mark.parametrize("amount", [LEFT - 1, LEFT + 1, 1])
def test_a_write_off_of_less_or_more_is_an_error_at_its_line(
    tmp_path: Path, amount: int
) -> None:
    expect_errors(
        tmp_path,
        [LOAN_A, REPAID, write_off(amount, mark=True)],
        "Loan A (M001 Nguyễn Thị Hoa)",
        f"write-off of {amount:,} VND on 2021-06-30",
        f"{LEFT:,} VND is outstanding that day",
        "takes all the principal left",
    )


def test_a_repayment_the_same_day_before_the_write_off_counts(tmp_path: Path) -> None:
    same_day = """
    2021-06-30 * "Nguyễn Thị Hoa" "Trả một phần" ^A
      Assets:IGF:Cash             100000 VND
      Assets:IGF:Loans:M001      -100000 VND
    """
    expect_none(tmp_path, [LOAN_A, REPAID, same_day, write_off(LEFT - 100_000)])


def test_a_second_write_off_is_an_error(tmp_path: Path) -> None:
    again = """
    2021-07-30 * "Nguyễn Thị Hoa" "Xóa nợ lần nữa" ^A #write-off  ; <- error
      Expenses:IGF:Loan-Losses   1000 VND
      Assets:IGF:Loans:M001     -1000 VND
    """
    expect_errors(
        tmp_path, [LOAN_A, REPAID, write_off(LEFT), again], "0 VND is outstanding"
    )


def test_the_message_is_vietnamese_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")
    set_language(None)
    _, book = load(tmp_path, [LOAN_A, REPAID, write_off(LEFT - 1)])
    (error,) = loan_errors(book)
    assert "xóa nợ 1.099.999 VND ngày 2021-06-30" in error.message
    assert "xóa toàn bộ số gốc còn lại" in error.message


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(amount=st.one_of(st.just(LEFT), st.integers(min_value=1, max_value=3_000_000)))
def test_only_the_exact_balance_passes(tmp_path: Path, amount: int) -> None:
    _, book = load(tmp_path, [LOAN_A, REPAID, write_off(amount)])
    assert (loan_errors(book) == []) == (amount == LEFT)
