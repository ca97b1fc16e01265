"""The plan's half-year and yearly report: structure, targets, misses, gap plan, formats."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import EXAMPLES
from rollup.clubbooks import Club, L, members, write

from ledger_engine.cli import main
from ledger_engine.rollup import take_snapshot
from ledger_engine.targets import load_plan
from reports.labels import Lang, target_percent
from reports.plan import Kind, PlanReport, build_plan_report, report_date
from reports.plan_render import PlanFormat, render_plan

PLAN = load_plan()


@pytest.fixture
def books(tmp_path: Path) -> list[Path]:
    at_target = Club(
        "KT-KR-020",
        members("M", 2),
        loans=[L("L1", "M000", "2025-03-01")],
        district="Kon Rẫy",
        commune="Tân Lập",
        founded="2022-01-01",
    )
    return [*EXAMPLES, write(tmp_path, at_target)]


def _report(
    books: list[Path], kind: Kind = Kind.SEMIANNUAL, year: int = 2025
) -> PlanReport:
    as_of = report_date(PLAN, kind, year)
    snapshots = [take_snapshot(str(p), as_of, PLAN) for p in books]
    return build_plan_report(snapshots, PLAN, kind, year)


def test_report_dates_come_from_the_plan() -> None:
    assert report_date(PLAN, Kind.SEMIANNUAL, 2025) == datetime.date(2025, 6, 15)
    assert report_date(PLAN, Kind.ANNUAL, 2024) == datetime.date(2024, 12, 15)


def test_targets_per_district_and_for_the_province(books: list[Path]) -> None:
    report = _report(books)
    assert [d.name for d in report.districts] == ["Kon Rẫy", "Đắk Hà"]
    keys = [i.key for i in report.province.indicators]
    assert [i.target for i in report.province.indicators] == [
        "T1",
        "T1",
        "T1",
        "T2",
        "T3",
        "T4",
        "T4",
        "T5",
    ]
    t1 = report.province.indicators[keys.index("t1_new_clubs")]
    assert (t1.actual, t1.minimum, t1.met) == (1, PLAN.t1.new_clubs_min, False)
    # T1 and T2 are the province's totals: not judged per district.
    assert all(i.met is None for d in report.districts for i in d.indicators[:4])


def test_district_figures_add_up_to_the_province(books: list[Path]) -> None:
    report = _report(books)
    assert (
        sum(d.figures.members for d in report.districts) == report.province.figures.members
    )
    assert sum(d.figures.glp for d in report.districts) == report.province.figures.glp


def test_clubs_missing_a_target_are_named_with_the_reason(books: list[Path]) -> None:
    report = _report(books)
    t4 = [m for m in report.misses if m.target == "T4"]
    assert {m.club.split()[0] for m in t4} == {"KT-DH-001", "KT-KR-001", "KT-KR-020"}
    thon_1 = next(m for m in t4 if m.club.startswith("KT-DH-001"))
    assert [r.key for r in thon_1.reasons][:2] == ["why_coverage", "why_areas"]


def test_misses_are_the_reasons_of_the_verdicts(books: list[Path]) -> None:
    as_of = report_date(PLAN, Kind.SEMIANNUAL, 2025)
    snapshots = {s.label: s for s in (take_snapshot(str(p), as_of, PLAN) for p in books)}
    report = build_plan_report(list(snapshots.values()), PLAN, Kind.SEMIANNUAL, 2025)
    assert report.misses
    for miss in report.misses:
        figures = snapshots[miss.club].figures
        assert figures is not None
        verdict = {
            "T2": figures.targets.t2,
            "T3": figures.targets.t3,
            "T4": figures.coverage[report.basis].t4,
            "T5": figures.targets.t5,
        }[miss.target]
        assert verdict is not None and not verdict.met
        assert miss.reasons == verdict.reasons


def test_t1_counts_only_the_clubs_founded_within_the_plan(books: list[Path]) -> None:
    report = _report(books)
    figures = report.province.figures
    shown = {i.key: i.actual for i in report.province.indicators}
    # The two example books date from 2016 (T2's cohort); the third club from 2022.
    assert (figures.new_clubs, figures.new_club_members) == (1, 2)
    assert shown["t1_members"] == figures.new_club_members
    assert shown["t1_older"] == figures.new_club_older
    assert figures.members == figures.new_club_members + figures.earlier_club_members
    assert figures.members > figures.new_club_members
    assert figures.earlier_clubs == 2 and figures.kept_clubs == 2


def test_the_gap_plan_lists_who_needs_borrowers(books: list[Path]) -> None:
    report = _report(books)
    # Thôn 1: 9 members, 2 borrowing → 5 needed for half, 3 more; Kon Bỉ: 7, 1 → 3 more.
    needed = {g.club: g.needed for g in report.gap_plan}
    assert needed == {"KT-DH-001": 3, "KT-KR-001": 3}
    assert all(g.self_funded == (g.loans_fundable >= g.needed) for g in report.gap_plan)


def test_json_carries_every_part(books: list[Path]) -> None:
    payload = json.loads(render_plan(_report(books), PlanFormat.JSON, Lang.VI))
    assert {"as_of", "province", "districts", "clubs", "misses", "gap_plan"} <= set(payload)
    assert payload["as_of"] == "2025-06-15"
    assert len(payload["clubs"]) == 3


def test_the_workbook_has_a_sheet_per_level(books: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    out.write_bytes(render_plan(_report(books), PlanFormat.XLSX, Lang.EN))  # type: ignore[arg-type]
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Province", "Districts", "Clubs", "Gap plan"]
    sheet = book["Districts"]
    assert sheet["A1"].value.startswith("Half-year report 2025")
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    labels = [row[0] for row in book["Province"].iter_rows(values_only=True)]
    assert "Women borrowing" in labels and "At risk > 30 days" in labels


def test_the_page_draws_its_charts_and_fetches_nothing(books: list[Path]) -> None:
    page = render_plan(_report(books), PlanFormat.HTML, Lang.VI)
    assert isinstance(page, str)
    assert page.count("<svg") == 4
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page and "<link" not in page


def test_vietnamese_is_the_default_and_english_on_request(
    books: list[Path], tmp_path: Path
) -> None:
    args = [
        "report",
        "annual",
        str(books[0]),
        "--year",
        "2024",
        "--format",
        "html",
        "--no-cache",
    ]
    vi = CliRunner().invoke(main, args)
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert vi.exit_code == 0 and en.exit_code == 0, vi.output + en.output
    assert "Báo cáo năm 2024" in vi.stdout
    assert "Annual report 2024" in en.stdout


def test_the_command_writes_the_workbook(books: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.xlsx"
    args = [
        "report",
        "semiannual",
        *map(str, books),
        "--year",
        "2025",
        "-o",
        str(out),
        "--no-cache",
        "--workers",
        "1",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames == [
        "Tỉnh",
        "Huyện",
        "CLB",
        "Bổ sung người vay",
    ]


def test_targets_in_labels_keep_every_digit_of_the_plan() -> None:
    assert target_percent(Decimal("0.50"), Lang.VI) == "50 %"
    assert target_percent(Decimal("0.525"), Lang.VI) == "52,5 %"
    assert target_percent(Decimal("0.525"), Lang.EN) == "52.5 %"
