"""The snapshot cache is keyed by the program's own code: a new build never reads old figures."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest
from rollup.clubbooks import Club, L, members, write

from ledger_engine.rollup import RunOptions, books, cache, collect_snapshots
from ledger_engine.targets import load_plan

PLAN = load_plan()
AS_OF = datetime.date(2025, 6, 15)


def _books(folder: Path) -> list[str]:
    club = Club("KT-DH-300", members("M", 4), loans=[L("L1", "M000", "2025-01-10")])
    return [str(write(folder, club))]


def test_a_snapshot_stored_by_another_build_is_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _books(tmp_path / "books")
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    _, cold = collect_snapshots(paths, AS_OF, PLAN, options)
    _, warm = collect_snapshots(paths, AS_OF, PLAN, options)
    assert (cold.computed, warm.cached) == (1, 1)
    monkeypatch.setattr(cache, "code_digest", lambda: "a later build")
    _, upgraded = collect_snapshots(paths, AS_OF, PLAN, options)
    assert (upgraded.computed, upgraded.cached) == (1, 0)


def test_the_key_holds_the_code_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.snapshot_key("book", AS_OF, PLAN)
    monkeypatch.setattr(cache, "code_digest", lambda: "0" * 64)
    assert cache.snapshot_key("book", AS_OF, PLAN) != before


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the roll-up package, to change as a new build would."""
    copy = tmp_path / "rollup"
    shutil.copytree(cache.package_roots(["ledger_engine"])[0] / "rollup", copy)
    return copy


def test_changing_a_module_changes_the_digest(package: Path) -> None:
    before = cache.source_digest([package])
    figures = package / "figures.py"
    figures.write_text(figures.read_text(encoding="utf-8") + "\nKEPT_ERRORS = 6\n")
    assert cache.source_digest([package]) != before


def test_a_new_or_renamed_file_changes_the_digest(package: Path) -> None:
    before = cache.source_digest([package])
    (package / "tally.py").rename(package / "totals.py")
    renamed = cache.source_digest([package])
    (package / "extra.toml").write_text("x = 1\n", encoding="utf-8")
    assert len({before, renamed, cache.source_digest([package])}) == 3


def test_compiled_and_hidden_files_do_not_change_the_digest(package: Path) -> None:
    before = cache.source_digest([package])
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "figures.cpython-311.pyc").write_bytes(b"\0compiled")
    (package / ".figures.py.swp").write_bytes(b"editor")
    assert cache.source_digest([package]) == before


def test_the_digest_covers_every_figure_making_package() -> None:
    names = {root.name for root in cache.package_roots()}
    assert names == {"ledger_engine", "reports", "importers"}
    assert cache.code_digest() in cache.engine_version()
    assert cache.code_digest() is cache.code_digest()  # computed once per process


# --- files not read again ------------------------------------------------------------------


class Remembered(dict[str, tuple[str, str, list[str]]]):
    """KnownFiles in a dict: path → (state, sha, includes)."""

    def recall(self, path: str, state: str) -> tuple[str, list[str]] | None:
        found = self.get(path)
        return (found[1], found[2]) if found and found[0] == state else None

    def remember(self, path: str, state: str, sha: str, includes: list[str]) -> None:
        self[path] = (state, sha, includes)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (else only those left alone for two seconds)."""
    monkeypatch.setattr(books, "SETTLED_NS", 0)


def _book_with_a_year(folder: Path) -> Path:
    club = Club("KT-DH-301", members("M", 3), extra='include "years/*.beancount"\n')
    book = write(folder, club)
    (folder / "years").mkdir()
    (folder / "years" / "2025.beancount").write_text(
        '2025-03-01 custom "activity" "health" 5\n', encoding="utf-8"
    )
    return book


def test_an_unchanged_file_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None
) -> None:
    book = _book_with_a_year(tmp_path)
    known = Remembered()
    first = books.book_digest(book, known)
    assert len(known) == 2 and first == books.book_digest(book)

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} read again")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert books.book_digest(book, known) == first


def test_a_file_rewritten_with_its_old_size_and_time_is_read_again(
    tmp_path: Path, settled: None
) -> None:
    book = _book_with_a_year(tmp_path / "books")
    year = tmp_path / "books" / "years" / "2025.beancount"
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    collect_snapshots([str(book)], AS_OF, PLAN, options)
    before = year.stat()
    year.write_text('2025-03-01 custom "activity" "sports" 5\n', encoding="utf-8")
    os.utime(year, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert year.stat().st_size == before.st_size
    snapshots, stats = collect_snapshots([str(book)], AS_OF, PLAN, options)
    assert stats.computed == 1
    assert snapshots[0].figures is not None
    assert snapshots[0].figures.activity_areas == ("sports",)


def test_a_file_just_written_is_not_taken_on_its_times(tmp_path: Path) -> None:
    book = _book_with_a_year(tmp_path)
    known = Remembered()
    books.book_digest(book, known)
    assert not known  # within the clock's last tick it could change again unseen
