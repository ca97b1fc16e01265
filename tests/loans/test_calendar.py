"""Due dates: counted from the anchor each time, clamped to short months (SPEC §3)."""

from __future__ import annotations

import calendar
from datetime import date
from itertools import pairwise

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.loans.calendar import due_date, due_dates


def test_first_due_is_one_month_after_disbursement() -> None:
    assert due_dates(date(2024, 3, 5), 3) == [
        date(2024, 4, 5),
        date(2024, 5, 5),
        date(2024, 6, 5),
    ]


def test_month_end_anchor_clamps_in_february_and_returns_to_the_31st() -> None:
    # 2024 is a leap year: 31 Jan → 29 Feb → 31 Mar → 30 Apr.
    assert due_dates(date(2024, 1, 31), 3) == [
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]


def test_month_end_anchor_in_a_common_year_falls_on_28_february() -> None:
    assert due_dates(date(2023, 1, 31), 2) == [date(2023, 2, 28), date(2023, 3, 31)]


def test_explicit_first_due_date_is_the_first_installment() -> None:
    assert due_dates(date(2024, 1, 31), 3, include_anchor=True) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
    ]


def test_due_dates_run_across_the_year_end() -> None:
    assert due_dates(date(2024, 11, 30), 3) == [
        date(2024, 12, 30),
        date(2025, 1, 30),
        date(2025, 2, 28),
    ]


def test_no_installments_no_due_dates() -> None:
    assert due_dates(date(2024, 1, 31), 0) == []


@settings(max_examples=100)
@given(
    anchor=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    count=st.integers(min_value=1, max_value=60),
    include_anchor=st.booleans(),
)
def test_every_due_date_keeps_the_anchor_day_or_the_month_end(
    anchor: date, count: int, include_anchor: bool
) -> None:
    dues = due_dates(anchor, count, include_anchor=include_anchor)
    assert len(dues) == count
    assert all(a < b for a, b in pairwise(dues))
    first = 0 if include_anchor else 1
    for k, due in enumerate(dues, start=first):
        months = anchor.year * 12 + anchor.month - 1 + k
        assert (due.year, due.month) == (months // 12, months % 12 + 1)
        last_day = calendar.monthrange(due.year, due.month)[1]
        assert due.day == min(anchor.day, last_day)


@settings(max_examples=100)
@given(
    anchor=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    months=st.integers(min_value=0, max_value=240),
)
def test_due_date_agrees_with_relativedelta(anchor: date, months: int) -> None:
    assert due_date(anchor, months) == anchor + relativedelta(months=months)


@settings(max_examples=100)
@given(
    anchor=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    count=st.integers(min_value=0, max_value=120),
    include_anchor=st.booleans(),
)
def test_a_schedules_due_dates_are_due_date_month_by_month(
    anchor: date, count: int, include_anchor: bool
) -> None:
    first = 0 if include_anchor else 1
    assert due_dates(anchor, count, include_anchor=include_anchor) == [
        due_date(anchor, k) for k in range(first, first + count)
    ]
