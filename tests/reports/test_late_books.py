"""Books the province must chase: a club whose book stops months before the report date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rollup.clubbooks import Club, L, members, write

from ledger_engine.cli import main

CURRENT = Club(
    "KT-KR-001",
    members("A", 4),
    loans=[L("L1", "A000", "2025-12-01")],
    district="Kon Rẫy",
    commune="Tân Lập",
)
# Its last entry is on 15 September: three months before the annual report of 15 December.
STOPPED = Club(
    "KT-KR-002",
    members("B", 4),
    loans=[L("L2", "B000", "2025-09-15")],
    district="Kon Rẫy",
    commune="Đắk Ruồng",
)


@pytest.fixture
def books(tmp_path: Path) -> Path:
    write(tmp_path, CURRENT)
    write(tmp_path, STOPPED)
    return tmp_path


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--no-cache", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_book_three_months_behind_is_listed_late_and_counted_apart(books: Path) -> None:
    report = json.loads(
        _run("report", "annual", str(books), "--year", "2025", "--format", "json")
    )
    late = report["late_books"]
    assert [(b["club"], b["statuses"], b["days_behind"]) for b in late] == [
        ("KT-KR-002", ["late"], 91)
    ]
    assert late[0]["last_entry"] == "2025-09-15"
    assert report["province"]["books_behind"] == 1
    assert [d["books_behind"] for d in report["districts"]] == [1]
    # Counted apart, not dropped: the club is still one of the province's clubs.
    assert report["province"]["figures"]["clubs"] == 2


def test_the_threshold_is_a_setting(books: Path) -> None:
    (books / "report.toml").write_text("late_after_days = 120\n", encoding="utf-8")
    report = json.loads(
        _run("report", "annual", str(books), "--year", "2025", "--format", "json")
    )
    assert report["late_books"] == [] and report["late_after_days"] == 120
    again = _run(
        "report",
        "annual",
        str(books),
        "--year",
        "2025",
        "--format",
        "json",
        "--late-after",
        "30",
    )
    assert [b["club"] for b in json.loads(again)["late_books"]] == ["KT-KR-002"]


def test_the_document_lists_the_late_book_in_its_table(books: Path) -> None:
    page = _run("report", "annual", str(books), "--year", "2025", "--format", "html")
    table = page.split("Biểu 02. Sổ chưa cập nhật / chưa đạt yêu cầu")[1].split("</table>")[
        0
    ]
    assert "KT-KR-002" in table and "15/09/2025" in table and "KT-KR-001" not in table
    assert "1 câu lạc bộ có sổ chưa cập nhật" in page


def test_coverage_shows_the_same_column(books: Path) -> None:
    text = _run("coverage", str(books), "--as-of", "2025-12-15", "--lang", "vi")
    assert "Sổ chưa cập nhật / chưa đạt" in text
    row = next(line for line in text.splitlines() if line.startswith("Kon Tum / Kon Rẫy"))
    assert row.split()[5:8] == ["2", "0", "1"]
    assert "KT-KR-002" in text.split("Sổ chưa cập nhật / chưa đạt yêu cầu")[1]
    payload = json.loads(
        _run("coverage", str(books), "--as-of", "2025-12-15", "--format", "json")
    )
    assert payload["total"]["books_behind"] == 1
