"""Roll-up time against the number of clubs, for 1 and 2 workers and the Dask engine, with a
cold cache and warm after one book changed: `python bench/rollup.py [--sizes 10 100 1000]`.

Clubs come from `ledger-engine demo --years 1` (one year of books each). Every run is a whole
`ledger-engine coverage` command in a fresh process, so start-up and the cache's hashing of
every book are counted. "Cold" starts from an empty cache folder; "warm" is the next run with
one book changed, so exactly one club is read again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from common import BIN, ROOT, demo, machine, run_timed, write_section

SIZES = (10, 24, 100, 1000)
SHIPPED = "24 (books/kon-tum, up to 10 years each)"
AS_OF = "2025-12-15"
ENGINES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("1 worker", ("--workers", "1")),
    ("2 workers", ("--workers", "2")),
    ("Dask, 2 workers", ("--engine", "dask", "--workers", "2")),
)
SPEEDUP_TARGET = 0.7  # two workers take at most this share of one worker's time (24+ clubs)
WARM_TARGET = 0.25  # a warm rerun after one change takes at most this share of a cold run


def coverage_command(tree: Path, cache: Path, engine: tuple[str, ...]) -> list[str]:
    return [
        str(BIN / "ledger-engine"),
        "coverage",
        str(tree),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "-o",
        os.devnull,
        "--cache-dir",
        str(cache),
        *engine,
    ]


def change_one_book(tree: Path, counter: int) -> None:
    books = sorted(tree.rglob("*.beancount"))
    book = books[counter % len(books)]
    with book.open("a", encoding="utf-8") as handle:
        handle.write(f"; changed for the benchmark, run {counter}\n")


def measure(tree: Path, work: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Per engine: (cold, warm after one change), the median of ``runs`` pairs."""
    result: dict[str, tuple[float, float]] = {}
    counter = 0
    for name, engine in ENGINES:
        colds, warms = [], []
        for _ in range(runs):
            counter += 1
            cache = work / f"cache-{counter}"
            command = coverage_command(tree, cache, engine)
            colds.append(run_timed(command))
            change_one_book(tree, counter)
            warms.append(run_timed(command))
        result[name] = (statistics.median(colds), statistics.median(warms))
        print(
            f"  {name}: cold {result[name][0]:.2f} s, warm {result[name][1]:.2f} s",
            flush=True,
        )
    return result


def rows_of(clubs: str, times: dict[str, tuple[float, float]]) -> list[str]:
    one = times["1 worker"][0]
    rows = []
    for name, (cold, warm) in times.items():
        rows.append(
            f"| {clubs} | {name} | {cold:.2f} | {cold / one:.2f} | {warm:.2f} | "
            f"{warm / cold:.0%} |"
        )
    return rows


def verdicts(results: dict[str, dict[str, tuple[float, float]]]) -> list[str]:
    lines = []
    for clubs, times in results.items():
        if clubs == "10":
            continue
        ratio = times["2 workers"][0] / times["1 worker"][0]
        warm = max(w / c for c, w in times.values())
        lines.append(
            f"- {clubs} clubs: two workers take {ratio:.2f}× one worker's time "
            f"(target ≤ {SPEEDUP_TARGET}: {'met' if ratio <= SPEEDUP_TARGET else 'NOT met'}); "
            f"the slowest warm rerun takes {warm:.0%} of its cold run "
            f"(target ≤ {WARM_TARGET:.0%}: {'met' if warm <= WARM_TARGET else 'NOT met'})."
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument(
        "--runs", type=int, default=0, help="runs per figure (0: 3 below 500 clubs, else 1)"
    )
    args = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float]]] = {}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        # The shipped province first: 24 clubs with their whole history, as `make run` reads.
        print(SHIPPED, flush=True)
        shipped = Path(tmp) / "kon-tum"
        shutil.copytree(ROOT / "books" / "kon-tum", shipped)
        results[SHIPPED] = measure(shipped, Path(tmp), 3)
        for clubs in args.sizes:
            print(f"{clubs} clubs", flush=True)
            tree = demo(
                Path(tmp) / f"clubs-{clubs}",
                "--clubs",
                str(clubs),
                "--years",
                "1",
                "--seed",
                "11",
            )
            runs = args.runs or (3 if clubs < 500 else 1)
            results[f"{clubs:,}"] = measure(tree, Path(tmp), runs)
    rows = [row for clubs, times in results.items() for row in rows_of(clubs, times)]
    body = "\n".join(
        [
            "## Roll-up time against the number of clubs",
            "",
            f"Machine: {machine()}. Load average (1 min) {load_before:.1f} before the runs, "
            f"{os.getloadavg()[0]:.1f} after: other work on the machine slows the parallel "
            "runs most, so compare figures from a quiet machine.",
            "`ledger-engine coverage TREE --format json` over the shipped province and over "
            "books from `ledger-engine demo --years 1`, each run a fresh process (start-up, hashing every book for the cache, "
            "loading with the whole rule chain, roll-up and JSON). Cold: empty cache; warm: "
            "the next run after one book changed. Median of 3 runs below 500 clubs, else 1. "
            "10,000 clubs (`--sizes 10000`) take about ten times the 1,000-club runs plus "
            "the books' generation, too long for a routine run on 2 cores.",
            "",
            "| clubs | engine | cold (s) | × 1 worker | warm after one change (s) | warm ÷ cold |",
            "|---:|---|---:|---:|---:|---:|",
            *rows,
            "",
            *verdicts(results),
        ]
    )
    write_section("rollup", body)


if __name__ == "__main__":
    main()
