"""A run pays only for what it uses: a rerun served from the cache never loads the rule chain,
the process pool or a renderer it was not asked for, and a run without the cache hashes
nothing."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLES

import ledger_engine.rollup
from ledger_engine.rollup import RunOptions, collect_snapshots, engine
from ledger_engine.targets import load_plan

#: Modules only taking a snapshot, a pool of processes or another format needs.
UNNEEDED = (
    "ledger_engine.plugins",
    "ledger_engine.loading",
    "ledger_engine.rollup.figures",
    "multiprocessing",
    "concurrent.futures.process",
    "openpyxl",
    "reports.render.html",
    "reports.render.xlsx",
)

_RUN = """
import json, sys
from ledger_engine.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(m for m in {unneeded!r} if m in sys.modules)), file=sys.stderr)
"""


def _loaded(*args: str) -> list[str]:
    """The unneeded modules a fresh ``ledger-engine`` process loaded for ``args``."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN.format(unneeded=UNNEEDED), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    found: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_rerun_from_the_cache_loads_no_rule_chain(tmp_path: Path, fmt: str) -> None:
    args = ("coverage", *map(str, EXAMPLES), "--as-of", "2025-06-15")
    args += ("--cache-dir", str(tmp_path / "cache"), "--format", fmt, "--workers", "2")
    assert "multiprocessing" in _loaded(*args)  # the first run reads the books
    assert _loaded(*args) == []


def test_every_name_of_the_package_is_found_in_its_module() -> None:
    assert set(ledger_engine.rollup.__all__) == set(ledger_engine.rollup._HOMES)
    for name in ledger_engine.rollup.__all__:
        assert getattr(ledger_engine.rollup, name) is not None, name
    with pytest.raises(AttributeError):
        ledger_engine.rollup.no_such_name  # noqa: B018


def test_a_run_without_the_cache_hashes_no_book(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: str) -> str:
        raise AssertionError(f"{path} hashed")

    monkeypatch.setattr(engine, "book_digest", refuse)
    snapshots, stats = collect_snapshots(
        [str(EXAMPLES[0])],
        datetime.date(2025, 6, 15),
        load_plan(),
        RunOptions(workers=1, use_cache=False),
    )
    assert snapshots[0].figures is not None and stats.computed == 1
