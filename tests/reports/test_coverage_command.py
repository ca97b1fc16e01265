"""``ledger-engine coverage``: the JSON shape, the table, CSV, workbook and web page."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import EXAMPLES
from rollup.clubbooks import Club, L, members, write

from ledger_engine.cli import main

AS_OF = "2025-06-15"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The two example books and three small clubs, one of them at the loan target."""
    folder = tmp_path / "books"
    for path in EXAMPLES:
        (folder / "examples").mkdir(parents=True, exist_ok=True)
        (folder / "examples" / path.name).write_text(path.read_text(encoding="utf-8"))
    write(
        folder / "kon-ray",
        Club(
            "KT-KR-010",
            members("M", 2),
            loans=[L("L1", "M000", "2025-03-01")],
            district="Kon Rẫy",
            commune="Tân Lập",
        ),
    )
    write(
        folder / "kon-ray",
        Club("KT-KR-011", members("M", 4), district="Kon Rẫy", commune="Tân Lập"),
    )
    write(folder / "dak-ha", Club("KT-DH-012", members("M", 3), commune="Hà Mòn"))
    return folder


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, ["coverage", *args, "--as-of", AS_OF, "--no-cache"])
    assert result.exit_code == 0, result.output + str(result.exception)
    return result


def test_json_has_clubs_units_and_a_total_that_adds_up(tree: Path) -> None:
    payload = json.loads(run(str(tree), "--format", "json", "--workers", "1").stdout)
    assert set(payload) >= {"as_of", "clubs", "units", "total"}
    assert payload["as_of"] == AS_OF
    clubs = payload["clubs"]
    assert len(clubs) == 5
    assert {
        "club",
        "name",
        "district",
        "commune",
        "members",
        "borrowers",
        "coverage",
        "meets_target",
    } <= set(clubs[0])
    total = payload["total"]
    assert total["members"] == sum(c["members"] for c in clubs)
    assert total["borrowers"] == sum(c["borrowers"] for c in clubs)
    assert total["meeting_target"] == sum(1 for c in clubs if c["meets_target"]) == 1
    assert sum(u["members"] for u in payload["units"]) == total["members"]


def test_units_follow_by(tree: Path) -> None:
    by_commune = json.loads(run(str(tree), "--format", "json", "--by", "commune").stdout)
    names = [(u["district"], u["commune"]) for u in by_commune["units"]]
    assert ("Kon Rẫy", "Tân Lập") in names and ("Đắk Hà", "Hà Mòn") in names
    assert all(u["level"] == "commune" for u in by_commune["units"])


def test_the_table_has_a_row_per_unit_and_a_total_line(tree: Path) -> None:
    out = run(str(tree), "--lang", "en").stdout
    lines = out.splitlines()
    kon_ray = next(line for line in lines if line.startswith("Kon Tum / Kon Rẫy"))
    total = next(line for line in lines if line.startswith("Total"))
    # Kon Rẫy: Kon Bỉ (7 members, 1 borrowing) + KT-KR-010 (2, 1) + KT-KR-011 (4, 0).
    # Clubs, unreadable, late or not in order (the test books stop long before the date),
    # members, borrowers, coverage.
    assert kon_ray.split()[5:11] == ["3", "0", "2", "13", "2", "15.4"]
    assert total.split()[1:5] == ["5", "0", "3", "25"]


def test_csv_is_one_row_per_unit_and_the_total(tree: Path) -> None:
    rows = list(csv.reader(io.StringIO(run(str(tree), "--format", "csv").stdout)))
    assert len(rows) == 1 + 2 + 1  # header, Đắk Hà and Kon Rẫy, total
    assert rows[-1][4] == "25"


def test_an_unreadable_book_is_named(tree: Path) -> None:
    broken = tree / "broken.beancount"
    broken.write_bytes(b'2016-01-01 custom "club" "KT-XX-001"\n  name: "\xff\xfe"\n')
    result = run(str(tree), "--format", "json")
    payload = json.loads(result.stdout)
    failed = [c for c in payload["clubs"] if c["failed"]]
    assert [c["path"] for c in failed] == [str(broken)]
    assert payload["total"]["failed"] == 1
    assert str(broken) in result.stderr


def test_a_book_with_errors_is_reported_and_flagged(tree: Path) -> None:
    overdrawn = Club(
        "KT-DH-013",
        members("M", 2),
        loans=[L("L1", "M000", "2025-02-01")],
        capital=1_000_000,
    )
    write(tree / "dak-ha", overdrawn)
    payload = json.loads(run(str(tree), "--format", "json").stdout)
    club = next(c for c in payload["clubs"] if c["club"] == "KT-DH-013")
    assert club["error_count"] >= 1 and club["errors"]
    assert club["borrowers"] == 1
    assert payload["total"]["with_errors"] == 1


def test_the_workbook_has_units_and_clubs(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "coverage.xlsx"
    run(str(tree), "--format", "xlsx", "-o", str(out), "--lang", "en")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Units",
        "Clubs",
        "Late books",
    ]  # the test books stop in 2025
    assert book["Units"].page_setup.orientation == "landscape"


def test_a_workbook_needs_a_file(tree: Path) -> None:
    result = CliRunner().invoke(
        main, ["coverage", str(tree), "--format", "xlsx", "--no-cache"]
    )
    assert result.exit_code != 0
    assert "-o FILE" in result.output


def test_the_page_is_self_contained(tree: Path) -> None:
    page = run(str(tree), "--format", "html").stdout
    assert "<svg" in page
    assert "http://" not in page and "https://" not in page


def _report(tree: Path, cache: Path, *args: str) -> tuple[str, str]:
    result = CliRunner().invoke(
        main, ["coverage", str(tree), "--as-of", AS_OF, "--cache-dir", str(cache), *args]
    )
    assert result.exit_code == 0, result.output + str(result.exception)
    return result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["json", "table", "html"])
def test_cached_snapshots_give_the_report_computed_ones_give(
    tree: Path, tmp_path: Path, fmt: str
) -> None:
    (tree / "broken.beancount").write_bytes(b'2016-01-01 custom "club" "KT-XX-001"\n\xff\n')
    cache = tmp_path / "cache"
    cold = _report(tree, cache, "--format", fmt, "--workers", "2")
    warm = _report(tree, cache, "--format", fmt, "--workers", "2")
    alone = _report(tree, tmp_path / "other", "--format", fmt, "--workers", "1")
    assert cold == warm == alone
    assert "broken.beancount" in cold[0] and "broken.beancount" in cold[1]


def test_a_failing_book_between_good_ones_is_named_in_every_format(
    tree: Path, tmp_path: Path
) -> None:
    broken = tree / "kon-ray" / "kt-kr-010b.beancount"
    broken.write_bytes(b'2016-01-01 custom "club" "KT-KR-010B"\n\xff\n')
    cache = tmp_path / "cache"
    _report(tree, cache, "--workers", "2")  # the good books come from the cache below
    table, stderr = _report(tree, cache, "--workers", "2", "--lang", "en")
    assert str(broken) in table and str(broken) in stderr
    payload = json.loads(_report(tree, cache, "--format", "json")[0])
    assert [f["path"] for f in payload["failed"]] == [str(broken)]
    assert len(payload["clubs"]) == 6 and payload["total"]["failed"] == 1


def test_a_pipe_given_as_the_output_is_written_into_not_replaced(
    tree: Path, tmp_path: Path
) -> None:
    # ``-o /dev/null`` or a named pipe: the report goes into it. A file written beside it and
    # renamed over it would put a plain file in place of the device (as root) or fail where
    # its folder cannot be written.
    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so the command's open returns
    try:
        run(str(tree), "--format", "json", "-o", str(pipe))
        received = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert json.loads(received)["clubs"]
    assert not list(tmp_path.glob(".*.partial"))
