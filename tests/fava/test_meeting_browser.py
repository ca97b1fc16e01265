"""A treasurer records a monthly meeting in a real browser, on a copy of a shipped club book.

``ledger-engine serve`` (writable) over a copy of ``books/kon-tum/kon-ray/kt-kr-001``; Debian's
Chromium through Playwright, as in ``test_browser.py``. Screenshots at 1366 px and 360 px go
to ``test-artifacts/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    ARTIFACTS,
    CHROMIUM,
    LAUNCH_ARGS,
    free_port,
    need_chromium,
    wait_until_up,
)
from helpers import ROOT

pytestmark = pytest.mark.browser

SOURCE = ROOT / "books" / "kon-tum" / "kon-ray" / "kt-kr-001.beancount"
SLUG = "clb-lth-thon-1-dak-koi"
DAY = "2026-01-25"
# Five borrowers pay: three in full, one part, one more than due (prepaid principal).
FULL = ["L2025-027", "L2025-028", "L2025-031"]
PARTIAL, OVERPAID = "L2025-029", "L2025-030"
EXTRA = 1_000_000
NEW_BORROWER, NEW_LOAN = "M004", "L2026-001"
SLOW = 60_000  # ms
ATTENDING = ["M001", "M004", "M006", "M010", "M011", "M016", "M034", "M037", "M043"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "ledger-engine"
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1", "LEDGER_ENGINE_LANG": "en"}
    return subprocess.run(
        [str(command), *args], env=env, capture_output=True, text=True, check=False
    )


def loans_json(book: Path, as_of: str) -> dict[str, dict[str, Any]]:
    done = cli("loans", str(book), "--as-of", as_of, "--json")
    assert done.returncode == 0, done.stderr
    return {row["loan"]: row for row in json.loads(done.stdout)["loans"]}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def serve(folder: Path, slug: str, *flags: str) -> Iterator[str]:
    """``ledger-engine serve FOLDER`` on a free port of 127.0.0.1, stopped afterwards."""
    need_chromium()
    port = free_port()
    command = Path(sys.executable).parent / "ledger-engine"
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    process = subprocess.Popen(
        [str(command), "serve", str(folder), "--port", str(port), *flags],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/{slug}/extension/ClubLoans/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("club")
    book = folder / SOURCE.name
    shutil.copyfile(SOURCE, book)
    for base in serve(folder, SLUG):
        yield base, book


def money(text: str) -> int:
    return int(text.strip().replace(".", "") or 0)


def fill_payments(page: Any) -> dict[str, int]:
    """Leave five borrowers' amounts (one part, one more than due), clear the others."""
    paid: dict[str, int] = {}
    for card in page.locator('.le-m-card[data-section="payments"]').all():
        loan = card.get_attribute("data-loan")
        due = money(card.locator('[data-field="due"]').inner_text())
        amount = card.locator('input[data-field="amount"]')
        if loan in FULL:
            paid[loan] = due
        elif loan == PARTIAL:
            paid[loan] = due // 2
            amount.fill(f"{due // 2}")  # typed without dots
        elif loan == OVERPAID:
            paid[loan] = due + EXTRA
            amount.fill(f"{due + EXTRA:,}".replace(",", "."))  # typed with dots
        else:
            amount.fill("")
    assert sorted(paid) == sorted([*FULL, PARTIAL, OVERPAID])
    return paid


def add_loan(page: Any, member: str, amount: str) -> Any:
    cards = page.locator('.le-m-card[data-section="loans"]')
    index = cards.count()
    page.locator('button[data-add="loans"]').click()
    card = cards.nth(index)
    card.locator('select[data-field="member"]').select_option(member)
    card.locator('input[data-field="amount"]').fill(amount)
    card.locator('input[data-field="term"]').fill("6")
    card.locator('input[data-field="purpose"]').fill("Nuôi gà")
    return card


def test_a_treasurer_records_a_meeting(served: tuple[str, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=SLOW)  # a save checks the whole book: slow on a busy machine
    base, book = served
    before = loans_json(book, DAY)
    ARTIFACTS.mkdir(exist_ok=True)
    meeting_url = f"{base}/{SLUG}/extension/ClubMeeting/?day={DAY}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 1000})
            page.set_default_timeout(SLOW)
            page.goto(meeting_url)
            expect(page.locator("#le-meeting-form")).to_be_visible()
            paid = fill_payments(page)
            for code in ATTENDING:
                page.locator(f'#le-attendance input[value="{code}"]').check()
            expect(page.locator("#le-attend-count")).to_have_text(str(len(ATTENDING)))
            card = add_loan(page, NEW_BORROWER, "2.000.000")
            card.locator("button[data-preview]").click()
            expect(card.locator('[data-eligible="true"]')).to_be_visible()
            expect(card.locator(".le-m-preview tbody tr")).to_have_count(6)
            page.locator('button[data-add="members"]').click()
            member = page.locator('.le-m-card[data-section="members"]').last
            member.locator('input[data-field="name"]').fill("Y Blơng")
            member.locator('input[data-field="born"]').fill("1958")
            page.locator('button[data-add="cash"]').click()
            cash = page.locator('.le-m-card[data-section="cash"]').last
            cash.locator('select[data-field="kind"]').select_option(
                label="Hội phí / Member fees"
            )
            cash.locator('input[data-field="amount"]').fill("500.000")
            page.screenshot(path=str(ARTIFACTS / "meeting-1366.png"), full_page=True)

            page.locator("#le-meeting-save").click()
            result = page.locator("#le-meeting-result")
            expect(result).to_contain_text("Đã ghi sổ")
            # 5 payments, the loan, the member, the fees and the meeting itself
            expect(result).to_have_attribute("data-written", "9")

            page.goto(f"{base}/{SLUG}/extension/ClubLoans/?as_of={DAY}")
            row = page.locator(f'#le-loan-table tr[data-loan="{NEW_LOAN}"]')
            expect(row.locator('[data-field="outstanding"]')).to_have_text("2.000.000")
            expect(row).to_contain_text(NEW_BORROWER)

            # The phone: the same meeting page, one card per borrower, nothing wider.
            page.set_viewport_size({"width": 360, "height": 780})
            page.goto(meeting_url)
            expect(page.locator("#le-meeting-form")).to_be_visible()
            overflow = page.evaluate(
                "() => { const a = document.querySelector('article');"
                " return a.scrollWidth - a.clientWidth; }"
            )
            assert overflow <= 1
            box = page.locator('.le-m-card[data-section="payments"]').first.bounding_box()
            assert box is not None and box["width"] <= 360
            page.screenshot(path=str(ARTIFACTS / "meeting-360.png"), full_page=True)

            # A second meeting with one bad row: a loan to the member who joined today, beside
            # a good one.
            page.set_viewport_size({"width": 1366, "height": 1000})
            page.goto(meeting_url)
            for amount in page.locator(
                '.le-m-card[data-section="payments"] input[data-field="amount"]'
            ).all():
                amount.fill("")
            good = add_loan(page, "M001", "1.000.000")
            bad = add_loan(page, "M073", "1.000.000")
            unchanged = digest(book)
            page.locator("#le-meeting-save").click()
            expect(bad).to_have_class("le-m-card le-m-bad")
            expect(bad.locator(".le-m-error")).to_contain_text("M073")
            expect(good).to_have_class("le-m-card")  # only the bad row is marked
            expect(good.locator(".le-m-error")).to_be_empty()
            expect(page.locator("#le-meeting-result")).to_be_empty()
            page.screenshot(path=str(ARTIFACTS / "meeting-error-1366.png"), full_page=True)
            assert digest(book) == unchanged
        finally:
            browser.close()

    after = loans_json(book, DAY)
    assert after[NEW_LOAN]["member"] == NEW_BORROWER
    assert Decimal(after[NEW_LOAN]["outstanding"]) == 2_000_000
    for loan, amount in paid.items():
        repaid = Decimal(before[loan]["outstanding"]) - Decimal(after[loan]["outstanding"])
        assert 0 < repaid <= amount
    overpaid = Decimal(before[OVERPAID]["outstanding"]) - Decimal(
        after[OVERPAID]["outstanding"]
    )
    assert overpaid > EXTRA  # the installment's principal and the prepayment
    # The club's regulation allows 5 days' grace: on the 6th day the part unpaid is late.
    late = loans_json(book, "2026-01-31")
    assert Decimal(late[PARTIAL]["overdue"]) > 0 and late[PARTIAL]["dpd"] > 0
    assert Decimal(late[FULL[0]]["overdue"]) == 0
    assert cli("check", str(book)).returncode == 0
    text = book.read_text(encoding="utf-8")
    assert f'{DAY} custom "meeting" "monthly" {len(ATTENDING)}' in text
    assert 'custom "member" "M073" "Y Blơng"' in text
    assert '* "Hội phí"' in text and "Income:Activity:Fees  -500000 VND" in text
    assert (ARTIFACTS / "meeting-360.png").stat().st_size > 0


def test_an_auditor_is_not_invited_to_edit(tmp_path: Path) -> None:
    """Under --read-only the editor and import pages explain instead of failing with 401,
    and the meeting page says it cannot record."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=SLOW)
    folder = tmp_path / "examples"
    shutil.copytree(ROOT / "books" / "examples", folder)
    slug = "clb-lth-thon-1-ngok-wang"
    for base in serve(folder, slug, "--read-only"):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=LAUNCH_ARGS
            )
            try:
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                page.set_default_timeout(SLOW)
                page.goto(f"{base}/{slug}/extension/ClubMeeting/")
                expect(page.locator("#le-meeting-read-only")).to_be_visible()
                expect(page.locator("#le-meeting-form")).to_have_count(0)
                expect(page.locator('aside a[href$="/editor/"]')).to_be_hidden()
                expect(page.locator('aside a[href$="/import/"]')).to_be_hidden()
                for name in ("editor", "import"):
                    page.goto(f"{base}/{slug}/{name}/")
                    explain = page.locator("article .le-ro-explain")
                    expect(explain).to_be_visible()
                    expect(explain).to_contain_text("chỉ cho xem")
                    expect(
                        page.locator("article .CodeMirror, article .cm-editor")
                    ).to_be_hidden()
                page.screenshot(path=str(ARTIFACTS / "read-only-import.png"))
                # Back on a club page the explanation is gone.
                page.goto(f"{base}/{slug}/extension/ClubLoans/")
                expect(page.locator("#le-loan-table")).to_be_visible()
                expect(page.locator("article .le-ro-explain")).to_have_count(0)
            finally:
                browser.close()
