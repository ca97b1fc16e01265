"""Bare Beancount's floor for a roll-up: every book of a tree loaded in one process.

    python bench/bare_load.py TREE [--no-gc] [--quick-checks]

Calls `beancount.loader.load_file` on each `*.beancount` under TREE, in sorted order, and
discards the result: parsing, booking and Beancount's own checks, nothing of ours. Run it on
copies without the plugin line (`common.bare_copy`). `--no-gc` disables Python's cyclic
collector first, as the engine pauses it while it reads books, to show how much of a gain
over this floor is that pause alone. `--quick-checks` loads with the engine's quick steps in
place of three of Beancount's (`ledger_engine.quick_checks`, the same entries and errors): with
both, the load is read as the engine reads it, and what the engine takes beyond it is the
rule chain's and the roll-up's own cost. Exits 1 if a book has errors, so that a broken copy
is never timed as a floor.
"""

from __future__ import annotations

import argparse
import gc
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", type=Path)
    parser.add_argument("--no-gc", action="store_true", help="gc.disable() before loading")
    parser.add_argument(
        "--quick-checks", action="store_true", help="load with ledger_engine.quick_checks"
    )
    args = parser.parse_args()
    if args.no_gc:
        gc.disable()
    from beancount import loader

    steps: AbstractContextManager[None] = nullcontext()
    if args.quick_checks:
        from ledger_engine.quick_checks import quick_checks

        steps = quick_checks()
    failed = 0
    with steps:
        for book in sorted(args.tree.rglob("*.beancount")):
            _, errors, _ = loader.load_file(str(book))
            if errors:
                failed += 1
                print(f"{book}: {errors[0].message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
