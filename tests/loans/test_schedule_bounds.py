"""Terms within the bounds always make a schedule; terms beyond them are named, not computed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.bounds import MAX_AMOUNT, MAX_ROUNDING_UNIT, MAX_TERM_MONTHS
from ledger_engine.loans.schedule import Terms, build_schedule
from ledger_engine.registry import Method

DAYS = st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    principal=st.integers(0, int(MAX_AMOUNT)),
    rate=st.decimals(0, 100, places=2),
    term=st.integers(1, MAX_TERM_MONTHS),
    method=st.sampled_from(list(Method)),
    start=DAYS,
    unit=st.sampled_from([Decimal(1), Decimal(1000), MAX_ROUNDING_UNIT]),
)
def test_terms_within_bounds_make_a_whole_schedule(
    principal: int,
    rate: Decimal,
    term: int,
    method: Method,
    start: datetime.date,
    unit: Decimal,
) -> None:
    terms = Terms(Decimal(principal), rate, term, method, start, rounding_unit=unit)
    assert terms.problems() == []
    schedule = build_schedule(terms)
    assert len(schedule) == term
    assert sum(i.principal for i in schedule) == principal


@given(
    term=st.one_of(st.integers(max_value=0), st.integers(min_value=MAX_TERM_MONTHS + 1)),
    principal=st.integers(min_value=int(MAX_AMOUNT) + 1),
)
def test_terms_beyond_bounds_are_problems(term: int, principal: int) -> None:
    start = datetime.date(2024, 1, 1)
    long = Terms(Decimal(1000), Decimal(1), term, Method.FLAT, start)
    large = Terms(Decimal(principal), Decimal(1), 12, Method.FLAT, start)
    assert any("term" in p for p in long.problems())
    assert any("principal" in p for p in large.problems())
    old = Terms(Decimal(1000), Decimal(1), 12, Method.FLAT, datetime.date(1899, 12, 31))
    assert any("1899" in p for p in old.problems())
