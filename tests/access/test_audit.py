"""The audit trail on its own: what a change is made of, and what ``verify`` flags."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_engine.access import audit

WHEN = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)
HEAD = 'option "title" "Club"\n2016-01-01 open Assets:IGF:Cash VND\n'


def note(day: int, voucher: str | None = None) -> str:
    meta = f'  voucher: "{voucher}"\n' if voucher else ""
    return f'2025-01-{day:02d} note Assets:IGF:Cash "n{day}"\n{meta}'


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def record(book: Path, new_text: str, user: str = "quan") -> None:
    old = book.read_text(encoding="utf-8") if book.exists() else ""
    book.write_text(new_text, encoding="utf-8")
    change = audit.describe_change(old, new_text)
    audit.append_write(
        book,
        user=user,
        role="admin",
        club="KT-X",
        vouchers=change.vouchers,
        entry_count=change.added,
        removed=change.removed,
        sha_before=sha(old),
        sha_after=sha(new_text),
        when=WHEN,
    )


def test_a_change_counts_entries_added_and_removed_and_their_vouchers() -> None:
    before = HEAD + note(1, "PT-1") + note(2)
    after = HEAD + note(2) + note(3, "PT-3") + note(4, "PT-4")
    change = audit.describe_change(before, after)
    assert (change.added, change.removed) == (2, 1)
    assert change.vouchers == ("PT-1", "PT-3", "PT-4")


def test_moving_an_entry_is_no_change() -> None:
    change = audit.describe_change(HEAD + note(1) + note(2), HEAD + note(2) + note(1))
    assert (change.added, change.removed, change.vouchers) == (0, 0, ())


def test_a_book_without_a_trail_has_nothing_to_flag(tmp_path: Path) -> None:
    book = tmp_path / "club.beancount"
    book.write_text(HEAD, encoding="utf-8")
    trail = audit.verify(book)
    assert trail.intact and trail.lines == ()


def test_books_sharing_a_folder_keep_their_own_chains(tmp_path: Path) -> None:
    one, two = tmp_path / "one.beancount", tmp_path / "two.beancount"
    record(one, HEAD + note(1))
    record(two, HEAD + note(2))
    record(one, HEAD + note(1) + note(3))
    assert [line.file for line in audit.verify(one).lines] == ["one.beancount"] * 2
    assert audit.verify(one).intact and audit.verify(two).intact
    two.write_text(HEAD, encoding="utf-8")
    assert audit.verify(one).intact
    assert not audit.verify(two).intact


def test_a_line_removed_from_the_log_is_flagged(tmp_path: Path) -> None:
    book = tmp_path / "club.beancount"
    for day in (1, 2, 3):
        record(
            book, book.read_text(encoding="utf-8") + note(day) if book.exists() else HEAD
        )
    log = tmp_path / "audit.log"
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    log.write_text(lines[0] + lines[2], encoding="utf-8")
    messages = [f.message for f in audit.verify(book).findings]
    assert any("the trail itself was changed" in m for m in messages)
    assert any("outside the program between" in m for m in messages)


def test_a_deleted_book_is_flagged(tmp_path: Path) -> None:
    book = tmp_path / "club.beancount"
    record(book, HEAD)
    book.unlink()
    (finding,) = audit.verify(book, now=WHEN).findings
    assert "deleted" in finding.message and "2026-01-05 09:30:00" in finding.message


@settings(max_examples=30, deadline=None)
@given(
    steps=st.lists(st.lists(st.integers(1, 28), max_size=4), min_size=1, max_size=5),
    outside=st.one_of(st.none(), st.integers(0, 4)),
)
def test_the_trail_explains_the_book_exactly_when_nothing_wrote_behind_it(
    tmp_path_factory: pytest.TempPathFactory, steps: list[list[int]], outside: int | None
) -> None:
    book = tmp_path_factory.mktemp("trail") / "club.beancount"
    text = HEAD
    record(book, text)
    edited_outside = False
    for number, days in enumerate(steps):
        text += "".join(note(d) for d in days) + f"; write {number}\n"
        record(book, text)
        if outside == number:
            text += "; by hand\n"
            book.write_text(text, encoding="utf-8")
            edited_outside = True
    assert audit.verify(book).intact is not edited_outside


def test_a_file_the_book_includes_is_traced_in_the_books_log(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ledger_engine.cli import main

    book = tmp_path / "club.beancount"
    book.write_text(HEAD + 'include "2025/txns.beancount"\n', encoding="utf-8")
    included = tmp_path / "2025" / "txns.beancount"
    included.parent.mkdir()
    included.write_text(note(1), encoding="utf-8")
    after = note(1) + note(2, "PT-2")
    included.write_text(after, encoding="utf-8")
    audit.append_write(
        book, file=included, user="quan", role="admin", club="KT-X", vouchers=["PT-2"],
        entry_count=1, sha_before=sha(note(1)), sha_after=sha(after), when=WHEN,
    )  # fmt: skip
    assert not (included.parent / "audit.log").exists()
    runner = CliRunner()
    clean = runner.invoke(main, ["--lang", "en", "audit", str(book)])
    assert clean.exit_code == 0, clean.output
    assert "2025/txns.beancount" in clean.output and "PT-2" in clean.output
    included.write_text(after + "; by hand\n", encoding="utf-8")
    flagged = runner.invoke(main, ["--lang", "en", "audit", str(book)])
    assert flagged.exit_code == 1
    assert "2025/txns.beancount was changed outside the program" in flagged.output
