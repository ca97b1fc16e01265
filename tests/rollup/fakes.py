"""Snapshots made up from counts, for invariants that need many clubs and no books."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from ledger_engine.composition import Check, Composition
from ledger_engine.rollup.snapshot import (
    Basis,
    BasisFigures,
    ClubFigures,
    ClubSnapshot,
    Cohort,
    Funds,
    Gap,
    Groups,
    Portfolio,
    Targets,
    Units,
)

AS_OF = datetime.date(2025, 6, 15)
PROVINCES = ["Kon Tum", "Gia Lai"]
DISTRICTS = ["Đắk Hà", "Kon Rẫy", None]
COMMUNES = ["Ngọk Wang", "Đắk Ruồng", "Hà Mòn"]
_CHECK = Check(actual=None, minimum=Decimal(0), maximum=Decimal(1), met=False)


def _composition(active: int, women: int, older: int) -> Composition:
    return Composition(
        as_of=AS_OF,
        active=active,
        women=women,
        men=active - women,
        older=older,
        younger=active - older,
        poor=0,
        near_poor=0,
        ethnic_minority=0,
        by_ethnicity={},
        joined_last_year=0,
        exited_last_year=0,
        t3={"members": _CHECK},
    )


def _basis(borrowers: int, active: int, needed: int) -> BasisFigures:
    gap = Gap(
        borrowers_needed=needed,
        idle_cash=Decimal(0),
        loan_size=None,
        loan_size_from_policy=False,
        loans_fundable=0,
        self_funded=needed == 0,
    )
    return BasisFigures(
        borrowers=Groups(total=borrowers, women=borrowers // 2),
        coverage=None,
        meets_target=2 * borrowers >= active > 0,
        t4=False,
        gap=gap,
    )


@st.composite
def snapshots(draw: st.DrawFn, index: int = 0) -> ClubSnapshot:
    path = f"club-{index}-{draw(st.integers(0, 10**6))}.beancount"
    if draw(st.integers(0, 9)) == 0:
        return ClubSnapshot(path=path, as_of=AS_OF, failed="cannot read the book")
    active = draw(st.integers(0, 80))
    borrowers = draw(st.integers(0, active))
    glp = Decimal(draw(st.integers(0, 10**9)))
    units = Units(
        province=draw(st.sampled_from(PROVINCES)),
        district=draw(st.sampled_from(DISTRICTS)),
        commune=draw(st.sampled_from(COMMUNES)),
    )
    figures = ClubFigures(
        code=f"C{index}",
        name=f"CLB {index}",
        units=units,
        founded=datetime.date(2016, 1, 1),
        cohort=Cohort.PRE_PLAN,
        composition=_composition(
            active, draw(st.integers(0, active)), draw(st.integers(0, active))
        ),
        coverage={b: _basis(borrowers, active, draw(st.integers(0, 40))) for b in Basis},
        funds=Funds(
            igf_cash=Decimal(draw(st.integers(0, 10**8))),
            loans_outstanding=glp,
            activity_fund=Decimal(draw(st.integers(0, 10**7))),
        ),
        portfolio=Portfolio(
            loans_outstanding=borrowers,
            glp=glp,
            at_risk_30=glp * draw(st.integers(0, 100)) / 100,
            par30=None,
            collected_on_time=Decimal(draw(st.integers(0, 10**6))),
            fell_due=Decimal(draw(st.integers(10**6, 2 * 10**6))),
            collection_rate=None,
            loans_disbursed=borrowers,
            median_loan=None,
        ),
        activity_areas=(),
        missing_areas=(),
        meetings=draw(st.integers(0, 12)),
        error_count=draw(st.integers(0, 2)),
        errors=(),
        targets=Targets(
            t1_new_club=draw(st.booleans()),
            t2_kept=draw(st.booleans()),
            t3=draw(st.booleans()),
            runs_all_activities=draw(st.booleans()),
            well_managed=draw(st.booleans()),
            t5=draw(st.booleans()),
        ),
    )
    return ClubSnapshot(path=path, as_of=AS_OF, figures=figures)


@st.composite
def runs(draw: st.DrawFn, max_clubs: int = 25) -> list[ClubSnapshot]:
    count = draw(st.integers(0, max_clubs))
    return [draw(snapshots(i)) for i in range(count)]
