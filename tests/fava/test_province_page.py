"""The province's page in Fava: every served club, by district and commune, with its figures."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from helpers import ROOT

from ledger_engine.fava_ext.serving import find_club_books, make_app
from ledger_engine.rollup import take_snapshot
from ledger_engine.rollup.snapshot import DEFAULT_BASIS
from ledger_engine.targets import load_plan

EXAMPLES = ROOT / "books" / "examples"
AS_OF = datetime.date(2025, 6, 15)


@pytest.fixture(scope="module")
def app() -> Iterator[Flask]:
    yield make_app(find_club_books([EXAMPLES]), read_only=True, load=True)


def page(app: Flask, slug: str = "clb-lth-thon-1-ngok-wang") -> BeautifulSoup:
    answer = app.test_client().get(f"/{slug}/extension/ProvinceClubs/?as_of={AS_OF}")
    assert answer.status_code == 200
    return BeautifulSoup(answer.get_data(as_text=True), "html.parser")


def test_every_served_club_is_listed_with_the_figures_of_its_snapshot(app: Flask) -> None:
    rows = page(app).select("#le-province-table tr[data-club]")
    books = sorted(EXAMPLES.glob("*.beancount"))
    assert len(rows) == len(books) == 2
    for book in books:
        snapshot = take_snapshot(str(book), AS_OF, load_plan(near=book))
        figures = snapshot.figures
        assert figures is not None
        row = next(r for r in rows if r["data-club"] == figures.code)
        cell = {
            td["data-field"]: td.get_text(" ", strip=True)
            for td in row.select("td[data-field]")
        }
        mine = figures.coverage[DEFAULT_BASIS]
        assert cell["members"] == str(figures.composition.active)
        assert cell["borrowers"] == str(mine.borrowers.total)
        assert cell["last_entry"].startswith(figures.last_entry.strftime("%d/%m/%Y"))  # type: ignore[union-attr]


def test_clubs_are_grouped_by_district_and_link_to_their_pages(app: Flask) -> None:
    soup = page(app)
    units = [body["data-unit"] for body in soup.select("tbody.le-unit")]
    assert units == sorted(units) and all(" / " in unit for unit in units)
    links = [a["href"] for a in soup.select("tr[data-club] a")]
    assert "/clb-lth-lang-kon-bi-dak-ruong/extension/ClubLoans/" in links
    assert "/clb-lth-thon-1-ngok-wang/extension/ClubCollection/" in links


def test_every_book_shows_the_same_page(app: Flask) -> None:
    first = page(app).select_one("#le-province-table").get_text()  # type: ignore[union-attr]
    other = page(app, "clb-lth-lang-kon-bi-dak-ruong").select_one("#le-province-table")
    assert other is not None and other.get_text() == first


def test_a_single_book_served_has_no_province_page() -> None:
    single = make_app([EXAMPLES / "thon-1-ngok-wang.beancount"], read_only=True, load=True)
    ledger = single.config["LEDGERS"]["clb-lth-thon-1-ngok-wang"]
    names = [d.name for d in ledger.extensions.extension_details]
    assert "ProvinceClubs" not in names
