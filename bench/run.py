"""Run the routine benchmarks and rewrite bench/RESULTS.md: `python bench/run.py` (or
`make bench`).

Routine: targets.py (the performance targets, each a ratio of whole processes),
instructions.py (row b counted in instructions with Valgrind, when installed), load.py
(load time and memory by book size), memory.py (the roll-up's parent memory at 200 and 2,000
clubs), fava_pages.py (the loans page against Fava's journal), import_rows.py (import rows
per second). Opt-in, too long for a routine run on 2 cores: national.py (12,000 clubs
through the process pool and Dask; `make bench-national`). Generated books are kept under
bench/.data/ and reused.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUITES = (
    "targets.py",
    "instructions.py",
    "load.py",
    "memory.py",
    "fava_pages.py",
    "import_rows.py",
)


def main() -> int:
    failed = []
    for name in SUITES:
        script = HERE / name
        if not script.exists():
            continue
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE).returncode:
            failed.append(name)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
