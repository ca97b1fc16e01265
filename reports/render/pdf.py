"""PDF from the report's HTML, printed by a real browser engine: headless Chromium.

Chromium lays the page out as it shows it — the same fonts, the A4 pages named in the CSS,
table headers repeated on every page a table spans. It is found as ``chromium`` on the PATH
(Debian's ``/usr/bin/chromium``) or at ``LEDGER_ENGINE_CHROMIUM``. Nothing is fetched: the page
is self-contained and the browser runs without network services.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ledger_engine.i18n import _

ENV_VAR = "LEDGER_ENGINE_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
)
TIMEOUT_SECONDS = 180


class PdfEngineMissing(RuntimeError):
    """No browser to print the PDF with."""


def find_chromium() -> str | None:
    given = os.environ.get(ENV_VAR)
    if given:
        return given if Path(given).is_file() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str) -> bytes:
    """The page printed to PDF; ``PdfEngineMissing`` names what to install."""
    chromium = find_chromium()
    if chromium is None:
        raise PdfEngineMissing(
            _(
                "a PDF is printed by Chromium, which is not installed: apt-get install "
                "chromium (or set LEDGER_ENGINE_CHROMIUM to a Chromium binary)"
            )
        )
    with tempfile.TemporaryDirectory(prefix="ledger-engine-pdf-") as folder:
        page, out = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            chromium,
            *FLAGS,
            f"--user-data-dir={folder}/profile",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        done = subprocess.run(
            command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
        if done.returncode != 0 or not out.is_file():
            tail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-3:]
            message = _("Chromium could not print the PDF: {error}")
            raise PdfEngineMissing(message.format(error=" ".join(tail)))
        return out.read_bytes()
