"""A club's composition at a date and the plan's T3 checks (SPEC §1, §6). Pure."""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

from ledger_engine.member_groups import count_groups, is_active
from ledger_engine.records import FrozenRecord
from ledger_engine.registry import Member, MemberExit
from ledger_engine.targets import T3
from ledger_engine.verdicts import RangeCheck, Verdict, share, t3_checks, t3_verdict

__all__ = ["Check", "Composition", "compose", "share", "year_before"]

#: One T3 range checked (kept under its old name for the pages).
Check = RangeCheck


@functools.lru_cache(maxsize=64)
def year_before(as_of: datetime.date) -> datetime.date:
    """Start (exclusive) of "the year up to ``as_of``": after this date, on or before ``as_of``."""
    return as_of - relativedelta(years=1)


class Composition(FrozenRecord):
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
    t3_verdict: Verdict

    @property
    def t3_met(self) -> bool:
        return self.t3_verdict.met


def compose(
    members: Iterable[Member],
    exits: Iterable[MemberExit],
    as_of: datetime.date,
    targets: T3,
) -> Composition:
    """Count the club's active members by group at ``as_of`` and check T3."""
    exit_of = {e.code: e for e in exits}
    everyone = list(members)
    active = [m for m in everyone if is_active(m, exit_of.get(m.code), as_of)]
    since = year_before(as_of)
    people = count_groups(active, as_of, targets.older_age)
    checks = t3_checks(people, targets)
    return Composition(
        as_of=as_of,
        active=people.total,
        women=people.women,
        men=people.men,
        older=people.older,
        younger=people.younger,
        poor=people.poor,
        near_poor=people.near_poor,
        ethnic_minority=people.ethnic_minority,
        by_ethnicity=dict(sorted(Counter(m.ethnicity for m in active).items())),
        joined_last_year=sum(1 for m in everyone if since < m.joined <= as_of),
        exited_last_year=sum(1 for e in exit_of.values() if since < e.date <= as_of),
        t3=checks,
        t3_verdict=t3_verdict(checks),
    )
