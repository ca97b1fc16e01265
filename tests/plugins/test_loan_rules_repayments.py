"""Rule 6 and strict splits at the offending entry's file and line."""

from __future__ import annotations

from pathlib import Path

from loans.loanbooks import (
    LOAN_A,
    expect_errors,
    expect_none,
    policy,
)


def test_repayment_of_a_loan_never_disbursed(tmp_path: Path) -> None:
    entries = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả kỳ 1" ^A-typo  ; <- error
      Assets:IGF:Cash             106000 VND
      Assets:IGF:Loans:M001      -100000 VND
      Income:IGF:Interest          -6000 VND
    """
    body = [LOAN_A, entries]
    expect_errors(tmp_path, body, "names loan A-typo", "no transaction disburses it")


def test_repayment_dated_before_the_disbursement(tmp_path: Path) -> None:
    entries = """
    2021-01-05 * "Nguyễn Thị Hoa" "Trả trước" ^A  ; <- error
      Assets:IGF:Cash             100000 VND
      Assets:IGF:Loans:M001      -100000 VND
    """
    body = [entries, LOAN_A]
    expect_errors(
        tmp_path,
        body,
        "Repayment of loan A (M001 Nguyễn Thị Hoa) on 2021-01-05",
        "before its disbursement on 2021-01-10",
    )


def test_repayment_on_another_members_account(tmp_path: Path) -> None:
    entries = """
    2021-02-10 * "A Thút" "Trả hộ" ^A  ; <- error
      Assets:IGF:Cash             100000 VND
      Assets:IGF:Loans:M002      -100000 VND
    """
    body = [LOAN_A, entries]
    expect_errors(
        tmp_path, body, "posted to the loans of member M002", "M002 A Thút", "lent to M001"
    )


def test_repayment_beyond_the_balance(tmp_path: Path) -> None:
    entries = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả" ^A
      Assets:IGF:Cash            1000000 VND
      Assets:IGF:Loans:M001     -1000000 VND
    2021-03-10 * "Nguyễn Thị Hoa" "Trả quá" ^A  ; <- error
      Assets:IGF:Cash             300000 VND
      Assets:IGF:Loans:M001      -300000 VND
    """
    body = [LOAN_A, entries]
    expect_errors(tmp_path, body, "balance to -100,000 VND", "never goes below zero")


def test_repaying_exactly_the_balance(tmp_path: Path) -> None:
    entries = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả hết" ^A
      Assets:IGF:Cash            1206000 VND
      Assets:IGF:Loans:M001     -1200000 VND
      Income:IGF:Interest          -6000 VND
    """
    body = [LOAN_A, entries]
    expect_none(tmp_path, body)


WRITE_OFF = """
    2021-12-31 * "Xoá nợ" #write-off ^A
      Expenses:IGF:Loan-Losses   1200000 VND
      Assets:IGF:Loans:M001     -1200000 VND
    """


def _recovery(amount: int, marked: bool = False) -> str:
    mark = "  ; <- error" if marked else ""
    return f"""
    2022-03-01 * "Nguyễn Thị Hoa" "Thu hồi nợ đã xoá" ^A{mark}
      Assets:IGF:Cash            {amount} VND
      Income:IGF:Recoveries     -{amount} VND
    """


def test_recovery_above_what_was_written_off(tmp_path: Path) -> None:
    body = LOAN_A + WRITE_OFF + _recovery(1300000, marked=True)
    expect_errors(
        tmp_path,
        body,
        "recoveries reach 1,300,000 VND",
        "more than the 1,200,000 VND written off",
    )


def test_recovery_of_everything_written_off(tmp_path: Path) -> None:
    expect_none(tmp_path, LOAN_A + WRITE_OFF + _recovery(1200000))


def test_recovery_before_any_write_off(tmp_path: Path) -> None:
    entries = """
    2021-03-01 * "Nguyễn Thị Hoa" "Thu hồi" ^A  ; <- error
      Assets:IGF:Cash             50000 VND
      Income:IGF:Recoveries      -50000 VND
    """
    body = [LOAN_A, entries]
    expect_errors(tmp_path, body, "more than the 0 VND written off")


def test_recovery_tied_to_no_loan(tmp_path: Path) -> None:
    entries = """
    2022-03-01 * "Nguyễn Thị Hoa" "Thu hồi"  ; <- error
      Assets:IGF:Cash             50000 VND
      Income:IGF:Recoveries      -50000 VND
    """
    body = [LOAN_A, WRITE_OFF, entries]
    expect_errors(tmp_path, body, "Recovery of 50,000 VND", "names no loan")


def test_second_disbursement_under_the_same_loan_id(tmp_path: Path) -> None:
    entries = """
    2021-03-01 * "Nguyễn Thị Hoa" "Vay thêm" ^A  ; <- error
      Assets:IGF:Loans:M001      500000 VND
      Assets:IGF:Cash
    """
    body = [LOAN_A, entries]
    expect_errors(tmp_path, body, "already disbursed on 2021-01-10", "500,000 VND")


def test_reschedule_of_an_unknown_loan(tmp_path: Path) -> None:
    entries = """
    2021-06-01 custom "loan-reschedule" "B"  ; <- error
      term: 6
    """
    body = [LOAN_A, entries]
    expect_errors(tmp_path, body, "Reschedule of unknown loan B")


def test_reschedule_before_the_disbursement(tmp_path: Path) -> None:
    entries = """
    2021-01-01 custom "loan-reschedule" "A"  ; <- error
      term: 6
    """
    body = [entries, LOAN_A]
    expect_errors(tmp_path, body, "Reschedule of loan A", "before its disbursement")


STRICT = policy(strict_split="TRUE")


def test_strict_split_flags_a_split_unlike_the_rule(tmp_path: Path) -> None:
    # 106,000 due on 2021-02-10: the rule takes 6,000 interest first, then 100,000 principal.
    entries = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả kỳ 1" ^A  ; <- error
      Assets:IGF:Cash             106000 VND
      Assets:IGF:Loans:M001      -96000 VND
      Income:IGF:Interest        -10000 VND
    """
    body = [LOAN_A, entries]
    expect_errors(
        tmp_path,
        body,
        "recorded as 96,000 principal + 10,000 interest",
        "splits it 100,000 + 6,000",
        rules=STRICT,
    )


def test_strict_split_accepts_the_rules_split(tmp_path: Path) -> None:
    entries = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả kỳ 1" ^A
      Assets:IGF:Cash             106000 VND
      Assets:IGF:Loans:M001     -100000 VND
      Income:IGF:Interest          -6000 VND
    """
    body = [LOAN_A, entries]
    expect_none(tmp_path, body, rules=STRICT)


def test_without_strict_split_any_split_is_accepted(tmp_path: Path) -> None:
    entries = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả kỳ 1" ^A
      Assets:IGF:Cash             106000 VND
      Assets:IGF:Loans:M001      -96000 VND
      Income:IGF:Interest        -10000 VND
    """
    body = [LOAN_A, entries]
    expect_none(tmp_path, body)


def test_write_off_and_repayments_of_a_clean_loan(tmp_path: Path) -> None:
    entries = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả kỳ 1" ^A
      Assets:IGF:Cash             106000 VND
      Assets:IGF:Loans:M001      -100000 VND
      Income:IGF:Interest          -6000 VND
    2021-12-31 * "Xoá nợ" #write-off ^A
      Expenses:IGF:Loan-Losses   1100000 VND
      Assets:IGF:Loans:M001     -1100000 VND
    """
    body = [LOAN_A, entries]
    expect_none(tmp_path, body)
