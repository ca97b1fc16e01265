"""The loan state: one installment status, the state of written-off, repaid and open loans."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ledger_engine.loans.schedule import Installment
from ledger_engine.loans.state import InstallmentStatus, installment_status
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
