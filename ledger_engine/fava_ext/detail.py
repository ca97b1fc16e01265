"""One loan's page: its schedules installment by installment, beside what paid them.

The schedules, what each repayment paid and each installment's status come from the loan
state (``ledger_engine.loans.state``); this module only groups them by schedule.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ledger_engine.book import ClubBook
from ledger_engine.fava_ext.views import LoanRow, member_name
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan, Movement, Repayment
from ledger_engine.loans.state import InstallmentLine, installment_lines


@dataclass(frozen=True, slots=True)
class ScheduleBlock:
    """One schedule of the loan: the original, or one set up by a reschedule."""

    start: datetime.date
    ended: datetime.date | None
    rescheduled: bool
    lines: tuple[InstallmentLine, ...]


def schedule_blocks(loan: Loan, as_of: datetime.date) -> list[ScheduleBlock]:
    """Each schedule in force by ``as_of`` with its installments and their statuses."""
    lines = installment_lines(loan, as_of)
    blocks = []
    for k, (segment, ended, _) in enumerate(loan.segment_states(as_of)):
        mine = tuple(line for line in lines if line.schedule == k)
        blocks.append(
            ScheduleBlock(segment.start, ended, segment.reschedule is not None, mine)
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
