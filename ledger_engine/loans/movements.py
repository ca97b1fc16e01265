"""What one transaction does to each loan it touches (SPEC §2).

``lines_of(entry, ...)`` sums a transaction's postings per loan into a ``Line``: the net on
the loans account (positive: lent, negative: repaid or written off) and the interest,
penalties and recoveries received. A loans-account posting belongs to the loan of its
``loan`` metadata, else the transaction's single link; an income posting likewise, else the
only loan the transaction touches. ``Stray`` records what cannot be placed on a disbursed
loan, for rule 6 to report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from beancount.core import data

from ledger_engine.book import LOANS_ROOT
from ledger_engine.loans.links import income_loan

ZERO = Decimal(0)
INTEREST = "Income:IGF:Interest"
PENALTIES = "Income:IGF:Penalties"
RECOVERIES = "Income:IGF:Recoveries"
WRITE_OFF_TAG = "write-off"
_INCOME = {INTEREST: 0, PENALTIES: 1, RECOVERIES: 2}
_LOANS_PREFIX = LOANS_ROOT + ":"

LoanOf = Callable[[data.Transaction, data.Posting], str | None]


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


class Line:
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

    @property
    def is_write_off(self) -> bool:
        return WRITE_OFF_TAG in self.entry.tags


def lines_of(
    entry: data.Transaction,
    strays: list[Stray],
    loan_of_posting: LoanOf,
    untied: list[tuple[data.Transaction, data.Posting]],
) -> dict[str, Line]:
    """The transaction's lines by loan; an income posting tied to no loan is left out (a
    recovery tied to none becomes a stray), a loans-account posting tied to none goes to
    ``untied`` (rule 7)."""
    per_loan: dict[str, Line] = {}
    income: list[tuple[data.Posting, Decimal]] | None = None
    for posting in entry.postings:
        account = posting.account
        kind = _KINDS.get(account)
        if kind is None:
            kind = _kind_of(account)
        if kind == _NEITHER:
            continue
        is_loans = kind == _LOANS
        units = posting.units
        number = units.number if units is not None else None
        if not isinstance(number, Decimal):
            continue
        if not is_loans:
            if income is None:
                income = []
            income.append((posting, number))
            continue
        loan = loan_of_posting(entry, posting)
        if loan is None:
            untied.append((entry, posting))
            continue
        line = per_loan.get(loan)
        if line is None:
            line = per_loan[loan] = Line(entry, account)
        elif account != line.account:
            line.foreign = {*(line.foreign or ()), account}
        line.loans_net += number
    if income is None:
        return per_loan
    only = next(iter(per_loan)) if len(per_loan) == 1 else None
    for posting, number in income:
        loan = income_loan(entry, posting, only)
        if loan is None:
            if posting.account == RECOVERIES:
                strays.append(
                    Stray(entry, None, Problem.UNTIED, "recovery", -number, posting.account)
                )
            continue
        line = per_loan.get(loan)
        if line is None:
            line = per_loan[loan] = Line(entry, None)
        line.income[_INCOME[posting.account]] -= number
    return per_loan


#: An account's part in loans, decided once per account name (every posting asks).
_NEITHER, _LOANS, _LOAN_INCOME = 0, 1, 2
_KINDS: dict[str, int] = {}


def _kind_of(account: str) -> int:
    if account.startswith(_LOANS_PREFIX):
        kind = _LOANS
    else:
        kind = _LOAN_INCOME if account in _INCOME else _NEITHER
    if len(_KINDS) >= 10_000:  # a server reading many clubs' books: stay small
        _KINDS.clear()
    _KINDS[account] = kind
    return kind


def strays_of(loan_id: str, lines: Iterable[Line], problem: Problem) -> Iterator[Stray]:
    for line in lines:
        kind, amount = _kind(line)
        account = min(line.accounts) if line.accounts else RECOVERIES
        yield Stray(line.entry, loan_id, problem, kind, amount, account)


def foreign_accounts(line: Line, loan_id: str, account: str) -> Iterator[Stray]:
    """A stray for each loans account of the line other than the borrower's ``account``."""
    if line.foreign or line.account not in (None, account):
        for other in line.accounts:
            if other != account:
                yield Stray(
                    line.entry, loan_id, Problem.WRONG_MEMBER, "repayment", ZERO, other
                )


def _kind(line: Line) -> tuple[str, Decimal]:
    if line.loans_net > 0:
        return "disbursement", line.loans_net
    if line.is_write_off and line.loans_net:
        return "write-off", -line.loans_net
    if line.account is None and line.income[2]:
        return "recovery", line.income[2]
    return "repayment", -line.loans_net + line.income[0] + line.income[1]
