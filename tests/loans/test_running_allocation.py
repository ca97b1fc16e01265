"""An allocation carried forward payment by payment splits a total exactly as allocating
every earlier payment again does (the rule of SPEC §3), whatever the loan and payments."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.loans.allocation import (
    Payment,
    RunningAllocation,
    allocate,
    split_total,
)
from ledger_engine.loans.schedule import Installment, Terms, build_schedule
from ledger_engine.registry import Method

START = date(2024, 1, 10)


def _from_scratch(
    schedule: tuple[Installment, ...], before: list[Payment], amount: Decimal, on: date
) -> tuple[Decimal, Decimal]:
    states = allocate(schedule, before)
    window = min(bisect_right([s.due for s in schedule], on) + 1, len(schedule))
    interest = Decimal(0)
    left = amount
    for state in states[:window]:
        if left <= 0:
            break
        take = min(left, state.interest_due)
        interest += take
        left -= take + min(left - take, state.principal_due)
    return amount - interest, interest


@settings(max_examples=60, deadline=None)
@given(
    principal=st.integers(1, 200).map(lambda n: Decimal(n * 100_000)),
    term=st.integers(1, 24),
    method=st.sampled_from(list(Method)),
    rows=st.lists(
        st.tuples(st.integers(0, 800), st.integers(1, 2_000_000)), min_size=1, max_size=40
    ),
)
def test_carried_forward_splits_equal_splits_from_scratch(
    principal: Decimal, term: int, method: Method, rows: list[tuple[int, int]]
) -> None:
    schedule = build_schedule(Terms(principal, Decimal("0.5"), term, method, START))
    running = RunningAllocation(schedule)
    earlier: list[Payment] = []
    for offset, amount in sorted(rows, key=lambda r: r[0]):
        on = START + timedelta(days=offset)
        total = Decimal(amount)
        split = running.split(total, on)
        assert (split.principal, split.interest) == _from_scratch(
            schedule, earlier, total, on
        )
        assert split == split_total(schedule, earlier, total, on)
        payment = Payment(on, split.principal, split.interest)
        running.add(payment)
        earlier.append(payment)
