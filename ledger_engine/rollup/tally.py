"""Counts and amounts that add up: a club's, a commune's, a province's.

A ``Tally`` holds only sums; every ratio is a property computed from them, so a district's
coverage is its borrowers over its members — never an average of its clubs' percentages.
"""

from __future__ import annotations

from decimal import Decimal

from ledger_engine.composition import share
from ledger_engine.records import FrozenRecord, computed
from ledger_engine.rollup.snapshot import Basis, ClubSnapshot, Cohort

ZERO = Decimal(0)


class Tally(FrozenRecord):
    clubs: int = 0
    failed: int = 0
    with_errors: int = 0
    members: int = 0
    women: int = 0
    older: int = 0
    poor: int = 0
    near_poor: int = 0
    ethnic_minority: int = 0
    borrowers: int = 0
    borrowers_women: int = 0
    borrowers_older: int = 0
    borrowers_poor: int = 0
    borrowers_near_poor: int = 0
    borrowers_ethnic_minority: int = 0
    meeting_target: int = 0
    # T1: the clubs founded within the plan's period, and their members.
    new_clubs: int = 0
    new_club_members: int = 0
    new_club_older: int = 0
    # T2: the clubs founded before the plan, their members, and those kept (still active).
    earlier_clubs: int = 0
    earlier_club_members: int = 0
    earlier_club_older: int = 0
    kept_clubs: int = 0
    t3_clubs: int = 0
    all_activities: int = 0
    well_managed: int = 0
    t4_clubs: int = 0
    t5_clubs: int = 0
    glp: Decimal = ZERO
    at_risk_30: Decimal = ZERO
    collected_on_time: Decimal = ZERO
    fell_due: Decimal = ZERO
    igf_cash: Decimal = ZERO
    igf_loans: Decimal = ZERO
    activity_fund: Decimal = ZERO
    borrowers_needed: int = 0
    self_funded_clubs: int = 0

    def __add__(self, other: Tally) -> Tally:
        # Sums of valid sums need no validation; construct keeps large roll-ups quick.
        return Tally.model_construct(
            **{name: getattr(self, name) + getattr(other, name) for name in _FIELDS}
        )

    # Ratios: a club whose book cannot be read counts among the clubs and meets no target.

    @computed
    def coverage(self) -> Decimal | None:
        return share(self.borrowers, self.members)

    @computed
    def meeting_target_share(self) -> Decimal | None:
        return share(self.meeting_target, self.clubs)

    @computed
    def women_share(self) -> Decimal | None:
        return share(self.women, self.members)

    @computed
    def older_share(self) -> Decimal | None:
        return share(self.older, self.members)

    @computed
    def par30(self) -> Decimal | None:
        return share(self.at_risk_30, self.glp)

    @computed
    def collection_rate(self) -> Decimal | None:
        return share(self.collected_on_time, self.fell_due)

    def clubs_share(self, count: int) -> Decimal | None:
        return share(count, self.clubs)


_FIELDS = tuple(Tally.model_fields)


def tally_of(snapshot: ClubSnapshot, basis: Basis) -> Tally:
    """One club's contribution to every total."""
    figures = snapshot.figures
    if figures is None:
        return Tally(clubs=1, failed=1)
    mine = figures.coverage[basis]
    people, lent = figures.composition, mine.borrowers
    targets, portfolio, funds = figures.targets, figures.portfolio, figures.funds
    new, earlier = targets.t1_new_club, figures.cohort is Cohort.PRE_PLAN
    return Tally(
        clubs=1,
        with_errors=int(figures.error_count > 0),
        members=people.active,
        women=people.women,
        older=people.older,
        poor=people.poor,
        near_poor=people.near_poor,
        ethnic_minority=people.ethnic_minority,
        borrowers=lent.total,
        borrowers_women=lent.women,
        borrowers_older=lent.older,
        borrowers_poor=lent.poor,
        borrowers_near_poor=lent.near_poor,
        borrowers_ethnic_minority=lent.ethnic_minority,
        meeting_target=int(mine.meets_target),
        new_clubs=int(new),
        new_club_members=people.active if new else 0,
        new_club_older=people.older if new else 0,
        earlier_clubs=int(earlier),
        earlier_club_members=people.active if earlier else 0,
        earlier_club_older=people.older if earlier else 0,
        kept_clubs=int(targets.t2_kept),
        t3_clubs=int(targets.t3.met),
        all_activities=int(targets.runs_all_activities),
        well_managed=int(targets.well_managed),
        t4_clubs=int(mine.t4.met),
        t5_clubs=int(targets.t5.met),
        glp=portfolio.glp,
        at_risk_30=portfolio.at_risk_30,
        collected_on_time=portfolio.collected_on_time,
        fell_due=portfolio.fell_due,
        igf_cash=funds.igf_cash,
        igf_loans=funds.igf_loans,
        activity_fund=funds.activity_fund,
        borrowers_needed=mine.gap.borrowers_needed,
        self_funded_clubs=int(mine.gap.borrowers_needed > 0 and mine.gap.self_funded),
    )
