"""One club discovery for serve, coverage and report, on a folder made to trip it up."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.cli import main
from ledger_engine.discovery import discover, included_by
from ledger_engine.fava_ext.serving import find_club_books


def club(code: str, *includes: str) -> str:
    lines = [
        f'option "title" "Club {code}"',
        'option "operating_currency" "VND"',
        *(f'include "{name}"' for name in includes),
        f'2016-01-01 custom "club" "{code}"',
        '  name: "CLB thử"',
        '  province: "Kon Tum"',
        '  district: "Đắk Hà"',
        '  commune: "Ngọk Wang"',
    ]
    return "\n".join(lines) + "\n"


YEAR = "2024-01-01 open Assets:IGF:Cash VND\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "province"
    files = {
        "dak-ha/club-a.beancount": club("A", "years/*.beancount"),
        "dak-ha/years/2024.beancount": YEAR,
        "dak-ha/years/2025.beancount": YEAR,
        "dak-ha/nested/commune/club-b.beancount": club("B", "b-2025.beancount"),
        "dak-ha/nested/commune/b-2025.beancount": 'include "b-more.beancount"\n',
        "dak-ha/nested/commune/b-more.beancount": YEAR,
        "all.beancount": club("C", "part.beancount"),
        "part.beancount": club("D"),
        ".hidden/club-e.beancount": club("E"),
        "dak-ha/.club-a.x1y2.check.beancount": club("A"),
        "dak-ha/club-a.check.beancount": club("A"),
        "notes.beancount": "; notes, no club\n" + YEAR,
        "misspelt.beancount": club("F").replace('custom "club"', 'custom "Club"'),
        "typo.beancount": club("G").replace('custom "club"', 'custom "clb"'),
        "commented.beancount": club("H").replace(
            "2016-01-01 custom", "; 2016-01-01 custom"
        ),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    os.symlink(root / "gone.txt", root / "broken.beancount")
    return root


CLUBS = {"all.beancount", "club-a.beancount", "club-b.beancount"}
SKIPPED = {
    ".club-a.x1y2.check.beancount": "temporary",
    "club-a.check.beancount": "temporary",
    "notes.beancount": 'no custom "club" line',
    "misspelt.beancount": 'custom "Club" is not custom "club"',
    "typo.beancount": 'custom "clb" is not custom "club"',
    "commented.beancount": "commented out",
    "broken.beancount": "cannot be read",
}


def _names(paths: list[str]) -> set[str]:
    return {Path(p).name for p in paths}


def test_the_club_books_and_nothing_else(folder: Path) -> None:
    found = discover([folder])
    assert _names(found.books) == CLUBS
    assert {Path(s.path).name for s in found.skipped} == set(SKIPPED)
    for line in found.skipped:
        assert SKIPPED[Path(line.path).name] in line.reason, line


def test_serve_sees_the_same_clubs_as_the_roll_up(folder: Path) -> None:
    served = find_club_books([folder])
    assert all(p.is_absolute() for p in served)
    assert served == [Path(p).resolve() for p in discover([folder]).books]
    assert {p.name for p in served} == CLUBS


def test_a_file_named_explicitly_is_a_book_even_without_a_club(folder: Path) -> None:
    notes = folder / "notes.beancount"
    found = discover([notes, folder])
    assert str(notes) in found.books
    assert "notes.beancount" not in {Path(s.path).name for s in found.skipped}


def test_coverage_counts_the_same_clubs_and_lists_the_skipped_files(folder: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "coverage",
            str(folder),
            "--as-of",
            "2025-06-15",
            "--format",
            "json",
            "--no-cache",
        ],
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert {c["club"] for c in payload["clubs"]} == {"A", "B", "C"}
    assert {Path(s["path"]).name for s in payload["skipped"]} == set(SKIPPED)
    table = CliRunner().invoke(
        main,
        ["coverage", str(folder), "--as-of", "2025-06-15", "--no-cache", "--lang", "en"],
    )
    assert table.exit_code == 0, table.output
    assert "skipped" in table.stdout and "typo.beancount" in table.stdout


def test_the_report_lists_the_skipped_files(folder: Path) -> None:
    args = ["report", "annual", str(folder), "--year", "2025", "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--no-cache"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert len(payload["clubs"]) == 3
    assert {Path(s["path"]).name for s in payload["skipped"]} == set(SKIPPED)


def test_reasons_are_vietnamese_by_default(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")
    reasons = {Path(s.path).name: s.reason for s in discover([folder]).skipped}
    assert "notes.beancount" in reasons
    assert 'no custom "club" line' not in reasons["notes.beancount"]


KINDS = ("club", "year", "note", "temp")


def _folder(root: Path, depth: int) -> Path:
    return root.joinpath(*[f"d{k}" for k in range(depth)])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 2)), max_size=8))
def test_every_file_found_is_a_book_a_part_of_one_or_skipped(
    layout: list[tuple[str, int]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = []
        for i, (kind, depth) in enumerate(layout):
            name = f".f{i}.check.beancount" if kind == "temp" else f"f{i}.beancount"
            path = _folder(root, depth) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(club(f"C{i}") if kind in ("club", "temp") else YEAR, "utf-8")
            paths.append(path)
        clubs = [p for p, (kind, _) in zip(paths, layout, strict=True) if kind == "club"]
        years = [p for p, (kind, _) in zip(paths, layout, strict=True) if kind == "year"]
        if clubs:  # the first club includes every yearly file, wherever it is
            lines = [f'include "{os.path.relpath(y, clubs[0].parent)}"' for y in years]
            with clubs[0].open("a", encoding="utf-8") as book:
                book.write("\n".join(lines) + "\n")
        found = discover([root])
        books = {Path(b).resolve() for b in found.books}
        skipped = {Path(s.path).resolve() for s in found.skipped}
        parts = included_by(Path(b) for b in found.books)
        every = {p.resolve() for p in root.rglob("*.beancount")}
        assert books | skipped | parts == every
        assert not books & skipped and not books & parts and not skipped & parts
        assert books == {c.resolve() for c in clubs}
