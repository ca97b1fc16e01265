"""One loan's page: its schedules installment by installment, beside what paid them.

The schedules and what each repayment paid come from ``Loan.segment_states``; this module
only says where each installment stands on the page's date (its *mark*).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ledger_engine.book import ClubBook
from ledger_engine.fava_ext.views import LoanRow, member_name
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan, Movement, Repayment, Status
from ledger_engine.loans.values import InstallmentState


class Mark:
    """Where an installment stands on the as-of date (a CSS class and a label)."""

    PAID = "paid"
    PAID_LATE = "paid-late"
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    REPLACED = "replaced"  # what was left of it moved to a reschedule's new schedule
    CLOSED = "closed"  # the loan is repaid or written off: nothing more is owed on it


def mark_of(
    state: InstallmentState, as_of: datetime.date, tolerance_days: int, ended: str | None
) -> str:
    """The installment's mark; ``ended`` is the mark of every unpaid one when its schedule
    no longer runs (``Mark.REPLACED`` or ``Mark.CLOSED``)."""
    due = state.installment.due
    if state.is_paid:
        late = state.paid_on is not None and state.paid_on > due
        return Mark.PAID_LATE if late else Mark.PAID
    if ended is not None:
        return ended
    if due >= as_of:
        return Mark.UPCOMING
    return Mark.OVERDUE if (as_of - due).days > tolerance_days else Mark.DUE


@dataclass(frozen=True, slots=True)
class ScheduleLine:
    state: InstallmentState
    mark: str

    @property
    def runs(self) -> bool:
        """Whether the installment is still owed under a schedule in force."""
        return self.mark not in (Mark.REPLACED, Mark.CLOSED)


@dataclass(frozen=True, slots=True)
class ScheduleBlock:
    """One schedule of the loan: the original, or one set up by a reschedule."""

    start: datetime.date
    ended: datetime.date | None
    rescheduled: bool
    lines: tuple[ScheduleLine, ...]


def schedule_blocks(loan: Loan, as_of: datetime.date) -> list[ScheduleBlock]:
    """Each schedule in force by ``as_of`` with what the repayments paid on it."""
    finished = loan.state(as_of).status in (Status.REPAID, Status.WRITTEN_OFF)
    blocks = []
    for segment, ended, states in loan.segment_states(as_of):
        mark = Mark.REPLACED if ended is not None else Mark.CLOSED if finished else None
        lines = tuple(
            ScheduleLine(s, mark_of(s, as_of, loan.tolerance_days, mark)) for s in states
        )
        blocks.append(
            ScheduleBlock(segment.start, ended, segment.reschedule is not None, lines)
        )
    return blocks


@dataclass(frozen=True, slots=True)
class LoanDetail:
    row: LoanRow
    blocks: tuple[ScheduleBlock, ...]
    repayments: tuple[Repayment, ...]
    write_offs: tuple[Movement, ...]
    recoveries: tuple[Movement, ...]


def loan_detail(book: ClubBook, loan_id: str, as_of: datetime.date) -> LoanDetail | None:
    """The loan's schedules beside its movements up to ``as_of``; None if no such loan."""
    loan = loans_of(book).loans.get(loan_id)
    if loan is None:
        return None
    row = LoanRow(loan, member_name(book, loan.member), loan.state(as_of))
    return LoanDetail(
        row=row,
        blocks=tuple(schedule_blocks(loan, as_of)),
        repayments=tuple(r for r in loan.repayments if r.date <= as_of),
        write_offs=tuple(w for w in loan.write_offs if w.date <= as_of),
        recoveries=tuple(r for r in loan.recoveries if r.date <= as_of),
    )
