"""A real browser on the province's page of ``ledger-engine serve`` over several books.

Chromium is Debian's (``make browser``); skipped on a workstation without it and failed in CI
(``CI=true``), like ``test_browser.py``. The screenshot goes to ``test-artifacts/``.
"""

from __future__ import annotations

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
        _wait_until_up(f"{base}/{SLUG}/extension/ProvinceClubs/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
