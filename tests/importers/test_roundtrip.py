"""Acceptance: export a register from a book, take its entries out, import it back.

A generated club book (``ledger-engine demo --clubs 1 --years 2 --seed 3``) and the example
books: for each register kind, ``export`` writes the register; the entries it holds are cut
from a copy of the book; ``import`` must give the same entries back (date, postings, links
and the metadata that carries meaning), leave a book that passes ``check``, and add nothing
when run again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from beancount import loader
from beancount.core import data
from click.testing import CliRunner
from helpers import EXAMPLES

from importers.kinds import KINDS
from importers.rows import MemberRow, read_register
from ledger_engine.cli import main

KEY_META = ("voucher", "term", "rate", "method", "purpose", "note", "gender", "born",
            "ethnicity", "household")  # fmt: skip


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = run("demo", out, "--clubs", 1, "--years", 2, "--seed", 3)
    assert result.exit_code == 0, result.output
    (book,) = out.rglob("*.beancount")
    assert run("check", book).exit_code == 0
    return book


# --- entries, compared by meaning ------------------------------------------------------------


def entries_of(book: Path) -> list[data.Directive]:
    entries, _, _ = loader.load_file(str(book))
    return entries


def identity(entry: data.Directive) -> tuple[Any, ...]:
    """What names an entry across books: its kind and member code, or its voucher."""
    if isinstance(entry, data.Custom):
        return (entry.type, entry.values[0].value)
    return ("voucher", entry.meta.get("voucher"))


def meaning(entry: data.Directive) -> tuple[Any, ...]:
    meta = tuple((k, entry.meta[k]) for k in KEY_META if k in entry.meta)
    if isinstance(entry, data.Custom):
        return (entry.date, entry.type, tuple(v.value for v in entry.values), meta)
    assert isinstance(entry, data.Transaction)
    postings = sorted((p.account, p.units.number) for p in entry.postings)
    return (entry.date, tuple(postings), tuple(sorted(entry.links)), meta)


def by_identity(
    entries: Iterable[data.Directive],
) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    return {identity(e): meaning(e) for e in entries}


def remove_entries(
    book: Path, doomed: Callable[[data.Directive], bool]
) -> list[data.Directive]:
    """Cut from ``book``'s own text every entry ``doomed`` picks (its first line and the
    indented lines under it); the entries cut."""
    path = str(book.resolve())
    removed = [e for e in entries_of(book) if e.meta.get("filename") == path and doomed(e)]
    starts = {e.meta["lineno"] for e in removed}
    kept: list[str] = []
    dropping = False
    for number, line in enumerate(book.read_text(encoding="utf-8").splitlines(True), 1):
        dropping = number in starts or (dropping and line[:1] in (" ", "\t"))
        if not dropping:
            kept.append(line)
    book.write_text("".join(kept), encoding="utf-8")
    return removed


def held_by(register: Path) -> Callable[[data.Directive], bool]:
    """Whether an entry is one the register holds a row for."""
    rows = read_register(register).rows
    if rows and isinstance(rows[0], MemberRow):
        codes = {r.code for r in rows if isinstance(r, MemberRow)}
        return lambda e: (
            isinstance(e, data.Custom)
            and e.type in ("member", "member-exit")
            and e.values[0].value in codes
        )
    vouchers = {getattr(r, "voucher", None) for r in rows}
    return lambda e: isinstance(e, data.Transaction) and e.meta.get("voucher") in vouchers


# --- the round trip ----------------------------------------------------------------------------


def round_trip(source: Path, kind: str, document: Path, tmp_path: Path) -> Path:
    exported = run("export", kind, source, document)
    assert exported.exit_code == 0, exported.output
    book = tmp_path / source.name
    shutil.copy(source, book)
    removed = remove_entries(book, held_by(document))
    assert removed, f"the {kind} register of {source.name} should not be empty"
    imported = run("import", book, document)
    assert imported.exit_code == 0, imported.output
    new = [e for e in entries_of(book) if e.meta.get("source_file") == document.name]
    assert by_identity(new) == by_identity(removed)
    assert len(new) == len(removed)
    return book


@pytest.mark.parametrize("kind", list(KINDS))
def test_demo_book_round_trips_through_csv(
    demo_book: Path, tmp_path: Path, kind: str
) -> None:
    book = round_trip(demo_book, kind, tmp_path / f"{kind}.csv", tmp_path)
    assert run("check", book).exit_code == 0


@pytest.mark.parametrize("kind", ["members", "repayments"])
def test_demo_book_round_trips_through_xlsx(
    demo_book: Path, tmp_path: Path, kind: str
) -> None:
    round_trip(demo_book, kind, tmp_path / f"{kind}.xlsx", tmp_path)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("kind", list(KINDS))
def test_example_book_round_trips(example: Path, tmp_path: Path, kind: str) -> None:
    book = round_trip(example, kind, tmp_path / f"{kind}.xlsx", tmp_path)
    assert run("check", book).exit_code == 0


def test_importing_the_same_document_twice_changes_nothing(
    demo_book: Path, tmp_path: Path
) -> None:
    document = tmp_path / "cashbook.csv"
    book = round_trip(demo_book, "cashbook", document, tmp_path)
    before = book.read_bytes()
    again = run("import", book, document)
    assert again.exit_code == 0, again.output
    assert book.read_bytes() == before
    rows = len(read_register(document).rows)
    assert f"0 to add, {rows} already in the book" in again.output


def test_one_bad_row_changes_nothing_and_is_named(demo_book: Path, tmp_path: Path) -> None:
    document = tmp_path / "loans.csv"
    assert run("export", "loans", demo_book, document).exit_code == 0
    held = held_by(document)
    lines = document.read_text(encoding="utf-8-sig").splitlines(True)
    fields = lines[4].split(",")
    fields[5] = "năm triệu"  # Số tiền of the row the spreadsheet shows as row 5
    lines[4] = ",".join(fields)
    document.write_text("".join(lines), encoding="utf-8")
    book = tmp_path / "book.beancount"
    shutil.copy(demo_book, book)
    remove_entries(book, held)
    before = book.read_bytes()
    result = run("import", book, document)
    assert result.exit_code == 1
    assert book.read_bytes() == before
    assert f"{document}:5: Số tiền: 'năm triệu' is not an amount" in result.output
