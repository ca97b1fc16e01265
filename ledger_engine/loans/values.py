"""What the loan arithmetic hands around: payments, splits, installment states, arrears.

Frozen slotted dataclasses rather than records (``ledger_engine.records``): thousands of them are made on every
load of a book. ``ledger_engine.loans.allocation`` computes them and re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from ledger_engine.loans.schedule import ZERO, Installment


class Payment(NamedTuple):
    """A repayment as recorded in the book: its date, principal part and interest part.

    A named tuple: every allocation of every loan makes one per repayment.
    """

    date: date
    principal: Decimal
    interest: Decimal


@dataclass(frozen=True, slots=True)
class Split:
    """How an amount given only as a total divides into principal and interest."""

    principal: Decimal
    interest: Decimal


class InstallmentState(NamedTuple):
    """One installment and what the payments allocated to it."""

    installment: Installment
    principal_paid: Decimal
    interest_paid: Decimal
    # The date of the payment that completed it (its due date if it owed nothing).
    paid_on: date | None
    paid_by_due: Decimal = ZERO  # of its total, what was paid on or before its due date

    # Written without ``max``: these are read for every installment of every open loan on
    # each load, and ``max`` over two Decimals costs several comparisons. ``owed`` is kept
    # as computed when it is not negative (as ``max`` would), so amounts print as before.

    @property
    def principal_due(self) -> Decimal:
        """Principal still owed on this installment."""
        owed: Decimal = self.installment.principal - self.principal_paid
        return owed if owed >= ZERO else ZERO

    @property
    def interest_due(self) -> Decimal:
        """Interest still owed on this installment."""
        owed: Decimal = self.installment.interest - self.interest_paid
        return owed if owed >= ZERO else ZERO

    @property
    def amount_due(self) -> Decimal:
        return self.principal_due + self.interest_due

    @property
    def is_paid(self) -> bool:
        """Nothing is owed on it: its principal and its interest are paid in full."""
        row = self.installment
        return self.principal_paid >= row.principal and self.interest_paid >= row.interest


@dataclass(frozen=True, slots=True)
class Arrears:
    """What is overdue on a loan at a date (SPEC §5)."""

    overdue_principal: Decimal
    overdue_interest: Decimal
    dpd: int  # days past due of the oldest overdue installment; 0 if none
    oldest_due: date | None

    @property
    def overdue(self) -> Decimal:
        return self.overdue_principal + self.overdue_interest
