"""One loan as the book records it (SPEC §2): its terms, schedules and movements.

A ``Loan`` is read once from the book (see ``ledger_engine.loans.ledger``) and never changes;
``loan.state(as_of)`` is its state on a date, from ``ledger_engine.loans.state``.

A loan has one schedule per *segment*: the original one from the disbursement, then one for each
``loan-reschedule``, which replaces the schedule from its date on for the principal still owed
at the end of that day. Repayments dated on or before a reschedule count against the schedule
it replaces; interest left unpaid on that schedule is not carried into the new one.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import NamedTuple

from beancount.core import data

from ledger_engine.loans.allocation import (
    Allocation,
    InstallmentState,
    Payment,
    allocation,
    collected_on_time,
)
from ledger_engine.loans.calendar import due_date
from ledger_engine.loans.schedule import (
    Installment,
    Terms,
    remember,
    schedule_columns,
    schedule_of_sound_terms,
)
from ledger_engine.loans.state import LoanState, loan_state
from ledger_engine.registry import LoanPolicy, LoanReschedule, Method

ZERO = Decimal(0)
#: How many dates' answers a loan keeps; a page or report asks about a few dates.
_DATES_KEPT = 16
_new = tuple.__new__
#: A segment, the day it ended (None: in force) and its allocation on a date.
SegmentAllocation = tuple["Segment", datetime.date | None, Allocation]


class Repayment(NamedTuple):
    """What one transaction paid on one loan: principal, interest and penalty, all >= 0 normally.

    A named tuple, as ``Movement``: a long book has tens of thousands, built on every load.
    """

    entry: data.Transaction
    principal: Decimal
    interest: Decimal
    penalty: Decimal = ZERO

    @property
    def date(self) -> datetime.date:
        result: datetime.date = self.entry.date
        return result

    @property
    def payment(self) -> Payment:
        # ``tuple.__new__``: without the named tuple's slower ``__new__`` (every allocation
        # of every loan makes one per repayment).
        return _new(Payment, (self.entry.date, self.principal, self.interest))


class Movement(NamedTuple):
    """A write-off (principal moved to losses) or a recovery (income after a write-off)."""

    entry: data.Transaction
    amount: Decimal

    @property
    def date(self) -> datetime.date:
        result: datetime.date = self.entry.date
        return result


@dataclass(frozen=True)
class Segment:
    """One schedule of a loan, in force from ``start`` until the next segment's start.

    The schedule is built on first use, once: the rule chain reads every loan on each load
    but needs few schedules, reports need them all.
    """

    start: datetime.date
    terms: Terms | None
    reschedule: LoanReschedule | None = None
    problems: tuple[str, ...] = ()  # why there is no schedule, when there is none

    # Kept in the instance's ``__dict__`` by hand rather than with ``functools.cached_property``,
    # whose lock costs more than building a shared schedule (every loan asks on every load).
    @property
    def schedule(self) -> tuple[Installment, ...]:
        found: tuple[Installment, ...] | None = self.__dict__.get("_schedule")
        if found is None:
            if self.terms is None or self.problems:  # ``problems``: the terms' problems
                found = ()
            else:
                found = schedule_of_sound_terms(self.terms)
            self.__dict__["_schedule"] = found
        return found

    @property
    def _columns(
        self,
    ) -> tuple[tuple[datetime.date, ...], tuple[Decimal, ...], tuple[Decimal, ...]]:
        """The schedule's due dates, principal and interest parts, without its installments
        (an allocation reads these; pages ask for the installments)."""
        found = self.__dict__.get("_schedule_columns")
        if found is None:
            if self.terms is None or self.problems:
                found = ((), (), ())
            else:
                found = schedule_columns(self.terms)
            self.__dict__["_schedule_columns"] = found
        return found

    def allocate(self, payments: list[Payment]) -> Allocation:
        """``payments`` spread over this segment's schedule (SPEC §3)."""
        # The installments themselves are made only if the allocation's states are asked for.
        return allocation(self._columns, payments, partial(getattr, self, "schedule"))

    def falls_due_within(self, start: datetime.date, end: datetime.date) -> bool:
        """Whether any installment falls due in ``[start, end]``, known from the terms alone
        so that old loans need no schedule for a period's figures."""
        span = self._due_span
        return span is not None and span[0] <= end and span[1] >= start

    @property
    def _due_span(self) -> tuple[datetime.date, datetime.date] | None:
        """The first and the last due date, or None without a schedule."""
        if "_span" in self.__dict__:
            known: tuple[datetime.date, datetime.date] | None = self.__dict__["_span"]
            return known
        terms = self.terms
        span = None
        if terms is not None and not self.problems and terms.term >= 1:
            if terms.first_due is not None:
                span = terms.first_due, due_date(terms.first_due, terms.term - 1)
            else:
                span = due_date(terms.start, 1), due_date(terms.start, terms.term)
        self.__dict__["_span"] = span
        return span


@dataclass(frozen=True, slots=True)
class Loan:
    """A loan: its disbursement, its schedules and every movement the book records on it."""

    id: str
    member: str
    account: str
    disbursement: data.Transaction
    principal: Decimal
    policy: LoanPolicy | None
    segments: tuple[Segment, ...]
    repayments: tuple[Repayment, ...] = ()
    write_offs: tuple[Movement, ...] = ()
    recoveries: tuple[Movement, ...] = ()
    term_problems: tuple[str, ...] = ()
    # Principal owed after each day something moved it, for ``outstanding_at``: the rules ask
    # it of every earlier loan of a borrower at each new disbursement.
    _days: tuple[datetime.date, ...] = field(
        default=(), init=False, repr=False, compare=False
    )
    _owed: tuple[Decimal, ...] = field(default=(), init=False, repr=False, compare=False)
    # A loan never changes once read: its state and its schedules' allocations on a date are
    # worked out once, whoever asks (the portfolio, the trace, the rules, the pages).
    _states: dict[datetime.date, LoanState] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _allocations: dict[datetime.date, tuple[SegmentAllocation, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if self.write_offs:
            days, owed = self._balances_with_write_offs()
        else:
            days, owed = self._balances()
        object.__setattr__(self, "_days", days)
        object.__setattr__(self, "_owed", owed)

    def _balances(
        self,
    ) -> tuple[tuple[datetime.date, ...], tuple[Decimal, ...]]:
        """Principal owed after each day a repayment moved it (most loans: no write-off)."""
        days: list[datetime.date] = []
        owed: list[Decimal] = []
        balance = self.principal
        last = None
        for repayment in self.repayments:
            day = repayment.entry.date
            if last is not None and day < last:  # not in date order: the general way
                return self._balances_with_write_offs()
            balance -= repayment.principal
            if day == last:
                owed[-1] = balance
            else:
                days.append(day)
                owed.append(balance)
                last = day
        return tuple(days), tuple(owed)

    def _balances_with_write_offs(
        self,
    ) -> tuple[tuple[datetime.date, ...], tuple[Decimal, ...]]:
        moves = sorted(
            [(r.date, r.principal) for r in self.repayments]
            + [(w.date, w.amount) for w in self.write_offs],
            key=lambda move: move[0],
        )
        days: list[datetime.date] = []
        owed: list[Decimal] = []
        balance = self.principal
        lost = {w.date for w in self.write_offs}
        written_off = False
        for day, amount in moves:
            # From a write-off on, the loan owes nothing on the books (SPEC §2), whatever
            # the write-off took; rule 6 reports one that did not take all that was left.
            written_off = written_off or day in lost
            balance = ZERO if written_off else balance - amount
            if days and days[-1] == day:
                owed[-1] = balance
            else:
                days.append(day)
                owed.append(balance)
        return tuple(days), tuple(owed)

    @property
    def date(self) -> datetime.date:
        result: datetime.date = self.disbursement.date
        return result

    @property
    def terms(self) -> Terms | None:
        return self.segments[0].terms

    @property
    def schedule(self) -> tuple[Installment, ...]:
        return self.segments[0].schedule

    @property
    def term(self) -> int | None:
        return self.terms.term if self.terms else None

    @property
    def method(self) -> Method | None:
        return self.terms.method if self.terms else None

    @property
    def tolerance_days(self) -> int:
        return self.policy.tolerance_days if self.policy else 0

    def segment_at(self, as_of: datetime.date) -> tuple[int, Segment]:
        """The segment in force on ``as_of`` and its index (the original before any other)."""
        index = 0
        for k, segment in enumerate(self.segments):
            if segment.start <= as_of:
                index = k
        return index, self.segments[index]

    def outstanding_at(self, as_of: datetime.date) -> Decimal:
        """Principal still owed at the end of ``as_of``; cheap, no schedule involved."""
        if as_of < self.date:
            return ZERO
        moved = bisect.bisect_right(self._days, as_of)
        return self._owed[moved - 1] if moved else self.principal

    def is_written_off(self, as_of: datetime.date) -> bool:
        return bool(self.write_offs) and min(w.date for w in self.write_offs) <= as_of

    def payment_segment(self, on: datetime.date) -> int:
        """The segment a repayment made on ``on`` counts against: payments on a
        reschedule's own date still belong to the schedule it replaces."""
        index = 0
        for k in range(1, len(self.segments)):
            if self.segments[k].start < on:
                index = k
        return index

    def installments_at(self, as_of: datetime.date) -> tuple[InstallmentState, ...]:
        """The installments of the schedule in force on ``as_of``, with the repayments made
        under it up to ``as_of``."""
        return self.allocation_at(as_of).states()

    def allocation_at(self, as_of: datetime.date) -> Allocation:
        """The allocation of the schedule in force on ``as_of`` (see ``installments_at``)."""
        last, segment = self.segment_at(as_of)
        every = self._allocations_at(as_of)
        if len(every) == last + 1:  # segments in date order: the last one in force is it
            return every[last][2]
        payments = [
            r.payment
            for r in self.repayments
            if r.date <= as_of and min(self.payment_segment(r.date), last) == last
        ]
        return segment.allocate(payments)

    def segment_states(
        self, as_of: datetime.date
    ) -> Iterator[tuple[Segment, datetime.date | None, tuple[InstallmentState, ...]]]:
        """Each segment in force by ``as_of``, the day it ended (None: still in force) and
        its installments with the repayments made under it up to ``as_of``."""
        for segment, ended, allocated in self._allocations_at(as_of):
            yield segment, ended, allocated.states()

    def _allocations_at(self, as_of: datetime.date) -> tuple[SegmentAllocation, ...]:
        known = self._allocations.get(as_of)
        if known is None:
            known = remember(self._allocations, as_of, self._allocated(as_of), _DATES_KEPT)
        return known

    def _allocated(self, as_of: datetime.date) -> tuple[SegmentAllocation, ...]:
        segments = self.segments
        # Never rescheduled (most loans): one schedule takes them all.
        if len(segments) == 1:
            only = segments[0]
            made = [r.payment for r in self.repayments if r.entry.date <= as_of]
            return ((only, None, only.allocate(made)),)
        count = max(1, sum(1 for s in segments if s.start <= as_of))
        payments: list[list[Payment]] = [[] for _ in range(count)]
        for repayment in self.repayments:
            if repayment.entry.date <= as_of:
                # A loan never rescheduled (most) has one schedule: no segment to look up.
                k = (
                    0
                    if count == 1
                    else min(self.payment_segment(repayment.date), count - 1)
                )
                payments[k].append(repayment.payment)
        return tuple(
            (
                segments[k],
                segments[k + 1].start if k + 1 < count else None,
                segments[k].allocate(payments[k]),
            )
            for k in range(count)
        )

    def state(self, as_of: datetime.date) -> LoanState:
        """The loan at the end of ``as_of`` (see ``ledger_engine.loans.state``)."""
        known = self._states.get(as_of)
        if known is None:
            known = remember(self._states, as_of, loan_state(self, as_of), _DATES_KEPT)
        return known

    def collected(
        self, start: datetime.date, end: datetime.date, as_of: datetime.date
    ) -> tuple[Decimal, Decimal]:
        """(paid on or before due, fell due) for installments due in ``[start, end]``,
        counting payments up to ``as_of``; a rescheduled segment's installments count only
        while it was in force, and none falls due after the loan is written off."""
        on_time, fell_due = ZERO, ZERO
        lost = [w.date for w in self.write_offs if w.date <= as_of]
        if lost:
            end = min(end, lost[0])
        for segment in self.segments:
            if segment.falls_due_within(start, end):
                break
        else:  # nothing of this loan fell due in the period: skip allocating its repayments
            return on_time, fell_due
        for segment, ended, allocated in self._allocations_at(as_of):
            last = end if ended is None else min(end, ended)
            first = max(start, segment.start)
            if first > last:
                continue
            paid, due = collected_on_time(allocated, first, last)
            on_time += paid
            fell_due += due
        return on_time, fell_due
