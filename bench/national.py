"""National scale, opt-in (`make bench-national`): N one-year clubs through the local process
pool and through Dask.

    python bench/national.py [--clubs 12000] [--data DIR] [--sample 5] [--engines local dask]

Books: `ledger-engine demo --clubs N --years 1 --seed 11`, generated once under `--data`
(default bench/.data/) and reused; 12,000 clubs take about five minutes to write and 1.3 GB.
Each engine runs `ledger-engine coverage TREE --as-of 2025-12-15 --by district --format table
-o /dev/null --cache-dir FRESH` once, from an empty cache: the local process pool (`--workers 2`) and a
local Dask cluster (`--engine dask --workers 2`). For each: the wall time; the peak resident
memory of the coverage process and of its largest descendant (a pool worker; for Dask a
nanny or a worker), sampled every ~50 ms (peak_memory.py); the cache folder's size after
the run, every file (the database with its WAL).

The per-entry time is the wall time over the dated entries of all the books (lines that
start with a digit). The projection for N ten-year clubs multiplies it by the mean dated
entries of a ten-year club (`demo --clubs SAMPLE --years 10 --seed 11`, the usual members,
generated once) and by N: start-up and the per-book costs are spread over the entries, so the
projection leans high where books are longer.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import (
    BIN,
    DATA,
    books,
    compile_bytecode,
    dated_entries,
    demo_tree,
    district_coverage,
    load_average,
    machine,
    shell,
    write_section,
)
from peak_memory import Sampled, folder_mib, run_sampled

ENGINES = {
    "local": ("local process pool", ("--workers", "2")),
    "dask": ("Dask, local cluster", ("--engine", "dask", "--workers", "2")),
}


@dataclass(frozen=True)
class Run:
    name: str
    command: str
    sampled: Sampled
    cache_mib: float


def coverage(tree: Path, cache: str | Path, engine: tuple[str, ...]) -> list[str | Path]:
    return district_coverage(tree, "table", "--cache-dir", cache, *engine)


def measure(tree: Path, engine: str) -> Run:
    name, options = ENGINES[engine]
    with tempfile.TemporaryDirectory() as cache:
        sampled = run_sampled(coverage(tree, cache, options))
        size = folder_mib(Path(cache))
    print(f"  {name}: {sampled}, cache {size:.1f} MiB", flush=True)
    return Run(name, shell(coverage(tree, '"$(mktemp -d)"', options)), sampled, size)


def duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clubs", type=int, default=12_000, help="one-year clubs")
    parser.add_argument("--data", type=Path, default=DATA, help="where books are kept")
    parser.add_argument("--sample", type=int, default=5, help="ten-year clubs to average")
    parser.add_argument(
        "--engines", nargs="+", choices=sorted(ENGINES), default=list(ENGINES)
    )
    args = parser.parse_args()
    compile_bytecode()
    data = args.data.resolve()
    national = ("--clubs", str(args.clubs), "--years", "1", "--seed", "11")
    decade = ("--clubs", str(args.sample), "--years", "10", "--seed", "11")
    tree, sample = demo_tree(data, *national), demo_tree(data, *decade)
    entries = dated_entries(books(tree))
    per_club = statistics.mean(dated_entries([book]) for book in books(sample))
    before = load_average()
    print(f"{args.clubs:,} clubs, {entries:,} dated entries", flush=True)
    runs = [measure(tree, engine) for engine in args.engines]
    rows = []
    for run in runs:
        s = run.sampled
        per_entry = s.seconds / entries
        rows.append(
            f"| {run.name} | {duration(s.seconds)} | {s.parent_mib:.0f} | "
            f"{s.worker_mib:.0f} ({s.descendants}) | {run.cache_mib:.1f} | "
            f"{per_entry * 1e6:.1f} | {duration(per_entry * per_club * args.clubs)} |"
        )
    body = "\n".join(
        [
            f"## National scale: {args.clubs:,} one-year clubs",
            "",
            f"Machine: {machine()}. Load average (1, 5, 15 min): {before} before the runs, "
            f"{load_average()} after.",
            f"Books: {args.clubs:,} one-year demo clubs, {entries:,} dated entries. A ten-year "
            f"club has {per_club:,.0f} dated entries on average ({args.sample} clubs, "
            "`demo --years 10`, the usual members). One run of each engine from an empty "
            "cache; memory is the peak resident set, sampled every ~50 ms, of the coverage "
            "process (parent) and of its largest descendant (worker; in brackets the "
            "processes seen below the parent). The cache is the size of every file in "
            "`--cache-dir` after the run.",
            "",
            "| engine | wall time | parent peak (MiB) | worker peak (MiB) | cache (MiB) | "
            f"µs per entry | projected, {args.clubs:,} ten-year clubs |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *rows,
            "",
            "Projected = µs per entry × mean entries of a ten-year club × clubs.",
            "The table lists units, not clubs, so the parent's peak is what streaming the "
            "snapshots keeps; `--format json` lists every club, and its parent grows with "
            "them (the memory section shows both outputs at 200 and 2,000 clubs).",
            "",
            "```sh",
            "export BEANCOUNT_DISABLE_LOAD_CACHE=1",
            shell([BIN / "ledger-engine", "demo", tree, *national]),
            shell([BIN / "ledger-engine", "demo", sample, *decade]),
            *(run.command for run in runs),
            "```",
        ]
    )
    print(body)
    write_section("national", body)


if __name__ == "__main__":
    main()
