"""A club's composition at a date and the plan's T3 checks (SPEC §1, §6). Pure."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict

from ledger_engine.registry import Gender, Household, Member, MemberExit
from ledger_engine.targets import T3

MAJORITY_ETHNICITY = "Kinh"


def year_before(as_of: datetime.date) -> datetime.date:
    """Start (exclusive) of "the year up to ``as_of``": after this date, on or before ``as_of``."""
    return as_of - relativedelta(years=1)


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part / whole`` to four places (a share as reports show it); ``None`` when there is
    nothing to divide."""
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))


class Check(BaseModel):
    """One target checked: the actual figure against its range, and whether it holds."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actual: Decimal | None
    minimum: Decimal
    maximum: Decimal
    met: bool


class Composition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    as_of: datetime.date
    active: int
    women: int
    men: int
    older: int
    younger: int
    poor: int
    near_poor: int
    ethnic_minority: int
    by_ethnicity: dict[str, int]
    joined_last_year: int
    exited_last_year: int
    t3: dict[str, Check]

    @property
    def t3_met(self) -> bool:
        return all(check.met for check in self.t3.values())


def _check(actual: Decimal | None, low: Decimal, high: Decimal) -> Check:
    met = actual is not None and low <= actual <= high
    return Check(actual=actual, minimum=low, maximum=high, met=met)


def is_active(member: Member, exits: dict[str, MemberExit], as_of: datetime.date) -> bool:
    leaving = exits.get(member.code)
    return member.joined <= as_of and (leaving is None or leaving.date > as_of)


def compose(
    members: Iterable[Member],
    exits: Iterable[MemberExit],
    as_of: datetime.date,
    targets: T3,
) -> Composition:
    """Count the club's active members by group at ``as_of`` and check T3."""
    exit_of = {e.code: e for e in exits}
    everyone = list(members)
    active = [m for m in everyone if is_active(m, exit_of, as_of)]
    since = year_before(as_of)
    women = sum(1 for m in active if m.gender is Gender.F)
    older = sum(1 for m in active if m.age(as_of) >= targets.older_age)
    n = len(active)
    t3 = {
        "members": _check(
            Decimal(n), Decimal(targets.members_min), Decimal(targets.members_max)
        ),
        "women": _check(share(women, n), targets.women_min, targets.women_max),
        "older": _check(share(older, n), targets.older_min, targets.older_max),
        "younger": _check(share(n - older, n), targets.younger_min, targets.younger_max),
    }
    return Composition(
        as_of=as_of,
        active=n,
        women=women,
        men=n - women,
        older=older,
        younger=n - older,
        poor=sum(1 for m in active if m.household is Household.POOR),
        near_poor=sum(1 for m in active if m.household is Household.NEAR_POOR),
        ethnic_minority=sum(1 for m in active if m.ethnicity != MAJORITY_ETHNICITY),
        by_ethnicity=dict(sorted(Counter(m.ethnicity for m in active).items())),
        joined_last_year=sum(1 for m in everyone if since < m.joined <= as_of),
        exited_last_year=sum(1 for e in exit_of.values() if since < e.date <= as_of),
        t3=t3,
    )
