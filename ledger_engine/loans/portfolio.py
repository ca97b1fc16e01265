"""A club's portfolio figures at a date (SPEC §5); entries after the date are ignored.

``portfolio_of(loans, members, as_of, start)`` is pure: loans in, a frozen ``Portfolio`` out.
``club_portfolio(book, as_of)`` reads the loans of a book first.

Choices where SPEC §5 leaves room, so that every report says the same thing:

- the *period* runs from ``start`` to ``as_of``, both included; by default the year up to
  ``as_of`` (from the day after ``as_of`` minus one year);
- *average GLP* is the mean of the GLP at the end of the day before the period starts and
  the GLP at ``as_of``;
- *PAR>X* counts loans with DPD strictly above X (PAR>1 leaves out loans one day late);
- the *arrears rate* is overdue principal ÷ outstanding principal (GLP);
- *portfolio yield* is interest and penalties received in the period ÷ average GLP, times
  365 ÷ the days in the period;
- *average loan size* is the principal disbursed in the period ÷ the loans disbursed in it;
- the borrower groups count active borrowers (principal outstanding, not written off) and
  give their share of all active borrowers; the groups are ``ledger_engine.member_groups``'
  (*older* by the plan's age, poor and near-poor households apart).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ledger_engine.book import ClubBook
from ledger_engine.composition import year_before
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import ZERO, Loan
from ledger_engine.loans.state import LoanState
from ledger_engine.member_groups import count_groups
from ledger_engine.registry import Member

DAYS_PER_YEAR = Decimal(365)
ONE_DAY = datetime.timedelta(days=1)


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """A fraction of 1; ``None`` when there is nothing to divide by."""
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)


@dataclass(frozen=True, slots=True)
class BorrowerGroup:
    active_borrowers: int
    share: Decimal | None  # of all active borrowers


@dataclass(frozen=True, slots=True)
class Portfolio:
    as_of: datetime.date
    period_start: datetime.date
    glp: Decimal
    par1: Decimal | None
    par30: Decimal | None
    par90: Decimal | None
    at_risk_30: (
        Decimal  # principal of the loans more than 30 days past due: PAR30's numerator
    )
    overdue_principal: Decimal
    overdue_interest: Decimal
    arrears_rate: Decimal | None
    collected_on_time: Decimal
    fell_due: Decimal
    on_time_rate: Decimal | None
    average_glp: Decimal
    written_off: Decimal
    recovered: Decimal
    write_off_ratio: Decimal | None
    loan_loss_rate: Decimal | None
    interest_received: Decimal
    penalties_received: Decimal
    portfolio_yield: Decimal | None
    loans_outstanding: int
    active_borrowers: int
    loans_disbursed: int
    disbursed: Decimal
    average_loan_size: Decimal | None
    women: BorrowerGroup
    older: BorrowerGroup
    poor: BorrowerGroup
    near_poor: BorrowerGroup
    ethnic_minority: BorrowerGroup


def default_start(as_of: datetime.date) -> datetime.date:
    """First day of the year up to ``as_of``."""
    return year_before(as_of) + ONE_DAY


def club_portfolio(
    book: ClubBook,
    as_of: datetime.date,
    start: datetime.date | None = None,
    *,
    older_age: int,
) -> Portfolio:
    """The book's portfolio; ``older_age`` is the plan's (``[t3] older_age``)."""
    loans = loans_of(book).loans.values()
    return portfolio_of(loans, book.members_by_code, as_of, start, older_age=older_age)


@dataclass(slots=True)
class _Totals:
    glp: Decimal = ZERO
    opening_glp: Decimal = ZERO
    par1: Decimal = ZERO
    par30: Decimal = ZERO
    par90: Decimal = ZERO
    overdue_principal: Decimal = ZERO
    overdue_interest: Decimal = ZERO
    on_time: Decimal = ZERO
    fell_due: Decimal = ZERO
    written_off: Decimal = ZERO
    recovered: Decimal = ZERO
    interest: Decimal = ZERO
    penalties: Decimal = ZERO
    outstanding_loans: int = 0
    disbursed_loans: int = 0
    disbursed: Decimal = ZERO


def portfolio_of(
    loans: Iterable[Loan],
    members: Mapping[str, Member],
    as_of: datetime.date,
    start: datetime.date | None = None,
    *,
    older_age: int,
) -> Portfolio:
    start = start or default_start(as_of)
    totals = _Totals()
    borrowers: set[str] = set()
    for loan in loans:
        if loan.date > as_of:
            continue
        state = loan.state(as_of)
        _add_state(totals, loan, state)
        _add_period(totals, loan, start, as_of)
        if state.is_open:
            borrowers.add(loan.member)
    people = [members[code] for code in sorted(borrowers) if code in members]
    groups = _groups(people, len(borrowers), as_of, older_age)
    return _portfolio(totals, len(borrowers), groups, as_of, start)


def _add_state(totals: _Totals, loan: Loan, state: LoanState) -> None:
    if not state.is_open:
        return
    totals.glp += state.outstanding
    if state.outstanding > 0:
        totals.outstanding_loans += 1
    if state.dpd > 1:
        totals.par1 += state.outstanding
    if state.dpd > 30:
        totals.par30 += state.outstanding
    if state.dpd > 90:
        totals.par90 += state.outstanding
    totals.overdue_principal += state.overdue_principal
    totals.overdue_interest += state.overdue_interest


def _add_period(
    totals: _Totals, loan: Loan, start: datetime.date, as_of: datetime.date
) -> None:
    def within(day: datetime.date) -> bool:
        return start <= day <= as_of

    opening = start - ONE_DAY
    if loan.date <= opening:
        totals.opening_glp += loan.outstanding_at(opening)
    if within(loan.date):
        totals.disbursed_loans += 1
        totals.disbursed += loan.principal
    on_time, fell_due = loan.collected(start, as_of, as_of)
    totals.on_time += on_time
    totals.fell_due += fell_due
    if loan.write_offs:
        totals.written_off += sum(
            (w.amount for w in loan.write_offs if within(w.date)), ZERO
        )
    if loan.recoveries:
        totals.recovered += sum((r.amount for r in loan.recoveries if within(r.date)), ZERO)
    interest, penalties = totals.interest, totals.penalties
    for repayment in loan.repayments:
        if start <= repayment.entry.date <= as_of:
            interest += repayment.interest
            penalties += repayment.penalty
    totals.interest, totals.penalties = interest, penalties


def _groups(
    people: list[Member], borrowers: int, as_of: datetime.date, older_age: int
) -> dict[str, BorrowerGroup]:
    """Active borrowers by the plan's groups, each with its share of all active borrowers."""
    counts = count_groups(people, as_of, older_age)
    return {
        name: BorrowerGroup(count, ratio(count, borrowers))
        for name, count in (
            ("women", counts.women),
            ("older", counts.older),
            ("poor", counts.poor),
            ("near_poor", counts.near_poor),
            ("ethnic_minority", counts.ethnic_minority),
        )
    }


def _portfolio(
    totals: _Totals,
    borrowers: int,
    groups: dict[str, BorrowerGroup],
    as_of: datetime.date,
    start: datetime.date,
) -> Portfolio:
    average_glp = (totals.opening_glp + totals.glp) / 2
    income = totals.interest + totals.penalties
    days = (as_of - start).days + 1
    yearly = ratio(income, average_glp)
    return Portfolio(
        as_of=as_of,
        period_start=start,
        glp=totals.glp,
        par1=ratio(totals.par1, totals.glp),
        par30=ratio(totals.par30, totals.glp),
        par90=ratio(totals.par90, totals.glp),
        at_risk_30=totals.par30,
        overdue_principal=totals.overdue_principal,
        overdue_interest=totals.overdue_interest,
        arrears_rate=ratio(totals.overdue_principal, totals.glp),
        collected_on_time=totals.on_time,
        fell_due=totals.fell_due,
        on_time_rate=ratio(totals.on_time, totals.fell_due),
        average_glp=average_glp,
        written_off=totals.written_off,
        recovered=totals.recovered,
        write_off_ratio=ratio(totals.written_off, average_glp),
        loan_loss_rate=ratio(totals.written_off - totals.recovered, average_glp),
        interest_received=totals.interest,
        penalties_received=totals.penalties,
        portfolio_yield=None if yearly is None else yearly * DAYS_PER_YEAR / days,
        loans_outstanding=totals.outstanding_loans,
        active_borrowers=borrowers,
        loans_disbursed=totals.disbursed_loans,
        disbursed=totals.disbursed,
        average_loan_size=ratio(totals.disbursed, totals.disbursed_loans),
        women=groups["women"],
        older=groups["older"],
        poor=groups["poor"],
        near_poor=groups["near_poor"],
        ethnic_minority=groups["ethnic_minority"],
    )
