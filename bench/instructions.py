"""Row b of the targets counted in instructions, which other work on the machine does not move.

    python bench/instructions.py [--books 10] [--data DIR]

Wall time on a shared 2-core machine moves by up to 40 % between identical runs, so row b
(`coverage --workers 1 --no-cache` over 200 one-year clubs ÷ bare Beancount loading the same
books) is also counted with Valgrind (`--tool=cachegrind --cache-sim=no`): the instructions
each process executes, the same from one run to the next within a few thousandths.

Both commands run on one book and on BOOKS books of row b's tree (every 20th, in name order,
so every district is in), with `PYTHONHASHSEED=0`. The difference of the two runs is the
instructions per book; the one-book run less one book is the start-up. The 200-book ratio is
projected from both. Instructions are not seconds: Beancount's parser is C, the engine's
rules are Python, whose instructions each take longer, so the timed ratio runs above this
count. The count measures the work, unmoved by other load; it does not replace the timed
ratio. Without Valgrind the section says so and nothing is counted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import (
    AS_OF,
    BIN,
    DATA,
    ENV,
    bare_copy,
    books,
    compile_bytecode,
    demo_tree,
    machine,
    shell,
    write_section,
)

HERE = Path(__file__).resolve().parent
CLUBS = ("--clubs", "200", "--years", "1", "--seed", "11")  # row b's books
VALGRIND = (
    "valgrind",
    "--tool=cachegrind",
    "--cache-sim=no",
    "--cachegrind-out-file=/dev/null",
)
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(argv: list[str]) -> int:
    """Instructions one run of ``argv`` executes, as Valgrind counts them."""
    env = {**ENV, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [*VALGRIND, *argv], env=env, capture_output=True, text=True, check=False
    )
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"{' '.join(argv)} failed under valgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def sample(tree: Path, into: Path, count: int) -> Path:
    """Every ``len/count``-th book of ``tree`` copied into ``into``, folders kept."""
    found = books(tree)
    step = max(1, len(found) // count)
    for book in found[::step][:count]:
        target = into / book.relative_to(tree)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(book, target)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--books", type=int, default=10, help="books in the larger sample")
    parser.add_argument("--data", type=Path, default=DATA, help="where books are kept")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        write_section(
            "instructions",
            "## Row b in instructions\n\nNot counted: Valgrind is not installed here "
            "(`apt-get install valgrind`).",
        )
        print("valgrind not found: nothing counted")
        return
    compile_bytecode()
    tree = demo_tree(args.data.resolve(), *CLUBS)
    bare = bare_copy(tree)
    total = len(books(tree))
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        samples = {
            (kind, size): sample(source, root / f"{kind}{size}", size)
            for kind, source in (("engine", tree), ("bare", bare))
            for size in (1, args.books)
        }

        def command(kind: str, size: int) -> list[str]:
            folder = str(samples[kind, size])
            if kind == "bare":
                return [sys.executable, str(HERE / "bare_load.py"), folder]
            return [
                str(BIN / "ledger-engine"),
                "coverage",
                folder,
                "--as-of",
                AS_OF,
                "--format",
                "json",
                "-o",
                os.devnull,
                "--workers",
                "1",
                "--no-cache",
            ]

        runs = list(samples)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counted = dict(
                zip(
                    runs,
                    pool.map(lambda run: instructions(command(*run)), runs),
                    strict=True,
                )
            )
    per_book = {
        kind: (counted[kind, args.books] - counted[kind, 1]) / (args.books - 1)
        for kind in ("engine", "bare")
    }
    start_up = {kind: counted[kind, 1] - per_book[kind] for kind in per_book}
    projected = {kind: start_up[kind] + total * per_book[kind] for kind in per_book}
    ratio = projected["engine"] / projected["bare"]
    millions = {kind: f"{value / 1e6:,.1f}" for kind, value in per_book.items()}
    body = "\n".join(
        [
            "## Row b in instructions",
            "",
            f"Machine: {machine()}. Valgrind's instruction counts "
            "(`--tool=cachegrind --cache-sim=no`, `PYTHONHASHSEED=0`), which do not move "
            "with other work on the machine. Each command ran on 1 book and on "
            f"{args.books} books of row b's {total} (every {total // args.books}th); the "
            "difference is the cost of a book, the rest the start-up.",
            "",
            "| | per book (millions) | start-up (millions) | projected, "
            f"{total} books (millions) |",
            "|---|---:|---:|---:|",
            f"| `ledger-engine coverage --workers 1 --no-cache` | {millions['engine']} | "
            f"{start_up['engine'] / 1e6:,.1f} | {projected['engine'] / 1e6:,.1f} |",
            f"| `bench/bare_load.py` (no plugin line) | {millions['bare']} | "
            f"{start_up['bare'] / 1e6:,.1f} | {projected['bare'] / 1e6:,.1f} |",
            "",
            f"Per book the engine executes **{per_book['engine'] / per_book['bare']:.3f}×** "
            f"bare Beancount's instructions; over the {total} books, start-up included, "
            f"**{ratio:.3f}×** (row b's target: ≤ 1.25 in time). Instructions are not "
            "seconds: the engine's own work is Python, whose instructions each take longer "
            "than those of Beancount's parser (C), so the timed ratio runs above this "
            "count. The count measures the work, unmoved by other load; it does not "
            "replace the timed ratio.",
            "",
            "```sh",
            f"python bench/instructions.py --books {args.books}",
            "# each run is: PYTHONHASHSEED=0 " + shell(VALGRIND) + " COMMAND",
            "```",
        ]
    )
    print(body)
    write_section("instructions", body)


if __name__ == "__main__":
    main()
