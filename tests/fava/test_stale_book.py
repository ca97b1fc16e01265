"""Every club page says when its book stops long before the page's date (the 45-day rule of
``ledger_engine.freshness``), with a link to the club as of the book's last entry."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from ledger_engine.freshness import LATE_AFTER_DAYS

THON_1 = "thon-1-ngok-wang.beancount"
LAST_ENTRY = datetime.date(2025, 7, 1)  # the club directive moving it to new units
PAGES = ["ClubLoans", "ClubMembers", "ClubCoverage", "ClubCollection", "ClubMeeting"]


@pytest.mark.parametrize("page_name", PAGES)
def test_a_late_book_says_so_on_every_page(get_page: Any, page_name: str) -> None:
    as_of = datetime.date(2025, 12, 31)
    page = get_page(THON_1, page_name, as_of=as_of.isoformat())
    notice = page.one(".le-stale")
    # The collection sheet and the meeting are dated the next meeting day from the date.
    shown = datetime.date.fromisoformat(page.one("[data-as-of]")["data-as-of"])
    assert shown >= as_of
    days = (shown - LAST_ENTRY).days
    assert notice["data-last-entry"] == LAST_ENTRY.isoformat()
    assert f"Sổ ghi đến ngày 01/07/2025 — {days} ngày trước" in page.text(notice)
    link = urlparse(page.one("[data-stale-link]")["href"])
    assert link.path.endswith(f"/extension/{page_name}/")
    assert parse_qs(link.query)["as_of"] == [LAST_ENTRY.isoformat()]


def test_the_link_shows_the_club_on_its_last_day_without_the_notice(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", as_of=LAST_ENTRY.isoformat())
    assert page.all(".le-stale") == []
    assert page.one("[data-as-of]")["data-as-of"] == LAST_ENTRY.isoformat()


def test_a_book_within_the_threshold_has_no_notice(get_page: Any) -> None:
    within = LAST_ENTRY + datetime.timedelta(days=LATE_AFTER_DAYS)
    assert get_page(THON_1, "ClubLoans", as_of=within.isoformat()).all(".le-stale") == []
    beyond = within + datetime.timedelta(days=1)
    assert get_page(THON_1, "ClubLoans", as_of=beyond.isoformat()).all(".le-stale")
