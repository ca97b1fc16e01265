"""A book marked read-only (chmod 444) is never rewritten by import or record."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from register_samples import HERE

from ledger_engine.append import ensure_writable
from ledger_engine.cli import main
from ledger_engine.errors import InputError

MEMBERS = HERE / "members" / "testdata" / "members.csv"


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> set[Path]:
    """What a failed command must leave as it was (the lock file stays by design)."""
    return {p for p in folder.iterdir() if p.suffix != ".lock"}


def _refused_unchanged(book: Path, *args: object) -> None:
    book.chmod(0o444)
    before = sha256(book)
    files = _files(book.parent)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert f"Error: {book} is read-only; nothing was written" in result.output
    assert "Traceback" not in result.output
    assert sha256(book) == before
    assert _files(book.parent) == files


def test_import_into_a_read_only_book_is_refused(club: Path) -> None:
    _refused_unchanged(club, "import", club, MEMBERS)


def test_record_into_a_read_only_book_is_refused(club_with_loans: Path) -> None:
    _refused_unchanged(
        club_with_loans,
        "record", "repayment", club_with_loans, "--loan", "L2024-001",
        "--amount", "100000", "--date", "05/04/2024",
    )  # fmt: skip


def test_a_dry_run_of_a_read_only_book_still_runs(club: Path) -> None:
    club.chmod(0o444)
    result = run("import", "--dry-run", club, MEMBERS)
    assert result.exit_code == 0, result.output
    assert "Dry run" in result.output


@pytest.mark.parametrize(
    ("mode", "refused"), [(0o444, True), (0o644, False), (0o200, False)]
)
def test_write_bits_decide(tmp_path: Path, mode: int, refused: bool) -> None:
    book = tmp_path / "club.beancount"
    book.write_text("", encoding="utf-8")
    book.chmod(mode)
    if refused:
        with pytest.raises(InputError, match="read-only"):
            ensure_writable(book)
    else:
        ensure_writable(book)
