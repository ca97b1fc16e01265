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

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import is_
from typing import Any

from beancount.core import data

from ledger_engine.book import ClubBook, member_of_account
from ledger_engine.errors import DirectiveError
from ledger_engine.gc_pause import collector_paused
from ledger_engine.i18n import _
from ledger_engine.loans.links import loan_of_posting
from ledger_engine.loans.loan import ZERO, Loan, Movement, Repayment
from ledger_engine.loans.movements import (
    WRITE_OFF_TAG,
    Line,
    Problem,
    Stray,
    foreign_accounts,
    lines_of,
    strays_of,
)
from ledger_engine.loans.schedule import forget_schedules
from ledger_engine.loans.segments import loan_segments, rescheduled_segment
from ledger_engine.registry import LoanReschedule, Registry

_new = tuple.__new__


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
    #: Postings on a loans account tied to no single loan (rule 7), in book order.
    untied: tuple[tuple[data.Transaction, data.Posting], ...] = ()


#: Where the rule chain leaves the loans it read, in the options of the load it ran in.
STASH_KEY = "ledger_engine:loans"


class LoanStash:
    """The loans the rule chain read during a load, kept with that load's options so that
    whoever reads the same load afterwards (the command line, Fava's pages) reuses them.

    It never pickles its content: Beancount's load cache stores the options, and a load from
    the cache simply reads the loans again.
    """

    def __init__(
        self,
        loans: LoanBook | None = None,
        entries: Sequence[data.Directive] = (),
        registry: tuple[Registry, Sequence[DirectiveError]] | None = None,
    ):
        self.loans = loans
        # The entries the chain read, in a list of its own (Beancount sorts the load's list
        # in place after each plugin): whoever reads the load afterwards checks that its
        # entries are still these very objects.
        self.entries = list(entries)
        # The registry the chain read, and from which directives: it serves the same load
        # again. Not the chain's book itself, which holds these options: that cycle would
        # keep every load alive until the collector's next full pass.
        self.registry = registry

    def __reduce__(self) -> tuple[type[LoanStash], tuple[()]]:
        return (LoanStash, ())

    def read_from(self, entries: Sequence[data.Directive]) -> bool:
        """Whether ``entries`` are the very entries the chain read, in the same order."""
        return len(entries) == len(self.entries) and all(map(is_, entries, self.entries))

    def same_transactions(self, entries: Sequence[data.Directive]) -> bool:
        """Whether the loans still fit ``entries``: no transaction added, dropped or replaced
        after the chain (by a later plugin). Padding, which Beancount adds after every
        plugin, is not read."""
        return self.read_from(entries) or _transactions(entries) == _transactions(
            self.entries
        )

    def same_customs(self, entries: Sequence[data.Directive]) -> bool:
        """Whether the registry still fits ``entries``: no directive added, dropped or
        replaced after the chain."""
        return self.read_from(entries) or _customs(entries) == _customs(self.entries)


def _transactions(entries: Iterable[data.Directive]) -> list[int]:
    return [id(e) for e in entries if isinstance(e, data.Transaction) and e.flag != "P"]


def _customs(entries: Iterable[data.Directive]) -> list[int]:
    return [id(e) for e in entries if isinstance(e, data.Custom)]


_keeping = False


@contextmanager
def loans_kept() -> Iterator[None]:
    """Keep the chain's loans for the loads within the block (the caller reads them next)."""
    global _keeping
    before, _keeping = _keeping, True
    try:
        yield
    finally:
        _keeping = before


def keep_loans_after_load(keep: bool = True) -> None:
    """Whether the rule chain leaves its loans with each load from now on.

    Worth it where a load is read again (Fava's pages), not for a plain check: the loans kept
    alive through the rest of the load cost Beancount's later steps a full collector pass.
    """
    global _keeping
    _keeping = keep


def stash_loans(book: ClubBook, options_map: dict[str, Any]) -> None:
    """Leave the loans read for ``book`` (if any were) in ``options_map`` for later readers."""
    read = book.__dict__.get("_loan_book")
    if _keeping and isinstance(read, LoanBook):
        options_map[STASH_KEY] = LoanStash(
            read, book.entries, (book.registry, book.directive_errors)
        )


def stashed_registry(
    options: dict[str, Any], entries: Sequence[data.Directive]
) -> tuple[Registry, Sequence[DirectiveError]] | None:
    """The registry the rule chain read in this load, when the directives it was read from
    are still the load's own (no later plugin added, dropped or replaced one)."""
    stash = options.get(STASH_KEY)
    if not isinstance(stash, LoanStash) or stash.registry is None:
        return None
    return stash.registry if stash.same_customs(entries) else None


def _stashed(book: ClubBook) -> LoanBook | None:
    stash = book.options.get(STASH_KEY)
    if not isinstance(stash, LoanStash) or stash.loans is None:
        return None
    return stash.loans if stash.same_transactions(book.entries) else None


def loans_of(book: ClubBook) -> LoanBook:
    """The book's loans, read once and kept on the book (or reused from the rule chain's
    reading of the same load)."""
    cached = book.__dict__.get("_loan_book") or _stashed(book)
    if isinstance(cached, LoanBook):
        book.__dict__["_loan_book"] = cached
        return cached
    with collector_paused():
        result = read_loans(book)
    # ClubBook is frozen; the view is derived data, kept beside it like a cached_property.
    book.__dict__["_loan_book"] = result
    return result


def read_loans(book: ClubBook) -> LoanBook:
    forget_schedules()  # the last book's whole schedules; amounts and due dates stay
    lines: dict[str, list[Line]] = {}
    strays: list[Stray] = []
    untied: list[tuple[data.Transaction, data.Posting]] = []
    transaction = data.Transaction
    for entry in book.entries:
        if isinstance(entry, transaction) and entry.flag != "P":
            for loan, line in lines_of(entry, strays, loan_of_posting, untied).items():
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
        untied=tuple(untied),
        strays=tuple(sorted(strays, key=_stray_order)),
        stray_reschedules=stray_reschedules,
        by_member={code: tuple(found) for code, found in by_member.items()},
    )


def _loan_order(loan: Loan) -> tuple[object, ...]:
    meta = loan.disbursement.meta
    return (loan.date, meta.get("filename", ""), meta.get("lineno", 0), loan.id)


def loan_label(book: ClubBook, loan_id: str, member: str, noun: str | None = None) -> str:
    """How messages name a loan: "Loan L2024-007 (M001 Nguyễn Thị Hoa)"."""
    known = book.members_by_code.get(member)
    who = f"{member} {known.name}" if known else member
    named = noun or _("Loan")
    return f"{named} {loan_id} ({who})"


def _stray_order(stray: Stray) -> tuple[object, ...]:
    return (stray.entry.date, stray.entry.meta.get("lineno", 0), stray.loan or "")


def _assemble(
    book: ClubBook, loan_id: str, lines: list[Line], strays: list[Stray]
) -> Loan | None:
    """The loan from its lines in book order; movements it cannot own become strays."""
    first = next((ln for ln in lines if ln.loans_net > 0), None)
    if first is None:
        strays.extend(strays_of(loan_id, lines, Problem.UNKNOWN))
        return None
    account = first.account or ""
    member = member_of_account(account) or ""
    disbursed = first.entry.date
    early = [ln for ln in lines if ln.entry.date < disbursed]
    if early:
        strays.extend(strays_of(loan_id, early, Problem.EARLY))
    repayments, write_offs, recoveries = _movements(loan_id, lines, first, account, strays)
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
        repayments=repayments,
        write_offs=write_offs,
        recoveries=recoveries,
        term_problems=problems,
    )


def _movements(
    loan_id: str, lines: list[Line], first: Line, account: str, strays: list[Stray]
) -> tuple[tuple[Repayment, ...], tuple[Movement, ...], tuple[Movement, ...]]:
    """Repayments, write-offs and recoveries of a loan from its lines on or after the
    disbursement ``first``."""
    repayments: list[Repayment] = []
    write_offs: list[Movement] = []
    recoveries: list[Movement] = []
    start = first.entry.date
    for line in lines:
        entry = line.entry
        if entry.date < start:
            continue
        if line is not first and line.loans_net > 0:
            strays.extend(strays_of(loan_id, [line], Problem.DISBURSED_AGAIN))
            continue
        if line.foreign or (line.account is not None and line.account != account):
            strays.extend(foreign_accounts(line, loan_id, account))
        interest, penalty, recovered = line.income
        principal = ZERO if line is first else -line.loans_net
        if principal and WRITE_OFF_TAG in entry.tags:
            write_offs.append(Movement(entry, principal))
            principal = ZERO
        if principal or interest or penalty:
            # ``tuple.__new__``: without the named tuple's slower ``__new__``.
            repayments.append(_new(Repayment, (entry, principal, interest, penalty)))
        if recovered:
            recoveries.append(Movement(entry, recovered))
    return tuple(repayments), tuple(write_offs), tuple(recoveries)


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
