"""Every threshold of the plan, exactly at it and one VND or one member either side.

The thresholds are read from the shipped plan, so the tests follow the data; a plan whose
range does not fall on a whole member for 100 people would make ``_whole`` fail loudly.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger_engine import verdicts
from ledger_engine.member_groups import GroupCounts
from ledger_engine.rollup.tally import Tally
from ledger_engine.targets import load_plan
from reports.plan import indicators

PLAN = load_plan()
T3, T4 = PLAN.t3, PLAN.t4
GLP = Decimal(10_000_000)


def _whole(share: Decimal, of: int) -> int:
    value = share * of
    assert value == value.to_integral_value(), f"{share} of {of} is not a whole number"
    return int(value)


def _people(total: int, women: int = 0, older: int = 0) -> GroupCounts:
    return GroupCounts(total=total, women=women, older=older, younger=total - older)


def _indicator(tally: Tally, key: str, whole_plan: bool = True) -> bool | None:
    return {i.key: i for i in indicators(tally, PLAN, whole_plan=whole_plan)}[key].met


# --- coverage: at least 50 % of active members borrow -----------------------------------


@pytest.mark.parametrize("active", [10, 11, 100, 101])
def test_coverage_boundary(active: int) -> None:
    at = T4.coverage_min * active
    lowest = int(at.to_integral_value(rounding="ROUND_CEILING"))
    assert verdicts.loan_target(lowest, active, T4).met
    assert verdicts.loan_target(lowest + 1, active, T4).met
    missed = verdicts.loan_target(lowest - 1, active, T4)
    assert not missed.met
    assert [r.key for r in missed.reasons] == ["why_coverage"]


def test_coverage_of_a_club_without_members_is_not_met() -> None:
    assert not verdicts.loan_target(0, 0, T4).met


def test_coverage_boundary_for_the_province() -> None:
    at = _whole(T4.coverage_min, 1000)
    assert _indicator(Tally(members=1000, borrowers=at), "t4_coverage") is True
    assert _indicator(Tally(members=1000, borrowers=at + 1), "t4_coverage") is True
    assert _indicator(Tally(members=1000, borrowers=at - 1), "t4_coverage") is False


# --- PAR30 at most 10 % -----------------------------------------------------------------


def _par_ok(at_risk: Decimal) -> bool:
    return not verdicts.management(T4.meetings_min, 0, at_risk, GLP, T4).misses("why_par")


def test_par30_boundary() -> None:
    at = T4.par30_max * GLP
    assert _par_ok(at)
    assert _par_ok(at - 1)
    assert not _par_ok(at + 1)


def test_par30_just_over_the_limit_does_not_pass_on_its_rounded_share() -> None:
    at_risk = Decimal(1_000_400)  # 10.004 %: the four-place share reads 0.1000
    assert verdicts.share(at_risk, GLP) == T4.par30_max
    missed = verdicts.management(T4.meetings_min, 0, at_risk, GLP, T4)
    assert not missed.met
    assert [(r.key, r.value) for r in missed.reasons] == [("why_par", Decimal("0.1000"))]


def test_par30_without_a_portfolio_is_within_the_limit() -> None:
    assert _par_ok(Decimal(0)) and verdicts.share_at_most(0, 0, T4.par30_max)


# --- meetings and book errors -----------------------------------------------------------


def test_meetings_boundary() -> None:
    def managed(meetings: int) -> bool:
        return verdicts.management(meetings, 0, Decimal(0), GLP, T4).met

    assert managed(T4.meetings_min)
    assert managed(T4.meetings_min + 1)
    assert not managed(T4.meetings_min - 1)


def test_one_book_error_is_not_well_managed() -> None:
    missed = verdicts.management(T4.meetings_min, 1, Decimal(0), GLP, T4)
    assert [(r.key, r.value) for r in missed.reasons] == [("why_errors", 1)]


# --- T3 ranges --------------------------------------------------------------------------


def _t3(people: GroupCounts, name: str) -> bool:
    return verdicts.t3_checks(people, T3)[name].met


def test_t3_members_boundaries() -> None:
    for count, met in (
        (T3.members_min - 1, False),
        (T3.members_min, True),
        (T3.members_min + 1, True),
        (T3.members_max - 1, True),
        (T3.members_max, True),
        (T3.members_max + 1, False),
    ):
        assert _t3(_people(count), "members") is met, count


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("women", T3.women_min, T3.women_max),
        ("older", T3.older_min, T3.older_max),
        ("younger", T3.younger_min, T3.younger_max),
    ],
)
def test_t3_share_boundaries(name: str, low: Decimal, high: Decimal) -> None:
    total = 100
    for count, met in (
        (_whole(low, total) - 1, False),
        (_whole(low, total), True),
        (_whole(low, total) + 1, True),
        (_whole(high, total) - 1, True),
        (_whole(high, total), True),
        (_whole(high, total) + 1, False),
    ):
        people = {
            "women": _people(total, women=count),
            "older": _people(total, older=count),
            "younger": _people(total, older=total - count),
        }[name]
        assert _t3(people, name) is met, (name, count)


def test_t3_share_just_outside_is_not_met_though_it_rounds_inside() -> None:
    # 6,001 older of 10,000 is 60.01 %; 7,001 is 70.01 %, which shows as 0.7001.
    assert _t3(_people(10_000, older=7_000), "older")
    assert not _t3(_people(10_000, older=7_001), "older")
    assert not _t3(_people(100_000, older=70_001), "older")  # 0.70001 shows as 0.7000


def test_t3_verdict_reasons_name_every_range_missed() -> None:
    people = _people(T3.members_min - 1, women=0, older=0)
    reasons = verdicts.t3_verdict(verdicts.t3_checks(people, T3)).reasons
    assert [r.key for r in reasons] == [
        "why_members",
        "why_women",
        "why_older",
        "why_younger",
    ]


# --- T4: 70 % of clubs ------------------------------------------------------------------


def test_t4_clubs_share_boundary() -> None:
    clubs = 10
    at = _whole(T4.clubs_share_min, clubs)
    for t4_clubs, met in ((at - 1, False), (at, True), (at + 1, True)):
        tally = Tally(clubs=clubs, t4_clubs=t4_clubs)
        assert _indicator(tally, "t4_clubs") is met, t4_clubs


def test_t4_clubs_share_just_under_does_not_round_up() -> None:
    # 6,999 of 10,000 clubs is 69.99 %: under 70 %, though it shows as 0.6999.
    assert _indicator(Tally(clubs=100_000, t4_clubs=69_999), "t4_clubs") is False


# --- T5: both funds with a positive balance ---------------------------------------------


def test_t5_positive_balances_boundary() -> None:
    one = Decimal(1)
    assert verdicts.t5_verdict(one, one).met
    for igf, activity, why in (
        (Decimal(0), one, ["why_igf"]),
        (Decimal(-1), one, ["why_igf"]),
        (one, Decimal(0), ["why_activity"]),
        (one, Decimal(-1), ["why_activity"]),
    ):
        missed = verdicts.t5_verdict(igf, activity)
        assert not missed.met and [r.key for r in missed.reasons] == why


def test_t5_clubs_share_boundary() -> None:
    clubs = 20
    at = _whole(PLAN.t5.clubs_share_min, clubs)
    assert _indicator(Tally(clubs=clubs, t5_clubs=at), "t5_clubs") is True
    assert _indicator(Tally(clubs=clubs, t5_clubs=at - 1), "t5_clubs") is False


# --- T1 and T2 counts -------------------------------------------------------------------


def test_t1_and_t2_count_boundaries() -> None:
    t1 = PLAN.t1
    for members, met in (
        (t1.members_min - 1, False),
        (t1.members_min, True),
        (t1.members_max, True),
        (t1.members_max + 1, False),
    ):
        assert _indicator(Tally(new_club_members=members), "t1_members") is met
    for clubs, met in ((t1.new_clubs_min - 1, False), (t1.new_clubs_min, True)):
        assert _indicator(Tally(new_clubs=clubs), "t1_new_clubs") is met
    for kept, met in ((PLAN.t2.clubs - 1, False), (PLAN.t2.clubs, True)):
        assert _indicator(Tally(kept_clubs=kept), "t2_kept") is met


def test_t1_and_t2_are_judged_for_the_whole_plan_only() -> None:
    assert _indicator(Tally(new_clubs=100), "t1_new_clubs", whole_plan=False) is None


# --- a verdict is not a flag ------------------------------------------------------------


def test_a_verdict_cannot_be_read_as_a_flag() -> None:
    with pytest.raises(TypeError):
        bool(verdicts.Verdict(met=False))


@given(st.integers(0, 500), st.integers(0, 500))
def test_met_exactly_when_there_is_no_reason(borrowers: int, active: int) -> None:
    found = verdicts.loan_target(borrowers, active, T4)
    assert found.met is (not found.reasons)
    exact = active > 0 and Fraction(borrowers, active) >= Fraction(T4.coverage_min)
    assert found.met is exact


@given(st.integers(0, 300), st.integers(0, 300))
def test_borrowers_needed_is_zero_exactly_when_the_loan_target_is_met(
    borrowers: int, active: int
) -> None:
    needed = verdicts.borrowers_needed(borrowers, active, T4)
    assert (needed == 0) is (verdicts.loan_target(borrowers, active, T4).met or active == 0)
    if needed:
        assert verdicts.loan_target(borrowers + needed, active, T4).met
        assert not verdicts.loan_target(borrowers + needed - 1, active, T4).met
