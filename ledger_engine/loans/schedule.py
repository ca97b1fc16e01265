"""Repayment schedules of the four loan methods (SPEC §3).

``build_schedule(terms)`` turns a loan's terms into its installments: due date,
principal part, interest part and the balance left after each. Everything is
``Decimal``; interest is rounded to the currency's digits and, for the equal-installment
methods (flat and declining), the installment total to the club's rounding unit;
equal-principal rounds its principal part to the currency's digits. The last installment
always takes whatever principal remains, so the principal parts sum exactly to the amount
lent; a flat loan's last installment also takes the interest remainder, so its interest
parts sum exactly to the total interest P·r·n rounded once.

Example: 5,000,000 VND at 0.5 %/month flat over 12 months, rounded to 1,000 VND: the
total is 5,000,000/12 + 25,000 = 441,667 → 442,000, i.e. 417,000 principal and 25,000
interest for eleven months and 413,000 + 25,000 for the last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple, TypeVar

from ledger_engine.bounds import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_AMOUNT,
    MAX_DIGITS,
    MAX_RATE,
    MAX_ROUNDING_UNIT,
    MAX_TERM_MONTHS,
    year_in_range,
)
from ledger_engine.i18n import _, grouped
from ledger_engine.loans.calendar import due_dates
from ledger_engine.registry import LoanPolicy, Method, RatePeriod, RoundingMode

ZERO = Decimal(0)
HUNDRED = Decimal(100)
MONTHS_PER_YEAR = 12

_DECIMAL_ROUNDING = {
    RoundingMode.HALF_EVEN: ROUND_HALF_EVEN,
    RoundingMode.HALF_UP: ROUND_HALF_UP,
}


@dataclass(frozen=True, slots=True)
class Terms:
    """What a loan's schedule depends on: amount, price, calendar and rounding."""

    principal: Decimal
    rate: Decimal  # percent per rate_period, as books write it: 0.5 means 0.5 %/month
    term: int  # number of monthly installments
    method: Method
    start: date  # disbursement date
    rate_period: RatePeriod = RatePeriod.MONTH
    first_due: date | None = None
    grace: int = 0  # principal grace: the first installments are interest-only
    interest_grace: int = 0  # interest deferred (not waived) to the first period after it
    digits: int = 0  # interest is rounded to this many decimals (VND: 0)
    rounding_unit: Decimal = Decimal(1)  # equal-installment totals are rounded to this unit
    rounding: RoundingMode = RoundingMode.HALF_EVEN

    @property
    def periodic_rate(self) -> Decimal:
        """The rate per monthly period as a fraction (0.5 %/month → 0.005)."""
        monthly = self.rate / HUNDRED
        if self.rate_period is RatePeriod.YEAR:
            return monthly / MONTHS_PER_YEAR
        return monthly

    def problems(self) -> list[str]:
        """Why these terms cannot make a schedule, in a treasurer's words."""
        found = self._amount_problems()
        if not 1 <= self.term <= MAX_TERM_MONTHS:
            found.append(
                _("term {term} months is not between 1 and {most} months").format(
                    term=self.term, most=MAX_TERM_MONTHS
                )
            )
        if not 0 <= self.grace < max(self.term, 1):
            found.append(
                _("grace {grace} months is not shorter than the term {term}").format(
                    grace=self.grace, term=self.term
                )
            )
        if not 0 <= self.interest_grace < max(self.term, 1):
            found.append(
                _(
                    "interest grace {grace} months is not shorter than the term {term}"
                ).format(grace=self.interest_grace, term=self.term)
            )
        for day in (self.start, self.first_due):
            if day is not None and not year_in_range(day):
                found.append(
                    _("date {date} is not between the years {first} and {last}").format(
                        date=day, first=FIRST_YEAR, last=LAST_YEAR
                    )
                )
        return found

    def _amount_problems(self) -> list[str]:
        found = []
        if not 0 <= self.principal <= MAX_AMOUNT:
            found.append(
                _("principal {amount} VND is not between 0 and {most} VND").format(
                    amount=grouped(self.principal), most=grouped(MAX_AMOUNT)
                )
            )
        if not 0 <= self.rate <= MAX_RATE:
            found.append(
                _("the rate must be between 0 and {most}%, not {rate}%").format(
                    rate=self.rate, most=MAX_RATE
                )
            )
        if not 0 <= self.digits <= MAX_DIGITS:
            found.append(
                _("interest digits {digits} is not between 0 and {most}").format(
                    digits=self.digits, most=MAX_DIGITS
                )
            )
        least = Decimal(1).scaleb(-min(max(self.digits, 0), MAX_DIGITS))
        if not least <= self.rounding_unit <= MAX_ROUNDING_UNIT:
            found.append(
                _("rounding unit {unit} is not between {least} and {most}").format(
                    unit=self.rounding_unit, least=least, most=grouped(MAX_ROUNDING_UNIT)
                )
            )
        return found


class Installment(NamedTuple):
    n: int  # 1-based position in the schedule
    due: date
    principal: Decimal
    interest: Decimal
    balance: Decimal  # principal still owed after this installment

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


class _Rounder:
    """Rounds interest to the currency's digits and totals to the rounding unit."""

    __slots__ = ("_mode", "_quantum", "_unit")

    def __init__(self, terms: Terms) -> None:
        self._mode = _DECIMAL_ROUNDING[terms.rounding]
        self._quantum = Decimal(1).scaleb(-terms.digits)
        self._unit = terms.rounding_unit

    def money(self, value: Decimal) -> Decimal:
        """To the currency's digits: interest, and equal-principal's principal part."""
        return value.quantize(self._quantum, rounding=self._mode)

    def unit(self, value: Decimal) -> Decimal:
        return (value / self._unit).quantize(Decimal(1), rounding=self._mode) * self._unit


# A method gives (principal, interest) of one amortising period from the balance before it.
_Period = Callable[[Decimal], tuple[Decimal, Decimal]]


def _method_period(terms: Terms, rounder: _Rounder) -> _Period:
    r, p, m = terms.periodic_rate, terms.principal, terms.term - terms.grace
    method = terms.method
    # Only the chosen method's constants are worked out: the annuity's power is the
    # costliest step of a schedule.
    if method is Method.FLAT:
        flat_interest = rounder.money(p * r)
        flat_principal = rounder.unit(p / m + p * r) - flat_interest

        def flat(balance: Decimal) -> tuple[Decimal, Decimal]:
            return flat_principal, flat_interest

        return flat
    if method is Method.DECLINING:
        annuity = rounder.unit(p / m if r == 0 else p * r / (1 - (1 + r) ** -m))

        def declining(balance: Decimal) -> tuple[Decimal, Decimal]:
            interest = rounder.money(balance * r)
            return annuity - interest, interest

        return declining
    if method is Method.EQUAL_PRINCIPAL:
        # Rounded to the currency's digits, not to the rounding unit (SPEC §3).
        equal_part = rounder.money(p / m)

        def equal_principal(balance: Decimal) -> tuple[Decimal, Decimal]:
            return equal_part, rounder.money(balance * r)

        return equal_principal
    bullet_interest = rounder.money(p * r)

    def bullet(balance: Decimal) -> tuple[Decimal, Decimal]:
        return ZERO, bullet_interest

    return bullet


def _parts(terms: Terms) -> list[tuple[Decimal, Decimal]]:
    """(principal, interest) of every period, before any interest grace."""
    rounder = _Rounder(terms)
    period = _method_period(terms, rounder)
    m = terms.term - terms.grace
    grace_interest = rounder.money(terms.principal * terms.periodic_rate)
    parts = [(ZERO, grace_interest)] * terms.grace
    balance = terms.principal
    for k in range(m):
        principal, interest = period(balance)
        if k == m - 1:
            principal = balance
        # A rounded-up unit can outrun what is owed, a rounded-down one fall below the
        # interest: the principal part stays between nothing and the whole balance.
        # (Comparisons rather than ``min(max(...))``, which cost more than the period itself.)
        if principal < ZERO:
            principal = ZERO
        if balance < principal:
            principal = balance
        balance -= principal
        parts.append((principal, interest))
    if terms.method is Method.FLAT:
        _flat_interest_remainder(
            parts, rounder.money(terms.principal * terms.periodic_rate * terms.term)
        )
    return parts


def _flat_interest_remainder(parts: list[tuple[Decimal, Decimal]], total: Decimal) -> None:
    """A flat loan's interest parts sum to its total interest P·r·n rounded once: the last
    installment takes what the rounded periods leave (SPEC §3).

    Only when a period's interest is a few dong can the rounded periods outrun the total;
    the last installments then give back the excess, latest first, so that no interest part
    is negative and the sum is still the total.
    """
    before = sum((interest for _, interest in parts[:-1]), ZERO)
    remainder = total - before
    principal, _ = parts[-1]
    parts[-1] = (principal, max(remainder, ZERO))
    excess = -remainder
    k = len(parts) - 2
    while excess > 0 and k >= 0:
        principal, interest = parts[k]
        given = min(interest, excess)
        parts[k] = (principal, interest - given)
        excess -= given
        k -= 1


def _defer_interest(parts: list[tuple[Decimal, Decimal]], grace: int) -> None:
    """Move the interest of the first ``grace`` periods onto the period after them."""
    if grace <= 0:
        return
    deferred = sum((interest for _, interest in parts[:grace]), ZERO)
    for k in range(grace):
        parts[k] = (parts[k][0], ZERO)
    principal, interest = parts[grace]
    parts[grace] = (principal, interest + deferred)


def build_schedule(terms: Terms) -> tuple[Installment, ...]:
    """The installments of a loan; raises ``ValueError`` listing ``terms.problems()``."""
    problems = terms.problems()
    if problems:
        raise ValueError("; ".join(problems))
    return schedule_of_sound_terms(terms)


def schedule_of_sound_terms(terms: Terms) -> tuple[Installment, ...]:
    """``build_schedule`` for terms already known to have no problems (a loan's segment
    checked them when it was read).

    Schedules are kept by their terms as written: a club lends the same sums on the same
    terms at one meeting, and month after month. Installments are immutable, so loans on
    the same terms share one schedule.
    """
    amounts_key = _amounts_key(terms)
    key = (amounts_key, terms.start, terms.first_due)
    found = _SCHEDULES.get(key)
    if found is None:
        found = remember(_SCHEDULES, key, _schedule(terms, *_amounts(terms, amounts_key)))
    return found


def schedule_columns(
    terms: Terms,
) -> tuple[tuple[date, ...], tuple[Decimal, ...], tuple[Decimal, ...]]:
    """The due dates, principal parts and interest parts of ``schedule_of_sound_terms``'s
    installments, without making them: what an allocation reads (the installments
    themselves are made for the pages that list them)."""
    return _dues(terms), *_amounts(terms, _amounts_key(terms))


def _dues(terms: Terms) -> tuple[date, ...]:
    if terms.first_due is not None:
        return _due_dates(terms.first_due, terms.term, True)
    return _due_dates(terms.start, terms.term, False)


def _schedule(
    terms: Terms, principals: tuple[Decimal, ...], interests: tuple[Decimal, ...]
) -> tuple[Installment, ...]:
    make, kind = tuple.__new__, Installment  # without the named tuple's slower ``__new__``
    installments = []
    balance = terms.principal
    for n, (principal, interest, due) in enumerate(
        zip(principals, interests, _dues(terms), strict=True), start=1
    ):
        balance -= principal
        installments.append(make(kind, (n, due, principal, interest, balance)))
    return tuple(installments)


#: How many schedules' amounts, and how many runs of due dates, outlive the book that
#: asked for them.
_KEPT_ACROSS_BOOKS = 1024


@lru_cache(maxsize=_KEPT_ACROSS_BOOKS)
def _due_dates(anchor: date, count: int, include_anchor: bool) -> tuple[date, ...]:
    """The due dates, once per anchor: a club lends to several members at one meeting."""
    return tuple(due_dates(anchor, count, include_anchor=include_anchor))


_AmountsKey = tuple[object, ...]
#: Every installment's principal part, and every installment's interest part.
_Parts = tuple[tuple[Decimal, ...], tuple[Decimal, ...]]
_K = TypeVar("_K")
_V = TypeVar("_V")
#: Amounts of schedules already worked out, by everything but their dates; and whole
#: schedules, by their amounts' key and their dates.
_AMOUNTS: dict[_AmountsKey, _Parts] = {}
_SCHEDULES: dict[tuple[_AmountsKey, date, date | None], tuple[Installment, ...]] = {}
_KEPT = 4096


def forget_schedules() -> None:
    """Drop the whole schedules kept so far; keep the amounts and the due dates.

    Called as each book's loans are read. Loans share schedules within a club (the same
    sums at one meeting, month after month); clubs share amounts (a province lends the same
    round sums under one policy), and clubs that meet on the same day share due dates. The
    amounts and the due dates kept are bounded (``_KEPT_ACROSS_BOOKS``), so a
    process that reads thousands of books stays as small as after a few. Loans keep their
    own schedules.
    """
    _SCHEDULES.clear()


def remember(kept: dict[_K, _V], key: _K, value: _V, most: int = _KEPT) -> _V:
    """Keep ``value`` under ``key`` in ``kept`` and return it; a cache that reaches ``most``
    entries starts again empty (a long book, or a loan asked about many dates, stays small;
    ``forget_schedules`` drops one club's schedules before the next club's are read)."""
    if len(kept) >= most:
        kept.clear()
    kept[key] = value
    return value


def _amounts_key(terms: Terms) -> _AmountsKey:
    """What a schedule's amounts depend on. The decimals as written: 1000000 and 1.0E+6
    are equal but must print as written."""
    return (
        str(terms.principal),
        str(terms.rate),
        terms.term,
        terms.method,
        terms.rate_period,
        terms.grace,
        terms.interest_grace,
        terms.digits,
        str(terms.rounding_unit),
        terms.rounding,
    )


def _amounts(terms: Terms, key: _AmountsKey) -> _Parts:
    """The principal parts and the interest parts of every installment, after any
    interest grace."""
    found = _AMOUNTS.get(key)
    if found is None:
        parts = _parts(terms)
        _defer_interest(parts, terms.interest_grace)
        principals = tuple(p for p, _i in parts)
        parted = (principals, tuple(i for _p, i in parts))
        found = remember(_AMOUNTS, key, parted, _KEPT_ACROSS_BOOKS)
    return found


def terms_for(
    policy: LoanPolicy,
    principal: Decimal,
    start: date,
    *,
    term: int | None = None,
    rate: Decimal | None = None,
    method: Method | None = None,
    grace: int | None = None,
    first_due: date | None = None,
    interest_grace: int | None = None,
) -> Terms:
    """A loan's terms: the policy in force, with the loan's own overrides on top.

    A loan without a term of its own runs for the policy's maximum term.
    """
    return Terms(
        principal=principal,
        rate=policy.rate if rate is None else rate,
        term=policy.max_term if term is None else term,
        method=policy.method if method is None else method,
        start=start,
        rate_period=policy.rate_period,
        first_due=first_due,
        grace=policy.grace if grace is None else grace,
        interest_grace=policy.interest_grace if interest_grace is None else interest_grace,
        rounding_unit=policy.rounding,
        rounding=policy.rounding_mode,
    )
