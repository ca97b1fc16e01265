"""The four targets of the performance issue, each a ratio of whole processes.

    python bench/targets.py [--runs 5] [--data DIR] [--rows abcd]

a. `ledger-engine check BOOK` ÷ `bean-check BARE`: one club, 10 years, 400 members (demo
   seed 7); BARE is BOOK without the plugin line, so the ratio is what the club's rules
   cost. Target ≤ 1.10.
b. `ledger-engine coverage --workers 1 --no-cache` over 200 one-year clubs (seed 11) ÷
   `bench/bare_load.py`, which loads the same 200 books, without the plugin line, with bare
   Beancount in one process. Target ≤ 1.25. Also shown, not a target: the bare load with
   Python's cyclic collector off, because the engine pauses the collector while it reads.
c. `coverage --workers 2` ÷ `--workers 1`, each from an empty cache, 24 clubs × 4 years
   (seed 11). Target ≤ 0.55.
d. The rerun after one of those 24 books changed ÷ the cold run that filled its cache, one
   worker. Target ≤ 0.10; also shown with two workers.

Every figure is the median of `--runs` runs; the commands of a row take turns (A, B, A, B,
…) so that both see the same machine. Books are generated once under `--data` (default
bench/.data/) with their bare copies, and reused. Rows c and d share their runs: each round
is a cold run with one worker then the rerun after one book changed, then the same with two
workers, on a working copy of the tree (the changes never reach `--data`). `--rows` measures
some rows only and prints them, leaving RESULTS.md alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    AS_OF,
    BIN,
    DATA,
    STRIP_SED,
    bare_copy,
    books,
    compile_bytecode,
    dated_entries,
    demo_tree,
    load_average,
    machine,
    run_measured,
    run_timed,
    seconds,
    shell,
    write_section,
)

HERE = Path(__file__).resolve().parent
LEDGER_ENGINE = BIN / "ledger-engine"
COVERAGE = ("--as-of", AS_OF, "--format", "json", "-o", os.devnull)
WORK = '"$WORK"'  # the working copy of rows c and d, in the commands shown


@dataclass(frozen=True)
class Sizes:
    """The `ledger-engine demo` arguments of each row's books."""

    club: tuple[str, ...]  # row a
    clubs: tuple[str, ...]  # row b
    tree: tuple[str, ...]  # rows c and d


ISSUE = Sizes(
    club=("--clubs", "1", "--years", "10", "--members", "400", "--seed", "7"),
    clubs=("--clubs", "200", "--years", "1", "--seed", "11"),
    tree=("--clubs", "24", "--years", "4", "--seed", "11"),
)
#: `--tiny`: whether the script runs end to end, in seconds; says nothing of the targets.
TINY = Sizes(
    club=("--clubs", "1", "--years", "2", "--members", "40", "--seed", "7"),
    clubs=("--clubs", "8", "--years", "1", "--seed", "11"),
    tree=("--clubs", "4", "--years", "2", "--seed", "11"),
)


@dataclass
class Row:
    key: str
    measure: str
    target: float
    a: tuple[str, list[float]]  # what is measured, and its runs
    b: tuple[str, list[float]]  # what it is measured against
    commands: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.a[1]) / statistics.median(self.b[1])

    @property
    def paired(self) -> float:
        """The median of each turn's A ÷ B: the two ran one after the other, so a machine
        that slows down for a while moves both."""
        return statistics.median(a / b for a, b in zip(self.a[1], self.b[1], strict=True))

    @property
    def verdict(self) -> str:
        return "met" if self.ratio <= self.target else "NOT met"


def take_turns(commands: Sequence[Callable[[], float]], runs: int) -> list[list[float]]:
    """Run the commands in turn, ``runs`` rounds; the times of each."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for slot, command in zip(times, commands, strict=True):
            slot.append(command())
    return times


def describe(args: Sequence[str]) -> str:
    """``--clubs 24 --years 4 --seed 11`` → ``24 clubs × 4 years``."""
    given = dict(zip(args[::2], args[1::2], strict=True))
    words = []
    for name in ("clubs", "years", "members"):
        count = given.get(f"--{name}")
        if count is not None:
            words.append(f"{count} {name.removesuffix('s') if count == '1' else name}")
    return " × ".join(words)


def making(tree: Path, args: Sequence[str], *, bare: bool) -> list[str]:
    made = [shell([LEDGER_ENGINE, "demo", tree, *args])]
    if bare:
        copy = shell([tree.with_name(tree.name + ".bare")])
        made.append(
            f"cp -r {shell([tree])} {copy} && "
            f"find {copy} -name '*.beancount' -exec {STRIP_SED} {{}} +"
        )
    return made


def coverage(tree: Path | str, workers: int, *cache: str | Path) -> list[str | Path]:
    return [LEDGER_ENGINE, "coverage", tree, *COVERAGE, "--workers", str(workers), *cache]


#: CPU time (user + system) of every run of each command timed, by its command line.
CPU: dict[str, list[float]] = {}


def timed(argv: Sequence[str | Path]) -> Callable[[], float]:
    """A run of ``argv`` giving its wall time; its CPU time is kept in ``CPU``."""
    words = [str(a) for a in argv]

    def run() -> float:
        wall, cpu = run_measured(words)
        CPU.setdefault(shell(words), []).append(cpu)
        return wall

    return run


def cpu_note(a: Sequence[str | Path], b: Sequence[str | Path]) -> str:
    """The same comparison in CPU time, which other work on the machine moves less."""
    a_cpu = statistics.median(CPU[shell([str(x) for x in a])])
    b_cpu = statistics.median(CPU[shell([str(x) for x in b])])
    return (
        f"Not the target's measure: in CPU time (user + system) the medians are "
        f"{a_cpu:.2f} s and {b_cpu:.2f} s, a ratio of {a_cpu / b_cpu:.2f}; CPU time moves "
        "less than wall time when other work shares the cores."
    )


def chain_row(data: Path, sizes: Sizes, runs: int) -> Row:
    tree = demo_tree(data, *sizes.club)
    book, bare = books(tree)[0], books(bare_copy(tree))[0]
    check: list[str | Path] = [LEDGER_ENGINE, "check", book]
    bean_check: list[str | Path] = [BIN / "bean-check", bare]
    # Not a target: bean-check with its cyclic collector off, as `check` loads, so that the
    # chain's own cost shows apart from the collector's pause.
    paused_check: list[str | Path] = [sys.executable, HERE / "bean_check_no_gc.py", bare]
    chain, plain, paused = take_turns(
        [timed(check), timed(bean_check), timed(paused_check)], runs
    )
    paused_median = statistics.median(paused)
    return Row(
        "a",
        f"`ledger-engine check` ÷ `bean-check` (no plugin line), {describe(sizes.club)}",
        1.10,
        ("`ledger-engine check BOOK`", chain),
        ("`bean-check BARE`", plain),
        [
            *making(tree, sizes.club, bare=True),
            shell(check),
            shell(bean_check),
            shell(paused_check),
        ],
        [
            f"BOOK: {dated_entries([book]):,} dated entries.",
            f"Not a target: `bean-check` with the cyclic collector off, as `check` loads "
            f"(`bench/bean_check_no_gc.py`): median {paused_median:.2f} s (runs "
            f"{seconds(paused)}); `check` ÷ it = "
            f"{statistics.median(chain) / paused_median:.2f}, the rule chain's own cost; the "
            f"collector costs bean-check {1 - paused_median / statistics.median(plain):.0%} "
            "of its time.",
            cpu_note(check, bean_check),
        ],
    )


def floor_row(data: Path, sizes: Sizes, runs: int) -> Row:
    tree = demo_tree(data, *sizes.clubs)
    bare = bare_copy(tree)
    rollup = coverage(tree, 1, "--no-cache")
    load: list[str | Path] = [sys.executable, HERE / "bare_load.py", bare]
    no_gc = [*load, "--no-gc"]
    as_read = [*no_gc, "--quick-checks"]
    engine, floor, paused, quick = take_turns(
        [timed(rollup), timed(load), timed(no_gc), timed(as_read)], runs
    )
    paused_median, floor_median = statistics.median(paused), statistics.median(floor)
    quick_median = statistics.median(quick)
    return Row(
        "b",
        f"`coverage --workers 1 --no-cache` ÷ bare Beancount loading the same books in "
        f"one process, {describe(sizes.clubs)}",
        1.25,
        ("`ledger-engine coverage … --workers 1 --no-cache`", engine),
        ("`bench/bare_load.py` (the same books, no plugin line)", floor),
        [
            *making(tree, sizes.clubs, bare=True),
            shell(rollup),
            shell(load),
            shell(no_gc),
            shell(as_read),
        ],
        [
            f"{len(books(tree))} books, {dated_entries(books(tree)):,} dated entries.",
            f"Not a target: the bare load with the cyclic collector off (`--no-gc`): "
            f"median {paused_median:.2f} s (runs {seconds(paused)}); coverage ÷ it = "
            f"{statistics.median(engine) / paused_median:.2f}; the collector costs the bare "
            f"load {1 - paused_median / floor_median:.0%} of its time: up to that much of a "
            "gain over the floor can be the engine's pause of the collector alone.",
            f"Not a target: the bare load read as the engine reads it, the collector off and "
            f"three of Beancount's steps decided by exact sums (`--no-gc --quick-checks`, "
            f"`ledger_engine.quick_checks`; the same entries and errors): median "
            f"{quick_median:.2f} s (runs {seconds(quick)}); those steps save "
            f"{1 - quick_median / paused_median:.0%} of the bare load without the collector; "
            f"coverage ÷ it = {statistics.median(engine) / quick_median:.2f}, what the rule "
            "chain and the roll-up themselves cost beyond that load.",
            cpu_note(rollup, load),
        ],
    )


def pool_rows(data: Path, sizes: Sizes, runs: int) -> tuple[Row, Row]:
    """Rows c and d from the same rounds: cold then warm, one worker then two."""
    tree = demo_tree(data, *sizes.tree)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "tree"
        shutil.copytree(tree, work)
        targets = books(work)
        changes = 0

        def cold_and_warm(workers: int) -> tuple[float, float]:
            nonlocal changes
            cache = Path(tmp) / "cache"
            cache.mkdir()
            command = [str(a) for a in coverage(work, workers, "--cache-dir", cache)]
            cold = run_timed(command)
            with targets[changes % len(targets)].open("a", encoding="utf-8") as book:
                book.write(f"; changed for the benchmark ({changes})\n")
            changes += 1
            warm = run_timed(command)
            shutil.rmtree(cache)
            return cold, warm

        rounds = [(cold_and_warm(1), cold_and_warm(2)) for _ in range(runs)]
    cold1 = [one[0] for one, _ in rounds]
    warm1 = [one[1] for one, _ in rounds]
    cold2 = [two[0] for _, two in rounds]
    warm2 = [two[1] for _, two in rounds]
    copy = [f'WORK=$(mktemp -d)/tree && cp -r {shell([tree])} "$WORK"']
    fresh = ("--cache-dir", '"$(mktemp -d)"')
    changed = shell([WORK + "/" + str(targets[0].relative_to(work))])
    rerun = [
        "CACHE=$(mktemp -d)",
        shell(coverage(WORK, 1, "--cache-dir", '"$CACHE"')) + "   # cold",
        f"echo '; changed for the benchmark' >> {changed}",
        shell(coverage(WORK, 1, "--cache-dir", '"$CACHE"')) + "   # warm",
    ]
    made = making(tree, sizes.tree, bare=False)
    workers = Row(
        "c",
        f"`coverage --workers 2` ÷ `--workers 1`, empty cache, {describe(sizes.tree)}",
        0.55,
        ("`--workers 2`, cold", cold2),
        ("`--workers 1`, cold", cold1),
        [*made, *copy, shell(coverage(WORK, 1, *fresh)), shell(coverage(WORK, 2, *fresh))],
        [f"{len(targets)} books, {dated_entries(books(tree)):,} dated entries."],
    )
    warm = Row(
        "d",
        f"rerun after one book changed ÷ cold, `--workers 1`, {describe(sizes.tree)}",
        0.10,
        ("`--workers 1`, warm after one change", warm1),
        ("`--workers 1`, cold", cold1),
        [
            *made,
            *copy,
            *rerun,
            "# each round: a new CACHE; the same four lines with --workers 2",
        ],
        [
            f"Not a target: with `--workers 2`, warm {statistics.median(warm2):.2f} s "
            f"(runs {seconds(warm2)}) ÷ cold {statistics.median(cold2):.2f} s "
            f"(runs {seconds(cold2)}) = "
            f"{statistics.median(warm2) / statistics.median(cold2):.2f}.",
            "Each round changes the next book in sorted order (a comment line appended).",
        ],
    )
    return workers, warm


def table(rows: Sequence[Row]) -> list[str]:
    lines = [
        "| | measure (A ÷ B) | A median (s) | B median (s) | ratio | target | |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.key} | {row.measure} | {statistics.median(row.a[1]):.2f} | "
            f"{statistics.median(row.b[1]):.2f} | **{row.ratio:.2f}** | ≤ {row.target:.2f} "
            f"| {row.verdict} |"
        )
    return lines


def details(row: Row) -> list[str]:
    return [
        "",
        f"**{row.key}.** {row.ratio:.2f} (target ≤ {row.target:.2f}: {row.verdict}).",
        f"A = {row.a[0]}: {seconds(row.a[1])}; B = {row.b[0]}: {seconds(row.b[1])}.",
        f"Not the target's measure: the median of each turn's A ÷ B is {row.paired:.2f}.",
        *row.notes,
        "",
        "```sh",
        *row.commands,
        "```",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each command")
    parser.add_argument("--data", type=Path, default=DATA, help="where books are kept")
    parser.add_argument("--rows", default="abcd", help="which rows to measure")
    parser.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    compile_bytecode()
    sizes = TINY if args.tiny else ISSUE
    data = args.data.resolve()
    before = load_average()
    rows: list[Row] = []
    if "a" in args.rows:
        rows.append(chain_row(data, sizes, args.runs))
    if "b" in args.rows:
        rows.append(floor_row(data, sizes, args.runs))
    if "c" in args.rows or "d" in args.rows:
        rows.extend(r for r in pool_rows(data, sizes, args.runs) if r.key in args.rows)
    body = "\n".join(
        [
            "## Targets: whole processes side by side",
            "",
            *(
                ["**`--tiny` books: these figures say nothing of the targets.**", ""]
                * args.tiny
            ),
            f"Machine: {machine()}. Load average (1, 5, 15 min): {before} before the runs, "
            f"{load_average()} after; compare figures from a quiet machine.",
            f"Median of {args.runs} run(s) of each command; the commands of a row take turns "
            "(A, B, A, B, …). The commands below run from the repository root with "
            "`BEANCOUNT_DISABLE_LOAD_CACHE=1` exported; books come from `ledger-engine demo`, "
            "generated once; BARE is a copy without the plugin line.",
            "",
            *table(rows),
            *(line for row in rows for line in details(row)),
        ]
    )
    print(body)
    if sorted(args.rows) == list("abcd"):
        write_section("targets", body)


if __name__ == "__main__":
    main()
