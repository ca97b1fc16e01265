"""Snapshots made up from counts, for invariants that need many clubs and no books."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from ledger_engine.composition import Check, Composition
from ledger_engine.member_groups import GroupCounts
from ledger_engine.rollup.snapshot import (
    Basis,
    BasisFigures,
    ClubFigures,
    ClubSnapshot,
    Cohort,
    Funds,
    Gap,
    Portfolio,
    Targets,
    Units,
)
from ledger_engine.verdicts import Reason, Verdict

AS_OF = datetime.date(2025, 6, 15)
PROVINCES = ["Kon Tum", "Gia Lai"]
DISTRICTS = ["Đắk Hà", "Kon Rẫy", None]
COMMUNES = ["Ngọk Wang", "Đắk Ruồng", "Hà Mòn"]
_CHECK = Check(actual=None, minimum=Decimal(0), maximum=Decimal(1), met=False)
_MISS = Verdict(met=False, reasons=(Reason(key="why_members"),))


def _verdict(met: bool) -> Verdict:
    return Verdict(met=True) if met else _MISS


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
        t3_verdict=_MISS,
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
        borrowers=GroupCounts(total=borrowers, women=borrowers // 2),
        coverage=None,
        loan_target=_verdict(2 * borrowers >= active > 0),
        t4=_MISS,
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
            igf_loans=glp,
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
            loans_disbursed_to_date=borrowers,
            median_loan=None,
        ),
        activity_areas=(),
        missing_areas=(),
        meetings=draw(st.integers(0, 12)),
        error_count=draw(st.integers(0, 2)),
        errors=(),
        targets=Targets(
            t1_new_club=draw(st.booleans()),
            t2=_verdict(draw(st.booleans())),
            t3=_verdict(draw(st.booleans())),
            activities=_verdict(draw(st.booleans())),
            management=_verdict(draw(st.booleans())),
            t5=_verdict(draw(st.booleans())),
        ),
    )
    return ClubSnapshot(path=path, as_of=AS_OF, figures=figures)


@st.composite
def runs(draw: st.DrawFn, max_clubs: int = 25) -> list[ClubSnapshot]:
    count = draw(st.integers(0, max_clubs))
    return [draw(snapshots(i)) for i in range(count)]
