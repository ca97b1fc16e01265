"""Shared pieces of the benchmarks: demo books generated once, bare copies of them, timing
commands, peak memory, and RESULTS.md sections.

Every figure is measured side by side in one run on this machine; ratios compare runs made
moments apart, so machine speed cancels out.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
#: Where generated books are kept between runs (git-ignored); `--data DIR` moves it.
DATA = ROOT / "bench" / ".data"
#: The line that runs the club's rules; a book without it is what bare Beancount reads.
PLUGIN_LINE = 'plugin "ledger_engine.plugins"'
#: The same removal in shell, for the commands RESULTS.md prints.
STRIP_SED = "sed -i '/^plugin \"ledger_engine\\.plugins\"/d'"
AS_OF = "2025-12-15"


def district_coverage(tree: Path, output: str, *more: str | Path) -> list[str | Path]:
    """`ledger-engine coverage TREE` by district at the benchmarks' date, the report thrown
    away; ``more`` options (workers, cache, engine) follow."""
    return [
        BIN / "ledger-engine",
        "coverage",
        tree,
        "--as-of",
        AS_OF,
        "--by",
        "district",
        "--format",
        output,
        "-o",
        "/dev/null",
        *more,
    ]


def compile_bytecode() -> None:
    """Compile the project's modules to bytecode, as installing a package does.

    The project is installed in editable mode, so Python writes its bytecode on first import,
    unless PYTHONDONTWRITEBYTECODE is set; then every process would compile ~60 modules
    from source (about 0.1 s), which an installed program never does. Beancount and the other
    libraries are compiled by pip when they install.
    """
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "ledger_engine", "reports"],
        cwd=ROOT,
        check=True,
    )


def run_measured(
    argv: Sequence[str], *, ok_codes: Sequence[int] = (0,)
) -> tuple[float, float]:
    """Wall time and CPU time (user + system, s) of one run of a command; a failing command
    stops the benchmark. CPU time moves less than wall time when other work shares the
    machine's cores, though caches and memory are still shared."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(list(argv), env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok_codes:
        raise SystemExit(
            f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


def run_timed(argv: Sequence[str], *, ok_codes: Sequence[int] = (0,)) -> float:
    """Wall time (s) of one run of a command; a failing command stops the benchmark."""
    return run_measured(argv, ok_codes=ok_codes)[0]


def median_time(argv: Sequence[str], runs: int) -> tuple[float, list[float]]:
    times = [run_timed(argv) for _ in range(runs)]
    return statistics.median(times), times


def peak_rss_mib(code: str) -> tuple[float, float]:
    """Run Python ``code`` in a fresh interpreter; return (seconds it reports, peak MiB)."""
    wrapper = (
        "import resource, time, sys\n"
        "t0 = time.perf_counter()\n"
        f"{code}\n"
        "t = time.perf_counter() - t0\n"
        "print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper], env=ENV, capture_output=True, text=True, check=True
    )
    seconds, kib = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024


def machine() -> str:
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("beancount", "fava", "beangulp", "ledger-engine")
    )
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{versions}"
    )


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section between <!-- name:start --> and <!-- name:end -->."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = (
        RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    )
    block = f"{start}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = (
        pattern.sub(lambda _: block, text) if pattern.search(text) else f"{text}\n{block}\n"
    )
    RESULTS.write_text(text, encoding="utf-8")


def demo(out: Path, *args: str) -> Path:
    """Generate books with ``ledger-engine demo`` (deterministic for a seed) unless present.

    The books are written beside ``out`` and moved in place when complete, so an interrupted
    generation is started again rather than reused half-written.
    """
    if not out.exists():
        partial = out.with_name(out.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        subprocess.run(
            [str(BIN / "ledger-engine"), "demo", str(partial), *args], env=ENV, check=True
        )
        partial.rename(out)
    return out


def demo_tree(data: Path, *args: str) -> Path:
    """``demo`` into ``data``, in a folder named after the arguments, so that every benchmark
    asking for the same books reuses one copy."""
    name = "demo" + "".join(f"-{a[2:]}" if a.startswith("--") else a for a in args)
    return demo(data / name, *args)


def without_plugin(text: str) -> str:
    return "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith(PLUGIN_LINE)
    )


def bare_copy(tree: Path) -> Path:
    """``tree`` beside itself (``<tree>.bare``) with the plugin line removed from every book,
    made once: what bare Beancount reads of the same books."""
    bare = tree.with_name(tree.name + ".bare")
    if not bare.exists():
        partial = tree.with_name(tree.name + ".bare.partial")
        shutil.rmtree(partial, ignore_errors=True)
        for book in books(tree):
            copy = partial / book.relative_to(tree)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(
                without_plugin(book.read_text(encoding="utf-8")), encoding="utf-8"
            )
        partial.rename(bare)
    return bare


def books(tree: Path) -> list[Path]:
    """Every book of a tree, in sorted order."""
    return sorted(tree.rglob("*.beancount"))


def dated_entries(paths: Sequence[Path]) -> int:
    """Entries that carry a date: lines that start with a digit."""
    count = 0
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            count += sum(1 for line in handle if line[:1].isdigit())
    return count


def shell(argv: Sequence[str | Path]) -> str:
    """A command as one types it at the repository root (paths below it made relative)."""
    words = []
    for word in map(str, argv):
        path = Path(word)
        if path.is_absolute() and path.is_relative_to(ROOT):
            word = str(path.relative_to(ROOT))
        # "$VAR" words are the reader's shell variables, left for the shell to expand
        words.append(word if "$" in word else shlex.quote(word))
    return " ".join(words)


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def seconds(times: Sequence[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)
