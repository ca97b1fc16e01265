"""The collection sheet (bảng thu nợ): what each borrower owes at a meeting.

Overdue amounts come from the engine's ``arrears`` over the installments as the repayments
recorded before the meeting left them; the next installment from ``next_due``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from ledger_engine.book import ClubBook
from ledger_engine.fava_ext.views import OPEN, member_name
from ledger_engine.loans.allocation import arrears, next_due
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan, LoanState

ZERO = Decimal(0)
ONE_DAY = datetime.timedelta(days=1)
MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class CollectionLine:
    """What one loan's borrower owes at the meeting of ``day`` and what was taken that day."""

    loan: Loan
    name: str
    outstanding: Decimal  # principal owed on the eve of the meeting
    overdue: Decimal  # installments already late on the meeting day
    due_now: Decimal  # installments falling due by the meeting day, not yet late
    next_due: datetime.date | None  # the first installment after the meeting
    next_amount: Decimal
    collected: Decimal  # recorded on the meeting day itself

    @property
    def to_collect(self) -> Decimal:
        return self.overdue + self.due_now


def next_meeting_day(book: ClubBook, on: datetime.date) -> datetime.date:
    """The club's next monthly meeting on or after ``on``: the day of the month of the last
    one recorded by then (the 31st falls on a short month's last day); ``on`` itself when
    none is recorded."""
    held = [m.date for m in book.registry.meetings if m.kind == MONTHLY and m.date <= on]
    if not held:
        return on
    anchor = relativedelta(day=max(held).day)
    candidate: datetime.date = on.replace(day=1) + anchor
    if candidate < on:
        candidate = on.replace(day=1) + relativedelta(months=1) + anchor
    return candidate


def collection_sheet(book: ClubBook, day: datetime.date) -> list[CollectionLine]:
    """Every loan open on the eve of ``day``, by member, with what is due at the meeting.

    The amounts count the repayments recorded before the meeting day, so a sheet printed
    after the meeting still shows what was asked; what came in that day is its own column.
    """
    eve = day - ONE_DAY
    lines = []
    for loan in loans_of(book).loans.values():
        if loan.date > eve:
            continue
        state = loan.state(eve)
        if state.status not in OPEN:
            continue
        lines.append(_collection_line(book, loan, state, day))
    return sorted(lines, key=lambda line: (line.loan.member, line.loan.date, line.loan.id))


def _collection_line(
    book: ClubBook, loan: Loan, eve: LoanState, day: datetime.date
) -> CollectionLine:
    states = loan.installments_at(eve.as_of)
    late = arrears(states, day, loan.tolerance_days)
    owed_by_day = sum((s.amount_due for s in states if s.installment.due <= day), ZERO)
    upcoming = next_due(states, day + ONE_DAY)
    taken = sum(
        (r.principal + r.interest + r.penalty for r in loan.repayments if r.date == day),
        ZERO,
    )
    return CollectionLine(
        loan=loan,
        name=member_name(book, loan.member),
        outstanding=eve.outstanding,
        overdue=late.overdue,
        due_now=owed_by_day - late.overdue,
        next_due=upcoming[0] if upcoming else None,
        next_amount=upcoming[1] if upcoming else ZERO,
        collected=taken,
    )
