"""Shared pieces of the benchmarks: timing commands, peak memory, and RESULTS.md sections.

Every figure is measured side by side in one run on this machine; ratios compare runs made
moments apart, so machine speed cancels out.
"""

from __future__ import annotations

import os
import platform
import re
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


def run_timed(argv: Sequence[str], *, ok_codes: Sequence[int] = (0,)) -> float:
    """Wall time (s) of one run of a command; a failing command stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(list(argv), env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        raise SystemExit(
            f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return elapsed


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
    """Generate books with ``ledger-engine demo`` (deterministic for a seed) unless present."""
    if not out.exists():
        subprocess.run(
            [str(BIN / "ledger-engine"), "demo", str(out), *args], env=ENV, check=True
        )
    return out
