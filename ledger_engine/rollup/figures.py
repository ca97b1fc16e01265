"""Take a club's snapshot from its book: the figures of SPEC §5–§6 at one as-of date.

Everything here is read from a ``ClubBook`` and the loans view built once per book; no figure
is computed twice under another name (composition from ``compose``, loans from ``loans_of``).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from beancount.core import data

from ledger_engine import verdicts
from ledger_engine.book import ClubBook
from ledger_engine.composition import Composition, compose, share, year_before
from ledger_engine.errors import location
from ledger_engine.freshness import last_entry_date
from ledger_engine.gc_pause import collector_paused
from ledger_engine.loading import load_book
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.member_groups import GroupCounts, count_groups
from ledger_engine.registry import Member
from ledger_engine.rollup.capital import AccountYears, capital_received, is_capital
from ledger_engine.rollup.portfolio import portfolio_at
from ledger_engine.rollup.snapshot import (
    Basis,
    BasisFigures,
    ClubFigures,
    ClubSnapshot,
    Cohort,
    DatedUnits,
    Funds,
    Gap,
    Portfolio,
    Targets,
    Units,
)
from ledger_engine.rollup.trace import ClubTrace, club_trace
from ledger_engine.targets import Plan

ZERO = Decimal(0)
#: How many error messages a snapshot keeps; the count is always complete.
KEPT_ERRORS = 5
MONTHLY = "monthly"
_IGF_CASH = ("Assets:IGF:Cash", "Assets:IGF:Bank")
_ACTIVITY = "Assets:Activity:"


def take_snapshot(path: str, as_of: datetime.date, plan: Plan) -> ClubSnapshot:
    """The club's snapshot; a book that cannot be read or understood gives a failed one.

    The collector is paused from reading the book to the last figure (see ``gc_pause``).
    """
    with collector_paused():
        return _snapshot(path, as_of, plan)


def _snapshot(path: str, as_of: datetime.date, plan: Plan) -> ClubSnapshot:
    try:
        # Beancount skips undecodable bytes outside strings; the province must hear of a
        # book saved in another encoding rather than read it half.
        with open(path, "rb") as handle:
            handle.read().decode("utf-8")
        book = load_book(path)
    except Exception as exc:  # an unreadable file must still be named in the report
        return ClubSnapshot(path=path, as_of=as_of, failed=f"cannot read the book: {exc}")
    if not book.registry.clubs:
        why = 'no valid custom "club" directive'
        if book.errors:
            why += f" ({len(book.errors)} errors; first: {_message(book.errors[0])})"
        return ClubSnapshot(path=path, as_of=as_of, failed=why)
    try:
        figures = club_figures(book, as_of, plan)
    except Exception as exc:
        failed = f"figures could not be computed: {type(exc).__name__}: {exc}"
        return ClubSnapshot(path=path, as_of=as_of, failed=failed)
    return ClubSnapshot(path=path, as_of=as_of, figures=figures)


def club_figures(book: ClubBook, as_of: datetime.date, plan: Plan) -> ClubFigures:
    club = book.club_at(as_of)
    assert club is not None  # take_snapshot checked that the book declares its club
    founded = min(c.date for c in book.registry.clubs)
    composition = compose(book.registry.members, book.registry.exits, as_of, plan.t3)
    loans = loans_of(book)
    portfolio = portfolio_at(book, as_of, plan.t3.older_age)
    totals = account_totals(book.entries, as_of, _totalled)
    funds = funds_at(totals, portfolio.glp)
    areas = activity_areas(book, as_of)
    missing = tuple(a for a in plan.t4.required_areas if a not in areas)
    meetings = monthly_meetings(book, as_of)
    errors = tuple(book.errors)
    cohort = cohort_of(founded, plan)
    targets = club_targets(
        cohort,
        founded,
        as_of,
        composition,
        funds,
        portfolio,
        missing,
        meetings,
        len(errors),
        plan,
    )
    active = book.members_at(as_of)
    trace = club_trace(active, loans, as_of, plan.t3.older_age, borrowing_bases, book.path)
    coverage = {
        basis: basis_figures(
            borrowers_in(trace, active, basis, as_of, plan.t3.older_age),
            composition,
            funds,
            portfolio.median_loan,
            _fallback_loan_size(book, as_of),
            targets,
            plan,
        )
        for basis in Basis
    }
    return ClubFigures(
        code=club.code,
        name=club.name,
        units=Units(province=club.province, district=club.district, commune=club.commune),
        founded=founded,
        cohort=cohort,
        composition=composition,
        coverage=coverage,
        funds=funds,
        portfolio=portfolio,
        activity_areas=tuple(sorted(areas)),
        missing_areas=missing,
        meetings=meetings,
        error_count=len(errors),
        errors=tuple(_message(e) for e in errors[:KEPT_ERRORS]),
        targets=targets,
        last_entry=last_entry_date(book.entries, as_of),
        unit_history=tuple(
            DatedUnits(
                date=c.date,
                units=Units(province=c.province, district=c.district, commune=c.commune),
            )
            for c in book.registry.clubs
        ),
        capital=capital_received(totals),
        trace=trace,
    )


def club_targets(
    cohort: Cohort,
    founded: datetime.date,
    as_of: datetime.date,
    composition: Composition,
    funds: Funds,
    portfolio: Portfolio,
    missing_areas: tuple[str, ...],
    meetings: int,
    error_count: int,
    plan: Plan,
) -> Targets:
    """The club's verdicts, each from the one function of ``ledger_engine.verdicts``."""
    management = verdicts.management(
        meetings, error_count, portfolio.at_risk_30, portfolio.glp, plan.t4
    )
    return Targets(
        t1_new_club=cohort is Cohort.PLAN and founded <= as_of,
        t2=verdicts.t2_verdict(cohort is Cohort.PRE_PLAN, composition.active),
        t3=composition.t3_verdict,
        activities=verdicts.activities(missing_areas),
        management=management,
        t5=verdicts.t5_verdict(funds.igf_cash + funds.igf_loans, funds.activity_fund),
    )


def cohort_of(founded: datetime.date, plan: Plan) -> Cohort:
    if founded < plan.t2.founded_before:
        return Cohort.PRE_PLAN
    if founded <= plan.plan.period_end:
        return Cohort.PLAN
    return Cohort.POST_PLAN


def _message(error: Any) -> str:
    where = location(getattr(error, "source", None))
    filename, _, line = where.rpartition(":")
    return f"{os.path.basename(filename)}:{line}: {error.message}"


# --- borrowers ------------------------------------------------------------------------------


def _named(recent: bool, outstanding: bool, ever: bool) -> tuple[str, ...]:
    """The bases that hold, named, in ``Basis`` order."""
    holds = {Basis.RECENT: recent, Basis.OUTSTANDING: outstanding, Basis.EVER: ever}
    return tuple(basis.value for basis in Basis if holds[basis])


#: Every answer ``borrowing_bases`` can give, by (recent, outstanding, ever): made once
#: rather than for every loan.
_NAMED: dict[tuple[bool, bool, bool], tuple[str, ...]] = {
    (recent, outstanding, ever): _named(recent, outstanding, ever)
    for recent in (False, True)
    for outstanding in (False, True)
    for ever in (False, True)
}


def borrowing_bases(loan: Loan, member: Member, as_of: datetime.date) -> tuple[str, ...]:
    """The bases on which ``loan`` makes its member a borrowing member at ``as_of`` (SPEC §6),
    in ``Basis`` order. All three are decided together: they read the same balance."""
    # A written-off loan counts in no borrower figure from its write-off on (SPEC §2).
    if loan.date > as_of or loan.is_written_off(as_of):
        return ()
    outstanding = loan.outstanding_at(as_of) > 0
    recent = outstanding or loan.date > year_before(as_of)
    return _NAMED[recent, outstanding, loan.date >= member.joined]


def borrowers_in(
    trace: ClubTrace,
    active: Iterable[Member],
    basis: Basis,
    as_of: datetime.date,
    older_age: int,
) -> GroupCounts:
    """Active members who borrow on ``basis``, counted by the plan's groups: the members
    the trace lists as borrowers (``borrowing_bases`` decided it once per loan), so the
    count is the list's."""
    codes = set(trace.borrowers(basis.value))
    return count_groups((m for m in active if m.code in codes), as_of, older_age)


def basis_figures(
    borrowers: GroupCounts,
    composition: Composition,
    funds: Funds,
    median_loan: Decimal | None,
    fallback_loan: Decimal | None,
    targets: Targets,
    plan: Plan,
) -> BasisFigures:
    loan_target = verdicts.loan_target(borrowers.total, composition.active, plan.t4)
    needed = verdicts.borrowers_needed(borrowers.total, composition.active, plan.t4)
    return BasisFigures(
        borrowers=borrowers,
        coverage=share(borrowers.total, composition.active),
        loan_target=loan_target,
        t4=verdicts.t4_verdict(loan_target, targets.activities, targets.management),
        gap=gap(needed, funds.igf_cash, median_loan, fallback_loan),
    )


def gap(
    needed: int, idle_cash: Decimal, median_loan: Decimal | None, fallback: Decimal | None
) -> Gap:
    """How many loans of the club's usual size its idle IGF cash pays for, against the need."""
    size = median_loan if median_loan is not None else fallback
    fundable = int(idle_cash // size) if size and idle_cash > 0 else 0
    return Gap(
        borrowers_needed=needed,
        idle_cash=idle_cash,
        loan_size=size,
        loan_size_from_policy=median_loan is None and size is not None,
        loans_fundable=fundable,
        self_funded=fundable >= needed,
    )


def _fallback_loan_size(book: ClubBook, as_of: datetime.date) -> Decimal | None:
    """Half the policy's maximum: the loan size assumed for a club that never lent."""
    policy = book.policy_at(as_of) or (book.registry.policies or (None,))[0]
    if policy is None:
        return None
    return (policy.max_principal / 2).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)


# --- funds, activities, meetings -----------------------------------------------------------


def account_totals(
    entries: Iterable[data.Directive],
    as_of: datetime.date,
    wanted: Callable[[str], bool],
) -> dict[tuple[str, int], Decimal]:
    """The postings up to ``as_of`` on the accounts ``wanted`` picks, summed by account and
    year: one walk of the entries for every figure read from a few accounts (funds, capital
    received), each of which then reads only its own accounts."""
    totals: dict[tuple[str, int], Decimal] = {}
    picked: dict[str, bool] = {}  # by account: asked of every posting, answered once
    for entry in entries:
        if not isinstance(entry, data.Transaction) or entry.date > as_of:
            continue
        year = entry.date.year
        for posting in entry.postings:
            account = posting.account
            pick = picked.get(account)
            if pick is None:
                pick = picked[account] = wanted(account)
            if not pick:
                continue
            units = posting.units
            if units is None or not isinstance(units.number, Decimal):
                continue
            key = (account, year)
            totals[key] = totals.get(key, ZERO) + units.number
    return totals


def is_igf_cash(account: str) -> bool:
    return account in _IGF_CASH


def is_activity_fund(account: str) -> bool:
    return account.startswith(_ACTIVITY)


def _totalled(account: str) -> bool:
    """The accounts ``account_totals`` sums for ``funds_at`` and ``capital_received``."""
    return is_igf_cash(account) or is_activity_fund(account) or is_capital(account)


def funds_at(totals: AccountYears, glp: Decimal) -> Funds:
    """Cash of both funds from the book's postings (``totals``: up to the date, by account
    and year, of at least the funds' accounts); the loans the fund holds are the GLP of the
    loan state, so that a written-off loan is in neither."""
    cash, activity = ZERO, ZERO
    for (account, _), total in totals.items():
        if is_igf_cash(account):
            cash += total
        elif is_activity_fund(account):
            activity += total
    return Funds(igf_cash=cash, igf_loans=glp, activity_fund=activity)


def activity_areas(book: ClubBook, as_of: datetime.date) -> set[str]:
    since = year_before(as_of)
    return {a.area for a in book.registry.activities if since < a.date <= as_of}


def monthly_meetings(book: ClubBook, as_of: datetime.date) -> int:
    since = year_before(as_of)
    return sum(
        1 for m in book.registry.meetings if m.kind == MONTHLY and since < m.date <= as_of
    )
