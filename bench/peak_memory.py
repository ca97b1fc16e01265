"""Peak memory of a command's process tree, sampled while it runs.

`run_sampled` starts the command and, from a thread, reads the resident set size of the
process and of every descendant (pool workers; for Dask the nannies and their workers) about
every 50 ms, keeping each pid's peak. The parent's peak is the command's own process; the
worker's is the largest of its descendants. A sample can miss a spike shorter than the
interval, so the figures are a floor on the true peaks, close for memory that is held.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil  # type: ignore[import-untyped]
from common import ENV

MIB = 1024 * 1024


@dataclass(frozen=True)
class Sampled:
    seconds: float
    parent_mib: float
    worker_mib: float  # 0 when no descendant was seen
    descendants: int  # processes seen below the parent


def _sample(root: psutil.Process, peaks: dict[int, int], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            family = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for proc in family:
            try:
                rss = proc.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            peaks[proc.pid] = max(peaks.get(proc.pid, 0), rss)
        stop.wait(0.05)


def run_sampled(argv: Sequence[str | Path]) -> Sampled:
    """Run ``argv`` to its end, timing it and sampling its process tree's memory; a
    failing command stops the benchmark."""
    peaks: dict[int, int] = {}
    stop = threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(a) for a in argv],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = threading.Thread(target=_sample, args=(psutil.Process(proc.pid), peaks, stop))
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(
            f"{' '.join(map(str, argv))} failed ({proc.returncode}):\n{out}{err}"
        )
    workers = [rss for pid, rss in peaks.items() if pid != proc.pid]
    return Sampled(
        seconds=elapsed,
        parent_mib=peaks.get(proc.pid, 0) / MIB,
        worker_mib=max(workers, default=0) / MIB,
        descendants=len(workers),
    )


def folder_mib(folder: Path) -> float:
    """Size on disk of every file under ``folder`` (a database with its WAL and journal)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / MIB
