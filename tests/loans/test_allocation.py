"""Allocation of repayments, splitting of totals, arrears and DPD (SPEC §3 and §5).

Most cases use one small loan worked out by hand: 1,200,000 VND at 1 %/month flat over 3
months from 10 Jan 2024, i.e. 400,000 principal + 12,000 interest due on 10 Feb, 10 Mar and
10 Apr.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.loans.allocation import (
    Arrears,
    InstallmentState,
    Payment,
    Split,
    allocate,
    allocation,
    arrears,
    collected_on_time,
    next_due,
    split_total,
)
from ledger_engine.loans.schedule import Installment, Terms, build_schedule
from ledger_engine.registry import Method, RatePeriod, RoundingMode

D = Decimal
FEB, MAR, APR = date(2024, 2, 10), date(2024, 3, 10), date(2024, 4, 10)
SCHEDULE = build_schedule(Terms(D(1_200_000), D(1), 3, Method.FLAT, date(2024, 1, 10)))


def arrears_at(
    schedule: Sequence[Installment],
    payments: Sequence[Payment],
    as_of: date,
    tolerance_days: int = 0,
) -> Arrears:
    """``arrears`` at ``as_of`` counting only the payments made by then, as the loan state
    asks it."""
    made = [p for p in payments if p.date <= as_of]
    return arrears(allocate(schedule, made), as_of, tolerance_days)


def outstanding_principal(states: Sequence[InstallmentState]) -> Decimal:
    return sum((state.principal_due for state in states), Decimal(0))


def pay(on: date, principal: int, interest: int) -> Payment:
    return Payment(on, D(principal), D(interest))


def paid(payments: list[Payment]) -> list[tuple[int, int]]:
    return [
        (int(s.principal_paid), int(s.interest_paid)) for s in allocate(SCHEDULE, payments)
    ]


def test_the_worked_loan_is_as_described() -> None:
    assert [(i.due, int(i.principal), int(i.interest)) for i in SCHEDULE] == [
        (FEB, 400_000, 12_000),
        (MAR, 400_000, 12_000),
        (APR, 400_000, 12_000),
    ]


# --- allocation of recorded parts --------------------------------------------------------


def test_repaid_per_schedule_every_installment_paid_on_its_due_date() -> None:
    states = allocate(SCHEDULE, [pay(d, 400_000, 12_000) for d in (FEB, MAR, APR)])
    assert [s.paid_on for s in states] == [FEB, MAR, APR]
    assert outstanding_principal(states) == 0


def test_principal_pays_oldest_due_installment_first() -> None:
    # On 15 Mar the 10 Feb and 10 Mar installments are due: 500,000 fills the first
    # (400,000) and 100,000 of the second.
    assert paid([pay(date(2024, 3, 15), 500_000, 0)]) == [
        (400_000, 0),
        (100_000, 0),
        (0, 0),
    ]


def test_principal_beyond_the_current_installment_is_prepaid_from_the_last() -> None:
    # On 20 Jan only the 10 Feb installment is current: 400,000 to it, then 100,000 to the
    # last (10 Apr), not to the 10 Mar one.
    assert paid([pay(date(2024, 1, 20), 500_000, 0)]) == [
        (400_000, 0),
        (0, 0),
        (100_000, 0),
    ]


def test_large_prepayment_fills_backwards() -> None:
    # 1,000,000 on 20 Jan: 400,000 current, then 400,000 to April, 200,000 to March.
    assert paid([pay(date(2024, 1, 20), 1_000_000, 0)]) == [
        (400_000, 0),
        (200_000, 0),
        (400_000, 0),
    ]


def test_interest_pays_oldest_installments_first() -> None:
    # 30,000 interest: 12,000 + 12,000 + 6,000.
    assert paid([pay(date(2024, 1, 20), 0, 30_000)]) == [
        (0, 12_000),
        (0, 12_000),
        (0, 6_000),
    ]


def test_interest_beyond_the_schedule_stays_on_the_last_installment() -> None:
    # 40,000 against 36,000 scheduled: the extra 4,000 is recorded income, kept on April.
    states = allocate(SCHEDULE, [pay(FEB, 0, 40_000)])
    assert [int(s.interest_paid) for s in states] == [12_000, 12_000, 16_000]
    assert states[-1].interest_due == 0


def test_principal_beyond_the_loan_is_kept_not_lost() -> None:
    states = allocate(SCHEDULE, [pay(FEB, 1_300_000, 0)])
    assert sum(s.principal_paid for s in states) == 1_300_000
    assert outstanding_principal(states) == 0


def test_paid_on_is_the_date_of_the_payment_that_completes_both_parts() -> None:
    states = allocate(SCHEDULE, [pay(FEB, 400_000, 0), pay(date(2024, 2, 15), 0, 12_000)])
    assert states[0].paid_on == date(2024, 2, 15)
    assert states[1].paid_on is None


def test_payments_are_taken_in_date_order() -> None:
    # Given late-first, the 20 Jan payment is still the one that counts as on time.
    late, early = pay(date(2024, 3, 1), 400_000, 12_000), pay(date(2024, 1, 20), 0, 12_000)
    states = allocate(SCHEDULE, [late, early])
    assert states[0].paid_on == date(2024, 3, 1)
    assert [int(s.interest_paid) for s in states] == [12_000, 12_000, 0]


# --- split of a total ---------------------------------------------------------------------


def test_split_total_pays_interest_then_principal_per_installment() -> None:
    # On 10 Feb the current window is Feb (due) and Mar (the next): 12,000 + 400,000 for
    # Feb, then 12,000 interest and 76,000 principal of Mar.
    assert split_total(SCHEDULE, [], D(500_000), FEB) == Split(D(476_000), D(24_000))


def test_split_total_beyond_the_window_is_prepaid_principal() -> None:
    # On 20 Jan only Feb is current: 12,000 + 400,000, the remaining 588,000 is principal.
    assert split_total(SCHEDULE, [], D(1_000_000), date(2024, 1, 20)) == Split(
        D(988_000), D(12_000)
    )


def test_split_total_counts_earlier_payments() -> None:
    # Feb already paid: 300,000 on 12 Feb covers Mar's 12,000 interest, then 288,000 principal.
    before = [pay(FEB, 400_000, 12_000)]
    assert split_total(SCHEDULE, before, D(300_000), date(2024, 2, 12)) == Split(
        D(288_000), D(12_000)
    )


def test_split_total_of_a_small_amount_is_all_interest() -> None:
    assert split_total(SCHEDULE, [], D(5_000), FEB) == Split(D(0), D(5_000))


# --- arrears and DPD ----------------------------------------------------------------------


def test_dpd_is_zero_on_the_due_date() -> None:
    assert arrears_at(SCHEDULE, [], FEB).dpd == 0


def test_dpd_is_one_the_day_after_the_due_date() -> None:
    result = arrears_at(SCHEDULE, [], FEB + timedelta(days=1))
    assert (result.dpd, result.oldest_due) == (1, FEB)
    assert (result.overdue_principal, result.overdue_interest) == (D(400_000), D(12_000))


def test_tolerance_delays_when_dpd_starts_counting() -> None:
    # Tolerance 3: 13 Feb is still within it; on 14 Feb it counts from the due date itself.
    assert arrears_at(SCHEDULE, [], date(2024, 2, 13), tolerance_days=3).dpd == 0
    assert arrears_at(SCHEDULE, [], date(2024, 2, 14), tolerance_days=3).dpd == 4


def test_partial_payments_leave_overdue_from_the_oldest_unpaid() -> None:
    # 10 Feb: 100,000 + 12,000 → Feb principal 100,000, Feb interest in full.
    # 15 Mar: 350,000 + 5,000 → Feb principal 300,000 (done), Mar principal 50,000; Mar
    # interest 5,000. On 20 Mar, Mar owes 350,000 + 7,000 and is 10 days late.
    payments = [pay(FEB, 100_000, 12_000), pay(date(2024, 3, 15), 350_000, 5_000)]
    result = arrears_at(SCHEDULE, payments, date(2024, 3, 20))
    assert (result.overdue_principal, result.overdue_interest) == (D(350_000), D(7_000))
    assert (result.dpd, result.oldest_due) == (10, MAR)


def test_overdue_sums_over_several_late_installments() -> None:
    # Same payments, on 15 Apr: Mar 350,000 + 7,000 and Apr 400,000 + 12,000 overdue;
    # 10 Mar → 15 Apr is 21 + 15 = 36 days.
    payments = [pay(FEB, 100_000, 12_000), pay(date(2024, 3, 15), 350_000, 5_000)]
    result = arrears_at(SCHEDULE, payments, date(2024, 4, 15))
    assert (result.overdue_principal, result.overdue_interest) == (D(750_000), D(19_000))
    assert result.dpd == 36


def test_payment_after_as_of_does_not_cure_arrears() -> None:
    result = arrears_at(
        SCHEDULE, [pay(date(2024, 2, 20), 400_000, 12_000)], date(2024, 2, 15)
    )
    assert result.dpd == 5


def test_next_due_is_the_first_unpaid_installment_not_yet_late() -> None:
    states = allocate(SCHEDULE, [pay(date(2024, 2, 11), 0, 12_000)])
    assert next_due(states, date(2024, 2, 11)) == (MAR, D(412_000))


def test_next_due_reports_what_is_left_on_a_part_paid_installment() -> None:
    states = allocate(SCHEDULE, [pay(FEB, 100_000, 12_000)])
    assert next_due(states, FEB) == (FEB, D(300_000))


def test_next_due_is_none_once_everything_is_paid() -> None:
    states = allocate(SCHEDULE, [pay(FEB, 1_200_000, 36_000)])
    assert next_due(states, FEB) is None


def test_collected_on_time_counts_only_what_was_paid_by_each_due_date() -> None:
    # Feb paid on time (412,000); Mar paid 5 days late (nothing on time); Apr half its
    # principal (200,000) by its due date. Fell due: 3 × 412,000 = 1,236,000.
    payments = [
        pay(FEB, 400_000, 12_000),
        pay(date(2024, 3, 15), 400_000, 12_000),
        pay(APR, 200_000, 0),
    ]
    states = allocate(SCHEDULE, payments)
    assert collected_on_time(states, date(2024, 2, 1), date(2024, 4, 30)) == (
        D(612_000),
        D(1_236_000),
    )


def test_collected_on_time_only_counts_installments_due_in_the_period() -> None:
    states = allocate(SCHEDULE, [pay(FEB, 400_000, 12_000)])
    assert collected_on_time(states, date(2024, 3, 1), date(2024, 3, 31)) == (
        D(0),
        D(412_000),
    )


# --- invariants ---------------------------------------------------------------------------


@st.composite
def schedules(draw: st.DrawFn) -> tuple[Installment, ...]:
    term = draw(st.integers(min_value=1, max_value=24))
    terms = Terms(
        principal=D(draw(st.integers(min_value=1, max_value=20_000)) * 1000),
        rate=D(draw(st.integers(min_value=0, max_value=300))) / 100,
        term=term,
        method=draw(st.sampled_from(list(Method))),
        start=draw(st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))),
        rate_period=draw(st.sampled_from(list(RatePeriod))),
        grace=draw(st.integers(min_value=0, max_value=term - 1)),
        rounding_unit=D(draw(st.sampled_from([1, 1000]))),
        rounding=draw(st.sampled_from(list(RoundingMode))),
    )
    return build_schedule(terms)


@settings(max_examples=75)
@given(schedule=schedules(), days_after=st.integers(min_value=0, max_value=800))
def test_a_loan_repaid_per_schedule_is_never_late_and_ends_repaid(
    schedule: tuple[Installment, ...], days_after: int
) -> None:
    payments = [Payment(i.due, i.principal, i.interest) for i in schedule]
    as_of = schedule[0].due + timedelta(days=days_after)
    result = arrears_at(schedule, payments, as_of)
    assert (result.dpd, result.overdue) == (0, D(0))
    assert outstanding_principal(allocate(schedule, payments)) == 0


@settings(max_examples=75)
@given(schedule=schedules(), data=st.data())
def test_principal_never_exceeds_an_installment_before_the_loan_is_repaid(
    schedule: tuple[Installment, ...], data: st.DataObject
) -> None:
    lent = sum(i.principal for i in schedule)
    offsets = st.integers(min_value=-40, max_value=800)
    amounts = st.integers(min_value=0, max_value=int(lent) // 1000 + 1).map(
        lambda k: k * 1000
    )
    payments = data.draw(
        st.lists(
            st.builds(
                lambda day, amount: Payment(
                    schedule[0].due + timedelta(days=day), D(amount), D(0)
                ),
                offsets,
                amounts,
            ),
            max_size=6,
        )
    )
    states = allocate(schedule, payments)
    total = sum(p.principal for p in payments)
    assert sum(s.principal_paid for s in states) == total
    if total <= lent:
        assert all(s.principal_paid <= s.installment.principal for s in states)


@settings(max_examples=75)
@given(schedule=schedules(), data=st.data())
def test_a_payment_within_the_window_prepays_nothing(
    schedule: tuple[Installment, ...], data: st.DataObject
) -> None:
    on = schedule[0].due + timedelta(
        days=data.draw(st.integers(min_value=-30, max_value=800))
    )
    due_by_then = sum(1 for i in schedule if i.due <= on)
    window = schedule[: min(due_by_then + 1, len(schedule))]
    room = int(sum(i.principal for i in window))
    amount = data.draw(st.integers(min_value=0, max_value=room))
    states = allocate(schedule, [Payment(on, D(amount), D(0))])
    assert all(s.principal_paid == 0 for s in states[len(window) :])
    # Oldest first: each installment of the window gets what the older ones left over.
    expected, rest = [], D(amount)
    for installment in window:
        take = min(installment.principal, rest)
        expected.append(take)
        rest -= take
    assert [s.principal_paid for s in states[: len(window)]] == expected


@settings(max_examples=75)
@given(
    schedule=schedules(),
    first=st.integers(min_value=-30, max_value=800),
    later=st.integers(min_value=0, max_value=400),
)
def test_dpd_never_falls_while_nothing_is_paid(
    schedule: tuple[Installment, ...], first: int, later: int
) -> None:
    d1 = schedule[0].due + timedelta(days=first)
    d2 = d1 + timedelta(days=later)
    assert arrears_at(schedule, [], d1).dpd <= arrears_at(schedule, [], d2).dpd


@settings(max_examples=75)
@given(
    schedule=schedules(),
    amount=st.integers(min_value=0, max_value=30_000_000),
    day=st.integers(min_value=-30, max_value=800),
)
def test_split_total_keeps_the_whole_amount(
    schedule: tuple[Installment, ...], amount: int, day: int
) -> None:
    split = split_total(schedule, [], D(amount), schedule[0].due + timedelta(days=day))
    assert split.principal + split.interest == amount
    assert split.principal >= 0
    assert 0 <= split.interest <= sum(i.interest for i in schedule)


@settings(max_examples=75)
@given(schedule=schedules(), data=st.data())
def test_the_columns_and_the_states_of_an_allocation_read_alike(
    schedule: tuple[Installment, ...], data: st.DataObject
) -> None:
    # ``arrears``, ``next_due`` and ``collected_on_time`` read an allocation's columns; given
    # the states ``allocate`` makes, they read those: the figures must be the same, with
    # payments late, early, partial and beyond the whole loan.
    lent = int(sum(i.principal for i in schedule))
    day = st.integers(min_value=-40, max_value=900).map(
        lambda k: schedule[0].due + timedelta(days=k)
    )
    amount = st.integers(min_value=0, max_value=lent // 1000 + 2).map(lambda k: D(k * 1000))
    payments = data.draw(st.lists(st.builds(Payment, day, amount, amount), max_size=8))
    as_of, start, end = data.draw(day), data.draw(day), data.draw(day)
    tolerance = data.draw(st.integers(min_value=0, max_value=10))
    columns = (
        tuple(i.due for i in schedule),
        tuple(i.principal for i in schedule),
        tuple(i.interest for i in schedule),
    )
    allocated = allocation(columns, payments, schedule)
    states = allocate(schedule, payments)
    assert allocated.states() == states
    assert arrears(allocated, as_of, tolerance) == arrears(states, as_of, tolerance)
    assert next_due(allocated, as_of) == next_due(states, as_of)
    assert collected_on_time(allocated, start, end) == collected_on_time(states, start, end)


def test_arrears_of_states_counts_only_due_installments() -> None:
    # Nothing paid, as of 10 Mar: only Feb is late (Mar is due today).
    result = arrears(allocate(SCHEDULE, []), MAR)
    assert (result.overdue_principal, result.dpd) == (D(400_000), 29)
