"""What the club's Fava pages show, read from the engine: a book and a date in, rows out.

Nothing here computes a loan figure of its own: outstanding, overdue, DPD, bucket, status and
the next installment come from ``Loan.state``; the schedule and what paid it from
``Loan.segment_states``. These builders only choose and arrange them for a page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ledger_engine.book import ClubBook
from ledger_engine.loans.allocation import InstallmentState, arrears, next_due
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import (
    BUCKETS,
    OVER_A_YEAR,
    Loan,
    LoanState,
    Movement,
    Repayment,
    Status,
)
from ledger_engine.registry import Member, MemberExit

ZERO = Decimal(0)
ONE_DAY = datetime.timedelta(days=1)
OPEN = frozenset({Status.ACTIVE, Status.RESCHEDULED})

#: Status filter of the loans page: query value → statuses shown (None: every loan).
STATUS_FILTERS: dict[str, frozenset[Status] | None] = {
    "all": None,
    "open": OPEN,
    **{status.value: frozenset({status}) for status in Status},
}


def member_name(book: ClubBook, code: str) -> str:
    member = book.members_by_code.get(code)
    return member.name if member else ""


@dataclass(frozen=True, slots=True)
class LoanRow:
    """One loan on the loans page: the loan, its borrower's name and its state."""

    loan: Loan
    name: str
    state: LoanState

    @property
    def is_open(self) -> bool:
        return self.state.status in OPEN


def loan_rows(book: ClubBook, as_of: datetime.date) -> list[LoanRow]:
    """Every loan disbursed on or before ``as_of``, in disbursement order."""
    return [
        LoanRow(loan, member_name(book, loan.member), loan.state(as_of))
        for loan in loans_of(book).loans.values()
        if loan.date <= as_of
    ]


def with_status(rows: Iterable[LoanRow], wanted: str) -> list[LoanRow]:
    """The rows whose status the filter ``wanted`` names; an unknown filter keeps all."""
    statuses = STATUS_FILTERS.get(wanted)
    return [r for r in rows if statuses is None or r.state.status in statuses]


@dataclass(frozen=True, slots=True)
class LoanTotals:
    count: int
    principal: Decimal
    outstanding: Decimal
    overdue: Decimal


def totals(rows: Sequence[LoanRow]) -> LoanTotals:
    return LoanTotals(
        count=len(rows),
        principal=sum((r.loan.principal for r in rows), ZERO),
        outstanding=sum((r.state.outstanding for r in rows), ZERO),
        overdue=sum((r.state.overdue for r in rows), ZERO),
    )


# --- one loan, installment by installment -----------------------------------------------


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


# --- the collection sheet ---------------------------------------------------------------


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
    states = eve.installments
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


# --- members and their borrowing --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberLine:
    member: Member
    left: MemberExit | None  # the member's exit, if dated on or before the page's date
    loans: tuple[LoanRow, ...]

    @property
    def active(self) -> bool:
        return self.left is None

    @property
    def outstanding(self) -> Decimal:
        return sum((r.state.outstanding for r in self.loans), ZERO)

    @property
    def borrowed(self) -> Decimal:
        return sum((r.loan.principal for r in self.loans), ZERO)


def member_lines(
    book: ClubBook, rows: Sequence[LoanRow], as_of: datetime.date
) -> list[MemberLine]:
    """Every member who had joined by ``as_of``, with the loans they received by then."""
    by_member: dict[str, list[LoanRow]] = {}
    for row in rows:
        by_member.setdefault(row.loan.member, []).append(row)
    lines = []
    for member in book.registry.members:
        if member.joined > as_of:
            continue
        left = book.exits_by_code.get(member.code)
        lines.append(
            MemberLine(
                member=member,
                left=left if left is not None and left.date <= as_of else None,
                loans=tuple(by_member.get(member.code, ())),
            )
        )
    return lines


# --- arrears aging ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgingBar:
    bucket: str
    loans: int
    outstanding: Decimal


def aging(rows: Iterable[LoanRow]) -> list[AgingBar]:
    """Outstanding principal of the open loans by aging bucket, every bucket listed."""
    names = [name for _, _, name in BUCKETS] + [OVER_A_YEAR]
    count = dict.fromkeys(names, 0)
    amount = dict.fromkeys(names, ZERO)
    for row in rows:
        if row.is_open:
            count[row.state.bucket] += 1
            amount[row.state.bucket] += row.state.outstanding
    return [AgingBar(name, count[name], amount[name]) for name in names]


# --- one loan's page --------------------------------------------------------------------


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
