"""A real browser against ``ledger-engine serve --users``: a treasurer logs in on the login
page and works in their own club, and nowhere else.

Chromium is Debian's (``apt-get install chromium``); without it the test is skipped on a
workstation and fails in CI (``CI=true``).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from access.conftest import BOOKS, PEOPLE, SLUG, add_user, running_server
from browser_support import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, need_chromium

A, B = SLUG["A"], SLUG["B"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("clubs")
    for club in ("A", "B"):
        shutil.copyfile(BOOKS[club], folder / BOOKS[club].name)
    add_user(folder / "users.toml", "hoa")
    return folder


@pytest.fixture(scope="module")
def base(folder: Path) -> Iterator[str]:
    need_chromium()
    with running_server(folder) as (scheme, port):
        yield f"{scheme}://127.0.0.1:{port}"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_treasurer_logs_in_and_stays_in_their_club(base: str, folder: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    book_a, book_b = folder / BOOKS["A"].name, folder / BOOKS["B"].name
    before = digest(book_a), digest(book_b)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 360, "height": 740})
            first = page.goto(f"{base}/{A}/extension/ClubLoans/")
            assert first is not None and first.status == 401
            expect(page.locator("h1")).to_have_text("Đăng nhập")
            page.screenshot(path=str(ARTIFACTS / "login-360.png"), full_page=True)
            page.fill("#le-username", "hoa")
            page.fill("#le-password", PEOPLE["hoa"][2])
            page.click("button[type=submit]")
            expect(page.locator("#le-loan-table")).to_be_visible()
            assert page.url.startswith(f"{base}/{A}/extension/ClubLoans/")
            expect(page.locator(".le-user-badge [data-user=hoa]")).to_be_visible()

            other = page.goto(f"{base}/{B}/extension/ClubLoans/")
            assert other is not None and other.status == 403
            status = page.evaluate(
                """async (slug) => {
                    const answer = await fetch(`/${slug}/api/source`, {method: "PUT",
                        headers: {"Content-Type": "application/json"},
                        body: JSON.stringify({file_path: "", source: "", sha256sum: ""})});
                    return answer.status;
                }""",
                A,
            )
            assert status == 403
        finally:
            browser.close()
    assert (digest(book_a), digest(book_b)) == before


def test_treasurer_logs_in_and_records_a_meeting(base: str, folder: Path) -> None:
    import json

    from playwright.sync_api import expect, sync_playwright

    book = folder / BOOKS["A"].name
    before = digest(book)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 360, "height": 780})
            page.goto(f"{base}/{A}/extension/ClubMeeting/?day=2026-01-25")
            page.fill("#le-username", "hoa")
            page.fill("#le-password", PEOPLE["hoa"][2])
            page.click("button[type=submit]")
            expect(page.locator("#le-meeting-form")).to_be_visible()
            for card in page.locator('.le-m-card[data-section="payments"]').all():
                paid = "100.000" if card.get_attribute("data-loan") == "L2025-009" else ""
                card.locator('input[data-field="amount"]').fill(paid)
            for code in ("M001", "M002"):
                page.locator(f'#le-attendance input[value="{code}"]').check()
            page.locator("#le-meeting-save").click()
            result = page.locator("#le-meeting-result")
            expect(result).to_contain_text("Đã ghi sổ")
            expect(result).to_have_attribute(
                "data-written", "2"
            )  # the payment, the meeting
            page.screenshot(
                path=str(ARTIFACTS / "meeting-logged-in-360.png"), full_page=True
            )
        finally:
            browser.close()
    text = book.read_text(encoding="utf-8")
    assert text.count('recorded_by: "hoa"') == 2
    (line,) = [json.loads(x) for x in (folder / "audit.log").read_text().splitlines()]
    assert (line["user"], line["role"], line["what"]) == ("hoa", "treasurer", "meeting")
    assert line["entries"] == 2 and len(line["vouchers"]) == 1
    assert (line["sha256_before"], line["sha256_after"]) == (before, digest(book))
