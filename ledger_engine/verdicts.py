"""Whether a club, a unit or the province meets each of the plan's targets: one function each.

Every verdict compares exact counts and amounts (``part >= minimum × whole``), never a rounded
share: a PAR30 of 10.004 % does not pass "at most 10 %". Rounding happens only where a figure
is shown (``share`` gives the four-place share that tables and reasons print).

A ``Verdict`` carries the reasons it is not met, each with the figure that makes it miss, so a
report explains a miss by reading the verdict, never by judging the figures a second time.
Reason keys are the report's words (``why_coverage`` …).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from ledger_engine.member_groups import GroupCounts
from ledger_engine.records import FrozenRecord
from ledger_engine.targets import T3, T4

SHOWN = Decimal("0.0001")


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part / whole`` to four places, for showing only; ``None`` when there is nothing to
    divide. Never compare it with a target: the verdicts below compare exact values."""
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHOWN)


# --- exact comparisons ---------------------------------------------------------------------


def share_at_least(part: Decimal | int, whole: Decimal | int, minimum: Decimal) -> bool:
    """``part / whole >= minimum``, exactly; nothing to divide meets nothing."""
    return whole > 0 and Decimal(part) >= minimum * Decimal(whole)


def share_at_most(part: Decimal | int, whole: Decimal | int, maximum: Decimal) -> bool:
    """``part / whole <= maximum``, exactly; with nothing to divide there is nothing over."""
    return Decimal(part) <= maximum * Decimal(whole)


def share_within(part: int, whole: int, low: Decimal, high: Decimal) -> bool:
    return share_at_least(part, whole, low) and share_at_most(part, whole, high)


def count_within(count: int, low: int, high: int | None) -> bool:
    return count >= low and (high is None or count <= high)


# --- verdicts ------------------------------------------------------------------------------


class Reason(FrozenRecord):
    key: str  # the report's word for it: "why_coverage", "why_par", …
    value: Decimal | int | str | None = None  # the figure shown beside it


class Verdict(FrozenRecord):
    met: bool
    reasons: tuple[Reason, ...] = ()

    def misses(self, key: str) -> bool:
        """Whether the reason ``key`` (e.g. ``why_par``) is among those it is not met."""
        return any(reason.key == key for reason in self.reasons)

    def __bool__(self) -> bool:
        # A verdict is not a flag: ``if verdict`` would always hold. Say ``verdict.met``.
        raise TypeError("use Verdict.met")


def verdict(*misses: Reason | None) -> Verdict:
    """Met when nothing misses; the misses are its reasons."""
    reasons = tuple(r for r in misses if r is not None)
    return Verdict(met=not reasons, reasons=reasons)


def combined(*verdicts: Verdict) -> Verdict:
    return verdict(*(reason for v in verdicts for reason in v.reasons))


def _unless(met: bool, key: str, value: Decimal | int | str | None = None) -> Reason | None:
    return None if met else Reason(key=key, value=value)


class RangeCheck(FrozenRecord):
    """One T3 range: the shown figure against its range, and whether the exact one holds."""

    actual: Decimal | None
    minimum: Decimal
    maximum: Decimal
    met: bool


def t3_checks(people: GroupCounts, t3: T3) -> dict[str, RangeCheck]:
    """T3's ranges: members per club, and the shares of women, older and younger members."""
    n = people.total
    checks = {
        "members": RangeCheck(
            actual=Decimal(n),
            minimum=Decimal(t3.members_min),
            maximum=Decimal(t3.members_max),
            met=count_within(n, t3.members_min, t3.members_max),
        )
    }
    for name, count, low, high in (
        ("women", people.women, t3.women_min, t3.women_max),
        ("older", people.older, t3.older_min, t3.older_max),
        ("younger", people.younger, t3.younger_min, t3.younger_max),
    ):
        checks[name] = RangeCheck(
            actual=share(count, n),
            minimum=low,
            maximum=high,
            met=share_within(count, n, low, high),
        )
    return checks


def t3_verdict(checks: dict[str, RangeCheck]) -> Verdict:
    return verdict(
        *(_unless(check.met, f"why_{name}", check.actual) for name, check in checks.items())
    )


def loan_target(borrowers: int, active: int, t4: T4) -> Verdict:
    """At least ``coverage_min`` of the active members borrow (SPEC §6)."""
    met = share_at_least(borrowers, active, t4.coverage_min)
    return verdict(_unless(met, "why_coverage", share(borrowers, active)))


def borrowers_needed(borrowers: int, active: int, t4: T4) -> int:
    """How many more borrowers the loan target needs: the fewest that meet it, less those
    there are (so ``borrowers_needed == 0`` exactly when ``loan_target`` is met, or no one
    is active)."""
    fewest = (t4.coverage_min * active).to_integral_value(rounding=ROUND_CEILING)
    return max(0, int(fewest) - borrowers)


def activities(missing_areas: tuple[str, ...]) -> Verdict:
    return verdict(_unless(not missing_areas, "why_areas", ", ".join(missing_areas)))


def management(
    meetings: int, error_count: int, at_risk_30: Decimal, glp: Decimal, t4: T4
) -> Verdict:
    """Well managed: enough monthly meetings, books free of errors, PAR30 within the limit."""
    return verdict(
        _unless(meetings >= t4.meetings_min, "why_meetings", meetings),
        _unless(error_count == 0, "why_errors", error_count),
        _unless(
            share_at_most(at_risk_30, glp, t4.par30_max), "why_par", share(at_risk_30, glp)
        ),
    )


def t4_verdict(loan: Verdict, areas: Verdict, managed: Verdict) -> Verdict:
    return combined(loan, areas, managed)


def t5_verdict(igf_balance: Decimal, activity_balance: Decimal) -> Verdict:
    """Both funds exist with a positive balance."""
    return verdict(
        _unless(igf_balance > 0, "why_igf"),
        _unless(activity_balance > 0, "why_activity"),
    )


def t2_verdict(pre_plan: bool, active: int) -> Verdict | None:
    """A club of the earlier period is kept while it has active members; ``None`` for a
    club T2 does not concern."""
    return verdict(_unless(active > 0, "why_inactive")) if pre_plan else None
