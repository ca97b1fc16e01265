"""Which installments a loan's repayments paid, and what is overdue (SPEC §3 and §5).

``allocate(schedule, payments)`` spreads recorded repayments over the schedule:

- the interest part pays installments' interest, oldest first; interest beyond
  everything scheduled stays on the last installment that carries interest (it is
  recorded income and must not vanish);
- the principal part pays the principal of every installment already due on the payment
  date plus the current one (the next not yet due), oldest first; what is left is
  prepayment, taken from the last installments backwards; principal beyond the whole
  loan stays on the last installment, so the states always account for every dong
  recorded.

``allocation(...)`` keeps the result as columns, one place per installment: what is left and
what was paid of its principal and interest, when it was done, what was paid by its due
date. ``arrears``, ``next_due`` and ``collected_on_time`` read those columns (or the
``InstallmentState`` records ``allocate`` gives, which they read the same way): overdue
principal and interest and the days past due (DPD) of the oldest unpaid installment, the next
installment to pay, what fell due in a period and was paid on time. The records themselves
are made only when asked for (``Allocation.states``): the loan state and the portfolio need
the columns alone. An allocation describes the payments it was given: to ask about a date,
allocate the payments up to that date (the loan state, ``ledger_engine.loans.state``, does).

Each loan is walked once with pointers that only move forward (or backward for
prepayment), so a book of thousands of loans costs little more than reading it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter, itemgetter

from ledger_engine.loans.schedule import ZERO, Installment
from ledger_engine.loans.values import Arrears, InstallmentState, Payment, Split

__all__ = [
    "Allocation",
    "Arrears",
    "InstallmentState",
    "Payment",
    "RunningAllocation",
    "Split",
    "allocate",
    "allocation",
    "arrears",
    "collected_on_time",
    "next_due",
    "split_total",
]


#: A schedule as the allocation reads it: due dates, principal parts, interest parts.
Columns = tuple[Sequence[date], Sequence[Decimal], Sequence[Decimal]]
#: The schedule itself (its installments), or what gives it when first asked for.
Rows = Sequence[Installment] | Callable[[], Sequence[Installment]]


class Allocation:
    """Payments spread over one schedule, kept as columns (one place per installment).

    Plain lists of what is left and what was paid keep the walk cheap: it runs for every
    loan of a book on every load. ``left_p``/``left_i`` are what each installment still owes
    (never below zero: its principal or interest less what was paid, as
    ``InstallmentState.principal_due``/``interest_due``), ``paid_p``/``paid_i`` what was paid
    on it, ``done`` the day it was paid in full, ``on_time`` what was paid by its due date.
    """

    __slots__ = (
        "_rows",
        "_states",
        "back",
        "done",
        "dues",
        "front",
        "interest_front",
        "interests",
        "left_i",
        "left_p",
        "on_time",
        "paid_i",
        "paid_p",
        "principals",
    )

    def __init__(self, columns: Columns, rows: Rows) -> None:
        dues, principals, interests = columns
        size = len(dues)
        self.dues = dues
        self.principals = principals
        self.interests = interests
        self.left_p = list(principals)
        self.left_i = list(interests)
        self.paid_p = [ZERO] * size
        self.paid_i = [ZERO] * size
        self.on_time = [ZERO] * size
        # An installment that owes nothing is done on its due date.
        self.done: list[date | None] = [None] * size
        if not (all(principals) and all(interests)):
            for k in range(size):
                if not principals[k] and not interests[k]:
                    self.done[k] = dues[k]
        self.front = 0  # first installment that may still owe principal
        self.interest_front = 0  # first installment that may still owe interest
        self.back = size - 1  # last installment that may still owe principal
        self._rows = rows
        self._states: tuple[InstallmentState, ...] | None = None

    @classmethod
    def of_states(cls, states: Sequence[InstallmentState]) -> Allocation:
        """The columns of states already made (``allocate``'s), for the readers below."""
        rows = tuple(state.installment for state in states)
        found = cls(_columns(rows), rows)
        found.left_p = [state.principal_due for state in states]
        found.left_i = [state.interest_due for state in states]
        found.paid_p = [state.principal_paid for state in states]
        found.paid_i = [state.interest_paid for state in states]
        found.done = [state.paid_on for state in states]
        found.on_time = [state.paid_by_due for state in states]
        found._states = tuple(states)
        return found

    def pay(self, on: date, interest: Decimal, principal: Decimal) -> None:
        """Allocate one payment made on ``on``: its interest part to installments' interest,
        oldest first; its principal part to the installments due by ``on`` and the next,
        oldest first, then as prepayment from the last installment backwards.

        Local names rather than attribute lookups in the loops: this runs for every
        repayment of every loan each time a loan's state is worked out.
        """
        settle = self._settle
        left_i, left_p = self.left_i, self.left_p
        size = len(left_p)
        if interest > ZERO:
            k = self.interest_front
            paid_i = self.paid_i
            while k < size:
                owed = left_i[k]
                if owed:
                    interest = settle(left_i, left_p, paid_i, k, owed, interest, on)
                    if not interest > ZERO:
                        break
                k += 1  # paid in full (or owing no interest): the next one
            self.interest_front = k
            # Interest beyond everything scheduled is kept on the last with interest.
            if interest > ZERO:
                self._keep(paid_i, _last_with_interest(self.interests), interest, on)
        front = self.front
        while front < size and not left_p[front]:
            front += 1
        self.front = front
        if not principal > ZERO:
            return
        paid = self.paid_p
        # Installments due by ``on`` and the current one, oldest first, ...
        for k in range(front, _window(self.dues, on)):
            owed = left_p[k]
            if owed:
                principal = settle(left_p, left_i, paid, k, owed, principal, on)
                if not principal > ZERO:
                    return
        # ... then prepayment from the last installment backwards, ...
        back = self.back
        while back >= 0:
            owed = left_p[back]
            if owed:
                principal = settle(left_p, left_i, paid, back, owed, principal, on)
                if not principal > ZERO:
                    break
            back -= 1  # paid in full (or owing no principal): the one before
        self.back = back
        if principal > ZERO:  # ... and beyond the whole loan, kept on the last installment.
            self._keep(paid, size - 1, principal, on)

    def _settle(
        self,
        left: list[Decimal],
        other: list[Decimal],
        paid: list[Decimal],
        k: int,
        owed: Decimal,
        amount: Decimal,
        on: date,
    ) -> Decimal:
        """Pay what ``left[k]`` still owes (``owed``) out of ``amount``; return what remains.

        ``other`` is the installment's other part (principal when paying interest, interest
        when paying principal): once both are paid the installment is done on ``on``.
        """
        take = owed if owed <= amount else amount
        left[k] = owed - take
        paid[k] += take
        if on <= self.dues[k]:
            self.on_time[k] += take
        if owed == take and not other[k] and self.done[k] is None:
            self.done[k] = on
        return amount - take

    def _keep(self, paid: list[Decimal], k: int, amount: Decimal, on: date) -> None:
        """Record an amount beyond everything scheduled on installment ``k``."""
        paid[k] += amount
        if on <= self.dues[k]:
            self.on_time[k] += amount

    def states(self) -> tuple[InstallmentState, ...]:
        """Each installment with what was paid on it, made on first ask (pages and the
        meeting sheet list installments; the loan state and the portfolio read the
        columns)."""
        if self._states is not None:
            return self._states
        rows = self._rows
        if callable(rows):
            rows = rows()
        # ``tuple.__new__`` makes the named tuples without their Python-level ``__new__``.
        make, kind = tuple.__new__, InstallmentState
        found = []
        for row, principal, interest, done, on_time in zip(
            rows, self.paid_p, self.paid_i, self.done, self.on_time, strict=True
        ):
            total = row.total
            paid_by_due = on_time if on_time <= total else total
            found.append(make(kind, (row, principal, interest, done, paid_by_due)))
        self._states = tuple(found)
        return self._states


_DUE, _PRINCIPAL, _INTEREST = itemgetter(1), itemgetter(2), itemgetter(3)


def _columns(schedule: Sequence[Installment]) -> Columns:
    return (
        tuple(map(_DUE, schedule)),
        tuple(map(_PRINCIPAL, schedule)),
        tuple(map(_INTEREST, schedule)),
    )


def _last_with_interest(interests: Sequence[Decimal]) -> int:
    for k in range(len(interests) - 1, -1, -1):
        if interests[k] > 0:
            return k
    return len(interests) - 1


_date_of = attrgetter("date")


def _window(dues: Sequence[date], on: date) -> int:
    """How many installments a payment on ``on`` may pay: those due by then and the next."""
    return min(bisect_right(dues, on) + 1, len(dues))


def allocation(columns: Columns, payments: Sequence[Payment], rows: Rows) -> Allocation:
    """Spread ``payments`` (any order; ties keep their order) over the schedule whose
    ``columns`` are given; ``rows``: the schedule itself, or what gives it when asked."""
    found = Allocation(columns, rows)
    if columns[0]:
        for on, principal, interest in sorted(payments, key=_date_of):
            found.pay(on, interest, principal)
    return found


def allocate(
    schedule: Sequence[Installment],
    payments: Sequence[Payment],
) -> tuple[InstallmentState, ...]:
    """Spread ``payments`` (any order; ties keep their order) over ``schedule``."""
    if not schedule:
        return ()
    return allocation(_columns(schedule), payments, schedule).states()


class RunningAllocation:
    """One schedule's allocation, carried forward payment by payment.

    An import that splits many totals of the same loan feeds each repayment once (in date
    order) and asks ``split`` for the next one, instead of allocating every earlier
    repayment again for each row: the work grows with the rows, not with their square.
    """

    def __init__(self, schedule: Sequence[Installment]) -> None:
        self._ledger = Allocation(_columns(schedule), schedule)
        self.last: date | None = None  # the date of the latest payment fed

    def add(self, payment: Payment) -> None:
        """Allocate one more payment, dated on or after every payment added before."""
        self._ledger.pay(payment.date, payment.interest, payment.principal)
        self.last = payment.date

    def split(self, amount: Decimal, on: date) -> Split:
        """How the allocation rule splits ``amount`` paid on ``on`` (see ``split_total``)."""
        ledger = self._ledger
        interest = ZERO
        left = amount
        start = min(ledger.front, ledger.interest_front)
        for k in range(start, _window(ledger.dues, on)):
            if left <= 0:
                break
            take = min(left, ledger.left_i[k])
            interest += take
            left -= take + min(left - take, ledger.left_p[k])
        return Split(principal=amount - interest, interest=interest)


def split_total(
    schedule: Sequence[Installment],
    payments_before: Sequence[Payment],
    amount: Decimal,
    on: date,
) -> Split:
    """How the allocation rule splits a repayment known only by its total.

    Installments due by ``on`` and the current one are paid oldest first, interest before
    principal within each; whatever exceeds them is prepaid principal.
    """
    running = RunningAllocation(schedule)
    for payment in sorted(payments_before, key=_date_of):
        running.add(payment)
    return running.split(amount, on)


def _read(allocated: Allocation | Sequence[InstallmentState]) -> Allocation:
    if isinstance(allocated, Allocation):
        return allocated
    return Allocation.of_states(allocated)


def arrears(
    allocated: Allocation | Sequence[InstallmentState],
    as_of: date,
    tolerance_days: int = 0,
) -> Arrears:
    """Overdue amounts and DPD at ``as_of`` of an allocation of the payments up to it.

    An installment is overdue once its due date plus ``tolerance_days`` is before ``as_of``;
    the DPD count still starts from the due date itself.
    """
    found = _read(allocated)
    left_p, left_i = found.left_p, found.left_i
    principal = interest = ZERO
    oldest: date | None = None
    # Overdue: due before ``as_of`` by more than the tolerance, i.e. due before ``cutoff``.
    cutoff = as_of - timedelta(days=tolerance_days)
    for k, due in enumerate(found.dues):
        if due >= cutoff:
            break
        owed_p, owed_i = left_p[k], left_i[k]
        if not owed_p and not owed_i:  # paid in full
            continue
        principal += owed_p
        interest += owed_i
        if oldest is None:
            oldest = due
    dpd = (as_of - oldest).days if oldest is not None else 0
    return Arrears(principal, interest, dpd, oldest)


def next_due(
    allocated: Allocation | Sequence[InstallmentState], as_of: date
) -> tuple[date, Decimal] | None:
    """The first unpaid installment due on or after ``as_of`` and what is left on it.

    Installments already overdue are arrears (see ``arrears``), not the next due.
    """
    found = _read(allocated)
    left_p, left_i = found.left_p, found.left_i
    for k, due in enumerate(found.dues):
        if due >= as_of and (left_p[k] or left_i[k]):
            return due, left_p[k] + left_i[k]
    return None


def collected_on_time(
    allocated: Allocation | Sequence[InstallmentState], start: date, end: date
) -> tuple[Decimal, Decimal]:
    """(paid on or before its due date, fell due) over installments due in [start, end].

    The on-time collection rate of SPEC §5 is the first divided by the second.
    """
    found = _read(allocated)
    paid = fell_due = ZERO
    for due, principal, interest, on_time in zip(
        found.dues, found.principals, found.interests, found.on_time, strict=True
    ):
        if start <= due <= end:
            total = principal + interest
            paid += on_time if on_time <= total else total
            fell_due += total
    return paid, fell_due
