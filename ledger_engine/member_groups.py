"""Which of the plan's groups a member belongs to: the one classification every figure uses.

Composition (T3), the portfolio's borrowers by group, the roll-up's snapshot and the pages all
count people through ``count_groups``; the age that makes a member *older* is the plan's
(``[t3] older_age``), never a constant here. Poor and near-poor households are two groups:
a report that wants both adds them up itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from ledger_engine.records import FrozenRecord
from ledger_engine.registry import Gender, Household, Member, MemberExit

#: The ethnicity that is not a minority (Vietnam's Kinh majority).
MAJORITY_ETHNICITY = "Kinh"

# The enum members the predicates compare with, read once: looking a member up on its enum
# class (``Gender.F``) costs more than the rest of a predicate, asked of every member for
# every count of a snapshot.
_WOMAN = Gender.F
_POOR = Household.POOR
_NEAR_POOR = Household.NEAR_POOR


def is_active(member: Member, leaving: MemberExit | None, as_of: datetime.date) -> bool:
    """Joined on or before ``as_of`` and no exit on or before it (SPEC §6)."""
    return member.joined <= as_of and (leaving is None or leaving.date > as_of)


def is_woman(member: Member) -> bool:
    return member.gender is _WOMAN


def is_older(member: Member, as_of: datetime.date, older_age: int) -> bool:
    """Aged ``older_age`` or more at ``as_of`` (books keep the year of birth only)."""
    return member.age(as_of) >= older_age


def is_poor(member: Member) -> bool:
    return member.household is _POOR


def is_near_poor(member: Member) -> bool:
    return member.household is _NEAR_POOR


def is_ethnic_minority(member: Member) -> bool:
    return member.ethnicity != MAJORITY_ETHNICITY


class GroupCounts(FrozenRecord):
    """People counted by the plan's groups; ``men`` and ``younger`` complete ``total``."""

    total: int = 0
    women: int = 0
    men: int = 0
    older: int = 0
    younger: int = 0
    poor: int = 0
    near_poor: int = 0
    ethnic_minority: int = 0


def count_groups(
    members: Iterable[Member], as_of: datetime.date, older_age: int
) -> GroupCounts:
    """How many of ``members`` fall in each group at ``as_of``: one pass, each member asked
    each predicate once (a snapshot counts its members and borrowers several times)."""
    total = women = older = poor = near_poor = minority = 0
    for member in members:
        total += 1
        if is_woman(member):
            women += 1
        if is_older(member, as_of, older_age):
            older += 1
        if is_poor(member):
            poor += 1
        if is_near_poor(member):
            near_poor += 1
        if is_ethnic_minority(member):
            minority += 1
    return GroupCounts(
        total=total,
        women=women,
        men=total - women,
        older=older,
        younger=total - older,
        poor=poor,
        near_poor=near_poor,
        ethnic_minority=minority,
    )
