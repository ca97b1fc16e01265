"""The plan's targets as one club meets them, with thresholds from the plan."""

from __future__ import annotations

import datetime
from pathlib import Path

from rollup.clubbooks import Club, L, members, write

from ledger_engine.registry import ACTIVITY_AREAS
from ledger_engine.rollup import Basis, take_snapshot
from ledger_engine.rollup.snapshot import ClubFigures, Cohort
from ledger_engine.targets import load_plan

PLAN = load_plan()
AS_OF = datetime.date(2025, 6, 15)


def _activities(areas: tuple[str, ...] = ACTIVITY_AREAS, meetings: int = 10) -> str:
    lines = [f'2025-0{1 + k % 5}-20 custom "activity" "{a}" 9' for k, a in enumerate(areas)]
    # Monthly meetings from July 2024 on, inside the year up to 15 June 2025.
    for k in range(meetings):
        month = datetime.date(2024, 7, 15) + datetime.timedelta(days=30 * k)
        lines.append(f'{month} custom "meeting" "monthly" 20')
    return "\n".join(lines) + "\n"


def _figures(tmp_path: Path, club: Club) -> ClubFigures:
    figures = take_snapshot(str(write(tmp_path, club)), AS_OF, PLAN).figures
    assert figures is not None
    return figures


def test_a_new_club_active_and_well_run_meets_t1_and_t4(tmp_path: Path) -> None:
    club = Club(
        "KT-DH-900",
        members("M", 2, joined="2022-03-01"),
        loans=[L("L1", "M000", "2025-05-20")],  # nothing due yet: PAR 0
        founded="2022-03-01",
        extra=_activities(),
    )
    figures = _figures(tmp_path, club)
    assert figures.cohort is Cohort.PLAN
    assert figures.targets.t1_new_club and not figures.targets.t2_kept
    assert figures.targets.runs_all_activities and figures.meetings == 10
    assert figures.targets.well_managed
    assert figures.coverage[Basis.RECENT].t4.met


def test_nine_meetings_are_not_enough(tmp_path: Path) -> None:
    club = Club(
        "KT-DH-901",
        members("M", 2),
        loans=[L("L1", "M000", "2025-05-20")],
        extra=_activities(meetings=9),
    )
    figures = _figures(tmp_path, club)
    assert figures.meetings == 9 and figures.portfolio.par30 == 0
    assert not figures.targets.well_managed
    assert not figures.coverage[Basis.RECENT].t4.met


def test_a_missing_area_is_named(tmp_path: Path) -> None:
    club = Club("KT-DH-902", members("M", 2), extra=_activities(ACTIVITY_AREAS[1:]))
    figures = _figures(tmp_path, club)
    assert figures.missing_areas == (ACTIVITY_AREAS[0],)
    assert not figures.targets.runs_all_activities


def test_an_empty_activity_fund_misses_t5(tmp_path: Path) -> None:
    with_fund = _figures(tmp_path / "a", Club("KT-DH-903", members("M", 2)))
    without = _figures(tmp_path / "b", Club("KT-DH-904", members("M", 2), activity_cash=0))
    assert with_fund.targets.t5.met
    assert not without.targets.t5.met


def test_an_old_club_with_members_is_kept(tmp_path: Path) -> None:
    figures = _figures(tmp_path, Club("KT-DH-905", members("M", 2)))
    assert figures.cohort is Cohort.PRE_PLAN
    assert figures.targets.t2_kept and not figures.targets.t1_new_club


def test_principal_late_beyond_30_days_breaks_good_management(tmp_path: Path) -> None:
    # Six monthly installments from 10 Feb 2025, none paid: by 15 June the oldest is
    # 125 days late, so the whole 3,000,000 is at risk.
    club = Club(
        "KT-DH-906",
        members("M", 2),
        loans=[L("L1", "M000", "2025-01-10")],
        extra=_activities(),
    )
    figures = _figures(tmp_path, club)
    assert figures.portfolio.at_risk_30 == figures.portfolio.glp == 3_000_000
    assert not figures.targets.well_managed


def _par_club(tmp_path: Path, late: int) -> ClubFigures:
    # L1 is unpaid since February (more than 30 days late); L2 was lent in June, nothing due
    # yet. GLP is 10,000,000 whatever ``late`` is, so ``late`` is the principal at risk.
    club = Club(
        f"KT-DH-9{late % 1000:03d}",
        members("M", 2),
        loans=[
            L("L1", "M000", "2025-01-10", late),
            L("L2", "M001", "2025-06-01", 10**7 - late),
        ],
        extra=_activities(),
    )
    return _figures(tmp_path, club)


def test_par30_exactly_at_the_limit_is_well_managed(tmp_path: Path) -> None:
    figures = _par_club(tmp_path, 1_000_000)
    assert figures.portfolio.glp == 10_000_000
    assert figures.portfolio.at_risk_30 == 1_000_000
    assert figures.targets.well_managed


def test_par30_one_vnd_over_the_limit_is_not_well_managed(tmp_path: Path) -> None:
    figures = _par_club(tmp_path, 1_000_001)
    assert figures.portfolio.par30 == PLAN.t4.par30_max  # as shown: 10.00 %
    assert not figures.targets.well_managed
    assert [r.key for r in figures.targets.management.reasons] == ["why_par"]


def test_par30_of_10_004_percent_does_not_pass(tmp_path: Path) -> None:
    figures = _par_club(tmp_path, 1_000_400)
    assert not figures.targets.well_managed
    assert not figures.coverage[Basis.RECENT].t4.met
