"""A loan on a date: the one home of every figure a view shows of a loan (SPEC §2, §5).

``loan_state(loan, as_of)`` answers outstanding principal, written-off and recovered
amounts, overdue principal and interest, days past due, aging bucket and status;
``installment_lines(loan, as_of)`` gives each installment of each schedule with its status;
``dues_at_meeting(loan, day)`` what a borrower is asked for at a meeting. The rules, the
commands, the roll-up, the reports, the Fava pages and the importers read these and only
format them.

- A **written-off** loan owes nothing on the books from the write-off's date: no outstanding
  principal, nothing overdue, no aging bucket, and every installment it had not paid says
  *written-off*. A write-off takes all the principal left (rule 6 reports one that does not);
  a book in that error is still shown this way, so that every view agrees.
- A loan whose principal is **repaid** is closed: nothing on it is overdue, and the interest a
  flat schedule still shows for later periods is not owed (those installments say *closed*).
- Overdue amounts and DPD count the schedule in force on the date, with the ``tolerance_days``
  of the policy the loan was made under; the DPD still counts from the due date itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from ledger_engine.loans.allocation import arrears, next_due, split_total
from ledger_engine.loans.values import Arrears, InstallmentState, Payment, Split

if TYPE_CHECKING:  # the loan record calls this module for its state: a type only here
    from ledger_engine.loans.loan import Loan, Movement

ZERO = Decimal(0)
ONE_DAY = datetime.timedelta(days=1)


class Status(StrEnum):
    ACTIVE = "active"
    REPAID = "repaid"
    RESCHEDULED = "rescheduled"
    WRITTEN_OFF = "written-off"


#: Statuses of a loan that still owes principal.
OPEN = frozenset({Status.ACTIVE, Status.RESCHEDULED})


class InstallmentStatus(StrEnum):
    """Where one installment stands on a date."""

    PAID = "paid"
    PAID_LATE = "paid-late"  # fully paid, after its due date
    OVERDUE = "overdue"  # unpaid beyond its due date and the club's tolerance
    DUE = "due"  # its due date has passed, still within the tolerance
    UPCOMING = "upcoming"  # due on or after the date
    RESCHEDULED = "rescheduled"  # what was left of it moved to a reschedule's schedule
    CLOSED = "closed"  # the loan's principal is repaid: nothing more is owed on it
    WRITTEN_OFF = "written-off"  # the loan is written off: nothing is owed on the books


#: Aging buckets of SPEC §5, inclusive at both ends; beyond the last one is ">365".
BUCKETS: tuple[tuple[int, int, str], ...] = (
    (0, 0, "current"),
    (1, 30, "1-30"),
    (31, 60, "31-60"),
    (61, 90, "61-90"),
    (91, 180, "91-180"),
    (181, 365, "181-365"),
)
OVER_A_YEAR = ">365"


def bucket_of(dpd: int) -> str:
    for low, high, name in BUCKETS:
        if low <= dpd <= high:
            return name
    return OVER_A_YEAR


@dataclass(frozen=True, slots=True)
class LoanState:
    """A loan on one date: what is owed, what is late and since when."""

    as_of: datetime.date
    outstanding: Decimal
    overdue_principal: Decimal
    overdue_interest: Decimal
    dpd: int
    status: Status
    next_due: datetime.date | None
    next_amount: Decimal
    principal_paid: Decimal
    interest_paid: Decimal
    penalties_paid: Decimal
    written_off: Decimal
    recovered: Decimal

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def bucket(self) -> str | None:
        """The aging bucket of a loan that still owes principal; a closed loan has none."""
        return bucket_of(self.dpd) if self.is_open else None

    @property
    def overdue(self) -> Decimal:
        return self.overdue_principal + self.overdue_interest


def loan_state(loan: Loan, as_of: datetime.date) -> LoanState:
    """The loan at the end of ``as_of``; entries dated after it are ignored.

    Before its disbursement a loan owes nothing; reports list only loans disbursed by then.
    """
    principal_paid = interest_paid = penalties_paid = ZERO
    for repayment in loan.repayments:
        if repayment.entry.date <= as_of:
            principal_paid += repayment.principal
            interest_paid += repayment.interest
            penalties_paid += repayment.penalty
    lost = _moved_by(loan.write_offs, as_of) if loan.write_offs else ZERO
    recovered = _moved_by(loan.recoveries, as_of) if loan.recoveries else ZERO
    outstanding = loan.outstanding_at(as_of)
    status = _status(loan, as_of, outstanding)
    # Most loans of an old book are closed: they owe nothing, so their schedules need
    # not be allocated at all.
    late, upcoming = _NOTHING_LATE, None
    if status in OPEN:
        allocated = loan.allocation_at(as_of)
        late = arrears(allocated, as_of, loan.tolerance_days)
        upcoming = next_due(allocated, as_of)
    return LoanState(
        as_of=as_of,
        outstanding=outstanding,
        overdue_principal=late.overdue_principal,
        overdue_interest=late.overdue_interest,
        dpd=late.dpd,
        status=status,
        next_due=upcoming[0] if upcoming else None,
        next_amount=upcoming[1] if upcoming else ZERO,
        principal_paid=principal_paid,
        interest_paid=interest_paid,
        penalties_paid=penalties_paid,
        written_off=lost,
        recovered=recovered,
    )


_NOTHING_LATE = Arrears(ZERO, ZERO, 0, None)


def _moved_by(movements: Iterable[Movement], as_of: datetime.date) -> Decimal:
    return sum((m.amount for m in movements if m.date <= as_of), ZERO)


def _status(loan: Loan, as_of: datetime.date, outstanding: Decimal) -> Status:
    if loan.is_written_off(as_of):
        return Status.WRITTEN_OFF
    if outstanding <= 0:
        return Status.REPAID
    if loan.segment_at(as_of)[1].reschedule is not None:
        return Status.RESCHEDULED
    return Status.ACTIVE


# --- installments -------------------------------------------------------------------------


def installment_status(
    state: InstallmentState,
    as_of: datetime.date,
    tolerance_days: int,
    ended: InstallmentStatus | None = None,
) -> InstallmentStatus:
    """The installment's status at ``as_of``; ``ended`` is the status of every unpaid one
    when its schedule no longer runs (rescheduled, closed or written off)."""
    due = state.installment.due
    if state.is_paid:
        late = state.paid_on is not None and state.paid_on > due
        return InstallmentStatus.PAID_LATE if late else InstallmentStatus.PAID
    if ended is not None:
        return ended
    if due >= as_of:
        return InstallmentStatus.UPCOMING
    if (as_of - due).days > tolerance_days:
        return InstallmentStatus.OVERDUE
    return InstallmentStatus.DUE


@dataclass(frozen=True, slots=True)
class InstallmentLine:
    """One installment of one of the loan's schedules (0: the original) on a date."""

    schedule: int
    state: InstallmentState
    status: InstallmentStatus

    @property
    def runs(self) -> bool:
        """Whether the installment is still owed under a schedule in force."""
        return self.status not in _ENDED


_ENDED = frozenset(
    {InstallmentStatus.RESCHEDULED, InstallmentStatus.CLOSED, InstallmentStatus.WRITTEN_OFF}
)


def installment_lines(loan: Loan, as_of: datetime.date) -> tuple[InstallmentLine, ...]:
    """Every installment of every schedule in force by ``as_of``, with its status."""
    status = _status(loan, as_of, loan.outstanding_at(as_of))
    finished = {
        Status.WRITTEN_OFF: InstallmentStatus.WRITTEN_OFF,
        Status.REPAID: InstallmentStatus.CLOSED,
    }.get(status)
    lines = []
    for k, (_, ended, states) in enumerate(loan.segment_states(as_of)):
        mark = finished or (InstallmentStatus.RESCHEDULED if ended is not None else None)
        for state in states:
            lines.append(
                InstallmentLine(
                    k, state, installment_status(state, as_of, loan.tolerance_days, mark)
                )
            )
    return tuple(lines)


# --- a meeting's collection ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingDues:
    """What a loan's borrower is asked for at the meeting of ``day``, counting the
    repayments recorded before that day (a sheet printed after the meeting still shows
    what was asked)."""

    eve: LoanState  # the loan at the end of the day before the meeting
    overdue: Decimal  # installments already late on the meeting day
    due_now: Decimal  # installments falling due by the meeting day, not yet late
    next_due: datetime.date | None  # the first installment after the meeting
    next_amount: Decimal
    collected: Decimal  # recorded on the meeting day itself

    @property
    def to_collect(self) -> Decimal:
        return self.overdue + self.due_now


def dues_at_meeting(loan: Loan, day: datetime.date) -> MeetingDues:
    eve = loan_state(loan, day - ONE_DAY)
    taken = sum(
        (r.principal + r.interest + r.penalty for r in loan.repayments if r.date == day),
        ZERO,
    )
    if not eve.is_open:
        return MeetingDues(eve, ZERO, ZERO, None, ZERO, taken)
    allocated = loan.allocation_at(eve.as_of)
    late = arrears(allocated, day, loan.tolerance_days)
    owed_by_day = sum(
        (s.amount_due for s in allocated.states() if s.installment.due <= day), ZERO
    )
    upcoming = next_due(allocated, day + ONE_DAY)
    return MeetingDues(
        eve=eve,
        overdue=late.overdue,
        due_now=owed_by_day - late.overdue,
        next_due=upcoming[0] if upcoming else None,
        next_amount=upcoming[1] if upcoming else ZERO,
        collected=taken,
    )


# --- splitting a repayment given as a total -----------------------------------------------


def repayment_split(
    loan: Loan, total: Decimal, on: datetime.date, before: Iterable[Payment]
) -> Split | None:
    """How the allocation rule (SPEC §3) splits a repayment of ``total`` made on ``on``,
    after the repayments ``before`` it; ``None`` when the schedule it counts against could
    not be made (rule 4 reports its terms)."""
    index = loan.payment_segment(on)
    schedule = loan.segments[index].schedule
    if not schedule:
        return None
    earlier = [p for p in before if loan.payment_segment(p.date) == index]
    return split_total(schedule, earlier, total, on)
