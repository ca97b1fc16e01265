"""The loan ledger view: every loan of a club book, read in one pass over its transactions.

``loans_of(book)`` gives a ``LoanBook``: the loans keyed by loan id (SPEC §2: the posting's
``loan`` metadata, else the transaction's single link) in disbursement order, and the
movements that could not be placed on a disbursed loan (``Stray``), which rule 6 reports.
The view is built once per ``ClubBook`` and shared by every rule and report.

- a **disbursement** is a transaction whose postings on a loans account add up to a positive
  amount for the loan; its metadata ``term``, ``rate``, ``method``, ``grace``,
  ``interest_grace`` and ``first_due`` override the policy in force on its date;
- a **repayment** is one that reduces the loan; the interest and penalties paid are the
  transaction's postings on ``Income:IGF:Interest`` and ``Income:IGF:Penalties`` for that loan
  (the posting's ``loan`` metadata, else the only loan the transaction touches, else its single
  link);
- a transaction tagged ``#write-off`` moves principal to losses instead of repaying it;
- ``Income:IGF:Recoveries`` postings are recoveries of the loan they are tied to.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from beancount.core import data

from ledger_engine.book import LOANS_ROOT, ClubBook, member_of_account
from ledger_engine.loans.loan import Loan, Movement, Repayment
from ledger_engine.loans.segments import loan_segments, rescheduled_segment
from ledger_engine.registry import LoanReschedule

ZERO = Decimal(0)
INTEREST = "Income:IGF:Interest"
PENALTIES = "Income:IGF:Penalties"
RECOVERIES = "Income:IGF:Recoveries"
WRITE_OFF_TAG = "write-off"
_INCOME = {INTEREST: 0, PENALTIES: 1, RECOVERIES: 2}
_LOANS_PREFIX = LOANS_ROOT + ":"


class Problem(StrEnum):
    """Why a movement could not be placed on a disbursed loan."""

    UNKNOWN = "unknown"  # no transaction ever disburses the loan
    EARLY = "early"  # dated before the loan's disbursement
    DISBURSED_AGAIN = "disbursed-again"  # a second disbursement under the same loan id
    WRONG_MEMBER = "wrong-member"  # posted to another member's loans account
    UNTIED = "untied"  # a recovery that names no loan


@dataclass(frozen=True, slots=True)
class Stray:
    entry: data.Transaction
    loan: str | None
    problem: Problem
    kind: str  # what the movement looked like: repayment, write-off, recovery, disbursement
    amount: Decimal
    account: str


@dataclass(frozen=True, slots=True)
class StrayReschedule:
    record: LoanReschedule
    problem: Problem


@dataclass(frozen=True)
class LoanBook:
    """Every loan of a book by id, in disbursement order, and what could not be placed."""

    loans: dict[str, Loan]
    strays: tuple[Stray, ...] = ()
    stray_reschedules: tuple[StrayReschedule, ...] = ()
    by_member: dict[str, tuple[Loan, ...]] = field(default_factory=dict)


_LoanOf = Callable[[data.Transaction, data.Posting], str | None]


class _Line:
    """One transaction's movements on one loan, summed over its postings."""

    __slots__ = ("account", "entry", "foreign", "income", "loans_net")

    def __init__(self, entry: data.Transaction, account: str | None) -> None:
        self.entry = entry
        self.account = account  # the first loans account posted to, if any
        self.foreign: set[str] | None = None  # any other loans account posted to
        self.loans_net = ZERO
        self.income = [ZERO, ZERO, ZERO]  # interest, penalties, recoveries received

    @property
    def accounts(self) -> list[str]:
        found = set(self.foreign or ())
        if self.account is not None:
            found.add(self.account)
        return sorted(found)


def loans_of(book: ClubBook) -> LoanBook:
    """The book's loans, read once and kept on the book."""
    cached = book.__dict__.get("_loan_book")
    if isinstance(cached, LoanBook):
        return cached
    # Reading allocates tens of thousands of small objects while the whole ledger is alive:
    # the collector's full passes over every entry would cost more than the reading itself.
    # Nothing read here forms reference cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = read_loans(book)
    finally:
        if collecting:
            gc.enable()
    # ClubBook is frozen; the view is derived data, kept beside it like a cached_property.
    book.__dict__["_loan_book"] = result
    return result


def read_loans(book: ClubBook) -> LoanBook:
    # Imported here: the plugins package imports this module for its rules.
    from ledger_engine.plugins.loan_links import loan_of_posting

    lines: dict[str, list[_Line]] = {}
    strays: list[Stray] = []
    for entry in book.entries:
        if isinstance(entry, data.Transaction) and entry.flag != "P":
            for loan, line in _lines_of(entry, strays, loan_of_posting).items():
                found = lines.get(loan)
                if found is None:
                    lines[loan] = [line]
                else:
                    found.append(line)
    loans: dict[str, Loan] = {}
    for loan_id, found in lines.items():
        assembled = _assemble(book, loan_id, found, strays)
        if assembled is not None:
            loans[loan_id] = assembled
    ordered = dict(sorted(loans.items(), key=lambda item: _loan_order(item[1])))
    loans, stray_reschedules = _rescheduled(book, ordered)
    by_member: dict[str, list[Loan]] = {}
    for each in loans.values():
        by_member.setdefault(each.member, []).append(each)
    return LoanBook(
        loans=loans,
        strays=tuple(sorted(strays, key=_stray_order)),
        stray_reschedules=stray_reschedules,
        by_member={code: tuple(found) for code, found in by_member.items()},
    )


def _loan_order(loan: Loan) -> tuple[object, ...]:
    meta = loan.disbursement.meta
    return (loan.date, meta.get("filename", ""), meta.get("lineno", 0), loan.id)


def loan_label(book: ClubBook, loan_id: str, member: str, noun: str = "Loan") -> str:
    """How messages name a loan: "Loan L2024-007 (M001 Nguyễn Thị Hoa)"."""
    known = book.members_by_code.get(member)
    who = f"{member} {known.name}" if known else member
    return f"{noun} {loan_id} ({who})"


def _stray_order(stray: Stray) -> tuple[object, ...]:
    return (stray.entry.date, stray.entry.meta.get("lineno", 0), stray.loan or "")


def _lines_of(
    entry: data.Transaction, strays: list[Stray], loan_of_posting: _LoanOf
) -> dict[str, _Line]:
    per_loan: dict[str, _Line] = {}
    income: list[tuple[data.Posting, Decimal]] = []
    for posting in entry.postings:
        account = posting.account
        is_loans = account.startswith(_LOANS_PREFIX)
        if not is_loans and account not in _INCOME:
            continue
        units = posting.units
        number = units.number if units is not None else None
        if not isinstance(number, Decimal):
            continue
        if not is_loans:
            income.append((posting, number))
            continue
        loan = loan_of_posting(entry, posting)
        if loan is None:
            continue  # rule 7 reports it
        line = per_loan.get(loan)
        if line is None:
            line = per_loan[loan] = _Line(entry, account)
        elif account != line.account:
            line.foreign = {*(line.foreign or ()), account}
        line.loans_net += number
    only = next(iter(per_loan)) if len(per_loan) == 1 else None
    for posting, number in income:
        loan = _income_loan(entry, posting, only)
        if loan is None:
            if posting.account == RECOVERIES:
                strays.append(
                    Stray(entry, None, Problem.UNTIED, "recovery", -number, posting.account)
                )
            continue
        line = per_loan.get(loan)
        if line is None:
            line = per_loan[loan] = _Line(entry, None)
        line.income[_INCOME[posting.account]] -= number
    return per_loan


def _income_loan(
    entry: data.Transaction, posting: data.Posting, only: str | None
) -> str | None:
    named = (posting.meta or {}).get("loan")
    if isinstance(named, str) and named:
        return named
    if only is not None:
        return only
    return next(iter(entry.links)) if len(entry.links) == 1 else None


def _assemble(
    book: ClubBook, loan_id: str, lines: list[_Line], strays: list[Stray]
) -> Loan | None:
    """The loan from its lines in book order; movements it cannot own become strays."""
    first = next((ln for ln in lines if ln.loans_net > 0), None)
    if first is None:
        strays.extend(_strays(loan_id, lines, Problem.UNKNOWN))
        return None
    account = first.account or ""
    member = member_of_account(account) or ""
    disbursed = first.entry.date
    early = [ln for ln in lines if ln.entry.date < disbursed]
    strays.extend(_strays(loan_id, early, Problem.EARLY))
    repayments: list[Repayment] = []
    write_offs: list[Movement] = []
    recoveries: list[Movement] = []
    for line in lines:
        if line.entry.date < disbursed:
            continue
        if line is not first and line.loans_net > 0:
            strays.extend(_strays(loan_id, [line], Problem.DISBURSED_AGAIN))
            continue
        if line.foreign or line.account not in (None, account):
            for other in line.accounts:
                if other != account:
                    strays.append(
                        Stray(
                            line.entry,
                            loan_id,
                            Problem.WRONG_MEMBER,
                            "repayment",
                            ZERO,
                            other,
                        )
                    )
        interest, penalty, recovered = line.income
        is_write_off = WRITE_OFF_TAG in line.entry.tags
        principal = ZERO if line is first else -line.loans_net
        if is_write_off and principal:
            write_offs.append(Movement(line.entry, principal))
            principal = ZERO
        if principal or interest or penalty:
            repayments.append(Repayment(line.entry, principal, interest, penalty))
        if recovered:
            recoveries.append(Movement(line.entry, recovered))
    policy = book.policy_at(disbursed)
    segments, problems = loan_segments(policy, first.loans_net, first.entry)
    return Loan(
        id=loan_id,
        member=member,
        account=account,
        disbursement=first.entry,
        principal=first.loans_net,
        policy=policy,
        segments=segments,
        repayments=tuple(repayments),
        write_offs=tuple(write_offs),
        recoveries=tuple(recoveries),
        term_problems=problems,
    )


def _strays(loan_id: str, lines: list[_Line], problem: Problem) -> Iterator[Stray]:
    for line in lines:
        kind, amount = _kind(line)
        account = min(line.accounts) if line.accounts else RECOVERIES
        yield Stray(line.entry, loan_id, problem, kind, amount, account)


def _kind(line: _Line) -> tuple[str, Decimal]:
    if line.loans_net > 0:
        return "disbursement", line.loans_net
    if WRITE_OFF_TAG in line.entry.tags and line.loans_net:
        return "write-off", -line.loans_net
    if line.account is None and line.income[2]:
        return "recovery", line.income[2]
    return "repayment", -line.loans_net + line.income[0] + line.income[1]


def _rescheduled(
    book: ClubBook, loans: dict[str, Loan]
) -> tuple[dict[str, Loan], tuple[StrayReschedule, ...]]:
    """Add each reschedule's segment to its loan; reschedules of no loan are strays."""
    strays: list[StrayReschedule] = []
    for record in book.registry.reschedules:
        loan = loans.get(record.loan)
        if loan is None:
            strays.append(StrayReschedule(record, Problem.UNKNOWN))
        elif record.date < loan.date:
            strays.append(StrayReschedule(record, Problem.EARLY))
        else:
            loans[record.loan] = reschedule(loan, record)
    return loans, tuple(strays)


def reschedule(loan: Loan, record: LoanReschedule) -> Loan:
    """The loan with the schedule ``record`` sets up from its date; unchanged when nothing
    is owed that day or the loan is written off."""
    owed = loan.outstanding_at(record.date)
    if owed <= 0 or loan.is_written_off(record.date):
        return loan
    _, current = loan.segment_at(record.date)
    segment = rescheduled_segment(current, record, owed)
    return replace(loan, segments=(*loan.segments, segment))
