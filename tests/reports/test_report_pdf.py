"""The annual report printed to PDF by Chromium, read back with poppler's pdftotext.

Needs Debian's ``chromium`` and ``poppler-utils`` (``make browser`` installs both). Without
them the test is skipped on a workstation and fails in CI (``CI=true``), like the browser test.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_runs import report_args, tables_of

from ledger_engine.cli import main

CAPTION = re.compile(r"Biểu (\d\d(?:\.\d+)?)\. ")
TOOLS = ("chromium", "pdftotext", "pdfinfo")


def _need_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"missing {', '.join(missing)}: apt-get install -y chromium poppler-utils"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def pdf(province: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_tools()
    out = tmp_path_factory.mktemp("pdf") / "bao-cao.pdf"
    result = CliRunner().invoke(main, report_args(province, "pdf", "-o", str(out)))
    assert result.exit_code == 0, result.output
    return out


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def page_text(pdf: Path, number: int) -> str:
    args = ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def is_landscape(pdf: Path, number: int) -> bool:
    args = ["pdfinfo", "-f", str(number), "-l", str(number), str(pdf)]
    info = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    width, height = re.search(r"size:\s+([\d.]+) x ([\d.]+)", info).groups()  # type: ignore[union-attr]
    return float(width) > float(height)


def test_the_pdf_is_the_document_then_its_annex(pdf: Path) -> None:
    pages = [page_text(pdf, n) for n in range(1, page_count(pdf) + 1)]
    first = pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in first and "Hạnh phúc" in first
    assert "ngày 15 tháng 12 năm 2025" in first and "BÁO CÁO" in first
    closing = next(k for k, text in enumerate(pages) if "Nơi nhận:" in text)
    annex = next(k for k, text in enumerate(pages) if "PHỤ LỤC" in text)
    assert closing + 1 == annex, "the annex starts on the page after the signature"
    assert not any(is_landscape(pdf, n) for n in range(1, annex + 1))
    assert all(is_landscape(pdf, n) for n in range(annex + 1, len(pages) + 1))
    # Biểu 01–08 and one part per club (four clubs): no table lost in printing.
    captions = {m for text in pages for m in CAPTION.findall(text)}
    assert captions == {f"{k:02d}" for k in range(1, 9)} | {f"09.{k}" for k in range(1, 5)}


def _last_row_marks(html: str) -> dict[str, str]:
    """Each table's caption number → the start of its last row's first cell."""
    marks = {}
    for caption, rows in tables_of(html).items():
        number = CAPTION.match(caption + " ")
        if number and rows and rows[-1][0]:
            marks[number.group(1)] = rows[-1][0][:14]
    return marks


def _loan_ids(html: str) -> dict[str, set[str]]:
    """Each club's table (Biểu 09.k) → its rows as printed: member, loan and date on one
    line, which no other table of the document prints."""
    found = {}
    for caption, rows in tables_of(html).items():
        number = CAPTION.match(caption + " ")
        if number and number.group(1).startswith("09."):
            found[number.group(1)] = {
                rf"{re.escape(row[0])}\s+{re.escape(row[1])}\s+{re.escape(row[2])}"
                for row in rows
            }
    return found


def test_each_club_table_has_its_header_on_every_page_of_its_loans(
    pdf: Path, report_html: str
) -> None:
    pages = [page_text(pdf, n) for n in range(1, page_count(pdf) + 1)]
    longest = 0
    for caption, loans in _loan_ids(report_html).items():
        pattern = re.compile(r"\b(" + "|".join(loans) + r")\b")
        holding = [k for k, text in enumerate(pages) if pattern.search(text)]
        assert holding, f"Biểu {caption}: no loan printed"
        for page in range(holding[0], holding[-1] + 1):
            assert f"Biểu {caption}. " in pages[page], f"Biểu {caption}: page {page + 1}"
        longest = max(longest, holding[-1] - holding[0] + 1)
    assert longest > 1, "no club's table spans two pages: the test proves nothing"


def test_every_table_repeats_its_header_on_each_page_it_spans(
    pdf: Path, report_html: str
) -> None:
    pages = [page_text(pdf, n) for n in range(1, page_count(pdf) + 1)]
    found = [CAPTION.findall(text) for text in pages]
    for page, captions in enumerate(found, 1):
        assert len(captions) == len(set(captions)), f"page {page}: a header twice"
    starts: dict[str, int] = {}
    for page, captions in enumerate(found):
        for caption in captions:
            starts.setdefault(caption, page)
    order = sorted(starts, key=lambda c: (starts[c], found[starts[c]].index(c)))
    marks = _last_row_marks(report_html)
    spanned = 0
    # The clubs' tables (Biểu 09.k) are checked by their loans, in the test above.
    order = [c for c in order if not c.startswith("09.")] + ["09.1"]
    for caption, following in itertools.pairwise(order):
        end = _last_page(pages, starts[caption], caption, following, marks.get(caption))
        for page in range(starts[caption], end + 1):
            assert caption in found[page], (
                f"Biểu {caption} has no header on page {page + 1}"
            )
        spanned = max(spanned, end - starts[caption] + 1)
    assert spanned > 1, "no table spans two pages: the test proves nothing"


def _last_page(
    pages: list[str], start: int, caption: str, following: str | None, mark: str | None
) -> int:
    """The last page holding the table's last row (its start page for an empty table)."""
    if mark is None:
        return start
    stop = len(pages) - 1
    if following is not None:
        stop = next(
            p for p in range(start, len(pages)) if f"Biểu {following}. " in pages[p]
        )
    last = start
    for page in range(start, stop + 1):
        text = pages[page]
        if page == start:
            text = text.split(f"Biểu {caption}. ", 1)[1]
        if following is not None and page == stop:
            text = text.split(f"Biểu {following}. ", 1)[0]
        if mark in text:
            last = page
    return last
