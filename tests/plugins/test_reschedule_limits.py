"""Rule 4 for reschedules: the new term stays within the regulation's maximum and the bounds."""

from __future__ import annotations

from pathlib import Path

from loans.loanbooks import LOAN_A, expect_errors, expect_none


def _reschedule(term: int, mark: bool) -> str:
    return f"""
    2021-06-01 custom "loan-reschedule" "A"{"  ; <- error" if mark else ""}
      term: {term}
    """


def test_reschedule_term_above_the_policy_maximum(tmp_path: Path) -> None:
    expect_errors(
        tmp_path,
        [LOAN_A, _reschedule(25, mark=True)],
        "Reschedule of loan A (M001 Nguyễn Thị Hoa)",
        "term 25 months exceeds the maximum 24 months of the policy 'standard'",
    )


def test_reschedule_term_at_the_policy_maximum(tmp_path: Path) -> None:
    expect_none(tmp_path, [LOAN_A, _reschedule(24, mark=False)])
