"""Schedules of the four methods, grace, rounding and calendars (SPEC §3).

Every expected figure is worked out by hand in the comments above it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.loans.schedule import Installment, Terms, build_schedule, terms_for
from ledger_engine.registry import LoanPolicy, Method, RatePeriod, RoundingMode

D = Decimal
START = date(2024, 3, 5)
ROUNDING = {RoundingMode.HALF_EVEN: ROUND_HALF_EVEN, RoundingMode.HALF_UP: ROUND_HALF_UP}


def parts(schedule: tuple[Installment, ...]) -> list[tuple[int, int]]:
    return [(int(i.principal), int(i.interest)) for i in schedule]


def balances(schedule: tuple[Installment, ...]) -> list[int]:
    return [int(i.balance) for i in schedule]


# --- flat ---------------------------------------------------------------------------------


def test_flat_total_rounded_to_the_thousand_last_takes_the_rest() -> None:
    # 5,000,000 / 12 = 416,666.67; interest 5,000,000 × 0.5 % = 25,000;
    # total 441,666.67 → 442,000, so principal 442,000 − 25,000 = 417,000;
    # the 12th takes 5,000,000 − 11 × 417,000 = 413,000.
    terms = Terms(D(5_000_000), D("0.5"), 12, Method.FLAT, START, rounding_unit=D(1000))
    schedule = build_schedule(terms)
    assert parts(schedule) == [(417_000, 25_000)] * 11 + [(413_000, 25_000)]
    assert schedule[0].total == 442_000
    assert schedule[-1].total == 438_000


def test_flat_total_rounded_to_the_dong() -> None:
    # total 441,666.67 → 441,667, principal 416,667;
    # last 5,000,000 − 11 × 416,667 = 416,663.
    terms = Terms(D(5_000_000), D("0.5"), 12, Method.FLAT, START)
    assert parts(build_schedule(terms)) == [(416_667, 25_000)] * 11 + [(416_663, 25_000)]


def test_flat_last_installment_takes_the_interest_remainder() -> None:
    # 1,234,567 × 0.5 % = 6,172.835 → 6,173 a period; P·r·n = 74,074.02 → 74,074 once.
    # Eleven periods take 11 × 6,173 = 67,903; the last takes 74,074 − 67,903 = 6,171.
    # Totals to the dong: 102,880.58 + 6,172.835 = 109,053.42 → 109,053, principal
    # 109,053 − 6,173 = 102,880; the last principal 1,234,567 − 11 × 102,880 = 102,887.
    schedule = build_schedule(Terms(D(1_234_567), D("0.5"), 12, Method.FLAT, START))
    assert parts(schedule)[:11] == [(102_880, 6_173)] * 11
    assert parts(schedule)[11] == (102_887, 6_171)
    assert sum(i.interest for i in schedule) == 74_074


def test_flat_interest_of_a_few_dong_never_goes_negative() -> None:
    # 300 × 0.5 % = 1.5 → 2 a period, but 300 × 0.5 % × 24 = 36 in all: the latest
    # installments give back the 10 dong the rounded periods took too many.
    schedule = build_schedule(Terms(D(300), D("0.5"), 24, Method.FLAT, START))
    assert [i.interest for i in schedule] == [2] * 18 + [0] * 6
    assert sum(i.interest for i in schedule) == 36


def test_flat_balances_fall_by_each_principal_part() -> None:
    # 1,200,000 over 3 at 1 %: 400,000 + 12,000 each month.
    schedule = build_schedule(Terms(D(1_200_000), D(1), 3, Method.FLAT, START))
    assert balances(schedule) == [800_000, 400_000, 0]


# --- declining ----------------------------------------------------------------------------


def test_declining_equal_installments_interest_on_the_balance() -> None:
    # A = 1,000,000 × 0.01 / (1 − 1.01^−3) = 10,000 / 0.0294098521 = 340,022.11 → 340,022.
    # 1: interest 10,000, principal 330,022, balance 669,978
    # 2: interest 6,699.78 → 6,700, principal 333,322, balance 336,656
    # 3: interest 3,366.56 → 3,367, principal takes the rest 336,656 (total 340,023)
    schedule = build_schedule(Terms(D(1_000_000), D(1), 3, Method.DECLINING, START))
    assert parts(schedule) == [(330_022, 10_000), (333_322, 6_700), (336_656, 3_367)]
    assert balances(schedule) == [669_978, 336_656, 0]


def test_declining_at_zero_rate_is_principal_over_term() -> None:
    # A = P / n = 900,000 / 3 = 300,000, no interest.
    schedule = build_schedule(Terms(D(900_000), D(0), 3, Method.DECLINING, START))
    assert parts(schedule) == [(300_000, 0)] * 3


# --- equal principal ----------------------------------------------------------------------


def test_equal_principal_rounded_to_the_dong_not_the_unit() -> None:
    # SPEC §3: the principal part is rounded to the currency's digits, not to the rounding
    # unit. 1,000,000 / 3 = 333,333.33 → 333,333; last 1,000,000 − 666,666 = 333,334.
    # Interest 1 %: 10,000; 666,667 → 6,666.67 → 6,667; 333,334 → 3,333.34 → 3,333.
    terms = Terms(
        D(1_000_000), D(1), 3, Method.EQUAL_PRINCIPAL, START, rounding_unit=D(1000)
    )
    schedule = build_schedule(terms)
    assert parts(schedule) == [(333_333, 10_000), (333_333, 6_667), (333_334, 3_333)]


def test_equal_principal_with_cents_rounds_principal_to_the_cent() -> None:
    # 100 / 3 = 33.333… → 33.33 with two digits; the last takes 100 − 66.66 = 33.34.
    terms = Terms(D(100), D(0), 3, Method.EQUAL_PRINCIPAL, START, digits=2)
    assert [i.principal for i in build_schedule(terms)] == [
        D("33.33"),
        D("33.33"),
        D("33.34"),
    ]


# --- bullet -------------------------------------------------------------------------------


def test_bullet_pays_interest_monthly_and_principal_at_the_end() -> None:
    # 2,000,000 × 0.5 % = 10,000 a month; all principal with the 3rd.
    schedule = build_schedule(Terms(D(2_000_000), D("0.5"), 3, Method.BULLET, START))
    assert parts(schedule) == [(0, 10_000), (0, 10_000), (2_000_000, 10_000)]
    assert balances(schedule) == [2_000_000, 2_000_000, 0]


# --- grace --------------------------------------------------------------------------------


def test_principal_grace_flat_amortises_over_the_remaining_periods() -> None:
    # n = 5, g = 2: two months of 12,000 interest only,
    # then 1,200,000 / 3 = 400,000 + 12,000.
    schedule = build_schedule(Terms(D(1_200_000), D(1), 5, Method.FLAT, START, grace=2))
    assert parts(schedule) == [(0, 12_000)] * 2 + [(400_000, 12_000)] * 3


def test_principal_grace_declining_then_annuity_over_n_minus_g() -> None:
    # Two months of 10,000 interest only, then the 3-month annuity worked out above.
    schedule = build_schedule(
        Terms(D(1_000_000), D(1), 5, Method.DECLINING, START, grace=2)
    )
    assert parts(schedule) == [
        (0, 10_000),
        (0, 10_000),
        (330_022, 10_000),
        (333_322, 6_700),
        (336_656, 3_367),
    ]


def test_interest_grace_defers_interest_to_the_period_after_it() -> None:
    # Flat 1,200,000 over 4 at 1 %: 300,000 + 12,000 a month; with 2 months of interest
    # grace the 3rd carries 3 × 12,000 = 36,000; nothing is waived (48,000 in all).
    terms = Terms(D(1_200_000), D(1), 4, Method.FLAT, START, interest_grace=2)
    schedule = build_schedule(terms)
    assert parts(schedule) == [
        (300_000, 0),
        (300_000, 0),
        (300_000, 36_000),
        (300_000, 12_000),
    ]


def test_interest_grace_on_balance_interest_keeps_each_period_own_interest() -> None:
    # Equal principal 1,200,000 / 3 at 1 %: interest 12,000, 8,000, 4,000; one month of
    # interest grace moves 12,000 onto the 2nd: 0, 20,000, 4,000.
    terms = Terms(D(1_200_000), D(1), 3, Method.EQUAL_PRINCIPAL, START, interest_grace=1)
    assert [int(i.interest) for i in build_schedule(terms)] == [0, 20_000, 4_000]


# --- rounding -----------------------------------------------------------------------------


def test_half_even_rounds_an_interest_half_to_the_even_dong() -> None:
    # 1,000 × 0.25 % = 2.5 → 2 (half-even).
    terms = Terms(D(1000), D("0.25"), 1, Method.FLAT, START)
    assert build_schedule(terms)[0].interest == 2


def test_half_up_rounds_an_interest_half_up() -> None:
    # 1,000 × 0.25 % = 2.5 → 3 (half-up).
    terms = Terms(D(1000), D("0.25"), 1, Method.FLAT, START, rounding=RoundingMode.HALF_UP)
    assert build_schedule(terms)[0].interest == 3


@pytest.mark.parametrize(
    ("mode", "first"),
    # 5,000 / 2 = 2,500 = 2.5 thousands → 2,000 half-even, 3,000 half-up;
    # the last takes the rest.
    [(RoundingMode.HALF_EVEN, 2000), (RoundingMode.HALF_UP, 3000)],
)
def test_rounding_mode_applies_to_the_installment_total(
    mode: RoundingMode, first: int
) -> None:
    terms = Terms(
        D(5000), D(0), 2, Method.FLAT, START, rounding_unit=D(1000), rounding=mode
    )
    assert parts(build_schedule(terms)) == [(first, 0), (5000 - first, 0)]


def test_interest_digits_keep_cents() -> None:
    # 1,000 × 0.125 % = 1.25: with 2 digits it stays 1.25.
    terms = Terms(D(1000), D("0.125"), 1, Method.FLAT, START, digits=2)
    assert build_schedule(terms)[0].interest == D("1.25")


# --- rate period and calendar -------------------------------------------------------------


def test_yearly_rate_is_divided_by_twelve() -> None:
    # 12 %/year = 1 %/month: 1,200,000 × 1 % = 12,000 a month.
    terms = Terms(D(1_200_000), D(12), 2, Method.FLAT, START, rate_period=RatePeriod.YEAR)
    assert terms.periodic_rate == D("0.01")
    assert [int(i.interest) for i in build_schedule(terms)] == [12_000, 12_000]


def test_month_end_disbursement_due_dates() -> None:
    terms = Terms(D(300_000), D(1), 3, Method.FLAT, date(2024, 1, 31))
    assert [i.due for i in build_schedule(terms)] == [
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]


def test_explicit_first_due_date_sets_the_calendar() -> None:
    terms = Terms(D(300_000), D(1), 3, Method.FLAT, START, first_due=date(2024, 3, 20))
    assert [i.due for i in build_schedule(terms)] == [
        date(2024, 3, 20),
        date(2024, 4, 20),
        date(2024, 5, 20),
    ]


# --- bad terms and policies ---------------------------------------------------------------


def test_grace_as_long_as_the_term_is_refused() -> None:
    with pytest.raises(ValueError, match="grace 3 months"):
        build_schedule(Terms(D(1000), D(1), 3, Method.FLAT, START, grace=3))


def test_sound_terms_have_no_problems() -> None:
    assert Terms(D(1000), D(1), 3, Method.FLAT, START, grace=2).problems() == []


def policy() -> LoanPolicy:
    return LoanPolicy(
        date=date(2016, 5, 1),
        name="standard",
        max_principal=D(10_000_000),
        max_term=24,
        rate=D("0.5"),
        method=Method.FLAT,
        rounding=D(1000),
        rounding_mode=RoundingMode.HALF_UP,
    )


def test_terms_for_takes_the_policy_when_the_loan_says_nothing() -> None:
    terms = terms_for(policy(), D(5_000_000), START)
    assert (terms.term, terms.rate, terms.method) == (24, D("0.5"), Method.FLAT)
    assert (terms.rounding_unit, terms.rounding) == (D(1000), RoundingMode.HALF_UP)


def test_terms_for_lets_the_loan_override_the_policy() -> None:
    terms = terms_for(
        policy(), D(5_000_000), START, term=12, rate=D(1), method=Method.BULLET, grace=1
    )
    assert (terms.term, terms.rate, terms.method, terms.grace) == (
        12,
        D(1),
        Method.BULLET,
        1,
    )


# --- invariants ---------------------------------------------------------------------------


@st.composite
def any_terms(draw: st.DrawFn) -> Terms:
    term = draw(st.integers(min_value=1, max_value=36))
    return Terms(
        principal=D(draw(st.integers(min_value=0, max_value=50_000_000))),
        rate=D(draw(st.integers(min_value=0, max_value=500))) / 100,
        term=term,
        method=draw(st.sampled_from(list(Method))),
        start=draw(st.dates(min_value=date(2010, 1, 1), max_value=date(2040, 12, 31))),
        rate_period=draw(st.sampled_from(list(RatePeriod))),
        grace=draw(st.integers(min_value=0, max_value=term - 1)),
        interest_grace=draw(st.integers(min_value=0, max_value=term - 1)),
        rounding_unit=D(draw(st.sampled_from([1, 100, 1000, 5000]))),
        rounding=draw(st.sampled_from(list(RoundingMode))),
    )


@settings(max_examples=100)
@given(terms=any_terms())
def test_principal_parts_sum_to_the_amount_lent(terms: Terms) -> None:
    schedule = build_schedule(terms)
    assert len(schedule) == terms.term
    assert sum(i.principal for i in schedule) == terms.principal


@settings(max_examples=100)
@given(terms=any_terms())
def test_balances_never_negative_and_end_at_zero(terms: Terms) -> None:
    schedule = build_schedule(terms)
    left = terms.principal
    for installment in schedule:
        left -= installment.principal
        assert installment.principal >= 0
        assert installment.balance == left >= 0
    assert schedule[-1].balance == 0


@settings(max_examples=100)
@given(terms=any_terms())
def test_interest_is_never_negative(terms: Terms) -> None:
    assert all(i.interest >= 0 for i in build_schedule(terms))


@settings(max_examples=100)
@given(terms=any_terms())
def test_interest_grace_defers_without_waiving(terms: Terms) -> None:
    without = replace(terms, interest_grace=0)
    deferred = build_schedule(terms)
    assert sum(i.interest for i in deferred) == sum(
        i.interest for i in build_schedule(without)
    )
    assert all(i.interest == 0 for i in deferred[: terms.interest_grace])


@settings(max_examples=100)
@given(terms=any_terms())
def test_flat_interest_sums_to_the_total_rounded_once(terms: Terms) -> None:
    flat = replace(terms, method=Method.FLAT)
    total = (flat.principal * flat.periodic_rate * flat.term).quantize(
        D(1), rounding=ROUNDING[flat.rounding]
    )
    schedule = build_schedule(flat)
    assert sum(i.interest for i in schedule) == total
    assert all(i.interest >= 0 for i in schedule)


@settings(max_examples=100)
@given(terms=any_terms())
def test_equal_principal_parts_are_whole_dong_whatever_the_unit(terms: Terms) -> None:
    even = replace(terms, method=Method.EQUAL_PRINCIPAL, grace=0)
    schedule = build_schedule(even)
    first = (even.principal / even.term).quantize(D(1), rounding=ROUNDING[even.rounding])
    assert all(i.principal == min(first, i.principal + i.balance) for i in schedule[:-1])
    assert sum(i.principal for i in schedule) == even.principal


# --- amounts worked out once per terms ----------------------------------------------------


def test_loans_on_the_same_terms_share_amounts_but_keep_their_own_dates() -> None:
    # 1,200,000 flat at 1 % over 3 months: 400,000 + 12,000 each month, whenever lent.
    march = Terms(D(1_200_000), D(1), 3, Method.FLAT, date(2024, 3, 5))
    july = replace(march, start=date(2024, 7, 31))
    first, second = build_schedule(march), build_schedule(july)
    assert parts(first) == parts(second) == [(400_000, 12_000)] * 3
    assert [i.due for i in first] == [date(2024, 4, 5), date(2024, 5, 5), date(2024, 6, 5)]
    # From the 31st: end of August, 30 September, 31 October.
    assert [i.due for i in second] == [
        date(2024, 8, 31),
        date(2024, 9, 30),
        date(2024, 10, 31),
    ]
    assert [i.n for i in second] == [1, 2, 3]
    assert balances(second) == [800_000, 400_000, 0]


def test_amounts_kept_for_one_loan_keep_each_loans_own_digits() -> None:
    # Equal numbers written differently are different keys: a book that writes
    # 1200000.00 sees its schedule in hundredths, one that writes 1200000 in dong.
    whole = build_schedule(Terms(D("1200000"), D(1), 3, Method.FLAT, START))
    cents = build_schedule(Terms(D("1200000.00"), D(1), 3, Method.FLAT, START))
    assert [str(i.balance) for i in whole] == ["800000", "400000", "0"]
    assert [str(i.balance) for i in cents] == ["800000.00", "400000.00", "0.00"]
    assert str(cents[-1].principal) == "400000.00"
