"""What the browser tests share: Debian's Chromium, its flags, a free port, a server's start.

Chromium is Debian's (``apt-get install chromium``); Playwright cannot download its own here.
Without it a browser test is skipped on a workstation and fails in CI (``CI=true``), where a
skipped browser test would hide a broken page. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
ARTIFACTS = ROOT / "test-artifacts"


def need_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: apt-get install -y chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"ledger-engine serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@contextmanager
def serving(args: Sequence[str], probe: str, seconds: float = 90) -> Iterator[str]:
    """Run ``ledger-engine serve ARGS --port P`` until the block ends; yield its base URL once
    ``probe`` (a path under it) answers."""
    need_chromium()
    command = Path(sys.executable).parent / "ledger-engine"
    port = free_port()
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    process = subprocess.Popen(
        [str(command), "serve", *args, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}{probe}", process, seconds)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
