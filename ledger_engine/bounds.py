"""Bounds on the values a book or a command may give, where the value has a meaning.

A club lends a few million VND for months, on dates of this era; a value far outside these
bounds is a typing mistake, and taken literally it would make schedules run past the last date
a computer calendar knows, or exhaust the memory. The registry, the loan terms and the command
line all check against these bounds, so a book reports such a value as an error at its line
and a command refuses it, instead of failing half-way.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

FIRST_YEAR = 1900
LAST_YEAR = 2200
#: 50 years of monthly installments.
MAX_TERM_MONTHS = 600
#: A million billion VND: more than any club, province or country lends.
MAX_AMOUNT = Decimal(10) ** 15
#: Installment totals are rounded to at most a million VND.
MAX_ROUNDING_UNIT = Decimal(1_000_000)
#: Percent per period (month or year).
MAX_RATE = Decimal(100)
#: Decimals of interest amounts (VND has none).
MAX_DIGITS = 6
#: Days after a due date before an installment counts as overdue: at most a year.
MAX_TOLERANCE_DAYS = 365
#: Days of membership a policy may ask for before a first loan: at most ten years.
MAX_MEMBERSHIP_DAYS = 3650
#: Loans one member may hold at once.
MAX_ACTIVE_LOANS = 100


def year_in_range(day: datetime.date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def amount_in_range(amount: Decimal) -> bool:
    return amount.is_finite() and abs(amount) <= MAX_AMOUNT
