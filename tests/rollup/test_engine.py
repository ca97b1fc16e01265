"""The engines, the cache, and books that cannot be read or have errors."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from helpers import EXAMPLES
from rollup.clubbooks import Club, L, members, render, write

from ledger_engine.rollup import Engine, RunOptions, collect_snapshots, engine
from ledger_engine.targets import load_plan

PLAN = load_plan()
AS_OF = datetime.date(2025, 6, 15)


def _clubs(folder: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        club = Club(
            f"KT-DH-{200 + i}",
            members("M", 4 + i),
            loans=[L(f"L{i}", "M000", "2025-01-10")],
            commune=["Ngọk Wang", "Hà Mòn"][i % 2],
        )
        paths.append(str(write(folder, club)))
    return paths


def _json(paths: list[str], options: RunOptions) -> list[str]:
    snapshots, _ = collect_snapshots(paths, AS_OF, PLAN, options)
    return [s.model_dump_json() for s in snapshots]


def test_a_club_does_not_depend_on_the_others_in_the_run(tmp_path: Path) -> None:
    paths = [*map(str, EXAMPLES), *_clubs(tmp_path, 3)]
    alone = _json([paths[0]], RunOptions(workers=1, use_cache=False))
    together = _json(paths, RunOptions(workers=2, use_cache=False))
    reversed_run = _json(paths[::-1], RunOptions(workers=2, use_cache=False))
    assert together[0] == alone[0]
    assert reversed_run[::-1] == together


def test_one_worker_and_two_give_the_same_snapshots(tmp_path: Path) -> None:
    paths = _clubs(tmp_path, 5)
    assert _json(paths, RunOptions(workers=1, use_cache=False)) == _json(
        paths, RunOptions(workers=2, use_cache=False)
    )


@pytest.mark.dask
def test_local_and_dask_engines_give_identical_json(tmp_path: Path) -> None:
    paths = [*map(str, EXAMPLES), *_clubs(tmp_path, 4)]
    local = _json(paths, RunOptions(workers=2, use_cache=False))
    dask = _json(
        paths,
        RunOptions(engine=Engine.DASK, workers=2, dask_processes=False, use_cache=False),
    )
    assert dask == local


def test_a_second_run_comes_from_the_cache(tmp_path: Path) -> None:
    paths = _clubs(tmp_path / "books", 3)
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    first, cold = collect_snapshots(paths, AS_OF, PLAN, options)
    second, warm = collect_snapshots(paths, AS_OF, PLAN, options)
    assert (cold.computed, cold.cached) == (3, 0)
    assert (warm.computed, warm.cached) == (0, 3)
    assert second == first


def test_another_date_is_not_served_from_the_cache(tmp_path: Path) -> None:
    paths = _clubs(tmp_path / "books", 2)
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    collect_snapshots(paths, AS_OF, PLAN, options)
    _, stats = collect_snapshots(paths, datetime.date(2025, 1, 1), PLAN, options)
    assert stats.computed == 2


def test_a_changed_book_is_read_again(tmp_path: Path) -> None:
    paths = _clubs(tmp_path / "books", 3)
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    collect_snapshots(paths, AS_OF, PLAN, options)
    changed = Path(paths[1])
    changed.write_text(
        changed.read_text(encoding="utf-8") + '2025-05-01 custom "activity" "health" 9\n',
        encoding="utf-8",
    )
    snapshots, stats = collect_snapshots(paths, AS_OF, PLAN, options)
    assert stats.computed_paths == [paths[1]]
    assert snapshots[1].figures is not None
    assert snapshots[1].figures.activity_areas == ("health",)


def test_a_changed_included_file_is_read_again(tmp_path: Path) -> None:
    club = Club("KT-DH-300", members("M", 3), extra='include "years/*.beancount"\n')
    book = write(tmp_path / "books", club)
    year = tmp_path / "books" / "years" / "2025.beancount"
    year.parent.mkdir()
    year.write_text('2025-03-01 custom "activity" "health" 5\n', encoding="utf-8")
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    collect_snapshots([str(book)], AS_OF, PLAN, options)
    year.write_text('2025-03-01 custom "activity" "sports" 5\n', encoding="utf-8")
    snapshots, stats = collect_snapshots([str(book)], AS_OF, PLAN, options)
    assert stats.computed == 1
    assert snapshots[0].figures is not None
    assert snapshots[0].figures.activity_areas == ("sports",)


def test_a_new_file_matching_an_include_glob_is_read_again(tmp_path: Path) -> None:
    club = Club("KT-DH-301", members("M", 3), extra='include "years/*.beancount"\n')
    book = write(tmp_path / "books", club)
    (tmp_path / "books" / "years").mkdir()
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    collect_snapshots([str(book)], AS_OF, PLAN, options)
    (tmp_path / "books" / "years" / "2025.beancount").write_text(
        '2025-03-01 custom "activity" "culture" 5\n', encoding="utf-8"
    )
    _, stats = collect_snapshots([str(book)], AS_OF, PLAN, options)
    assert stats.computed == 1


def test_no_cache_leaves_no_database(tmp_path: Path) -> None:
    paths = _clubs(tmp_path / "books", 1)
    collect_snapshots(paths, AS_OF, PLAN, RunOptions(workers=1, use_cache=False))
    assert not (tmp_path / "cache").exists()
    assert not any(name.endswith(".sqlite3") for name in os.listdir(tmp_path))


def test_an_unreadable_book_is_reported_with_its_reason(tmp_path: Path) -> None:
    good = _clubs(tmp_path, 1)[0]
    latin = tmp_path / "cp1258.beancount"
    latin.write_bytes(
        render(Club("KT-DH-400", members("M", 2))).encode("utf-8")[:-1] + b"\xfe\xff"
    )
    missing = str(tmp_path / "gone.beancount")
    snapshots, stats = collect_snapshots(
        [good, str(latin), missing], AS_OF, PLAN, RunOptions(workers=1, use_cache=False)
    )
    assert [s.path for s in snapshots] == [good, str(latin), missing]
    assert snapshots[0].failed is None
    assert snapshots[1].failed and "cannot read" in snapshots[1].failed
    assert snapshots[2].failed and "No such file" in snapshots[2].failed
    assert stats.failed == 2


def test_a_file_that_is_not_a_book_fails_with_the_parser_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.beancount"
    junk.write_text("this is not a ledger\n", encoding="utf-8")
    snapshots, _ = collect_snapshots(
        [str(junk)], AS_OF, PLAN, RunOptions(workers=1, use_cache=False)
    )
    assert snapshots[0].figures is None
    assert snapshots[0].failed and 'custom "club"' in snapshots[0].failed


def test_failures_are_not_cached(tmp_path: Path) -> None:
    junk = tmp_path / "junk.beancount"
    junk.write_text("this is not a ledger\n", encoding="utf-8")
    options = RunOptions(workers=1, cache_dir=tmp_path / "cache")
    collect_snapshots([str(junk)], AS_OF, PLAN, options)
    _, stats = collect_snapshots([str(junk)], AS_OF, PLAN, options)
    assert stats.computed == 1


def test_a_book_with_errors_is_flagged_not_dropped(tmp_path: Path) -> None:
    # More lent than the fund holds: rule 5 (cash never negative) reports it.
    club = Club(
        "KT-DH-500",
        members("M", 2),
        loans=[L("L1", "M000", "2025-02-01", amount=5_000_000)],
        capital=1_000_000,
    )
    snapshots, _ = collect_snapshots(
        [str(write(tmp_path, club))], AS_OF, PLAN, RunOptions(workers=1, use_cache=False)
    )
    figures = snapshots[0].figures
    assert snapshots[0].failed is None and figures is not None
    assert figures.error_count >= 1
    assert any("the income-generation fund's cash" in message for message in figures.errors)
    assert figures.coverage["recent"].borrowers.total == 1  # type: ignore[index]
    assert not figures.targets.well_managed


def test_progress_counts_every_book_once(tmp_path: Path) -> None:
    paths = _clubs(tmp_path / "books", 5)
    options = RunOptions(workers=2, cache_dir=tmp_path / "cache")
    collect_snapshots(paths[:2], AS_OF, PLAN, options)
    ticks: list[int] = []
    collect_snapshots(paths, AS_OF, PLAN, options, ticks.append)
    assert sum(ticks) == 5
    assert ticks[0] == 2  # the cached ones, at once


def test_a_rerun_with_two_workers_reads_only_the_changed_book(tmp_path: Path) -> None:
    paths = _clubs(tmp_path / "books", 4)
    options = RunOptions(workers=2, cache_dir=tmp_path / "cache")
    first, _ = collect_snapshots(paths, AS_OF, PLAN, options)
    Path(paths[2]).write_text(Path(paths[2]).read_text(encoding="utf-8") + "; note\n")
    second, stats = collect_snapshots(paths, AS_OF, PLAN, options)
    assert stats.computed_paths == [paths[2]]
    assert second == first  # a comment changes the digest, not the figures


def test_no_books_no_work() -> None:
    snapshots, stats = collect_snapshots(
        [], AS_OF, PLAN, RunOptions(workers=2, use_cache=False)
    )
    assert snapshots == [] and stats.books == 0


def test_the_largest_books_start_first(tmp_path: Path) -> None:
    paths = []
    for name, lines in (("small", 1), ("large", 50), ("middle", 10)):
        book = tmp_path / f"{name}.beancount"
        book.write_text("; line\n" * lines, encoding="utf-8")
        paths.append(str(book))
    paths.append(str(tmp_path / "gone.beancount"))
    assert engine.largest_first([0, 1, 2, 3], paths) == [1, 2, 0, 3]


def test_a_few_hundred_books_go_one_at_a_time_and_more_in_small_batches() -> None:
    assert {len(b) for b in engine.batches(list(range(200)), 2)} == {1}
    many = engine.batches(list(range(12_000)), 2)
    assert max(len(b) for b in many) <= 16
    assert [i for b in many for i in b] == list(range(12_000))
