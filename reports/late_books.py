"""Books the province must chase: late, with errors, or unreadable (one list for every report).

A club is listed when its book could not be read, when it has errors, or when its last entry
is more than the report's threshold of days before the report date (the rule and the date of
the last entry have one home, ``ledger_engine.freshness``). These clubs are counted apart in
every table so that nobody takes an un-updated book for a current one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ledger_engine.freshness import days_behind, is_late
from ledger_engine.rollup import ClubRow


class BookStatus(StrEnum):
    LATE = "late"
    ERRORS = "errors"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class LateBook:
    """A book to chase. A plain record: a province's report may hold thousands of them
    (a model would spend a kilobyte on each)."""

    path: str
    club: str | None
    name: str | None
    district: str | None
    commune: str | None
    last_entry: datetime.date | None
    days_behind: int | None
    statuses: tuple[BookStatus, ...]
    error_count: int = 0
    detail: str | None = None  # why the book is unreadable, or its first error


def book_statuses(
    row: ClubRow, as_of: datetime.date, late_after: int
) -> tuple[BookStatus, ...]:
    figures = row.snapshot.figures
    if figures is None:
        return (BookStatus.UNREADABLE,)
    found = []
    if is_late(figures.last_entry, as_of, late_after):
        found.append(BookStatus.LATE)
    if figures.error_count:
        found.append(BookStatus.ERRORS)
    return tuple(found)


def late_book(row: ClubRow, as_of: datetime.date, late_after: int) -> LateBook | None:
    statuses = book_statuses(row, as_of, late_after)
    if not statuses:
        return None
    snapshot, figures = row.snapshot, row.snapshot.figures
    last = figures.last_entry if figures else None
    detail = snapshot.failed or (figures.errors[0] if figures and figures.errors else None)
    return LateBook(
        path=snapshot.path,
        club=figures.code if figures else None,
        name=figures.name if figures else None,
        district=row.units.district,
        commune=row.units.commune,
        last_entry=last,
        days_behind=days_behind(last, as_of) if figures else None,
        statuses=statuses,
        error_count=figures.error_count if figures else 0,
        detail=detail,
    )


def late_books(
    rows: Iterable[ClubRow], as_of: datetime.date, late_after: int
) -> tuple[LateBook, ...]:
    found = [book for row in rows if (book := late_book(row, as_of, late_after))]
    return tuple(sorted(found, key=lambda b: (b.district or "", b.commune or "", b.path)))


def count_behind(rows: Iterable[ClubRow], as_of: datetime.date, late_after: int) -> int:
    """How many of ``rows`` are late, have errors or could not be read."""
    return sum(1 for row in rows if book_statuses(row, as_of, late_after))
