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

``arrears`` then reads the states at a date: overdue principal and interest and the days
past due (DPD) of the oldest unpaid installment. The states describe the payments they
were given: to ask about a date, allocate the payments up to that date (the loan state,
``ledger_engine.loans.state``, does).

Each loan is walked once with pointers that only move forward (or backward for
prepayment), so a book of thousands of loans costs little more than reading it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter

from ledger_engine.loans.schedule import ZERO, Installment
from ledger_engine.loans.values import Arrears, InstallmentState, Payment, Split

__all__ = [
    "Arrears",
    "InstallmentState",
    "Payment",
    "RunningAllocation",
    "Split",
    "allocate",
    "arrears",
    "collected_on_time",
    "next_due",
    "split_total",
]


class _Ledger:
    """Running amounts of one loan while its payments are allocated.

    Plain lists of what is left and what was paid keep the walk cheap: it runs for every
    loan of a book on every load.
    """

    __slots__ = (
        "back",
        "done",
        "dues",
        "front",
        "interest_front",
        "left_i",
        "left_p",
        "on_time",
        "paid_i",
        "paid_p",
        "rows",
    )

    def __init__(self, schedule: Sequence[Installment]) -> None:
        size = len(schedule)
        self.rows = schedule
        self.dues = [row.due for row in schedule]
        self.left_p = [row.principal for row in schedule]
        self.left_i = [row.interest for row in schedule]
        self.paid_p = [ZERO] * size
        self.paid_i = [ZERO] * size
        self.on_time = [ZERO] * size
        self.done: list[date | None] = [
            row.due if not row.principal and not row.interest else None for row in schedule
        ]
        self.front = 0  # first installment that may still owe principal
        self.interest_front = 0  # first installment that may still owe interest
        self.back = size - 1  # last installment that may still owe principal

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
                self._keep(paid_i, _last_with_interest(self.rows), interest, on)
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
        # ``tuple.__new__`` makes the named tuples without their Python-level ``__new__``:
        # a third of the cost of a loan's allocation otherwise.
        make, kind = tuple.__new__, InstallmentState
        found = []
        for row, principal, interest, done, on_time in zip(
            self.rows, self.paid_p, self.paid_i, self.done, self.on_time, strict=True
        ):
            total = row.total
            paid_by_due = on_time if on_time <= total else total
            found.append(make(kind, (row, principal, interest, done, paid_by_due)))
        return tuple(found)


def _last_with_interest(rows: Sequence[Installment]) -> int:
    for k in range(len(rows) - 1, -1, -1):
        if rows[k].interest > 0:
            return k
    return len(rows) - 1


_date_of = attrgetter("date")


def _window(dues: Sequence[date], on: date) -> int:
    """How many installments a payment on ``on`` may pay: those due by then and the next."""
    return min(bisect_right(dues, on) + 1, len(dues))


def allocate(
    schedule: Sequence[Installment],
    payments: Sequence[Payment],
) -> tuple[InstallmentState, ...]:
    """Spread ``payments`` (any order; ties keep their order) over ``schedule``."""
    if not schedule:
        return ()
    ledger = _Ledger(schedule)
    for on, principal, interest in sorted(payments, key=_date_of):
        ledger.pay(on, interest, principal)
    return ledger.states()


class RunningAllocation:
    """One schedule's allocation, carried forward payment by payment.

    An import that splits many totals of the same loan feeds each repayment once (in date
    order) and asks ``split`` for the next one, instead of allocating every earlier
    repayment again for each row: the work grows with the rows, not with their square.
    """

    def __init__(self, schedule: Sequence[Installment]) -> None:
        self._ledger = _Ledger(schedule)
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


def arrears(
    states: Sequence[InstallmentState], as_of: date, tolerance_days: int = 0
) -> Arrears:
    """Overdue amounts and DPD at ``as_of`` of states allocated from payments up to it.

    An installment is overdue once its due date plus ``tolerance_days`` is before ``as_of``;
    the DPD count still starts from the due date itself.
    """
    principal = interest = ZERO
    oldest: date | None = None
    # Overdue: due before ``as_of`` by more than the tolerance, i.e. due before ``cutoff``.
    cutoff = as_of - timedelta(days=tolerance_days)
    for state in states:
        due = state.installment.due
        if due >= cutoff:
            break
        if state.is_paid:
            continue
        principal += state.principal_due
        interest += state.interest_due
        if oldest is None:
            oldest = due
    dpd = (as_of - oldest).days if oldest is not None else 0
    return Arrears(principal, interest, dpd, oldest)


def next_due(
    states: Sequence[InstallmentState], as_of: date
) -> tuple[date, Decimal] | None:
    """The first unpaid installment due on or after ``as_of`` and what is left on it.

    Installments already overdue are arrears (see ``arrears``), not the next due.
    """
    for state in states:
        if state.installment.due >= as_of and not state.is_paid:
            return state.installment.due, state.amount_due
    return None


def collected_on_time(
    states: Sequence[InstallmentState], start: date, end: date
) -> tuple[Decimal, Decimal]:
    """(paid on or before its due date, fell due) over installments due in [start, end].

    The on-time collection rate of SPEC §5 is the first divided by the second.
    """
    paid = fell_due = ZERO
    for row, _, _, _, paid_by_due in states:
        if start <= row.due <= end:
            paid += paid_by_due
            fell_due += row.total
    return paid, fell_due
