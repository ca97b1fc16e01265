"""The coverage report: clubs, units and the total of one roll-up, as a typed result.

``build_coverage(rollup)`` is pure; renderers in ``reports.render`` turn it into a table, JSON,
CSV, a workbook or a web page. A club whose book could not be read is listed with the reason.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from ledger_engine.freshness import LATE_AFTER_DAYS
from ledger_engine.rollup import Basis, ClubRow, Level, Rollup, Tally, UnitRow
from reports.late_books import BookStatus, book_statuses
from reports.report_units import UnitsStatement


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
    last_entry: datetime.date | None = None
    book_statuses: tuple[BookStatus, ...] = ()  # late, with errors, unreadable
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
    books_behind: int = 0  # clubs late, with errors or unreadable: counted apart


class CoverageReport(_Model):
    as_of: datetime.date
    basis: Basis
    by: Level
    coverage_min: Decimal
    late_after_days: int = LATE_AFTER_DAYS
    clubs: tuple[ClubLine, ...]
    units: tuple[UnitLine, ...]
    total: Tally
    books_behind: int = 0
    units_statement: UnitsStatement | None = None  # which set of units the clubs stand in
    skipped: tuple[SkippedFile, ...] = ()


def club_line(
    row: ClubRow, basis: Basis, statuses: tuple[BookStatus, ...] = ()
) -> ClubLine:
    snapshot, units = row.snapshot, row.units
    where = {
        "province": units.province,
        "district": units.district,
        "commune": units.commune,
        "book_statuses": statuses,
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
        last_entry=figures.last_entry,
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


def unit_line(row: UnitRow, behind: int = 0) -> UnitLine:
    return UnitLine(
        level=row.level,
        name=row.name,
        figures=row.tally,
        books_behind=behind,
        **row.units.model_dump(),
    )


def build_coverage(
    rollup: Rollup,
    coverage_min: Decimal,
    skipped: tuple[SkippedFile, ...] = (),
    *,
    late_after: int = LATE_AFTER_DAYS,
    units_statement: UnitsStatement | None = None,
) -> CoverageReport:
    def behind(rows: tuple[ClubRow, ...]) -> int:
        return sum(1 for c in rows if book_statuses(c, rollup.as_of, late_after))

    return CoverageReport(
        as_of=rollup.as_of,
        basis=rollup.basis,
        by=rollup.by,
        coverage_min=coverage_min,
        late_after_days=late_after,
        clubs=tuple(
            club_line(
                row.clubs[0],
                rollup.basis,
                book_statuses(row.clubs[0], rollup.as_of, late_after),
            )
            for row in rollup.level(Level.CLUB)
        ),
        units=tuple(unit_line(row, behind(row.clubs)) for row in rollup.units),
        total=rollup.total,
        books_behind=behind(rollup.clubs),
        units_statement=units_statement,
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
        "total": {**report.total.model_dump(), "books_behind": report.books_behind},
        "late_after_days": report.late_after_days,
        "units_statement": (
            report.units_statement.model_dump() if report.units_statement else None
        ),
        "failed": [
            {"path": line.path, "why": line.failed} for line in report.clubs if line.failed
        ],
        "skipped": [line.model_dump() for line in report.skipped],
    }
