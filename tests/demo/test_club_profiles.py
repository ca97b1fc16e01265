"""The demo province's plan and people: cohorts, districts, composition, weak clubs."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.ascii_text import ascii_fold
from ledger_engine.demo.club_profiles import plan_province, split_counts
from ledger_engine.demo.geography import KON_TUM
from ledger_engine.demo.names import HIGHLAND, person_name
from ledger_engine.demo.roster import END, build_roster
from ledger_engine.registry import Gender

PLAN = plan_province(KON_TUM, 72, None, 327)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 500), st.lists(st.integers(1, 20), min_size=1, max_size=12))
def test_split_counts_shares_out_the_whole(total: int, weights: list[int]) -> None:
    counts = split_counts(total, weights)
    assert sum(counts) == total
    assert all(
        abs(c - total * w / sum(weights)) < 1 for c, w in zip(counts, weights, strict=True)
    )


def test_the_plans_province_has_22_clubs_from_before_2021_and_50_after() -> None:
    founded = [p.founded for p in PLAN]
    assert sum(1 for d in founded if date(2016, 1, 1) <= d < date(2021, 1, 1)) == 22
    assert sum(1 for d in founded if date(2021, 1, 1) <= d <= END) == 50


def test_every_district_has_clubs_with_codes_in_founding_order() -> None:
    by_district: dict[str, list[tuple[str, date]]] = {}
    for plan in PLAN:
        by_district.setdefault(plan.district.code, []).append((plan.code, plan.founded))
    assert len(by_district) == len(KON_TUM.districts)
    for clubs in by_district.values():
        assert clubs == sorted(clubs)
        assert [d for _, d in clubs] == sorted(d for _, d in clubs)


def test_a_single_club_spans_the_whole_decade() -> None:
    (only,) = plan_province(KON_TUM, 1, None, 5)
    assert only.founded < date(2016, 4, 1)


def test_club_titles_are_unique_ascii() -> None:
    titles = [p.title for p in PLAN]
    assert len(set(titles)) == len(titles)
    assert all(t.isascii() for t in titles)


def test_some_clubs_are_set_up_to_miss_each_target() -> None:
    misses = {m for plan in PLAN for m in plan.profile.misses}
    assert misses == {"coverage", "composition", "par", "management"}
    well_run = sum(1 for plan in PLAN if not plan.profile.misses)
    assert 0.5 * len(PLAN) <= well_run < len(PLAN)


def test_province_members_are_mostly_women_and_older() -> None:
    people = [p for plan in PLAN for p in build_roster(random.Random(plan.seed), plan)]
    active = [p for p in people if p.active(END)]
    women = sum(1 for p in active if p.gender is Gender.F) / len(active)
    older = sum(1 for p in active if END.year - p.born >= 60) / len(active)
    assert 0.55 <= women <= 0.72
    assert 0.55 <= older <= 0.72


def test_some_members_leave_for_each_reason() -> None:
    people = [p for plan in PLAN[:20] for p in build_roster(random.Random(plan.seed), plan)]
    reasons = {p.reason.value for p in people if p.reason is not None}
    assert reasons == {"moved", "deceased", "withdrew"}


def test_highland_names_lead_with_a_or_y_by_gender() -> None:
    rng = random.Random(1)
    for people in sorted(HIGHLAND):
        assert person_name(rng, people, Gender.F).startswith("Y ")
        assert person_name(rng, people, Gender.M).startswith("A ")


def test_kinh_women_carry_a_middle_name() -> None:
    rng = random.Random(2)
    names = [person_name(rng, "Kinh", Gender.F) for _ in range(50)]
    assert all(len(n.split()) == 3 for n in names)
    assert sum(1 for n in names if n.split()[1] == "Thị") > 30


def test_title_folds_vietnamese_marks() -> None:
    plan = next(p for p in PLAN if "Đ" in p.commune or "đ" in p.commune)
    assert plan.title == ascii_fold(plan.title)
    assert "D" in plan.title
