"""The plan's half-year and yearly report: T1–T5 for the province and each district.

``build_plan_report`` is pure: club snapshots at the report date in, a ``PlanReport`` out —
target against actual at each level, the clubs that miss each target and why, portfolio and
fund figures, the gap plan (which clubs need how many more borrowers, and which can lend
to them from their own idle cash), the books to chase, the capital received, and the members
and loans behind every club's figures. Targets come from the plan's data, never from code.
Every club is placed in one set of units (``reports.report_units``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ledger_engine.freshness import LATE_AFTER_DAYS
from ledger_engine.records import FrozenRecord
from ledger_engine.rollup import (
    DEFAULT_BASIS,
    Basis,
    ClubRow,
    ClubSnapshot,
    Level,
    Tally,
    UnitsMap,
    roll_up,
)
from ledger_engine.rollup.units import IDENTITY
from ledger_engine.targets import Plan
from ledger_engine.verdicts import Reason, count_within, share, share_at_least
from reports.coverage import ClubLine, SkippedFile, club_line
from reports.drilldown import ClubDrilldown, club_drilldown
from reports.late_books import LateBook, count_behind, late_books
from reports.mobilisation import CapitalLine, capital_lines
from reports.report_units import UnitsStatement, place_clubs

ONE = Decimal(1)


class Kind(StrEnum):
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"


def report_date(plan: Plan, kind: Kind, year: int) -> datetime.date:
    """The report's as-of date in ``year``: the plan's "MM-DD" for the kind of report."""
    month_day = (
        plan.plan.semiannual_as_of if kind is Kind.SEMIANNUAL else plan.plan.annual_as_of
    )
    month, day = (int(part) for part in month_day.split("-"))
    return datetime.date(year, month, day)


class Indicator(FrozenRecord):
    key: str
    target: str  # "T1" … "T5"
    actual: Decimal | None
    is_share: bool
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    met: bool | None = None  # None: the plan sets no target at this level


class LevelSummary(FrozenRecord):
    level: Level
    province: str | None
    name: str | None
    figures: Tally
    indicators: tuple[Indicator, ...]
    books_behind: int = 0  # late, with errors or unreadable: counted apart
    clubs: tuple[str, ...] = ()  # codes (or files) of the unit's clubs


class Miss(FrozenRecord):
    target: str
    club: str
    district: str | None
    reasons: tuple[Reason, ...]


class GapLine(FrozenRecord):
    club: str
    name: str
    district: str | None
    commune: str | None
    members: int
    borrowers: int
    coverage: Decimal | None
    needed: int
    idle_cash: Decimal
    loan_size: Decimal | None
    loan_size_from_policy: bool
    loans_fundable: int
    self_funded: bool


class PlanStatement(FrozenRecord):
    code: str
    province: str
    period_start: datetime.date
    period_end: datetime.date
    file: str | None  # None: the plan shipped with the package
    covers: bool  # False: no plan covers the report date; this one lends its definitions


@dataclass(frozen=True)
class ReportOptions:
    basis: Basis = DEFAULT_BASIS
    units_map: UnitsMap = IDENTITY
    units_map_name: str | None = None
    late_after_days: int = LATE_AFTER_DAYS
    with_names: bool = False
    plan_file: str | None = None
    plan_covers: bool = True
    plan_units: bool = True  # use the plan's units day, if it names one
    skipped: tuple[SkippedFile, ...] = ()  # files in the folders that are not club books


class PlanReport(FrozenRecord):
    kind: Kind
    year: int
    as_of: datetime.date
    plan_code: str
    plan_province: str
    plan: PlanStatement
    units: UnitsStatement
    unit_level: Level  # district, or commune where districts no longer exist
    basis: Basis
    coverage_min: Decimal
    par30_max: Decimal
    late_after_days: int
    with_names: bool
    province: LevelSummary
    districts: tuple[LevelSummary, ...]
    clubs: tuple[ClubLine, ...]
    misses: tuple[Miss, ...]
    gap_plan: tuple[GapLine, ...]
    late_books: tuple[LateBook, ...]
    capital: tuple[CapitalLine, ...]
    drilldown: tuple[ClubDrilldown, ...]
    skipped: tuple[SkippedFile, ...] = ()  # files in the folders that are not club books


def indicators(tally: Tally, plan: Plan, *, whole_plan: bool) -> tuple[Indicator, ...]:
    """T1–T5 of one level; T1 and T2 are the province's totals, judged only for the whole.

    T1 counts the clubs founded within the plan's period and their members; T2 the clubs
    founded before it that are kept. Every "met" compares exact counts (``ledger_engine.verdicts``);
    ``actual`` is the figure shown.
    """

    def count(key: str, target: str, actual: int, low: int, high: int | None) -> Indicator:
        return Indicator(
            key=key,
            target=target,
            actual=Decimal(actual),
            is_share=False,
            minimum=Decimal(low),
            maximum=None if high is None else Decimal(high),
            met=count_within(actual, low, high) if whole_plan else None,
        )

    def ratio(key: str, target: str, part: int, whole: int, low: Decimal) -> Indicator:
        return Indicator(
            key=key,
            target=target,
            actual=share(part, whole),
            is_share=True,
            minimum=low,
            met=share_at_least(part, whole, low),
        )

    t1, t4, clubs = plan.t1, plan.t4, tally.clubs
    return (
        count("t1_new_clubs", "T1", tally.new_clubs, t1.new_clubs_min, None),
        count("t1_members", "T1", tally.new_club_members, t1.members_min, t1.members_max),
        count(
            "t1_older",
            "T1",
            tally.new_club_older,
            t1.older_members_min,
            t1.older_members_max,
        ),
        count("t2_kept", "T2", tally.kept_clubs, plan.t2.clubs, None),
        ratio("t3_clubs", "T3", tally.t3_clubs, clubs, ONE),
        ratio("t4_clubs", "T4", tally.t4_clubs, clubs, t4.clubs_share_min),
        ratio("t4_coverage", "T4", tally.borrowers, tally.members, t4.coverage_min),
        ratio("t5_clubs", "T5", tally.t5_clubs, clubs, plan.t5.clubs_share_min),
    )


def misses_of(row: ClubRow, basis: Basis) -> Iterator[Miss]:
    """Each target T2–T5 the club misses, with the reasons its verdict gives."""
    label, district = row.snapshot.label, row.units.district
    figures = row.snapshot.figures
    if figures is None:
        for target in ("T3", "T4", "T5"):
            yield Miss(
                target=target,
                club=label,
                district=district,
                reasons=(Reason(key="why_failed"),),
            )
        return
    targets = figures.targets
    found = {
        "T2": targets.t2,
        "T3": targets.t3,
        "T4": figures.coverage[basis].t4,
        "T5": targets.t5,
    }
    for target, verdict in found.items():
        if verdict is not None and not verdict.met:
            yield Miss(
                target=target, club=label, district=district, reasons=verdict.reasons
            )


def gap_line(row: ClubRow, basis: Basis) -> GapLine | None:
    figures = row.snapshot.figures
    if figures is None or figures.coverage[basis].gap.borrowers_needed == 0:
        return None
    mine = figures.coverage[basis]
    return GapLine(
        club=figures.code,
        name=figures.name,
        district=row.units.district,
        commune=row.units.commune,
        members=figures.composition.active,
        borrowers=mine.borrowers.total,
        coverage=mine.coverage,
        needed=mine.gap.borrowers_needed,
        idle_cash=mine.gap.idle_cash,
        loan_size=mine.gap.loan_size,
        loan_size_from_policy=mine.gap.loan_size_from_policy,
        loans_fundable=mine.gap.loans_fundable,
        self_funded=mine.gap.self_funded,
    )


def build_plan_report(
    snapshots: list[ClubSnapshot],
    plan: Plan,
    kind: Kind,
    year: int,
    options: ReportOptions | None = None,
) -> PlanReport:
    opts = options or ReportOptions()
    basis = opts.basis
    as_of = report_date(plan, kind, year)
    units_day = plan.plan.units_as_of if opts.plan_units else None
    placed, units = place_clubs(
        snapshots, as_of, units_day, opts.units_map, opts.units_map_name
    )
    by = Level.DISTRICT if units.has_districts else Level.COMMUNE
    rollup = roll_up(placed, as_of, basis, by)
    rows = [unit.clubs[0] for unit in rollup.level(Level.CLUB)]
    late = opts.late_after_days
    districts = tuple(
        LevelSummary(
            level=by,
            province=unit.key[0],
            name=unit.key[-1],
            figures=unit.tally,
            indicators=indicators(unit.tally, plan, whole_plan=False),
            books_behind=count_behind(unit.clubs, as_of, late),
            clubs=tuple(_club_key(c) for c in unit.clubs),
        )
        for unit in rollup.level(by)
    )
    gaps = [line for row in rows if (line := gap_line(row, basis)) is not None]
    province_name = units.province or plan.plan.province
    return PlanReport(
        kind=kind,
        year=year,
        as_of=as_of,
        plan_code=plan.plan.code,
        plan_province=plan.plan.province,
        plan=PlanStatement(
            code=plan.plan.code,
            province=plan.plan.province,
            period_start=plan.plan.period_start,
            period_end=plan.plan.period_end,
            file=opts.plan_file,
            covers=opts.plan_covers,
        ),
        units=units,
        unit_level=by,
        basis=basis,
        coverage_min=plan.t4.coverage_min,
        par30_max=plan.t4.par30_max,
        late_after_days=late,
        with_names=opts.with_names,
        province=LevelSummary(
            level=Level.PROVINCE,
            province=province_name,
            name=province_name,
            figures=rollup.total,
            indicators=indicators(rollup.total, plan, whole_plan=True),
            books_behind=count_behind(rows, as_of, late),
            clubs=tuple(_club_key(c) for c in rows),
        ),
        districts=districts,
        clubs=tuple(club_line(row, basis) for row in rows),
        misses=tuple(
            sorted(
                (miss for row in rows for miss in misses_of(row, basis)),
                key=lambda m: (m.target, m.district or "", m.club),
            )
        ),
        gap_plan=tuple(sorted(gaps, key=lambda g: (g.district or "", -g.needed, g.club))),
        skipped=opts.skipped,
        late_books=late_books(rows, as_of, late),
        capital=capital_lines(placed, as_of, plan.plan.period_start),
        drilldown=tuple(
            d for row in rows if (d := club_drilldown(row, basis, opts.with_names))
        ),
    )


def _club_key(row: ClubRow) -> str:
    figures = row.snapshot.figures
    return figures.code if figures else row.snapshot.path
