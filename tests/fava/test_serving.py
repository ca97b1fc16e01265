"""``ledger-engine serve``: which books it finds, and the club's pages on for each of them."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from click.testing import CliRunner
from fava.application import create_app
from helpers import ROOT

from ledger_engine.cli import main
from ledger_engine.fava_ext.base import CLOCK_KEY
from ledger_engine.fava_ext.serving import (
    MODULE,
    disable_club_pages,
    enable_club_pages,
    find_club_books,
    make_app,
    with_club_pages,
)
from ledger_engine.quick_checks import transactions

EXAMPLE = ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount"
SLUG = "clb-lth-thon-1-ngok-wang"
DECLARATION = '2016-05-01 custom "fava-extension" "ledger_engine.fava_ext"\n'


@pytest.fixture(autouse=True)
def _fava_as_shipped() -> Any:
    disable_club_pages()
    yield
    disable_club_pages()


@pytest.fixture
def undeclared(tmp_path: Path) -> Path:
    """The example book without its line enabling the club's pages."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert DECLARATION in text
    path = tmp_path / "club.beancount"
    path.write_text(text.replace(DECLARATION, ""), encoding="utf-8")
    return path


def club_text(code: str, include: str | None = None) -> str:
    lines = [
        'option "title" "Club ' + code + '"',
        'option "operating_currency" "VND"',
        *([f'include "{include}"'] if include else []),
        f'2016-01-01 custom "club" "{code}"',
        '  name: "CLB thử"',
        '  province: "Kon Tum"',
        '  commune: "Ngọk Wang"',
    ]
    return "\n".join(lines) + "\n"


def test_a_book_without_the_line_has_no_club_pages_in_plain_fava(undeclared: Path) -> None:
    app = create_app([str(undeclared)], load=True)
    assert app.test_client().get(f"/{SLUG}/extension/ClubLoans/").status_code == 404


def test_serve_gives_every_club_book_the_pages(undeclared: Path) -> None:
    app = make_app([undeclared], read_only=False, load=True)
    response = app.test_client().get(f"/{SLUG}/extension/ClubLoans/?as_of=2025-06-15")
    assert response.status_code == 200
    assert 'data-loan="L2024-002"' in response.get_data(as_text=True)
    assert not app.config["LEDGERS"][SLUG].errors


def test_serve_loads_a_book_with_the_engines_quick_steps(
    undeclared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[int] = []
    quick = transactions.transactions_balance

    def watched(entries: list[Any], options_map: dict[str, Any]) -> list[Any]:
        checked.append(len(entries))
        return quick(entries, options_map)

    monkeypatch.setattr(transactions, "transactions_balance", watched)
    plain = create_app([str(undeclared)], load=True).config["LEDGERS"][SLUG]
    assert checked == []  # Fava as it ships: Beancount's own check
    served = make_app([undeclared], read_only=False, load=True).config["LEDGERS"][SLUG]
    assert checked and checked[0] > 0
    assert served.errors == plain.errors
    assert [e for e in served.all_entries if e.meta.get("lineno", 0) > 0] == [
        e for e in plain.all_entries if e.meta.get("lineno", 0) > 0
    ]


def test_serve_does_not_add_a_second_declaration() -> None:
    app = make_app([EXAMPLE], read_only=False, load=True)
    ledger = app.config["LEDGERS"][SLUG]
    declared = [e for e in ledger.all_entries_by_type.Custom if e.type == "fava-extension"]
    assert len(declared) == 1
    assert not ledger.errors


def test_serve_never_writes_the_declaration_into_the_book(undeclared: Path) -> None:
    before = undeclared.read_bytes()
    make_app([undeclared], read_only=False, load=True)
    assert undeclared.read_bytes() == before


def test_the_pages_are_added_to_club_books_only(tmp_path: Path) -> None:
    plain = tmp_path / "plain.beancount"
    plain.write_text("2020-01-01 open Assets:Cash VND\n", encoding="utf-8")
    entries, _, _ = loader.load_file(str(plain))
    assert with_club_pages(list(entries), str(plain)) == list(entries)


def test_the_added_entry_names_the_module_and_dates_from_the_club(undeclared: Path) -> None:
    entries, _, _ = loader.load_file(str(undeclared))
    added = with_club_pages(list(entries), str(undeclared))[-1]
    assert added.type == "fava-extension"
    assert added.values[0].value == MODULE
    assert added.date == datetime.date(2016, 5, 1)


def test_enabling_twice_wraps_the_loader_once(undeclared: Path) -> None:
    enable_club_pages()
    enable_club_pages()
    app = create_app([str(undeclared)], load=True)
    ledger = app.config["LEDGERS"][SLUG]
    declared = [e for e in ledger.all_entries_by_type.Custom if e.type == "fava-extension"]
    assert len(declared) == 1


def test_folders_are_searched_for_top_level_club_books(tmp_path: Path) -> None:
    (tmp_path / "club.beancount").write_text(club_text("A", "2024.beancount"), "utf-8")
    (tmp_path / "2024.beancount").write_text(
        "2024-01-01 open Assets:IGF:Cash VND\n", "utf-8"
    )
    (tmp_path / "notes.beancount").write_text("; no club here\n", "utf-8")
    (tmp_path / "commune").mkdir()
    (tmp_path / "commune" / "b.beancount").write_text(club_text("B"), "utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.beancount").write_text(club_text("C"), "utf-8")
    found = find_club_books([tmp_path])
    assert found == [
        (tmp_path / "club.beancount").resolve(),
        (tmp_path / "commune" / "b.beancount").resolve(),
    ]


def test_a_book_included_by_another_is_served_through_it(tmp_path: Path) -> None:
    (tmp_path / "all.beancount").write_text(club_text("A", "part.beancount"), "utf-8")
    (tmp_path / "part.beancount").write_text(textwrap.dedent(club_text("B")), "utf-8")
    assert find_club_books([tmp_path]) == [(tmp_path / "all.beancount").resolve()]


def test_the_shipped_books_are_found() -> None:
    found = find_club_books([ROOT / "books" / "examples"])
    assert sorted(p.name for p in found) == [
        "lang-kon-bi-dak-ruong.beancount",
        "thon-1-ngok-wang.beancount",
    ]


def test_serve_hands_its_clock_to_the_pages(undeclared: Path) -> None:
    app = make_app([undeclared], read_only=False, clock=lambda: datetime.date(2025, 3, 1))
    html = app.test_client().get(f"/{SLUG}/extension/ClubLoans/").get_data(as_text=True)
    assert 'data-as-of="2025-03-01"' in html
    assert app.config[CLOCK_KEY]() == datetime.date(2025, 3, 1)


def test_serve_refuses_a_folder_without_club_books(tmp_path: Path) -> None:
    (tmp_path / "notes.beancount").write_text("; no club here\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 2
    assert "no club book found" in result.output


def test_a_time_filter_reaching_past_today_stops_at_today(undeclared: Path) -> None:
    app = make_app([undeclared], read_only=False, clock=lambda: datetime.date(2025, 3, 1))
    url = f"/{SLUG}/extension/ClubLoans/?time=2025"
    assert 'data-as-of="2025-03-01"' in app.test_client().get(url).get_data(as_text=True)


def test_a_past_time_filter_sets_the_date_even_with_a_clock(undeclared: Path) -> None:
    app = make_app([undeclared], read_only=False, clock=lambda: datetime.date(2025, 3, 1))
    url = f"/{SLUG}/extension/ClubLoans/?time=2024"
    assert 'data-as-of="2024-12-31"' in app.test_client().get(url).get_data(as_text=True)
