"""Rules 1–4 at the disbursement's own file and line, and silence where the rules hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from loans.loanbooks import (
    LOAN_A,
    expect_errors,
    expect_none,
    policy,
)

# --- rule 1: a member, for long enough ------------------------------------------------------


def test_borrower_not_in_member_list(tmp_path: Path) -> None:
    body = """
    2021-01-01 open Assets:IGF:Loans:M009 VND
    2021-02-01 * "Người lạ" "Vay" ^X  ; <- error
      Assets:IGF:Loans:M009     1000000 VND
      Assets:IGF:Cash
    """
    expect_errors(tmp_path, body, "Loan X (M009)", "not in the club's member list")


def test_borrower_who_has_left_the_club(tmp_path: Path) -> None:
    body = """
    2021-01-05 custom "member-exit" "M002" "moved"
    2021-02-01 * "A Thút" "Vay" ^X  ; <- error
      Assets:IGF:Loans:M002     1000000 VND
      Assets:IGF:Cash
    """
    expect_errors(tmp_path, body, "Loan X (M002 A Thút)", "left the club on 2021-01-05")


def test_membership_one_day_short_of_the_minimum(tmp_path: Path) -> None:
    # Joined 2020-01-01; 2020-03-31 is day 90 of 2020 (a leap year): 89 days of membership.
    body = """
    2020-03-30 * "A Thút" "Vay" ^X  ; <- error
      Assets:IGF:Loans:M002     1000000 VND
      Assets:IGF:Cash
    """
    expect_errors(tmp_path, body, "member for 89 days", "requires 90 days")


def test_membership_of_exactly_the_minimum_is_enough(tmp_path: Path) -> None:
    body = """
    2020-03-31 * "A Thút" "Vay" ^X
      Assets:IGF:Loans:M002     1000000 VND
      Assets:IGF:Cash
    """
    expect_none(tmp_path, body)


# --- rule 2: no overdue installment on another loan -----------------------------------------


def _second_loan(day: str, marked: bool) -> str:
    mark = "  ; <- error" if marked else ""
    return f"""
    {day} * "Nguyễn Thị Hoa" "Vay thêm" ^B{mark}
      Assets:IGF:Loans:M001     500000 VND
      Assets:IGF:Cash
    """


TWO_LOANS = policy(max_active_loans="2")


def test_second_loan_on_the_due_date_of_an_unpaid_installment(tmp_path: Path) -> None:
    expect_none(tmp_path, LOAN_A + _second_loan("2021-02-10", False), rules=TWO_LOANS)


def test_second_loan_the_day_after_an_unpaid_installment(tmp_path: Path) -> None:
    body = LOAN_A + _second_loan("2021-02-11", True)
    expect_errors(
        tmp_path,
        body,
        "loan A is 1 days overdue",
        "100,000 VND principal",
        "6,000 VND interest",
        rules=TWO_LOANS,
    )


def test_tolerance_days_delay_the_arrears(tmp_path: Path) -> None:
    lenient = policy(max_active_loans="2", tolerance_days="5")
    expect_none(tmp_path, LOAN_A + _second_loan("2021-02-15", False), rules=lenient)


def test_arrears_beyond_the_tolerance(tmp_path: Path) -> None:
    lenient = policy(max_active_loans="2", tolerance_days="5")
    body = LOAN_A + _second_loan("2021-02-16", True)
    expect_errors(tmp_path, body, "loan A is 6 days overdue", rules=lenient)


def test_arrears_paid_the_same_day_do_not_count(tmp_path: Path) -> None:
    entries = """
    2021-02-12 * "Nguyễn Thị Hoa" "Trả kỳ 1" ^A
      Assets:IGF:Cash             106000 VND
      Assets:IGF:Loans:M001      -100000 VND
      Income:IGF:Interest          -6000 VND
    """
    body = [LOAN_A, entries, _second_loan("2021-02-12", False)]
    expect_none(tmp_path, body, rules=TWO_LOANS)


# --- rule 3: within max_active_loans -------------------------------------------------------


def test_second_active_loan_beyond_the_maximum(tmp_path: Path) -> None:
    body = LOAN_A + _second_loan("2021-01-20", True)
    expect_errors(tmp_path, body, "holds 2 active loans", "(also A)", "allows at most 1")


def test_new_loan_once_the_first_is_repaid(tmp_path: Path) -> None:
    entries = """
    2021-01-20 * "Nguyễn Thị Hoa" "Trả hết" ^A
      Assets:IGF:Cash            1200000 VND
      Assets:IGF:Loans:M001     -1200000 VND
    """
    body = [LOAN_A, entries, _second_loan("2021-01-20", False)]
    expect_none(tmp_path, body)


def test_loans_of_other_members_do_not_count(tmp_path: Path) -> None:
    entries = """
    2021-01-20 * "A Thút" "Vay" ^B
      Assets:IGF:Loans:M002     500000 VND
      Assets:IGF:Cash
    """
    body = [LOAN_A, entries]
    expect_none(tmp_path, body)


# --- rule 4: amount, term, method and rate within the policy ------------------------------


def test_principal_above_the_maximum(tmp_path: Path) -> None:
    body = """
    2021-01-10 * "Nguyễn Thị Hoa" "Vay" ^X  ; <- error
      Assets:IGF:Loans:M001     12000000 VND
      Assets:IGF:Cash
    """
    expect_errors(
        tmp_path,
        body,
        "Loan X (M001 Nguyễn Thị Hoa): principal 12,000,000 VND exceeds the policy "
        "maximum 10,000,000 VND",
    )


def test_principal_at_the_maximum(tmp_path: Path) -> None:
    body = """
    2021-01-10 * "Nguyễn Thị Hoa" "Vay" ^X
      Assets:IGF:Loans:M001     10000000 VND
      Assets:IGF:Cash
    """
    expect_none(tmp_path, body)


def test_term_above_the_maximum(tmp_path: Path) -> None:
    body = """
    2021-01-10 * "Nguyễn Thị Hoa" "Vay" ^X  ; <- error
      term: 36
      Assets:IGF:Loans:M001     1000000 VND
      Assets:IGF:Cash
    """
    expect_errors(tmp_path, body, "term 36 months exceeds the policy maximum 24 months")


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('method: "weekly"', "method 'weekly' is not known"),
        ('rate: "low"', "rate 'low' is not a known rate"),
        ("term: 6.5", "term 6.5 is not a whole number of months"),
    ],
)
def test_unknown_terms(tmp_path: Path, line: str, words: str) -> None:
    body = f"""
    2021-01-10 * "Nguyễn Thị Hoa" "Vay" ^X  ; <- error
      {line}
      Assets:IGF:Loans:M001     1000000 VND
      Assets:IGF:Cash
    """
    expect_errors(tmp_path, body, words)


def test_no_policy_in_force(tmp_path: Path) -> None:
    body = """
    2020-06-01 * "Nguyễn Thị Hoa" "Vay" ^X  ; <- error
      Assets:IGF:Loans:M001     1000000 VND
      Assets:IGF:Cash
    """
    expect_errors(
        tmp_path,
        body,
        "no loan policy is in force on 2020-06-01",
        rules=policy("2021-01-01"),
    )


def test_the_policy_of_the_disbursement_date_judges_it(tmp_path: Path) -> None:
    # The maximum is raised in 2022: a loan of 12,000,000 is fine then, not before.
    rules = policy() + policy("2022-01-01", max_principal="15000000 VND")
    body = """
    2021-06-01 * "Nguyễn Thị Hoa" "Vay" ^X  ; <- error
      Assets:IGF:Loans:M001     12000000 VND
      Assets:IGF:Cash
    2022-01-01 * "A Thút" "Vay" ^Y
      Assets:IGF:Loans:M002     12000000 VND
      Assets:IGF:Cash
    """
    expect_errors(tmp_path, body, "Loan X", "exceeds the policy maximum", rules=rules)


def test_reschedule_with_a_grace_as_long_as_its_term(tmp_path: Path) -> None:
    entries = """
    2021-06-01 custom "loan-reschedule" "A"  ; <- error
      term: 3
      grace: 3
    """
    body = [LOAN_A, entries]
    expect_errors(tmp_path, body, "Reschedule of loan A (M001 Nguyễn Thị Hoa)", "grace 3")
