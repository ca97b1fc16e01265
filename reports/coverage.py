"""The coverage report: clubs, units and the total of one roll-up, as a typed result.

``build_coverage(rollup)`` is pure, and ``CoverageFold`` builds the same report from clubs
streamed one at a time; renderers in ``reports.render`` turn it into a table, JSON,
CSV, a workbook or a web page. A club whose book could not be read is listed with the reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from ledger_engine.freshness import LATE_AFTER_DAYS
from ledger_engine.records import FrozenRecord
from ledger_engine.rollup import Basis, ClubRow, Level, Rollup, Tally
from ledger_engine.rollup.rollup import PATH, Key, club_order, key_of, unit_order
from ledger_engine.rollup.snapshot import Units
from reports.late_books import BookStatus, LateBook, book_statuses, late_book
from reports.report_units import UnitsStatement

T = TypeVar("T")


class ClubLine(FrozenRecord):
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


class SkippedFile(FrozenRecord):
    """A ``.beancount`` file found in a folder that is neither a club book nor included by
    one, and why."""

    path: str
    why: str


class UnitLine(FrozenRecord):
    level: Level
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    name: str | None
    figures: Tally
    books_behind: int = 0  # clubs late, with errors or unreadable: counted apart


class CoverageReport(FrozenRecord):
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
    # The books to chase, in the order of ``clubs``: kept apart so that a report that
    # lists only them need not hold every club's line (``clubs`` is then empty).
    late_books: tuple[LateBook, ...] = ()


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


@dataclass(slots=True)
class _UnitSum:
    order: tuple[Any, ...]
    key: Key
    name: str | None
    tally: Tally
    behind: int = 0

    def line(self, level: Level) -> UnitLine:
        units = Units(**dict(zip(PATH[level], self.key, strict=True)))
        return UnitLine(
            level=level,
            name=self.name,
            figures=self.tally,
            books_behind=self.behind,
            **units.model_dump(),
        )


class CoverageFold:
    """The coverage report built one club at a time, in any order.

    Each club's row is added to its unit's tally and to the total, and kept only as its
    report line — or not at all when ``every_club`` is false, where the format shows only
    the books behind — so a province's report never holds its snapshots. A whole roll-up
    is folded the same way (``build_coverage``). ``order`` is the club's place among the
    books given: it breaks ties between clubs of the same unit and label.
    """

    def __init__(
        self,
        as_of: datetime.date,
        basis: Basis,
        by: Level,
        *,
        late_after: int = LATE_AFTER_DAYS,
        every_club: bool = True,
    ) -> None:
        self.as_of, self.basis, self.by = as_of, basis, by
        self.late_after, self.every_club = late_after, every_club
        self._units: dict[Any, _UnitSum] = {}
        # (the club's order: units, label, place; its line)
        self._clubs: list[tuple[Any, str, int, ClubLine]] = []
        self._late: list[tuple[Any, str, int, LateBook]] = []
        self._total = Tally()
        self._behind = 0

    def add(self, row: ClubRow, order: int) -> None:
        statuses = book_statuses(row, self.as_of, self.late_after)
        units, label = club_order(row)
        if self.every_club:
            self._clubs.append((units, label, order, club_line(row, self.basis, statuses)))
        late = late_book(row, self.as_of, self.late_after)
        if late is not None:
            self._late.append((units, label, order, late))
        behind = int(bool(statuses))
        self._total += row.tally
        self._behind += behind
        key = key_of(row.units, self.by)
        if self.by is Level.CLUB:  # a unit of its own, named by its label
            place = (units, label, order)
            self._units[place] = _UnitSum(place, key, label, row.tally, behind)
            return
        found = self._units.get(key)
        if found is None:
            name = key[-1] if key else None
            found = self._units[key] = _UnitSum((unit_order(key),), key, name, Tally())
        found.tally += row.tally
        found.behind += behind

    def report(
        self,
        coverage_min: Decimal,
        skipped: tuple[SkippedFile, ...] = (),
        units_statement: UnitsStatement | None = None,
    ) -> CoverageReport:
        units = sorted(self._units.values(), key=lambda unit: unit.order)
        return CoverageReport(
            as_of=self.as_of,
            basis=self.basis,
            by=self.by,
            coverage_min=coverage_min,
            late_after_days=self.late_after,
            clubs=_in_order(self._clubs),
            units=tuple(unit.line(self.by) for unit in units),
            total=self._total,
            books_behind=self._behind,
            units_statement=units_statement,
            skipped=skipped,
            late_books=_in_order(self._late),
        )


def _in_order(found: list[tuple[Any, str, int, T]]) -> tuple[T, ...]:
    return tuple(item[-1] for item in sorted(found, key=lambda item: item[:3]))


def build_coverage(
    rollup: Rollup,
    coverage_min: Decimal,
    skipped: tuple[SkippedFile, ...] = (),
    *,
    late_after: int = LATE_AFTER_DAYS,
    units_statement: UnitsStatement | None = None,
) -> CoverageReport:
    fold = CoverageFold(rollup.as_of, rollup.basis, rollup.by, late_after=late_after)
    for order, row in enumerate(rollup.clubs):
        fold.add(row, order)
    return fold.report(coverage_min, skipped, units_statement)


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
