"""The portfolio figures a snapshot keeps (SPEC §5), as amounts that add up across clubs.

The figures themselves come from ``ledger_engine.loans.portfolio``; a snapshot keeps the
amounts behind each ratio (principal at risk, GLP, collected and due) so that a district's
PAR and collection rate are recomputed from sums, never averaged.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from ledger_engine.book import ClubBook
from ledger_engine.composition import share
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.portfolio import club_portfolio
from ledger_engine.rollup.snapshot import Portfolio

WHOLE = Decimal(1)


def portfolio_at(book: ClubBook, as_of: datetime.date, older_age: int) -> Portfolio:
    """GLP, principal at risk beyond 30 days, on-time collection over the year up to
    ``as_of``, and the size of the club's usual loan (median of every disbursement)."""
    figures = club_portfolio(book, as_of, older_age=older_age)
    principals = [
        loan.principal for loan in loans_of(book).loans.values() if loan.date <= as_of
    ]
    return Portfolio(
        loans_outstanding=figures.loans_outstanding,
        glp=figures.glp,
        at_risk_30=figures.at_risk_30,
        par30=share(figures.at_risk_30, figures.glp),
        collected_on_time=figures.collected_on_time,
        fell_due=figures.fell_due,
        collection_rate=share(figures.collected_on_time, figures.fell_due),
        loans_disbursed_to_date=len(principals),
        median_loan=median_amount(principals),
    )


def median_amount(amounts: Sequence[Decimal]) -> Decimal | None:
    """The median, in whole VND."""
    if not amounts:
        return None
    return Decimal(statistics.median(amounts)).quantize(WHOLE, rounding=ROUND_HALF_EVEN)
