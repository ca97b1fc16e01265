"""The loan state: one installment status, the state of written-off, repaid and open loans."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from helpers import ROOT

from ledger_engine.loading import load_book
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.schedule import Installment
from ledger_engine.loans.state import (
    InstallmentStatus,
    Status,
    dues_at_meeting,
    installment_lines,
    installment_status,
    loan_state,
    repayment_split,
)
from ledger_engine.loans.values import InstallmentState

D = datetime.date


def state(due: D, paid_on: D | None, owed: bool) -> InstallmentState:
    row = Installment(1, due, Decimal(100), Decimal(10), Decimal(0))
    paid = Decimal(0) if owed else Decimal(100)
    return InstallmentState(row, paid, Decimal(0) if owed else Decimal(10), paid_on)


def test_an_installment_paid_after_its_due_date_is_paid_late() -> None:
    late = state(D(2025, 1, 10), D(2025, 1, 12), False)
    on_time = state(D(2025, 1, 10), D(2025, 1, 10), False)
    assert installment_status(late, D(2025, 6, 1), 0) is InstallmentStatus.PAID_LATE
    assert installment_status(on_time, D(2025, 6, 1), 0) is InstallmentStatus.PAID


def test_an_unpaid_installment_is_due_within_the_tolerance_then_overdue() -> None:
    owed = state(D(2025, 1, 10), None, True)
    assert installment_status(owed, D(2025, 1, 10), 3) is InstallmentStatus.UPCOMING
    assert installment_status(owed, D(2025, 1, 13), 3) is InstallmentStatus.DUE
    assert installment_status(owed, D(2025, 1, 14), 3) is InstallmentStatus.OVERDUE


def test_an_unpaid_installment_of_a_schedule_no_longer_running_takes_its_end() -> None:
    owed = state(D(2025, 1, 10), None, True)
    paid = state(D(2025, 1, 10), D(2025, 1, 10), False)
    for ended in (
        InstallmentStatus.RESCHEDULED,
        InstallmentStatus.CLOSED,
        InstallmentStatus.WRITTEN_OFF,
    ):
        assert installment_status(owed, D(2025, 6, 1), 0, ended) is ended
        assert installment_status(paid, D(2025, 6, 1), 0, ended) is InstallmentStatus.PAID


# --- the state of each loan path (tests/data/loans/one-truth.beancount) --------------------

BOOK = ROOT / "tests" / "data" / "loans" / "one-truth.beancount"


@pytest.fixture(scope="module")
def loans() -> dict[str, Loan]:
    return dict(loans_of(load_book(BOOK)).loans)


def statuses(loan: Loan, on: D) -> list[str]:
    return [line.status.value for line in installment_lines(loan, on)]


def test_a_written_off_loan_owes_nothing_and_keeps_what_moved(
    loans: dict[str, Loan],
) -> None:
    state = loan_state(loans["L2024-001"], D(2024, 12, 31))
    assert (state.status, state.outstanding, state.overdue, state.dpd, state.bucket) == (
        Status.WRITTEN_OFF,
        0,
        0,
        0,
        None,
    )
    assert (state.principal_paid, state.written_off, state.recovered) == (
        500_000,
        2_500_000,
        500_000,
    )
    assert (
        statuses(loans["L2024-001"], D(2024, 12, 31)) == ["paid"] * 2 + ["written-off"] * 10
    )


def test_before_its_write_off_the_loan_is_late(loans: dict[str, Loan]) -> None:
    # Installments from 10 April unpaid: 153 days on 10 September, five installments due.
    state = loan_state(loans["L2024-001"], D(2024, 9, 10))
    assert (state.status, state.outstanding, state.dpd, state.bucket) == (
        Status.ACTIVE,
        2_500_000,
        153,
        "91-180",
    )
    assert state.overdue == 5 * 265_000


def test_an_early_repaid_flat_loan_is_closed(loans: dict[str, Loan]) -> None:
    loan = loans["L2024-002"]
    state = loan_state(loan, D(2024, 12, 31))
    assert (state.status, state.outstanding, state.overdue, state.bucket) == (
        Status.REPAID,
        0,
        0,
        None,
    )
    assert statuses(loan, D(2024, 12, 31)) == ["paid", "paid"] + ["closed"] * 10


def test_a_rescheduled_loan_replaces_what_was_left(loans: dict[str, Loan]) -> None:
    loan = loans["L2024-003"]
    state = loan_state(loan, D(2024, 12, 31))
    # 4,000,000 − 2 × 333,000 − 2 × 278,330; the rescheduled 1 December installment is late.
    assert (state.status, state.outstanding, state.dpd) == (
        Status.RESCHEDULED,
        2_777_340,
        30,
    )
    assert state.overdue == 295_000
    first, second = (
        statuses(loan, D(2024, 12, 31))[:12],
        statuses(loan, D(2024, 12, 31))[12:],
    )
    assert first == ["paid"] * 2 + ["rescheduled"] * 10
    assert second == ["paid"] * 2 + ["overdue"] + ["upcoming"] * 9


def test_outstanding_after_a_write_off_is_nothing_whatever_it_took() -> None:
    # A write-off of less than what is left is a rule 6 error; the state still follows it.
    book = load_book(BOOK)
    loan = loans_of(book).loans["L2024-001"]
    partial = replace(
        loan, write_offs=(loan.write_offs[0]._replace(amount=Decimal(1_000_000)),)
    )
    state = loan_state(partial, D(2024, 12, 31))
    assert (state.status, state.outstanding, state.bucket) == (Status.WRITTEN_OFF, 0, None)
    assert partial.outstanding_at(D(2024, 9, 14)) == 2_500_000
    assert partial.outstanding_at(D(2024, 9, 15)) == 0


def test_meeting_dues_count_payments_before_the_meeting(loans: dict[str, Loan]) -> None:
    # On 10 March 2025 L2025-001's second installment (439,584) falls due; the payment made
    # at the meeting itself is its own column.
    dues = dues_at_meeting(loans["L2025-001"], D(2025, 3, 10))
    assert (dues.overdue, dues.due_now, dues.collected) == (0, 439_584, 439_584)
    assert (dues.next_due, dues.next_amount) == (D(2025, 4, 10), 437_500)
    assert dues.eve.outstanding == 5_000_000 - 416_667


def test_a_repayment_split_follows_the_schedule_in_force(loans: dict[str, Loan]) -> None:
    loan = loans["L2024-003"]
    before = [r.payment for r in loan.repayments if r.date < D(2024, 12, 1)]
    split = repayment_split(loan, Decimal(300_000), D(2024, 12, 1), before)
    # The 1 December installment (16,670 + 278,330), then the next one's interest first:
    # the 5,000 left of 300,000 is interest.
    assert split is not None
    assert (split.interest, split.principal) == (21_670, 278_330)


def test_the_balances_of_a_loan_without_write_off_take_the_short_way_to_the_same_answer(
    loans: dict[str, Loan],
) -> None:
    plain = [loan for loan in loans.values() if not loan.write_offs and loan.repayments]
    assert plain
    for loan in plain:
        assert loan._balances() == loan._balances_with_write_offs()
        # repayments out of date order (as a hand-built loan may have them) still add up
        shuffled = replace(loan, repayments=tuple(reversed(loan.repayments)))
        assert (shuffled._days, shuffled._owed) == loan._balances_with_write_offs()
