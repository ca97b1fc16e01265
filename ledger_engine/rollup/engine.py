"""Snapshots of many books at one date, in parallel, with the cache in front.

Two engines compute the snapshots the cache does not hold: a local process pool
(``workers=1`` computes in this process) or Dask (``dask.distributed``: an existing scheduler,
or a local cluster on 127.0.0.1 started for the run and closed after it). Workers only compute
and return JSON; this process alone reads and writes the cache.

Snapshots are handed on one at a time as they come (``stream_snapshots``), and written to the
cache in small chunks as the workers finish them, so that the memory of a run does not grow
with the number of clubs; ``collect_snapshots`` gathers them in order for the reports that
need every club at once.
"""

from __future__ import annotations

import datetime
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

from ledger_engine.rollup.books import book_digest
from ledger_engine.rollup.cache import Row, SnapshotCache, default_cache_dir, snapshot_key
from ledger_engine.rollup.snapshot import ClubSnapshot
from ledger_engine.targets import Plan

#: Called with the number of books just finished.
Progress = Callable[[int], None]
Batch = list[str]
T = TypeVar("T")
#: A snapshot and the place of its book in the paths asked for.
Numbered = tuple[int, ClubSnapshot]
#: A snapshot's JSON: whole, and without its trace (the members and loans behind it).
Texts = tuple[str, str]
_TRACE = {"figures": {"trace"}}
#: Computed snapshots are written to the cache this many at a time, as they arrive.
WRITE_EVERY = 32


class Engine(StrEnum):
    LOCAL = "local"
    DASK = "dask"


@dataclass(frozen=True)
class RunOptions:
    engine: Engine = Engine.LOCAL
    workers: int | None = None  # None: every core
    scheduler: str | None = None  # Dask scheduler address; None: a local cluster
    dask_processes: bool = (
        True  # a local cluster of processes (threads are quicker to start)
    )
    cache_dir: Path | None = None  # None: the user's cache folder
    use_cache: bool = True


#: Computed in this process: the few books the cache lost during the run.
_IN_PROCESS = RunOptions(workers=1)


@dataclass
class RunStats:
    books: int = 0
    cached: int = 0
    computed: int = 0
    failed: int = 0
    computed_paths: list[str] = field(default_factory=list)


def snapshot_batch(paths: Batch, as_of: datetime.date, plan: Plan) -> list[Texts]:
    """What a worker does: the snapshots of a few books, as JSON whole and untraced."""
    return [texts_of(_take(path, as_of, plan)) for path in paths]


def texts_of(snapshot: ClubSnapshot) -> Texts:
    """A snapshot's JSON, whole and without its trace."""
    return snapshot.model_dump_json(), snapshot.model_dump_json(exclude=_TRACE)


def _take(path: str, as_of: datetime.date, plan: Plan) -> ClubSnapshot:
    # Imported on first use: a run served from the cache never loads the rule chain.
    from ledger_engine.rollup.figures import take_snapshot

    return take_snapshot(path, as_of, plan)


def collect_snapshots(
    paths: Sequence[str],
    as_of: datetime.date,
    plan: Plan,
    options: RunOptions | None = None,
    progress: Progress | None = None,
) -> tuple[list[ClubSnapshot], RunStats]:
    """One snapshot per path, in the order given; cached ones are not recomputed."""
    stats = RunStats()
    found = sorted(
        stream_snapshots(paths, as_of, plan, options, progress, stats), key=lambda n: n[0]
    )
    return [snapshot for _, snapshot in found], stats


def stream_snapshots(
    paths: Sequence[str],
    as_of: datetime.date,
    plan: Plan,
    options: RunOptions | None = None,
    progress: Progress | None = None,
    stats: RunStats | None = None,
    *,
    trace: bool = True,
) -> Iterator[Numbered]:
    """Each path's snapshot with the path's place in ``paths``, as soon as it is at hand:
    the cached ones first, then the computed ones as the workers finish them, in no set
    order. Computed snapshots go to the cache a few at a time as they arrive, and nothing
    is kept once handed on, so a province of any size takes the memory of a few clubs.
    ``stats`` is filled in as the run goes. ``trace=False``: the snapshots need not hold
    their trace (``figures.trace``, the members and loans behind the counts), which a
    report of counts never shows; they are read three times quicker."""
    options = options or RunOptions()
    tick = progress or (lambda done: None)
    stats = stats if stats is not None else RunStats()
    keys, held = _keys(paths, as_of, plan, options)
    todo = [i for i, key in enumerate(keys) if key is None or key not in held]
    stats.books, stats.computed = len(paths), len(todo)
    stats.cached, stats.computed_paths = len(paths) - len(todo), [paths[i] for i in todo]
    tick(stats.cached)
    with ExitStack() as stack:
        # The workers start before the database opens: forked processes must not inherit
        # it open. They compute while this process reads the cached snapshots.
        computed = _compute(todo, paths, as_of, plan, options, tick, stack)
        if not options.use_cache:
            cache = None
        else:
            cache = stack.enter_context(_open(options))
            gone: Places = []
            for index, text in _cached(cache, keys, held, trace):
                if text is None:
                    gone.append(index)
                else:
                    yield index, _parse(text, paths[index])
            if gone:  # deleted since the look-up by another run: computed here after all
                stats.cached -= len(gone)
                stats.computed += len(gone)
                stats.computed_paths.extend(paths[i] for i in gone)
                again = _compute(gone, paths, as_of, plan, _IN_PROCESS, tick, stack)
                computed = chain(computed, again)
        writes: list[Row] = []
        try:
            for index, made in computed:
                if isinstance(made, ClubSnapshot):
                    snapshot, texts = made, None
                else:
                    snapshot, texts = _parse(made[0 if trace else 1], paths[index]), made
                stats.failed += snapshot.failed is not None
                key = keys[index]
                if cache is not None and key is not None and snapshot.failed is None:
                    whole, untraced = texts or texts_of(snapshot)
                    writes.append((key, paths[index], as_of, whole, untraced))
                    if len(writes) >= WRITE_EVERY:
                        cache.put_many(writes)
                        writes.clear()
                yield index, snapshot
        finally:
            # Even when the run stops early, what was computed is kept.
            if cache is not None and writes:
                cache.put_many(writes)


def _key(path: str, as_of: datetime.date, plan: Plan, known: SnapshotCache) -> str | None:
    try:
        return snapshot_key(book_digest(path, known), as_of, plan)
    except OSError:
        return None  # unreadable: computed every time, so that it fails with its reason


def _open(options: RunOptions) -> SnapshotCache:
    return SnapshotCache(options.cache_dir or default_cache_dir())


def _keys(
    paths: Sequence[str], as_of: datetime.date, plan: Plan, options: RunOptions
) -> tuple[list[str | None], set[str]]:
    """Each book's key, and those the cache holds; the database is closed again before any
    worker starts. Without the cache no key is needed: no book is hashed."""
    if not options.use_cache:
        return [None] * len(paths), set()
    with _open(options) as cache:
        keys = [_key(path, as_of, plan, cache) for path in paths]
        return keys, cache.present(k for k in keys if k is not None)


def _cached(
    cache: SnapshotCache, keys: list[str | None], held: set[str], trace: bool
) -> Iterator[tuple[int, str | None]]:
    """(place, json) of every path whose key the cache holds (books with the same content
    share one stored text); ``None`` for a key no longer there."""
    places: dict[str, Places] = {}
    for index, key in enumerate(keys):
        if key is not None and key in held:
            places.setdefault(key, []).append(index)
    for key, text in cache.texts(list(places), trace):
        for index in places.pop(key, []):
            yield index, text
    for lost in places.values():
        for index in lost:
            yield index, None


def _parse(text: str, path: str) -> ClubSnapshot:
    snapshot = ClubSnapshot.model_validate_json(text)
    if snapshot.path != path:  # the same content cached under another path
        snapshot = snapshot.model_copy(update={"path": path})
    return snapshot


# --- engines -------------------------------------------------------------------------------

#: Places of books in the paths asked for, sent to one worker together.
Places = list[int]
#: A batch of books done: their places and their snapshots, as JSON from another process.
Done = tuple[Places, Sequence[ClubSnapshot | Texts]]


def workers_of(options: RunOptions) -> int:
    return max(1, options.workers or os.cpu_count() or 1)


def batches(items: Sequence[T], workers: int) -> list[list[T]]:
    """Books in batches, in the order given: one book each for up to a few hundred books,
    the best balance; a few each beyond, where the round trips would add up."""
    size = max(1, min(16, len(items) // (workers * 64)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def largest_first(todo: Places, paths: Sequence[str]) -> Places:
    """The books in decreasing size of their file (a fine measure of the work): the longest
    start first and the short ones fill in at the end, so the workers finish together."""

    def size(index: int) -> int:
        try:
            return os.path.getsize(paths[index])
        except OSError:
            return 0

    return sorted(todo, key=size, reverse=True)


def _compute(
    todo: Places,
    paths: Sequence[str],
    as_of: datetime.date,
    plan: Plan,
    options: RunOptions,
    tick: Progress,
    stack: ExitStack,
) -> Iterator[tuple[int, ClubSnapshot | Texts]]:
    """(place, snapshot or its JSON) of the books at ``todo``, as they are done. Processes
    or a cluster are started before this returns, and stopped when ``stack`` closes."""
    workers = workers_of(options)
    work = batches(largest_first(todo, paths) if workers > 1 else todo, workers)
    # Starting processes or a local cluster costs more than reading one batch of books,
    # as on a rerun where a single book changed; a given scheduler is always used.
    in_process = workers == 1 or len(work) <= 1
    done: Iterator[Done]
    if options.engine is Engine.DASK and work and (options.scheduler or not in_process):
        done = _dask(work, paths, as_of, plan, options, workers, stack)
    elif in_process:
        # Handed on as it is: JSON only if the cache keeps it.
        done = (([i], [_take(paths[i], as_of, plan)]) for i in todo)
    else:
        done = _pool(work, paths, as_of, plan, workers, stack)
    return _unbatched(done, tick)


def _unbatched(
    done: Iterator[Done], tick: Progress
) -> Iterator[tuple[int, ClubSnapshot | Texts]]:
    for places, texts in done:
        yield from zip(places, texts, strict=True)
        tick(len(places))


def _pool(
    work: list[Places],
    paths: Sequence[str],
    as_of: datetime.date,
    plan: Plan,
    workers: int,
    stack: ExitStack,
) -> Iterator[Done]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Each worker imports the rule chain itself, side by side with the others, in the time
    # this process would take to import it before forking them; this process, which reads
    # no book here, stays smaller.
    pool = ProcessPoolExecutor(max_workers=min(workers, len(work)))
    # A run stopped early drops the batches not yet started.
    stack.callback(pool.shutdown, wait=True, cancel_futures=True)
    # Every worker is forked by the first submit. What they inherit is frozen for them
    # (Python's advice for fork): their collections never walk it, nor copy its pages.
    gc.freeze()
    try:
        pending = {
            pool.submit(snapshot_batch, [paths[i] for i in places], as_of, plan): places
            for places in work
        }
    finally:
        gc.unfreeze()
    return ((pending.pop(f), f.result()) for f in as_completed(list(pending)))


def _dask(
    work: list[Places],
    paths: Sequence[str],
    as_of: datetime.date,
    plan: Plan,
    options: RunOptions,
    workers: int,
    stack: ExitStack,
) -> Iterator[Done]:
    from distributed import Client, LocalCluster, as_completed

    if options.scheduler:
        client = Client(options.scheduler)
    else:
        # Processes talk over TCP on the loopback only; threads talk in-process.
        where = {"host": "127.0.0.1"} if options.dask_processes else {}
        cluster: Any = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=options.dask_processes,
            dashboard_address=None,
            **where,
        )
        stack.callback(cluster.close)
        client = Client(cluster)
    stack.callback(client.close)
    batch_paths = [[paths[i] for i in places] for places in work]
    futures = client.map(snapshot_batch, batch_paths, as_of=as_of, plan=plan, pure=False)
    places_of = {future.key: places for future, places in zip(futures, work, strict=True)}
    return ((places_of.pop(f.key), f.result()) for f in as_completed(futures))
