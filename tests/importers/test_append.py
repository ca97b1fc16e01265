"""ledger_engine.append: checking a book with text appended, and writing it in one step."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger_engine.append import (
    check_appended,
    first_line_of_block,
    joined,
    problems_of,
    write_appended,
)
from ledger_engine.loading import load_book

BLOCK = '; new\n2024-02-01 * "Thu hội phí"\n  Assets:Activity:Cash  100 VND\n  Income:Activity:Fees  -100 VND\n'


@pytest.mark.parametrize("original", [b"", b"a\n", b"a\nb", b"a\n\n"])
def test_block_starts_on_the_line_announced(original: bytes) -> None:
    lines = joined(original, "X\n").decode().split("\n")
    assert lines[first_line_of_block(original) - 1] == "X"


def test_block_is_separated_by_one_blank_line() -> None:
    assert joined(b"a\n", "X\n") == b"a\n\nX\n"
    assert joined(b"a", "X\n") == b"a\n\nX\n"


def test_check_finds_only_new_problems_and_leaves_no_files(club: Path) -> None:
    original = club.read_bytes()
    before = problems_of(load_book(club).errors)
    overdraw = BLOCK.replace(" 100 VND", " -2000000 VND").replace(
        " -100 VND", " 2000000 VND"
    )
    files = set(club.parent.iterdir())
    problems, _ = check_appended(club, original, overdraw, before)
    (problem,) = problems
    assert problem.file == str(club)
    assert problem.line == first_line_of_block(original) + 1
    assert "the activity fund's cash goes negative" in problem.message
    assert set(club.parent.iterdir()) == files
    assert club.read_bytes() == original


def test_check_of_a_good_block_finds_nothing(club: Path) -> None:
    problems, loaded = check_appended(club, club.read_bytes(), BLOCK, [])
    assert problems == []
    assert any(getattr(e, "narration", None) == "Thu hội phí" for e in loaded.entries)


def test_includes_resolve_from_the_copy(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "accounts.beancount").write_text(
        "2016-01-01 open Assets:Activity:Cash VND\n2016-01-01 open Income:Activity:Fees VND\n"
    )
    book = tmp_path / "book.beancount"
    book.write_text('option "operating_currency" "VND"\ninclude "sub/accounts.beancount"\n')
    before = problems_of(load_book(book).errors)  # the book names no club: not new
    problems, _ = check_appended(book, book.read_bytes(), BLOCK, before)
    assert problems == []


def test_write_keeps_the_file_mode_and_appends(club: Path) -> None:
    os.chmod(club, 0o640)
    original = club.read_bytes()
    write_appended(club, original, BLOCK)
    assert club.read_bytes() == original + b"\n" + BLOCK.encode()
    assert club.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in club.parent.iterdir()) == ["club.beancount"]
