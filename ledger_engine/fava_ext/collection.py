"""The collection sheet (bảng thu nợ): what each borrower owes at a meeting.

What each borrower is asked for comes from the loan state's ``dues_at_meeting``; this module
only picks the loans open on the eve of the meeting and arranges them by member.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from ledger_engine.book import ClubBook
from ledger_engine.fava_ext.views import member_name
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.state import MeetingDues, dues_at_meeting

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
        dues = dues_at_meeting(loan, day)
        if dues.eve.is_open:
            lines.append(_collection_line(book, loan, dues))
    return sorted(lines, key=lambda line: (line.loan.member, line.loan.date, line.loan.id))


def _collection_line(book: ClubBook, loan: Loan, dues: MeetingDues) -> CollectionLine:
    return CollectionLine(
        loan=loan,
        name=member_name(book, loan.member),
        outstanding=dues.eve.outstanding,
        overdue=dues.overdue,
        due_now=dues.due_now,
        next_due=dues.next_due,
        next_amount=dues.next_amount,
        collected=dues.collected,
    )
