"""The portfolio figures a snapshot keeps (SPEC §5), as amounts that add up across clubs."""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from ledger_engine.composition import year_before
from ledger_engine.loans.ledger import LoanBook
from ledger_engine.loans.loan import Status
from ledger_engine.rollup.snapshot import Portfolio

ZERO = Decimal(0)
PAR_DAYS = 30


def portfolio_at(loans: LoanBook, as_of: datetime.date) -> Portfolio:
    """GLP, principal at risk beyond 30 days, on-time collection over the year up to
    ``as_of``, and the size of the club's usual loan."""
    start = year_before(as_of) + datetime.timedelta(days=1)
    glp, at_risk, on_time, fell_due = ZERO, ZERO, ZERO, ZERO
    outstanding = 0
    disbursed: list[Decimal] = []
    for loan in loans.loans.values():
        if loan.date > as_of:
            continue
        disbursed.append(loan.principal)
        paid, due = loan.collected(start, as_of, as_of)
        on_time += paid
        fell_due += due
        state = loan.state(as_of)
        if state.status is Status.WRITTEN_OFF or state.outstanding <= 0:
            continue
        outstanding += 1
        glp += state.outstanding
        if state.dpd > PAR_DAYS:
            at_risk += state.outstanding
    return Portfolio(
        loans_outstanding=outstanding,
        glp=glp,
        at_risk_30=at_risk,
        par30=share_of(at_risk, glp),
        collected_on_time=on_time,
        fell_due=fell_due,
        collection_rate=share_of(on_time, fell_due),
        loans_disbursed=len(disbursed),
        median_loan=median_amount(disbursed),
    )


def share_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """An amount's share of another, to four places; ``None`` when there is no whole."""
    if whole == 0:
        return None
    return (part / whole).quantize(Decimal("0.0001"))


def median_amount(amounts: Sequence[Decimal]) -> Decimal | None:
    """The median, in whole VND."""
    if not amounts:
        return None
    return Decimal(statistics.median(amounts)).quantize(
        Decimal(1), rounding=ROUND_HALF_EVEN
    )
