"""Run every benchmark and rewrite bench/RESULTS.md: `python bench/run.py` (or `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUITES = ("chain.py", "load.py", "rollup.py", "fava_pages.py", "import_rows.py")


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
