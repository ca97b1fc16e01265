"""The rule chain's overhead: `ledger-engine check` against bare `bean-check`.

The club: 10 years, 400 members (`ledger-engine demo --clubs 1 --years 10 --members 400`).
`bean-check` runs on the same book with the plugin line removed, so the difference is exactly
what the club's rules cost. Target: the chain at most 1.25 × the bare load.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import BIN, demo, machine, median_time, write_section

TARGET = 1.25


def _book(work: Path) -> tuple[Path, Path]:
    tree = demo(
        work / "club10y", "--clubs", "1", "--years", "10", "--members", "400", "--seed", "7"
    )
    book = next(tree.rglob("*.beancount"))
    bare = work / "bare.beancount"
    text = book.read_text(encoding="utf-8")
    bare.write_text(
        "".join(
            line
            for line in text.splitlines(keepends=True)
            if not line.startswith('plugin "ledger_engine.plugins"')
        ),
        encoding="utf-8",
    )
    return book, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book, bare = _book(Path(tmp))
        entries = sum(1 for line in book.open(encoding="utf-8") if line[:1].isdigit())
        # interleave so that both see the same machine state
        chain_runs, bare_runs = [], []
        for _ in range(args.runs):
            chain_runs.append(
                median_time([str(BIN / "ledger-engine"), "check", str(book)], 1)[0]
            )
            bare_runs.append(median_time([str(BIN / "bean-check"), str(bare)], 1)[0])
    chain_runs.sort()
    bare_runs.sort()
    chain, plain = chain_runs[len(chain_runs) // 2], bare_runs[len(bare_runs) // 2]
    ratio = chain / plain
    verdict = "meets" if ratio <= TARGET else "MISSES"
    body = f"""## Rule chain overhead

Machine: {machine()}.
Book: one club, 10 years, 400 members, {entries:,} dated entries (demo seed 7).
Median of {args.runs} runs each, interleaved.

| command | median (s) | runs (s) |
|---|---:|---|
| `bean-check` (no plugin line) | {plain:.2f} | {", ".join(f"{t:.2f}" for t in bare_runs)} |
| `ledger-engine check` (whole chain) | {chain:.2f} | {", ".join(f"{t:.2f}" for t in chain_runs)} |

Ratio: **{ratio:.2f}×** — {verdict} the target of ≤ {TARGET}×.
"""
    write_section("chain", body)
    print(body)


if __name__ == "__main__":
    main()
