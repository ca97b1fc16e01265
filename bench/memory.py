"""Memory flat in the number of clubs: the roll-up's parent peak at 200 and at 2,000 clubs.

    python bench/memory.py [--sizes 200 2000] [--data DIR]

Books: `ledger-engine demo --clubs N --years 1 --seed 11`, generated once under `--data`
(default bench/.data/; the 200 are row b's of targets.py) and reused. Each size runs
`ledger-engine coverage TREE --by district --format table -o /dev/null --workers 2
--cache-dir FRESH` and the same with `--format json`, once each, from an empty cache; the
peak resident memory of the coverage process (and of its largest worker) is sampled every
~50 ms (peak_memory.py). Snapshots streamed into the tally keep the parent flat: target, the
table output's parent peak at the largest size within 5 MiB of the smallest. JSON lists
every club, so it grows with them and is shown, not judged. About two minutes on 2 cores
once the books exist (one more to write 2,000 clubs the first time): part of `make bench`.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import (
    BIN,
    DATA,
    compile_bytecode,
    demo_tree,
    district_coverage,
    load_average,
    machine,
    shell,
    write_section,
)
from peak_memory import Sampled, run_sampled

SIZES = (200, 2000)
FORMATS = ("table", "json")
TARGET_MIB = 5.0


def coverage(tree: Path, output: str, cache: str | Path) -> list[str | Path]:
    return district_coverage(tree, output, "--workers", "2", "--cache-dir", cache)


def sampled(tree: Path, output: str) -> Sampled:
    with tempfile.TemporaryDirectory() as cache:
        run = run_sampled(coverage(tree, output, cache))
    print(f"  {output}: {run}", flush=True)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs=2, default=list(SIZES), metavar="CLUBS")
    parser.add_argument("--data", type=Path, default=DATA, help="where books are kept")
    args = parser.parse_args()
    compile_bytecode()
    data = args.data.resolve()
    demos = {
        clubs: ("--clubs", str(clubs), "--years", "1", "--seed", "11")
        for clubs in args.sizes
    }
    trees = {clubs: demo_tree(data, *demo) for clubs, demo in demos.items()}
    before = load_average()
    runs: dict[tuple[str, int], Sampled] = {}
    for clubs, tree in trees.items():
        print(f"{clubs:,} clubs", flush=True)
        for output in FORMATS:
            runs[output, clubs] = sampled(tree, output)
    small, large = args.sizes
    rows, verdicts = [], []
    for output in FORMATS:
        a, b = runs[output, small], runs[output, large]
        growth = b.parent_mib - a.parent_mib
        rows.append(
            f"| {output} | {a.parent_mib:.1f} | {b.parent_mib:.1f} | {growth:+.1f} | "
            f"{a.worker_mib:.0f} / {b.worker_mib:.0f} | {a.seconds:.1f} / {b.seconds:.1f} |"
        )
        if output == "table":
            met = "met" if abs(growth) <= TARGET_MIB else "NOT met"
            verdicts.append(
                f"Table output: the parent's peak moves {growth:+.1f} MiB from {small:,} to "
                f"{large:,} clubs (target within {TARGET_MIB:.0f} MiB: **{met}**)."
            )
    body = "\n".join(
        [
            "## Roll-up memory against the number of clubs",
            "",
            f"Machine: {machine()}. Load average (1, 5, 15 min): {before} before the runs, "
            f"{load_average()} after.",
            "One-year demo clubs (seed 11), `--workers 2`, empty cache, one run each. Peak "
            "resident memory sampled every ~50 ms: parent = the coverage process, worker = "
            "its largest descendant.",
            "",
            f"| output | parent, {small:,} clubs (MiB) | parent, {large:,} clubs (MiB) | "
            f"difference (MiB) | worker (MiB) | wall time (s) |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            *verdicts,
            "JSON lists every club, so its output grows with them; not a target.",
            "",
            "```sh",
            *(
                shell([BIN / "ledger-engine", "demo", trees[clubs], *demo])
                for clubs, demo in demos.items()
            ),
            *(
                shell(coverage(tree, output, '"$(mktemp -d)"'))
                for tree in trees.values()
                for output in FORMATS
            ),
            "```",
        ]
    )
    print(body)
    write_section("memory", body)


if __name__ == "__main__":
    main()
