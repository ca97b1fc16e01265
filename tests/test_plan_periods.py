"""Plans side by side, each with its period: a report uses the one covering its date."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLES, ROOT

from ledger_engine.cli import main
from ledger_engine.plan_periods import plan_files, plan_for
from ledger_engine.targets import Plan

PLAN_327 = (ROOT / "books" / "plan.toml").read_text(encoding="utf-8")


def next_plan(code: str, start: str, end: str) -> str:
    """Plan 327 with another code and period (and another coverage target)."""
    text = PLAN_327.replace('code = "327/KH-UBND"', f'code = "{code}"')
    text = text.replace("period_start = 2021-01-01", f"period_start = {start}")
    text = text.replace("period_end = 2025-12-31", f"period_end = {end}")
    return text.replace("coverage_min = 0.50", "coverage_min = 0.60")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "plan.toml").write_text(PLAN_327, encoding="utf-8")
    (tmp_path / "plans").mkdir()
    plan = next_plan("12/KH-UBND", "2026-01-01", "2030-12-31")
    (tmp_path / "plans" / "2026-2030.toml").write_text(plan, encoding="utf-8")
    for book in EXAMPLES:
        (tmp_path / book.name).write_bytes(book.read_bytes())
    return tmp_path


def annual(plan: Plan, year: int) -> datetime.date:
    return datetime.date(year, 12, 15)


def test_every_plan_beside_the_books_is_found(folder: Path) -> None:
    names = [
        p.relative_to(folder).as_posix() for p in plan_files(folder / EXAMPLES[0].name)
    ]
    assert names == ["plan.toml", "plans/2026-2030.toml"]


@pytest.mark.parametrize(
    ("year", "code", "covers"),
    [(2025, "327/KH-UBND", True), (2026, "12/KH-UBND", True), (2031, "12/KH-UBND", False)],
)
def test_the_plan_covering_the_date_is_chosen(
    folder: Path, year: int, code: str, covers: bool
) -> None:
    choice = plan_for(folder, lambda plan: annual(plan, year))
    assert (choice.plan.plan.code, choice.covers) == (code, covers)


def test_before_any_plan_the_first_lends_its_definitions(folder: Path) -> None:
    choice = plan_for(folder, lambda plan: annual(plan, 2019))
    assert (choice.plan.plan.code, choice.covers) == ("327/KH-UBND", False)


def _report(folder: Path, year: int, fmt: str = "json") -> str:
    args = ["report", "annual", str(folder), "--year", str(year), "--format", fmt]
    result = CliRunner().invoke(main, [*args, "--no-cache", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_report_says_which_plan_it_follows(folder: Path) -> None:
    report = json.loads(_report(folder, 2026))
    assert report["plan"]["code"] == "12/KH-UBND" and report["plan"]["covers"]
    assert report["plan"]["file"] == "2026-2030.toml"
    assert report["coverage_min"] == "0.60"
    assert "Kế hoạch 12/KH-UBND (giai đoạn 01/01/2026 – 31/12/2030)" in _report(
        folder, 2026, "html"
    )


def test_the_report_says_when_no_plan_covers_its_year(folder: Path) -> None:
    page = _report(folder, 2031, "html")
    assert "Không có kế hoạch nào có giai đoạn bao gồm ngày 15/12/2031" in page


def test_resources_mobilised_are_in_the_report(folder: Path) -> None:
    report = json.loads(_report(folder, 2025))
    sources = {line["source"]: line for line in report["capital"]}
    assert sources and all(line["in_plan"] >= line["in_year"] for line in sources.values())
    assert "Ngân sách Nhà nước" in _report(folder, 2025, "html")
