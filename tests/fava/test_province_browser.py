"""A real browser on the province's page of ``ledger-engine serve`` over several books.

Chromium is Debian's (``make browser``); skipped on a workstation without it and failed in CI
(``CI=true``), like ``test_browser.py``. The screenshot goes to ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, serving
from helpers import ROOT

BOOKS = ROOT / "books" / "examples"
SLUG = "clb-lth-thon-1-ngok-wang"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving([str(BOOKS), "--read-only"], f"/{SLUG}/extension/ProvinceClubs/") as base:
        yield base


def test_the_province_page_lists_the_clubs_and_leads_to_their_pages(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "fava-province.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{server}/{SLUG}/extension/ProvinceClubs/?as_of=2025-06-15")
            # The sidebar offers the page: Fava draws its links in the browser.
            expect(
                page.get_by_role("link", name="Các CLB trong tỉnh / Province")
            ).to_be_visible()
            rows = page.locator("#le-province-table tr[data-club]")
            expect(rows).to_have_count(2)
            row = page.locator('#le-province-table tr[data-club="KT-DH-001"]')
            expect(row.locator('[data-field="last_entry"]')).to_contain_text("/2025")
            expect(page.locator("[data-field=as_of]")).to_have_text("15/06/2025")
            page.screenshot(path=str(shot), full_page=True)

            page.locator('tr[data-club="KT-KR-001"] a', has_text="Khoản vay").click()
            expect(page).to_have_url(
                f"{server}/clb-lth-lang-kon-bi-dak-ruong/extension/ClubLoans/"
            )
            expect(page.locator("#le-loan-table")).to_be_visible()
        finally:
            browser.close()
    assert shot.stat().st_size > 0
