"""Load time and peak memory against the number of entries (1k → 200k), cache off.

Books come from `ledger-engine demo` with growing membership; each load runs in a fresh
interpreter so that its peak memory is its own.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import compile_bytecode, demo, machine, peak_rss_mib, write_section

# members of one 10-year club → roughly 1.5k … 200k dated entries
SIZES = (10, 40, 200, 800, 2800)


def _count(book: Path) -> int:
    return sum(1 for line in book.open(encoding="utf-8") if line[:1].isdigit())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    compile_bytecode()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for members in args.sizes:
            tree = demo(
                Path(tmp) / f"m{members}",
                "--clubs",
                "1",
                "--years",
                "10",
                "--members",
                str(members),
                "--seed",
                "7",
            )
            book = next(tree.rglob("*.beancount"))
            seconds, mib = peak_rss_mib(
                "from ledger_engine.loading import load_book\n"
                f"book = load_book({str(book)!r})\n"
                "assert not book.errors, book.errors[:3]"
            )
            entries = _count(book)
            rows.append(
                f"| {members} | {entries:,} | {seconds:.2f} | {entries / seconds:,.0f} | {mib:.0f} |"
            )
            print(rows[-1], flush=True)
    body = "\n".join(
        [
            "## Load time and memory against book size",
            "",
            f"Machine: {machine()}.",
            "One club, 10 years, growing membership; `load_book` (parse, booking, the whole "
            "rule chain); cache off; one fresh interpreter per size.",
            "",
            "| members | dated entries | load (s) | entries/s | peak RSS (MiB) |",
            "|---:|---:|---:|---:|---:|",
            *rows,
        ]
    )
    write_section("load", body)


if __name__ == "__main__":
    main()
