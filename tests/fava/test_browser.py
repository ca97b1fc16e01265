"""A real browser against ``ledger-engine serve --read-only`` on 127.0.0.1.

Chromium is Debian's (``apt-get install chromium``); Playwright cannot download its own here.
Without it the test is skipped on a workstation and fails in CI (``CI=true``), where a
skipped browser test would hide a broken page. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from browser_support import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, serving
from helpers import ROOT

BOOKS = ROOT / "books" / "examples"
BOOK = BOOKS / "thon-1-ngok-wang.beancount"
SLUG = "clb-lth-thon-1-ngok-wang"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving([str(BOOKS), "--read-only"], f"/{SLUG}/extension/ClubLoans/") as base:
        yield base


def test_auditor_finds_a_loan_and_cannot_change_the_book(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    before = hashlib.sha256(BOOK.read_bytes()).hexdigest()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(f"{server}/{SLUG}/extension/ClubLoans/?as_of=2025-06-15")
            expect(page.locator(".le-notice[data-read-only]")).to_be_visible()
            row = page.locator('#le-loan-table tr[data-loan="L2024-002"]')
            expect(row).to_contain_text("Y Hlin")
            expect(row.locator('[data-field="outstanding"]')).to_have_text("1.250.000")
            page.screenshot(path=str(ARTIFACTS / "fava-loans.png"))

            row.locator("a").first.click()
            summary = page.locator("#le-loan-summary")
            expect(summary).to_be_visible()
            expect(page.locator(".le-page-head h2")).to_contain_text("L2024-002")
            expect(page.locator("table.le-schedule tbody tr")).to_have_count(12)
            page.screenshot(path=str(ARTIFACTS / "fava-loan-detail.png"), full_page=True)

            status = page.evaluate(
                """async (slug) => {
                    const source = await (await fetch(`/${slug}/api/source`)).json();
                    const body = {file_path: source.data.file_path,
                                  source: source.data.source + "\\n; changed\\n",
                                  sha256sum: source.data.sha256sum};
                    const answer = await fetch(`/${slug}/api/source`, {method: "PUT",
                        headers: {"Content-Type": "application/json"},
                        body: JSON.stringify(body)});
                    return answer.status;
                }""",
                SLUG,
            )
            assert status == 401
        finally:
            browser.close()
    assert hashlib.sha256(BOOK.read_bytes()).hexdigest() == before
    assert (ARTIFACTS / "fava-loan-detail.png").stat().st_size > 0
