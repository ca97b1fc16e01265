"""Snapshots streamed: handed on one at a time, written to the cache as they come, never held."""

from __future__ import annotations

import datetime
import gc
import sqlite3
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from rollup.clubbooks import Club, L, members, write

from ledger_engine.rollup import RunOptions, RunStats, cache, collect_snapshots, engine
from ledger_engine.rollup.engine import stream_snapshots
from ledger_engine.rollup.snapshot import ClubSnapshot
from ledger_engine.rollup.trace import ClubTrace
from ledger_engine.targets import load_plan

PLAN = load_plan()
AS_OF = datetime.date(2025, 6, 15)


def _clubs(folder: Path, count: int) -> list[str]:
    return [
        str(
            write(
                folder,
                Club(
                    f"KT-DH-{600 + i}",
                    members("M", 3 + i),
                    [L(f"L{i}", "M000", "2025-01-10")],
                ),
            )
        )
        for i in range(count)
    ]


def _rows(folder: Path) -> int:
    with sqlite3.connect(folder / cache.DB_NAME) as db:
        count: int = db.execute("SELECT count(*) FROM club_snapshot").fetchone()[0]
    return count


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("warm", [False, True], ids=["computed", "cached"])
def test_a_snapshot_handed_on_is_not_held(tmp_path: Path, workers: int, warm: bool) -> None:
    paths = _clubs(tmp_path / "books", 4)
    options = RunOptions(workers=workers, cache_dir=tmp_path / "cache")
    if warm:
        collect_snapshots(paths, AS_OF, PLAN, options)
    seen: list[weakref.ref[ClubSnapshot]] = []
    for _, snapshot in stream_snapshots(paths, AS_OF, PLAN, options):
        seen.append(weakref.ref(snapshot))
        del snapshot
        gc.collect()
        assert all(ref() is None for ref in seen[:-1])
    assert len(seen) == 4


def test_the_cache_is_written_as_snapshots_arrive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "WRITE_EVERY", 2)
    paths = _clubs(tmp_path / "books", 5)
    store = tmp_path / "cache"
    stream = stream_snapshots(paths, AS_OF, PLAN, RunOptions(workers=1, cache_dir=store))
    counts = []
    for _ in range(3):
        next(stream)
        counts.append(_rows(store))
    assert counts == [0, 2, 2]
    stream.close()  # a run stopped early keeps what it computed
    assert _rows(store) == 3
    _, stats = collect_snapshots(paths, AS_OF, PLAN, RunOptions(workers=1, cache_dir=store))
    assert (stats.cached, stats.computed) == (3, 2)


def test_a_failing_book_among_cached_ones_is_named_in_its_place(tmp_path: Path) -> None:
    paths = _clubs(tmp_path / "books", 4)
    options = RunOptions(workers=2, cache_dir=tmp_path / "cache")
    collect_snapshots(paths, AS_OF, PLAN, options)
    junk = tmp_path / "books" / "junk.beancount"
    junk.write_text("this is not a ledger\n", encoding="utf-8")
    given = [*paths[:2], str(junk), *paths[2:]]
    stats = RunStats()
    found = dict(stream_snapshots(given, AS_OF, PLAN, options, stats=stats))
    assert sorted(found) == [0, 1, 2, 3, 4]
    assert [found[i].path for i in range(5)] == given
    assert found[2].failed and 'custom "club"' in found[2].failed
    assert (stats.cached, stats.computed, stats.failed) == (4, 1, 1)


def test_a_snapshot_lost_from_the_cache_during_the_run_is_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _clubs(tmp_path / "books", 3)
    options = RunOptions(workers=2, cache_dir=tmp_path / "cache")
    first, _ = collect_snapshots(paths, AS_OF, PLAN, options)

    def lose_one(
        self: cache.SnapshotCache, keys: list[str], trace: bool = True
    ) -> Iterator[tuple[str, str]]:
        yield from list(original(self, keys, trace))[1:]

    original = cache.SnapshotCache.texts
    monkeypatch.setattr(cache.SnapshotCache, "texts", lose_one)
    again, stats = collect_snapshots(paths, AS_OF, PLAN, options)
    assert again == first
    assert (stats.cached, stats.computed) == (2, 1)


@pytest.mark.parametrize("workers", [1, 2])
def test_snapshots_without_their_trace_hold_every_other_figure(
    tmp_path: Path, workers: int
) -> None:
    paths = _clubs(tmp_path / "books", 3)
    options = RunOptions(workers=workers, cache_dir=tmp_path / "cache")
    whole, _ = collect_snapshots(paths, AS_OF, PLAN, RunOptions(workers=1, use_cache=False))
    assert all(s.figures and s.figures.trace.members for s in whole)
    for run in ("computed", "cached"):
        found = dict(stream_snapshots(paths, AS_OF, PLAN, options, trace=False))
        assert [_untraced(found[i]) for i in range(3)] == list(map(_untraced, whole)), run
    cached = dict(stream_snapshots(paths, AS_OF, PLAN, options, trace=False))
    assert not any(s.figures and s.figures.trace.members for s in cached.values())
    assert [s for _, s in sorted(stream_snapshots(paths, AS_OF, PLAN, options))] == whole


def _untraced(snapshot: ClubSnapshot) -> ClubSnapshot:
    assert snapshot.figures is not None
    figures = snapshot.figures.model_copy(update={"trace": ClubTrace()})
    return snapshot.model_copy(update={"figures": figures})
