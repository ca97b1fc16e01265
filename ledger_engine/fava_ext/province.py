"""The province's index page in Fava: every club served, by district and commune.

With several club books served (``ledger-engine serve books/kon-tum``), each book's sidebar
gains **Các CLB / Province**: one row per club with its code, name, members, borrowers,
coverage, GLP, PAR30 and the date of its last entry, and links to the club's own pages. The
figures are the club snapshot's (``ledger_engine.rollup.figures.club_figures``, the same as
``coverage``), read from the books Fava already holds, at the page's date (Fava's time
filter). ``ledger_engine.fava_ext.serving`` enables it when it serves more than one book::

    2016-05-01 custom "fava-extension" "ledger_engine.fava_ext.province"
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask import current_app
from markupsafe import Markup

from ledger_engine.fava_ext import base
from ledger_engine.fava_ext.club import club_view
from ledger_engine.freshness import is_late
from ledger_engine.rollup.snapshot import DEFAULT_BASIS, Units

#: The club's pages each row links to, as (extension class, label).
CLUB_PAGES = (
    ("ClubLoans", "Khoản vay"),
    ("ClubMembers", "Thành viên"),
    ("ClubCoverage", "Bao phủ"),
    ("ClubCollection", "Thu nợ"),
)
NO_UNIT = "(không có / none)"


@dataclass(frozen=True)
class ClubEntry:
    slug: str
    code: str
    name: str
    units: Units
    members: int
    borrowers: int
    coverage: Decimal | None
    meets_target: bool
    glp: Decimal
    par30: Decimal | None
    last_entry: datetime.date | None
    late: bool
    errors: int

    @property
    def district(self) -> str:
        return self.units.district or NO_UNIT

    @property
    def commune(self) -> str:
        return self.units.commune or NO_UNIT


@dataclass(frozen=True)
class Unreadable:
    slug: str
    path: str


def served_ledgers() -> list[tuple[str, Any]]:
    """Every ledger the app serves, by slug (Fava loads them on first use)."""
    return list(current_app.config["LEDGERS"].items())


def club_entry(slug: str, ledger: Any, as_of: datetime.date) -> ClubEntry | None:
    """The club's row; placed in its plan's units when the plan names their day, as the
    plan's report does, so that one page never mixes two sets of units."""
    view = club_view(ledger)
    figures = view.figures(as_of)
    if figures is None:
        return None
    mine = figures.coverage[DEFAULT_BASIS]
    units_day = view.plan.plan.units_as_of
    return ClubEntry(
        slug=slug,
        code=figures.code,
        name=figures.name,
        units=figures.units_at(units_day) if units_day else figures.units,
        members=figures.composition.active,
        borrowers=mine.borrowers.total,
        coverage=mine.coverage,
        meets_target=mine.meets_target,
        glp=figures.portfolio.glp,
        par30=figures.portfolio.par30,
        last_entry=figures.last_entry,
        late=is_late(figures.last_entry, as_of),
        errors=figures.error_count,
    )


class ProvinceClubs(base.ClubPage):
    """Các CLB: the clubs of every book served, grouped by district and commune."""

    report_title = "Các CLB trong tỉnh / Province"

    def clubs(self, as_of: datetime.date) -> tuple[list[ClubEntry], list[Unreadable]]:
        found, unreadable = [], []
        for slug, ledger in served_ledgers():
            entry = club_entry(slug, ledger, as_of)
            if entry is None:
                unreadable.append(Unreadable(slug, str(ledger.beancount_file_path)))
            else:
                found.append(entry)
        found.sort(key=lambda c: (c.units.province or "", c.district, c.commune, c.code))
        return found, unreadable

    def groups(self, clubs: list[ClubEntry]) -> list[tuple[str, list[ClubEntry]]]:
        """Clubs by "province / district", in order."""
        result: dict[str, list[ClubEntry]] = {}
        for club in clubs:
            result.setdefault(
                f"{club.units.province or NO_UNIT} / {club.district}", []
            ).append(club)
        return list(result.items())

    def units_day(self) -> datetime.date | None:
        day: datetime.date | None = self.club.plan.plan.units_as_of
        return day

    def club_link(self, slug: str, page: str) -> str:
        from fava.application import url_for

        url: str = url_for("extension_report", bfile=slug, extension_name=page)
        return url

    def club_pages(self) -> tuple[tuple[str, str], ...]:
        return CLUB_PAGES

    def page(self, template: str) -> Markup:
        # Not kept per book like the club's pages: the other books may reload meanwhile.
        return self._render(template)
