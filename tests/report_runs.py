"""Running the report command in tests (importable as ``report_runs``)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ledger_engine.cli import main

YEAR = "2025"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def report_args(province: Path, fmt: str, *extra: str) -> list[str]:
    return [
        "report",
        "annual",
        str(province),
        "--year",
        YEAR,
        "--format",
        fmt,
        "--no-cache",
        "--workers",
        "1",
        "--lang",
        "vi",
        *extra,
    ]
