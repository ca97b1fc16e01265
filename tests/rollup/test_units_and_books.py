"""Units re-parenting, which files are books, and what a book's digest covers."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT
from rollup.clubbooks import Club, members, write

from ledger_engine.discovery import discover
from ledger_engine.rollup import (
    Basis,
    Level,
    book_digest,
    roll_up,
    take_snapshot,
)
from ledger_engine.rollup.snapshot import Units
from ledger_engine.rollup.units import load_units, parse_units
from ledger_engine.targets import load_plan

PLAN = load_plan()
THON_1 = next(p for p in EXAMPLES if p.name == "thon-1-ngok-wang.beancount")


def test_units_in_force_at_the_date_come_from_the_book() -> None:
    before = take_snapshot(str(THON_1), datetime.date(2025, 6, 15), PLAN).figures
    after = take_snapshot(str(THON_1), datetime.date(2025, 7, 15), PLAN).figures
    assert before is not None and after is not None
    assert before.units == Units(province="Kon Tum", district="Đắk Hà", commune="Ngọk Wang")
    assert after.units == Units(province="Quảng Ngãi", district=None, commune="Ngọk Wang")


def test_the_2025_map_puts_history_in_todays_units() -> None:
    as_of = datetime.date(2024, 12, 15)
    units = load_units(ROOT / "books" / "units-2025.toml")
    snapshots = [take_snapshot(str(p), as_of, PLAN) for p in EXAMPLES]
    old = roll_up(snapshots, as_of, Basis.RECENT, Level.PROVINCE)
    new = roll_up(snapshots, as_of, Basis.RECENT, Level.PROVINCE, units)
    assert [row.key for row in old.units] == [("Kon Tum",)]
    assert [row.key for row in new.units] == [("Quảng Ngãi",)]
    assert [row.key for row in new.level(Level.DISTRICT)] == [("Quảng Ngãi", None)]
    assert new.total == old.total


def test_rules_apply_in_order_and_only_where_they_match() -> None:
    units = parse_units(
        """
        [[rule]]
        from = { province = "Kon Tum" }
        to = { province = "Quảng Ngãi", district = "" }
        [[rule]]
        from = { province = "Kon Tum", commune = "Hà Mòn" }
        to = { commune = "Đắk Hà" }
        """
    )
    moved = units.apply(Units(province="Kon Tum", district="Đắk Hà", commune="Hà Mòn"))
    kept = units.apply(Units(province="Gia Lai", district="Chư Păh", commune="Hà Mòn"))
    assert moved == Units(province="Quảng Ngãi", district=None, commune="Đắk Hà")
    assert kept == Units(province="Gia Lai", district="Chư Păh", commune="Hà Mòn")


def test_an_unknown_level_in_a_map_is_refused() -> None:
    with pytest.raises(ValueError, match="hamlet"):
        parse_units('[[rule]]\nfrom = { province = "A" }\nto = { hamlet = "B" }\n')


def test_folders_yield_club_books_but_not_their_included_files(tmp_path: Path) -> None:
    club = Club("KT-DH-600", members("M", 2), extra='include "2025.beancount"\n')
    book = write(tmp_path / "dak-ha", club)
    (tmp_path / "dak-ha" / "2025.beancount").write_text(
        '2025-03-01 custom "activity" "health" 5\n', encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("not a book", encoding="utf-8")
    assert discover([tmp_path]).books == [str(book)]


def test_a_file_named_explicitly_is_always_a_book(tmp_path: Path) -> None:
    odd = tmp_path / "odd.beancount"
    odd.write_text("garbage\n", encoding="utf-8")
    assert discover([odd, tmp_path]).books == [str(odd)]


def test_the_digest_follows_includes_recursively(tmp_path: Path) -> None:
    top = tmp_path / "club.beancount"
    top.write_text('include "a.beancount"\n', encoding="utf-8")
    (tmp_path / "a.beancount").write_text('include "sub/*.beancount"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    deep = tmp_path / "sub" / "b.beancount"
    deep.write_text("; one\n", encoding="utf-8")
    first = book_digest(top)
    deep.write_text("; two\n", encoding="utf-8")
    assert book_digest(top) != first


def test_the_digest_survives_moving_the_tree(tmp_path: Path) -> None:
    one = write(tmp_path / "one", Club("KT-DH-700", members("M", 2)))
    two = write(tmp_path / "two", Club("KT-DH-700", members("M", 2)))
    assert book_digest(one) == book_digest(two)
