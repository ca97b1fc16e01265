"""A club at a date, as every roll-up and report sees it: one frozen, JSON-able record.

A ``ClubSnapshot`` is taken from one book (``take_snapshot`` in ``ledger_engine.rollup.figures``)
and holds counts and amounts, never an average: every ratio of a commune, district or province
is recomputed from the counts of its clubs. Figures that depend on how a "borrowing member" is
counted are kept for each basis of SPEC §6, so one snapshot serves every ``--basis``.

A book that cannot be read still has a snapshot: ``failed`` says why and ``figures`` is empty,
so the club is named in every report instead of silently missing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from enum import StrEnum

from ledger_engine.composition import Composition
from ledger_engine.member_groups import GroupCounts
from ledger_engine.records import FrozenRecord
from ledger_engine.rollup.capital import CapitalReceived
from ledger_engine.rollup.trace import ClubTrace
from ledger_engine.verdicts import Verdict

#: Bumped whenever the snapshot's shape or meaning changes (the cache's key also holds a
#: digest of the code, so a changed figure is never served from an older build either).
SCHEMA_VERSION = 3


class Basis(StrEnum):
    """Who counts as a borrowing member at d (SPEC §6)."""

    RECENT = "recent"  # disbursement in the year up to d, or a loan outstanding at d
    OUTSTANDING = "outstanding"  # a loan outstanding at d
    EVER = "ever"  # any disbursement since joining, up to d


DEFAULT_BASIS = Basis.RECENT


class Cohort(StrEnum):
    """When the club was founded, against the plan's period."""

    PRE_PLAN = "pre-plan"  # before the plan (T2: the clubs to keep)
    PLAN = "plan"  # within the plan's period (T1: new clubs)
    POST_PLAN = "post-plan"


class Units(FrozenRecord):
    """Administrative units of a club; ``None`` where a level does not exist (or no more)."""

    province: str | None = None
    district: str | None = None
    commune: str | None = None


class DatedUnits(FrozenRecord):
    """The units a ``custom "club"`` entry states, from its date on."""

    date: datetime.date
    units: Units


class Gap(FrozenRecord):
    """What stands between the club and the loan target, and whether its own fund closes it."""

    borrowers_needed: int
    idle_cash: Decimal
    loan_size: Decimal | None
    loan_size_from_policy: bool
    loans_fundable: int
    self_funded: bool


class BasisFigures(FrozenRecord):
    """Everything that depends on the basis of "borrowing member"."""

    borrowers: GroupCounts
    coverage: Decimal | None  # shown only; ``loan_target`` is judged on the counts
    loan_target: Verdict  # coverage at least the plan's minimum
    t4: Verdict
    gap: Gap

    @property
    def meets_target(self) -> bool:
        return self.loan_target.met


class Funds(FrozenRecord):
    """Fund balances at the end of the as-of date."""

    igf_cash: Decimal  # Assets:IGF:Cash + Assets:IGF:Bank
    igf_loans: Decimal  # the fund's money out on loans: GLP, from the loans view
    activity_fund: Decimal  # Assets:Activity:*


class Portfolio(FrozenRecord):
    """Portfolio figures of SPEC §5, kept as amounts so that they add up across clubs."""

    loans_outstanding: int  # how many loans have principal outstanding
    glp: Decimal
    at_risk_30: Decimal
    par30: Decimal | None  # shown only; verdicts compare at_risk_30 with glp
    collected_on_time: Decimal
    fell_due: Decimal
    collection_rate: Decimal | None
    loans_disbursed_to_date: int  # every loan disbursed on or before the date
    median_loan: Decimal | None


class Targets(FrozenRecord):
    """The plan's verdicts on this club; T4 depends on the basis (see ``coverage``).

    ``t1_new_club`` is the club's cohort, not a verdict: T1 is judged for the province.
    ``t2`` is ``None`` for a club T2 does not concern (one founded within the plan or after).
    """

    t1_new_club: bool
    t2: Verdict | None
    t3: Verdict
    activities: Verdict  # every required activity area in the year up to the date
    management: Verdict  # meetings, books free of errors, PAR30
    t5: Verdict

    @property
    def t2_kept(self) -> bool:
        return self.t2 is not None and self.t2.met

    @property
    def runs_all_activities(self) -> bool:
        return self.activities.met

    @property
    def well_managed(self) -> bool:
        return self.management.met


class ClubFigures(FrozenRecord):
    code: str
    name: str
    units: Units
    founded: datetime.date
    cohort: Cohort
    composition: Composition
    coverage: dict[Basis, BasisFigures]
    funds: Funds
    portfolio: Portfolio
    activity_areas: tuple[str, ...]
    missing_areas: tuple[str, ...]
    meetings: int
    error_count: int
    errors: tuple[str, ...]
    targets: Targets
    # Added for the province's reports: when the book was last written, every units entry
    # (a report may use another date's units), capital received, the people and loans behind
    # the counts.
    last_entry: datetime.date | None = None
    unit_history: tuple[DatedUnits, ...] = ()
    capital: tuple[CapitalReceived, ...] = ()
    trace: ClubTrace = ClubTrace()

    def units_at(self, day: datetime.date) -> Units:
        """The units in force on ``day``: the latest entry up to it (the first before any)."""
        history = sorted(self.unit_history, key=lambda d: d.date)
        if not history:
            return self.units
        found = history[0].units
        for dated in history:
            if dated.date <= day:
                found = dated.units
        return found


class ClubSnapshot(FrozenRecord):
    path: str
    as_of: datetime.date
    failed: str | None = None
    figures: ClubFigures | None = None

    @property
    def label(self) -> str:
        """How reports name the club: its code and name, else its file."""
        if self.figures is None:
            return self.path
        return f"{self.figures.code} {self.figures.name}"

    def basis(self, basis: Basis) -> BasisFigures | None:
        return self.figures.coverage[basis] if self.figures else None
