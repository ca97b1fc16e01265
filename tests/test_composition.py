"""Invariants of the composition over random member registries and dates."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.composition import compose
from ledger_engine.registry import ExitReason, Gender, Household, Member, MemberExit
from ledger_engine.targets import load_plan

T3 = load_plan().t3
dates = st.dates(datetime.date(2010, 1, 1), datetime.date(2030, 12, 31))


@st.composite
def registries(draw: st.DrawFn) -> tuple[list[Member], list[MemberExit]]:
    count = draw(st.integers(0, 40))
    members, exits = [], []
    for i in range(count):
        joined = draw(dates)
        members.append(
            Member(
                date=joined,
                code=f"M{i:03d}",
                name=f"Thành viên {i}",
                gender=draw(st.sampled_from(Gender)),
                born=draw(st.integers(1930, 2005)),
                ethnicity=draw(st.sampled_from(["Kinh", "Xơ Đăng", "Ba Na"])),
                household=draw(st.sampled_from(Household)),
            )
        )
        if draw(st.booleans()):
            left = joined + datetime.timedelta(days=draw(st.integers(0, 3000)))
            exits.append(
                MemberExit(
                    date=left, code=f"M{i:03d}", reason=draw(st.sampled_from(ExitReason))
                )
            )
    return members, exits


@settings(max_examples=80, deadline=None)
@given(registries(), dates)
def test_counts_add_up(
    registry: tuple[list[Member], list[MemberExit]], as_of: datetime.date
) -> None:
    members, exits = registry
    result = compose(members, exits, as_of, T3)
    joined = sum(1 for m in members if m.joined <= as_of)
    assert 0 <= result.active <= joined <= len(members)
    assert result.women + result.men == result.active
    assert result.older + result.younger == result.active
    assert sum(result.by_ethnicity.values()) == result.active
    assert result.poor + result.near_poor <= result.active
    assert result.ethnic_minority == result.active - result.by_ethnicity.get("Kinh", 0)


@settings(max_examples=80, deadline=None)
@given(registries(), dates)
def test_active_members_have_joined_and_not_left(
    registry: tuple[list[Member], list[MemberExit]], as_of: datetime.date
) -> None:
    members, exits = registry
    left = {e.code: e.date for e in exits}
    active = [
        m
        for m in members
        if m.joined <= as_of and (m.code not in left or left[m.code] > as_of)
    ]
    result = compose(members, exits, as_of, T3)
    assert result.active == len(active)
    assert result.women == sum(1 for m in active if m.gender is Gender.F)
