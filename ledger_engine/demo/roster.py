"""A club's members over its life: who joins when, who they are, who leaves and why.

Most members join at the founding meeting; others join at later meetings while the club is
below its size, and some leave each year (older members die more often than younger ones,
some move away, a few withdraw). Composition follows the club's profile: the share of women,
and of members aged 60 or more at the end of 2025.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

from ledger_engine.demo.club_profiles import ClubPlan
from ledger_engine.demo.geography import District
from ledger_engine.demo.names import person_name, pick
from ledger_engine.registry import ExitReason, Gender, Household

END = date(2025, 12, 31)
#: Monthly chance of leaving, by reason; the first figure is for members aged 60 or more.
HAZARDS = (
    (ExitReason.DECEASED, 0.0016, 0.0002),
    (ExitReason.MOVED, 0.0006, 0.0010),
    (ExitReason.WITHDREW, 0.0006, 0.0008),
)


@dataclass(frozen=True, slots=True)
class Person:
    code: str
    name: str
    gender: Gender
    born: int
    ethnicity: str
    household: Household
    joined: date
    left: date | None = None
    reason: ExitReason | None = None

    def active(self, day: date) -> bool:
        return self.joined <= day and (self.left is None or self.left > day)


def months(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) from ``start``'s month to ``end``'s, inclusive."""
    first = start.year * 12 + start.month - 1
    last = end.year * 12 + end.month - 1
    return [(k // 12, k % 12 + 1) for k in range(first, last + 1)]


def _household(rng: random.Random, district: District) -> Household:
    draw = rng.random()
    if draw < district.poor_share * 0.55:
        return Household.POOR
    if draw < district.poor_share:
        return Household.NEAR_POOR
    return Household.NONE


def _name(rng: random.Random, ethnicity: str, gender: Gender, taken: set[str]) -> str:
    """A name nobody in the club has yet, while the village's names last."""
    for _ in range(20):
        name = person_name(rng, ethnicity, gender)
        if name not in taken:
            break
    taken.add(name)
    return name


def _person(
    rng: random.Random, plan: ClubPlan, code: str, joined: date, taken: set[str]
) -> Person:
    profile = plan.profile
    gender = Gender.F if rng.random() < profile.women else Gender.M
    if rng.random() < profile.older:
        born = rng.randint(1938, 1965)
    else:
        born = rng.randint(1966, min(1995, joined.year - 20))
    ethnicity = plan.people if rng.random() < 0.8 else pick(rng, plan.district.peoples)
    return Person(
        code=code,
        name=_name(rng, ethnicity, gender, taken),
        gender=gender,
        born=born,
        ethnicity=ethnicity,
        household=_household(rng, plan.district),
        joined=joined,
    )


def _leave(rng: random.Random, person: Person, year: int, month: int) -> Person:
    older = year - person.born >= 60
    for reason, old_rate, young_rate in HAZARDS:
        if rng.random() < (old_rate if older else young_rate):
            day = date(year, month, rng.randint(1, 28))
            if day > person.joined:
                return replace(person, left=day, reason=reason)
    return person


def build_roster(rng: random.Random, plan: ClubPlan) -> list[Person]:
    """Every member the club ever has up to the end of 2025, in order of their codes."""
    size = plan.profile.size
    people: list[Person] = []
    taken: set[str] = set()
    founders = round(size * rng.uniform(0.75, 0.95))
    for _ in range(founders):
        people.append(_person(rng, plan, f"M{len(people) + 1:03d}", plan.founded, taken))
    for year, month in months(plan.founded, END)[1:]:
        meeting = date(year, month, plan.meeting_day)
        people = [p if p.left else _leave(rng, p, year, month) for p in people]
        active = sum(1 for p in people if p.active(meeting))
        gap = round(size * rng.uniform(0.95, 1.02)) - active
        if gap > 0 and rng.random() < 0.5:
            for _ in range(rng.randint(1, max(1, gap // 2))):
                code = f"M{len(people) + 1:03d}"
                people.append(_person(rng, plan, code, meeting, taken))
    return people
