"""The coverage report: clubs, units and the total of one roll-up, as a typed result.

``build_coverage(rollup)`` is pure; renderers in ``reports.render`` turn it into a table, JSON,
CSV, a workbook or a web page. A club whose book could not be read is listed with the reason.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from ledger_engine.rollup import Basis, ClubRow, Level, Rollup, Tally, UnitRow


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ClubLine(_Model):
    path: str
    club: str | None
    name: str | None
    province: str | None
    district: str | None
    commune: str | None
    failed: str | None = None
    cohort: str | None = None
    founded: datetime.date | None = None
    members: int = 0
    women: int = 0
    older: int = 0
    borrowers: int = 0
    coverage: Decimal | None = None
    meets_target: bool = False
    t1_new_club: bool = False
    t2_kept: bool = False
    t3: bool = False
    t4: bool = False
    t5: bool = False
    runs_all_activities: bool = False
    well_managed: bool = False
    meetings: int = 0
    missing_areas: tuple[str, ...] = ()
    error_count: int = 0
    errors: tuple[str, ...] = ()
    glp: Decimal = Decimal(0)
    par30: Decimal | None = None
    collection_rate: Decimal | None = None
    igf_cash: Decimal = Decimal(0)
    igf_loans: Decimal = Decimal(0)
    activity_fund: Decimal = Decimal(0)
    borrowers_needed: int = 0
    loan_size: Decimal | None = None
    loans_fundable: int = 0
    self_funded: bool = False


class SkippedFile(_Model):
    """A ``.beancount`` file found in a folder that is neither a club book nor included by
    one, and why."""

    path: str
    why: str


class UnitLine(_Model):
    level: Level
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    name: str | None
    figures: Tally


class CoverageReport(_Model):
    as_of: datetime.date
    basis: Basis
    by: Level
    coverage_min: Decimal
    clubs: tuple[ClubLine, ...]
    units: tuple[UnitLine, ...]
    total: Tally
    skipped: tuple[SkippedFile, ...] = ()


def club_line(row: ClubRow, basis: Basis) -> ClubLine:
    snapshot, units = row.snapshot, row.units
    where = {
        "province": units.province,
        "district": units.district,
        "commune": units.commune,
    }
    figures = snapshot.figures
    if figures is None:
        return ClubLine(
            path=snapshot.path, club=None, name=None, failed=snapshot.failed, **where
        )
    mine, targets = figures.coverage[basis], figures.targets
    return ClubLine(
        path=snapshot.path,
        club=figures.code,
        name=figures.name,
        **where,
        cohort=figures.cohort,
        founded=figures.founded,
        members=figures.composition.active,
        women=figures.composition.women,
        older=figures.composition.older,
        borrowers=mine.borrowers.total,
        coverage=mine.coverage,
        meets_target=mine.meets_target,
        t1_new_club=targets.t1_new_club,
        t2_kept=targets.t2_kept,
        t3=targets.t3.met,
        t4=mine.t4.met,
        t5=targets.t5.met,
        runs_all_activities=targets.runs_all_activities,
        well_managed=targets.well_managed,
        meetings=figures.meetings,
        missing_areas=figures.missing_areas,
        error_count=figures.error_count,
        errors=figures.errors,
        glp=figures.portfolio.glp,
        par30=figures.portfolio.par30,
        collection_rate=figures.portfolio.collection_rate,
        igf_cash=figures.funds.igf_cash,
        igf_loans=figures.funds.igf_loans,
        activity_fund=figures.funds.activity_fund,
        borrowers_needed=mine.gap.borrowers_needed,
        loan_size=mine.gap.loan_size,
        loans_fundable=mine.gap.loans_fundable,
        self_funded=mine.gap.self_funded,
    )


def unit_line(row: UnitRow) -> UnitLine:
    return UnitLine(
        level=row.level, name=row.name, figures=row.tally, **row.units.model_dump()
    )


def build_coverage(
    rollup: Rollup, coverage_min: Decimal, skipped: tuple[SkippedFile, ...] = ()
) -> CoverageReport:
    return CoverageReport(
        as_of=rollup.as_of,
        basis=rollup.basis,
        by=rollup.by,
        coverage_min=coverage_min,
        clubs=tuple(
            club_line(row.clubs[0], rollup.basis) for row in rollup.level(Level.CLUB)
        ),
        units=tuple(unit_line(row) for row in rollup.units),
        total=rollup.total,
        skipped=skipped,
    )


def coverage_payload(report: CoverageReport) -> dict[str, Any]:
    """The JSON shape: units and total flat, ratios beside the counts they come from."""
    return {
        "as_of": report.as_of,
        "basis": report.basis.value,
        "by": report.by.value,
        "coverage_min": report.coverage_min,
        "clubs": [line.model_dump() for line in report.clubs],
        "units": [
            {**line.model_dump(exclude={"figures"}), **line.figures.model_dump()}
            for line in report.units
        ],
        "total": report.total.model_dump(),
        "failed": [
            {"path": line.path, "why": line.failed} for line in report.clubs if line.failed
        ],
        "skipped": [line.model_dump() for line in report.skipped],
    }
