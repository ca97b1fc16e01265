"""What the club's Fava pages show, read from the engine: a book and a date in, rows out.

Nothing here computes a loan figure of its own: outstanding, overdue, DPD, bucket, status and
the next installment come from ``Loan.state``. These builders only choose and arrange them
for a page (one loan's page is in ``detail``, the collection sheet in ``collection``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ledger_engine.book import ClubBook
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.state import BUCKETS, OPEN, OVER_A_YEAR, LoanState, Status
from ledger_engine.registry import Member, MemberExit

ZERO = Decimal(0)

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
        return self.state.is_open


def loan_rows(book: ClubBook, as_of: datetime.date) -> list[LoanRow]:
    """Every loan disbursed on or before ``as_of``, in disbursement order."""
    return [
        LoanRow(loan, member_name(book, loan.member), loan.state(as_of))
        for loan in loans_of(book).loans.values()
        if loan.date <= as_of
    ]


#: The filter of loans with an installment past due (beyond the policy's tolerance).
OVERDUE = "overdue"
FILTERS = (*STATUS_FILTERS, OVERDUE)


def with_status(rows: Iterable[LoanRow], wanted: str) -> list[LoanRow]:
    """The rows whose status the filter ``wanted`` names (``overdue``: days past due > 0,
    as ``Loan.state`` says); an unknown filter keeps all."""
    if wanted == OVERDUE:
        return [r for r in rows if r.state.dpd > 0]
    statuses = STATUS_FILTERS.get(wanted)
    return [r for r in rows if statuses is None or r.state.status in statuses]


def by_days_past_due(rows: Iterable[LoanRow]) -> list[LoanRow]:
    """The most overdue first; equally late loans by what they owe, the larger first."""
    return sorted(
        rows, key=lambda r: (-r.state.dpd, -r.state.overdue, -r.state.outstanding)
    )


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
        bucket = row.state.bucket
        if bucket is not None:
            count[bucket] += 1
            amount[bucket] += row.state.outstanding
    return [AgingBar(name, count[name], amount[name]) for name in names]
