"""What an import needs to know about the book it adds to, kept up to date row by row.

``BookState.of(book)`` indexes a loaded club book once: the vouchers already used, the members
and their exits, the loans (the loan view of ``ledger_engine.loans``), the open accounts and
the club's cashbook categories. While rows are read, the state also remembers what they add
(vouchers, loan ids, repayments, accounts to open), so that later rows of the same import see
earlier ones. ``refreshed()`` folds everything added into a new view of the book, which the
next document of an import starts from.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from beancount.core import data

from importers.categories import CategoryMap, category_map
from importers.values import RowError
from ledger_engine.book import LOANS_ROOT, ClubBook, member_of_account
from ledger_engine.loans.allocation import RunningAllocation, Split
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.movements import INTEREST
from ledger_engine.loans.state import repayment_split
from ledger_engine.loans.values import Payment
from ledger_engine.registry import CURRENCY

ZERO = Decimal(0)
LOANS_PREFIX = LOANS_ROOT + ":"


@dataclass(frozen=True)
class Origin:
    """Where an entry comes from: a document and its row as the spreadsheet shows it.

    Entries typed on the command line have no document: ``file`` is empty.
    """

    file: str
    row: int

    @property
    def name(self) -> str:
        return self.file.replace("\\", "/").rsplit("/", 1)[-1]


def where(entry: data.Directive) -> str:
    """``file:line`` of a book entry, for messages."""
    meta = entry.meta or {}
    return f"{meta.get('filename', '<book>')}:{meta.get('lineno', 0)}"


@dataclass
class BookState:
    book: ClubBook
    categories: CategoryMap
    book_errors: list[RowError]
    vouchers: dict[str, data.Transaction]
    members: dict[str, data.Custom]
    exits: dict[str, data.Custom]
    opened: set[str]
    loans: dict[str, Loan]
    added: list[data.Directive] = field(default_factory=list)
    opens: dict[str, datetime.date] = field(default_factory=dict)
    new_loans: dict[str, data.Transaction] = field(default_factory=dict)
    payments: dict[str, list[Payment]] = field(default_factory=dict)
    #: Principal the rows so far repay, per loan (``owed`` must not re-add every row).
    repaid: dict[str, Decimal] = field(default_factory=dict)
    #: Principal the book leaves owed, per loan, read once from its loan state.
    book_owed: dict[str, Decimal] = field(default_factory=dict)
    #: Each (loan, segment)'s allocation carried forward, and how many of the loan's
    #: ``payments`` it has been fed.
    running: dict[tuple[str, int], tuple[RunningAllocation, int]] = field(
        default_factory=dict
    )

    @classmethod
    def of(cls, book: ClubBook) -> BookState:
        categories, errors = category_map(book.entries)
        state = cls(book, categories, errors, {}, {}, {}, set(), dict(loans_of(book).loans))
        for entry in book.entries:
            state._index(entry)
        return state

    def _index(self, entry: data.Directive) -> None:
        if isinstance(entry, data.Transaction):
            voucher = entry.meta.get("voucher")
            if isinstance(voucher, str):
                self.vouchers.setdefault(voucher, entry)
        elif isinstance(entry, data.Open):
            self.opened.add(entry.account)
        elif isinstance(entry, data.Custom) and entry.values:
            code = entry.values[0].value
            if entry.type == "member":
                self.members.setdefault(code, entry)
            elif entry.type == "member-exit":
                self.exits.setdefault(code, entry)

    # --- what rows add ---------------------------------------------------------------------

    def add(self, entry: data.Directive) -> None:
        self.added.append(entry)
        self._index(entry)
        if isinstance(entry, data.Transaction):
            for posting in entry.postings:
                self.need(posting.account, self._opening_day(posting.account, entry.date))
            if len(entry.links) == 1:
                self._loan_movement(next(iter(entry.links)), entry)

    def _opening_day(self, account: str, used: datetime.date) -> datetime.date:
        """A borrower's loans account opens the day they joined; others when first used."""
        code = member_of_account(account)
        joined = self.joined(code) if code is not None else None
        return min(used, joined) if joined is not None else used

    def _loan_movement(self, loan: str, entry: data.Transaction) -> None:
        principal = interest = ZERO
        for posting in entry.postings:
            number = posting.units.number if posting.units is not None else None
            if not isinstance(number, Decimal):
                continue
            if posting.account.startswith(LOANS_PREFIX):
                principal -= number
            elif posting.account == INTEREST:
                interest -= number
        if principal < 0:
            self.new_loans[loan] = entry
        elif principal or interest:
            self.pay(loan, Payment(entry.date, principal, interest))

    def need(self, account: str, on: datetime.date) -> None:
        """Open ``account`` on ``on`` at the latest, unless the book already opens it."""
        if account in self.opened:
            return
        known = self.opens.get(account)
        self.opens[account] = on if known is None else min(known, on)

    def open_entries(self) -> list[data.Open]:
        return [
            data.Open(data.new_metadata("<import>", 0), on, account, [CURRENCY], None)
            for account, on in sorted(
                self.opens.items(), key=lambda item: (item[1], item[0])
            )
        ]

    def pay(self, loan: str, payment: Payment) -> None:
        self.payments.setdefault(loan, []).append(payment)
        self.repaid[loan] = self.repaid.get(loan, ZERO) + payment.principal

    def refreshed(self) -> BookState:
        """A state whose book view holds everything added so far."""
        entries = sorted([*self.book.entries, *self.added], key=data.entry_sortkey)
        view = ClubBook.from_entries(entries, (), self.book.options, self.book.path)
        fresh = BookState.of(view)
        fresh.added = list(self.added)
        fresh.opens = dict(self.opens)
        return fresh

    # --- what rows ask ---------------------------------------------------------------------

    def member_name(self, code: str) -> str | None:
        entry = self.members.get(code)
        return (
            str(entry.values[1].value)
            if entry is not None and len(entry.values) > 1
            else None
        )

    def joined(self, code: str) -> datetime.date | None:
        entry = self.members.get(code)
        return entry.date if entry is not None else None

    def loan_ids(self) -> Iterable[str]:
        yield from self.loans
        yield from self.new_loans

    def owed(self, loan: Loan) -> Decimal:
        """Principal still owed after every movement known so far, whatever its date: what
        the loan state has seen repaid and written off by the book's last movement, and what
        the rows repay."""
        if loan.id not in self.book_owed:
            known = loan.state(datetime.date.max)
            left = loan.principal - known.principal_paid - known.written_off
            self.book_owed[loan.id] = left
        return self.book_owed[loan.id] - self.repaid.get(loan.id, ZERO)

    # --- splitting totals ------------------------------------------------------------------

    def split(self, loan: Loan, amount: Decimal, on: datetime.date) -> Split | None:
        """How the allocation rule splits ``amount`` paid on ``on`` over the repayments
        recorded before it (in the book and by earlier rows); ``None`` without a schedule.

        Rows come in date order (``extract_rows`` sorts them), so each loan's allocation is
        carried forward from row to row; a row dated before what the book or earlier rows
        already hold is split from scratch (``repayment_split``), as the rule says. Both give
        the same split: ``tests/importers/test_linear_import.py``.
        """
        index = loan.payment_segment(on)
        if not loan.segments[index].schedule:
            return None
        pending = self.payments.get(loan.id, [])
        key = (loan.id, index)
        if key not in self.running:
            self.running[key] = (self._started(loan, index), 0)
        running, fed = self.running[key]
        for payment in pending[fed:]:
            if running.last is not None and payment.date < running.last:
                break
            if loan.payment_segment(payment.date) == index:
                running.add(payment)
            fed += 1
        self.running[key] = (running, fed)
        if fed < len(pending) or (running.last is not None and running.last > on):
            before = [r.payment for r in loan.repayments if r.date <= on]
            before += [p for p in pending if p.date <= on]
            return repayment_split(loan, amount, on, before)
        return running.split(amount, on)

    def _started(self, loan: Loan, index: int) -> RunningAllocation:
        running = RunningAllocation(loan.segments[index].schedule)
        book = [r.payment for r in loan.repayments if loan.payment_segment(r.date) == index]
        for payment in sorted(book, key=lambda p: p.date):
            running.add(payment)
        return running
