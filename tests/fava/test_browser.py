"""A real browser against ``ledger-engine serve --read-only`` on 127.0.0.1.

Chromium is Debian's (``apt-get install chromium``); Playwright cannot download its own here.
Without it the test is skipped on a workstation and fails in CI (``CI=true``), where a
skipped browser test would hide a broken page. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BOOKS = ROOT / "books" / "examples"
BOOK = BOOKS / "thon-1-ngok-wang.beancount"
SLUG = "clb-lth-thon-1-ngok-wang"
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: apt-get install -y chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"ledger-engine serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _need_chromium()
    command = Path(sys.executable).parent / "ledger-engine"
    port = _free_port()
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    process = subprocess.Popen(
        [str(command), "serve", str(BOOKS), "--read-only", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/{SLUG}/extension/ClubLoans/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
