"""Every failure of a command is one line and an exit status, never a traceback."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from helpers import EXAMPLES
from register_samples import HERE

from ledger_engine import append
from ledger_engine.cli import main
from ledger_engine.cli.failures import EXIT_INTERNAL, EXIT_INTERRUPTED

BOOK = next(p for p in EXAMPLES if p.name == "thon-1-ngok-wang.beancount")
REPAYMENTS = HERE / "repayments" / "testdata" / "repayments.csv"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line(result: Result, code: int, *needles: str) -> str:
    """The result failed with ``code`` and said it in one line holding every needle."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def copy_book(tmp_path: Path) -> Path:
    target = tmp_path / "book.beancount"
    shutil.copy(BOOK, target)
    return target


def test_report_year_zero_is_refused() -> None:
    one_line(run("report", "annual", BOOK, "--year", "0"), 2, "--year", "1900")


def test_as_of_in_year_one_is_refused() -> None:
    one_line(run("loans", BOOK, "--as-of", "0001-01-01"), 2, "--as-of", "1900", "2200")


def test_as_of_in_the_last_supported_year_is_accepted() -> None:
    result = run("loans", BOOK, "--as-of", "2200-12-31", "--json")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("option", "value", "needle"),
    [("--principal", "1e30", "principal"), ("--term", "1000000", "--term")],
)
def test_schedule_beyond_bounds_is_refused(option: str, value: str, needle: str) -> None:
    terms = {"--principal": "5000000", "--term": "12"} | {option: value}
    result = run(
        "schedule", *[x for pair in terms.items() for x in pair],
        "--rate", "0.5", "--method", "flat", "--start", "2024-01-01",
    )  # fmt: skip
    one_line(result, 2, needle)


def test_schedule_at_the_bounds_is_computed() -> None:
    result = run(
        "schedule", "--principal", "1000000000000000", "--term", "600", "--rate", "0.5",
        "--method", "declining", "--start", "2024-01-01", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_malformed_plan_in_a_parent_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "plan.toml").write_text("targets = [\n", encoding="utf-8")
    (tmp_path / "club").mkdir()
    book = tmp_path / "club" / BOOK.name
    shutil.copy(BOOK, book)
    for args in (
        ("members", book),
        ("coverage", book, "--no-cache", "--workers", "1"),
        ("report", "annual", book, "--year", "2025", "--format", "json", "--no-cache"),
    ):
        one_line(run(*args), 1, str(tmp_path / "plan.toml"), "plan")


def test_plan_missing_a_section_says_which(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("[plan]\ncode = 'x'\n", encoding="utf-8")
    one_line(run("members", BOOK, "--plan", plan), 1, str(plan), "missing")


def test_bad_units_map_is_named(tmp_path: Path) -> None:
    units = tmp_path / "units.toml"
    units.write_text("[[rule]]\nfrom = 3\n", encoding="utf-8")
    result = run("coverage", BOOK, "--units", units, "--no-cache", "--workers", "1")
    one_line(result, 1, str(units), "units map")


def test_unreachable_scheduler_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("Timed out trying to connect to tcp://127.0.0.1:9 after 30 s")

    monkeypatch.setattr("ledger_engine.cli.coverage.stream_snapshots", refuse)
    result = run("coverage", BOOK, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    one_line(result, 1, "tcp://127.0.0.1:9", "scheduler")


def _deny(path: Path) -> Callable[..., Any]:
    def opener(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    return opener


def test_read_only_folder_is_one_line_even_for_a_dry_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = copy_book(tmp_path)
    monkeypatch.setattr(append, "open", _deny(append.lock_path(book)), raising=False)
    result = run("import", book, REPAYMENTS, "--dry-run")
    one_line(result, 1, str(append.lock_path(book)))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_truly_read_only_folder_is_one_line(tmp_path: Path) -> None:
    book = copy_book(tmp_path)
    tmp_path.chmod(0o555)
    try:
        result = run("import", book, REPAYMENTS, "--dry-run")
    finally:
        tmp_path.chmod(0o755)
    one_line(result, 1, str(tmp_path))


def test_ctrl_c_is_one_line_and_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr("ledger_engine.cli.loans.load_book", interrupted)
    result = run("loans", BOOK)
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.output.strip() == "interrupted"


def _break_loans(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the portfolio went sideways")

    monkeypatch.setattr("ledger_engine.cli.loans.club_portfolio", broken)


def test_internal_error_is_short_and_points_to_debug(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _break_loans(monkeypatch)
    line = one_line(run("loans", BOOK), EXIT_INTERNAL, "RuntimeError", "--debug")
    assert "went sideways" in line


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    _break_loans(monkeypatch)
    result = run("--debug", "loans", BOOK)
    assert isinstance(result.exception, RuntimeError)
    assert result.exit_code not in (0, EXIT_INTERNAL)


def test_messages_are_vietnamese_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")
    _break_loans(monkeypatch)
    result = run("loans", BOOK)
    assert result.exit_code == EXIT_INTERNAL
    assert "lỗi" in result.output.lower()
    assert result.output.startswith("Lỗi: ")


def test_a_wrong_option_is_one_vietnamese_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")
    result = run("loans", BOOK, "--as-of", "2025-13-01")
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith(
        "Lỗi: giá trị không hợp lệ ở '--as-of': '2025-13-01' không phải là ngày viết theo "
        "dạng năm-tháng-ngày (YYYY-MM-DD) (xem: "
    )
    assert line.endswith(" loans --help)")


def test_a_missing_argument_is_one_line() -> None:
    one_line(run("loans"), 2, "'BOOK' is required", " loans --help)")
