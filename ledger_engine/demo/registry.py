"""The club's registry directives: the club itself, its loan regulation, its members."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from ledger_engine.demo.club_profiles import ClubPlan
from ledger_engine.demo.entries import Custom, MetaValue, Money
from ledger_engine.demo.geography import Province
from ledger_engine.demo.roster import END, Person
from ledger_engine.registry import LoanPolicy, Method

_POLICY_FIELDS = (
    "max_principal",
    "max_term",
    "rate",
    "method",
    "grace",
    "rounding",
    "tolerance_days",
    "max_active_loans",
    "min_membership_days",
    "interest_to_activity",
)


def policies(rng: random.Random, plan: ClubPlan) -> list[LoanPolicy]:
    """The regulation adopted at founding and, in some clubs, a later revision."""
    first = LoanPolicy(
        date=plan.founded,
        name="standard",
        max_principal=Decimal(rng.choice((7, 8, 10, 10)) * 1_000_000),
        max_term=rng.choice((12, 18, 24, 24)),
        rate=Decimal(rng.choice(("0.4", "0.5", "0.5", "0.5", "0.6"))),
        method=rng.choices(list(Method)[:3], (7, 2, 1))[0],
        rounding=Decimal(1000),
        tolerance_days=rng.choice((0, 0, 5, 7, 10)),
        min_membership_days=rng.choice((30, 60, 90, 90, 90)),
        interest_to_activity=Decimal(rng.choice((20, 25, 30, 30, 40))),
    )
    found = [first]
    if plan.founded.year < END.year and rng.random() < 0.4:
        day = date(rng.randint(plan.founded.year + 1, END.year), 1, 1)
        revised = {
            "date": day,
            "name": f"revised-{day.year}",
            "max_principal": Decimal(10_000_000),
            "max_term": 24,
            "interest_to_activity": first.interest_to_activity + 5,
        }
        found.append(first.model_copy(update=revised))
    return found


def policy_entry(policy: LoanPolicy) -> Custom:
    meta: dict[str, MetaValue] = {}
    for key in _POLICY_FIELDS:
        value = getattr(policy, key)
        if key in ("max_principal", "rounding"):
            meta[key] = Money(int(value))
        elif isinstance(value, Method):
            meta[key] = value.value
        else:
            meta[key] = value
    return Custom(policy.date, "loan-policy", (policy.name,), meta)


def club_entries(plan: ClubPlan, province: Province) -> list[Custom]:
    """The club as founded and, for some, the 2025 merger into Quảng Ngãi (no district)."""
    meta: dict[str, MetaValue] = {
        "name": plan.name,
        "province": province.name,
        "district": plan.district.name,
        "commune": plan.commune,
    }
    entries = [Custom(plan.founded, "club", (plan.code,), meta)]
    merged_on = date.fromisoformat(province.merged_on)
    if plan.merged and plan.founded < merged_on:
        later = {
            "name": plan.name,
            "province": province.merged_into,
            "commune": plan.commune,
        }
        entries.append(Custom(merged_on, "club", (plan.code,), dict(later)))
    return entries


def member_entries(person: Person) -> list[Custom]:
    meta: dict[str, MetaValue] = {
        "gender": person.gender.value,
        "born": person.born,
        "ethnicity": person.ethnicity,
        "household": person.household.value,
    }
    entries = [Custom(person.joined, "member", (person.code, person.name), meta)]
    if person.left is not None and person.reason is not None and person.left <= END:
        entries.append(
            Custom(person.left, "member-exit", (person.code, person.reason.value))
        )
    return entries
