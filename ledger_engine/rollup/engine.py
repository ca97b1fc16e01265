"""Snapshots of many books at one date, in parallel, with the cache in front.

Two engines compute the snapshots the cache does not hold: a local process pool
(``workers=1`` computes in this process) or Dask (``dask.distributed``: an existing scheduler,
or a local cluster on 127.0.0.1 started for the run and closed after it). Workers only compute
and return JSON; this process alone reads and writes the cache.
"""

from __future__ import annotations

import datetime
import math
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ledger_engine.rollup.books import book_digest
from ledger_engine.rollup.cache import SnapshotCache, default_cache_dir, snapshot_key
from ledger_engine.rollup.figures import take_snapshot
from ledger_engine.rollup.snapshot import ClubSnapshot
from ledger_engine.targets import Plan

#: Called with the number of books just finished.
Progress = Callable[[int], None]
Batch = list[str]


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


@dataclass
class RunStats:
    books: int = 0
    cached: int = 0
    computed: int = 0
    failed: int = 0
    computed_paths: list[str] = field(default_factory=list)


def snapshot_batch(paths: Batch, as_of: datetime.date, plan: Plan) -> list[str]:
    """What a worker does: the snapshots of a few books, as JSON."""
    return [take_snapshot(path, as_of, plan).model_dump_json() for path in paths]


def collect_snapshots(
    paths: Sequence[str],
    as_of: datetime.date,
    plan: Plan,
    options: RunOptions | None = None,
    progress: Progress | None = None,
) -> tuple[list[ClubSnapshot], RunStats]:
    """One snapshot per path, in the order given; cached ones are not recomputed."""
    options = options or RunOptions()
    tick = progress or (lambda done: None)
    keys = [_key(path, as_of, plan) for path in paths]
    # The database is closed while workers run: forked processes must not inherit it open.
    texts = _cache_read(options, keys)
    tick(len(texts))
    todo = [p for p, k in zip(paths, keys, strict=True) if k not in texts]
    computed = dict(_compute(todo, as_of, plan, options, tick))
    snapshots = _assemble(paths, keys, texts, computed)
    fresh = [
        (key, snap.path, as_of, computed[snap.path])
        for snap, key in zip(snapshots, keys, strict=True)
        if key is not None and key not in texts and snap.failed is None
    ]
    _cache_write(options, fresh)
    stats = RunStats(
        books=len(paths),
        cached=len(paths) - len(todo),
        computed=len(todo),
        failed=sum(1 for s in snapshots if s.failed),
        computed_paths=todo,
    )
    return snapshots, stats


def _key(path: str, as_of: datetime.date, plan: Plan) -> str | None:
    try:
        return snapshot_key(book_digest(path), as_of, plan)
    except OSError:
        return None  # unreadable: computed every time, so that it fails with its reason


def _cache_read(options: RunOptions, keys: list[str | None]) -> dict[str, str]:
    if not options.use_cache:
        return {}
    with SnapshotCache(options.cache_dir or default_cache_dir()) as cache:
        return cache.get_many([k for k in keys if k is not None])


def _cache_write(
    options: RunOptions, rows: list[tuple[str, str, datetime.date, str]]
) -> None:
    if options.use_cache and rows:
        with SnapshotCache(options.cache_dir or default_cache_dir()) as cache:
            cache.put_many(rows)


def _assemble(
    paths: Sequence[str],
    keys: list[str | None],
    cached: dict[str, str],
    computed: dict[str, str],
) -> list[ClubSnapshot]:
    result = []
    for path, key in zip(paths, keys, strict=True):
        text = cached[key] if key is not None and key in cached else computed[path]
        snapshot = ClubSnapshot.model_validate_json(text)
        if snapshot.path != path:  # the same content cached under another path
            snapshot = snapshot.model_copy(update={"path": path})
        result.append(snapshot)
    return result


# --- engines -------------------------------------------------------------------------------


def workers_of(options: RunOptions) -> int:
    return max(1, options.workers or os.cpu_count() or 1)


def batches(paths: Sequence[str], workers: int) -> list[Batch]:
    """Books in batches: a few per worker round trip, but enough batches to balance."""
    if not paths:
        return []
    size = max(1, min(32, math.ceil(len(paths) / (workers * 4))))
    return [list(paths[i : i + size]) for i in range(0, len(paths), size)]


def _compute(
    paths: Sequence[str],
    as_of: datetime.date,
    plan: Plan,
    options: RunOptions,
    tick: Progress,
) -> Iterator[tuple[str, str]]:
    if not paths:
        return
    workers = workers_of(options)
    work = batches(paths, workers)
    # Starting processes or a local cluster costs more than reading one batch of books,
    # as on a rerun where a single book changed; a given scheduler is always used.
    in_process = workers == 1 or len(work) == 1
    if options.engine is Engine.DASK and (options.scheduler or not in_process):
        yield from _dask(work, as_of, plan, options, workers, tick)
    elif in_process:
        for path in paths:
            yield path, snapshot_batch([path], as_of, plan)[0]
            tick(1)
    else:
        yield from _pool(work, as_of, plan, workers, tick)


def _pool(
    work: list[Batch], as_of: datetime.date, plan: Plan, workers: int, tick: Progress
) -> Iterator[tuple[str, str]]:
    # Imported here before the workers fork, so that they share it instead of each
    # importing the rule chain when its first book names it.
    import ledger_engine.plugins  # noqa: F401

    with ProcessPoolExecutor(max_workers=min(workers, len(work))) as pool:
        done = pool.map(snapshot_batch, work, [as_of] * len(work), [plan] * len(work))
        for batch, texts in zip(work, done, strict=True):
            yield from zip(batch, texts, strict=True)
            tick(len(batch))


def _dask(
    work: list[Batch],
    as_of: datetime.date,
    plan: Plan,
    options: RunOptions,
    workers: int,
    tick: Progress,
) -> Iterator[tuple[str, str]]:
    from distributed import Client, LocalCluster, as_completed

    cluster: Any = None
    if options.scheduler:
        client = Client(options.scheduler)
    else:
        # Processes talk over TCP on the loopback only; threads talk in-process.
        where = {"host": "127.0.0.1"} if options.dask_processes else {}
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=options.dask_processes,
            dashboard_address=None,
            **where,
        )
        client = Client(cluster)
    try:
        futures = client.map(snapshot_batch, work, as_of=as_of, plan=plan, pure=False)
        batch_of = {future.key: batch for future, batch in zip(futures, work, strict=True)}
        for future in as_completed(futures):
            batch = batch_of[future.key]
            yield from zip(batch, future.result(), strict=True)
            tick(len(batch))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
