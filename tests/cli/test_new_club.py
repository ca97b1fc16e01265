from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ledger_engine.cli import main
from ledger_engine.loading import load_book

ARGS = [
    "--code",
    "KT-DH-050",
    "--name",
    "CLB Liên thế hệ tự giúp nhau thôn 5",
    "--province",
    "Kon Tum",
    "--district",
    "Đắk Hà",
    "--commune",
    "Hà Mòn",
    "--founded",
    "2025-03-01",
]


def test_new_club_book_passes_check(tmp_path: Path) -> None:
    out = tmp_path / "thon-5.beancount"
    assert CliRunner().invoke(main, ["new-club", str(out), *ARGS]).exit_code == 0
    result = CliRunner().invoke(main, ["check", str(out)])
    assert (result.exit_code, result.output) == (0, "")


def test_new_club_book_knows_its_club_and_policy(tmp_path: Path) -> None:
    import datetime

    out = tmp_path / "thon-5.beancount"
    CliRunner().invoke(main, ["new-club", str(out), *ARGS])
    book = load_book(out)
    club = book.club_at(datetime.date(2025, 3, 1))
    assert club is not None and (club.code, club.district) == ("KT-DH-050", "Đắk Hà")
    assert book.options["title"] == "CLB Lien the he tu giup nhau thon 5"
    assert book.policy_at(datetime.date(2025, 3, 1)) is not None


def test_new_club_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "thon-5.beancount"
    out.write_text("; a club's real books\n")
    result = CliRunner().invoke(main, ["new-club", str(out), *ARGS])
    assert result.exit_code == 1 and out.read_text() == "; a club's real books\n"
