"""The members and loans behind a club's figures, so that a province can check every count.

A ``ClubTrace`` lists the club's active members at the date (the denominator of coverage and
the people T3 counts) and every loan that makes one of them a borrowing member on some basis
or puts principal at risk (the numerator of coverage, T4's PAR30), each loan with the file and
line of its disbursement. Borrowers are decided by the same rule as the snapshot's counts
(``ledger_engine.rollup.figures.borrowing_bases``), handed in, so the list and the count
cannot drift.

Names are kept here; reports that go upward show member codes unless asked for names.
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ledger_engine.loans.ledger import LoanBook
from ledger_engine.loans.loan import Loan
from ledger_engine.member_groups import (
    is_ethnic_minority,
    is_near_poor,
    is_older,
    is_poor,
    is_woman,
)
from ledger_engine.records import FrozenRecord
from ledger_engine.registry import Member

#: Days past due beyond which a loan's principal is at risk for PAR30 (SPEC §5).
AT_RISK_DAYS = 30


# The references are plain frozen dataclasses, not records: a club has a hundred of them,
# built from values already typed and checked (the registry's records, the loan state), and a
# dataclass is the quickest to build. ``ledger_engine.records`` still reads them back from a
# snapshot's JSON field by field (unknown keys refused) and writes them the same.


@dataclass(frozen=True, slots=True)
class MemberRef:
    """An active member as the plan's groups see them."""

    code: str
    name: str
    woman: bool
    older: bool
    poor: bool
    near_poor: bool
    ethnic_minority: bool


@dataclass(frozen=True, slots=True)
class LoanRef:
    """A loan behind a figure, with the place of its disbursement in the book."""

    loan: str
    member: str
    date: datetime.date
    principal: Decimal
    outstanding: Decimal
    dpd: int
    file: str  # relative to the folder of the club's book
    line: int
    bases: tuple[str, ...]  # the bases on which it makes its member a borrower

    @property
    def at_risk(self) -> bool:
        return self.outstanding > 0 and self.dpd > AT_RISK_DAYS


class ClubTrace(FrozenRecord):
    members: tuple[MemberRef, ...] = ()
    loans: tuple[LoanRef, ...] = ()

    def borrowers(self, basis: str) -> tuple[str, ...]:
        """Codes of the active members who borrow on ``basis``, in code order."""
        return tuple(sorted({ref.member for ref in self.loans if basis in ref.bases}))

    def loans_of(self, member: str) -> tuple[LoanRef, ...]:
        return tuple(ref for ref in self.loans if ref.member == member)


#: The rule that decides borrowers (``ledger_engine.rollup.figures.borrowing_bases``): the
#: bases on which a loan makes its member a borrowing member at a date.
BorrowingBases = Callable[[Loan, Member, datetime.date], tuple[str, ...]]


def member_ref(member: Member, as_of: datetime.date, older_age: int) -> MemberRef:
    return MemberRef(
        code=member.code,
        name=member.name,
        woman=is_woman(member),
        older=is_older(member, as_of, older_age),
        poor=is_poor(member),
        near_poor=is_near_poor(member),
        ethnic_minority=is_ethnic_minority(member),
    )


@functools.lru_cache(maxsize=256)
def _relative(where: str, folder: str) -> str:
    """Kept relative, so a snapshot cached for a tree that moved still names the right file."""
    return os.path.relpath(where, folder) if where.startswith(os.sep) else where


def loan_ref(
    loan: Loan,
    as_of: datetime.date,
    bases: tuple[str, ...],
    outstanding: Decimal,
    folder: str,
) -> LoanRef:
    meta = loan.disbursement.meta or {}
    file = _relative(str(meta.get("filename", "")), folder)
    dpd = loan.state(as_of).dpd if outstanding > 0 else 0
    return LoanRef(
        loan=loan.id,
        member=loan.member,
        date=loan.date,
        principal=loan.principal,
        outstanding=outstanding,
        dpd=dpd,
        file=file,
        line=int(meta.get("lineno", 0)),
        bases=bases,
    )


def club_trace(
    active: Sequence[Member],
    loans: LoanBook,
    as_of: datetime.date,
    older_age: int,
    bases_of: BorrowingBases,
    book_path: str | None = None,
) -> ClubTrace:
    """Active members, and the loans that count for them on any basis or are outstanding."""
    folder = os.path.dirname(os.path.abspath(book_path or "."))
    refs: list[LoanRef] = []
    for member in active:
        for loan in loans.by_member.get(member.code, ()):
            if loan.date > as_of:
                continue
            counted = bases_of(loan, member, as_of)
            outstanding = loan.outstanding_at(as_of)
            if counted or outstanding > 0:
                refs.append(loan_ref(loan, as_of, counted, outstanding, folder))
    return ClubTrace.model_construct(
        members=tuple(member_ref(m, as_of, older_age) for m in active),
        loans=tuple(sorted(refs, key=lambda r: (r.member, r.date, r.loan))),
    )
