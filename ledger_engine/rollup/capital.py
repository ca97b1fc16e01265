"""Capital the income-generation fund received, by source and year (SPEC §2).

Resource mobilisation is read from the capital accounts ``Equity:IGF:Capital:<source>``
(``State``, ``Donor-…``, ``Members``): what they were credited, year by year, up to the date.
Opening balances are not capital received in a year and are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ledger_engine.records import FrozenRecord

CAPITAL_ROOT = "Equity:IGF:Capital:"


class CapitalReceived(FrozenRecord):
    year: int
    source: str  # the last part of the account: State, Donor-…, Members
    amount: Decimal


#: Sums of the postings up to a date by (account, year), as one walk of a book's transactions
#: collects them for the figures read from a few accounts (``figures.account_totals``).
AccountYears = Mapping[tuple[str, int], Decimal]


def is_capital(account: str) -> bool:
    return account.startswith(CAPITAL_ROOT)


def capital_received(totals: AccountYears) -> tuple[CapitalReceived, ...]:
    """Capital credited to each source in each year, net of returns; ``totals`` are the
    postings up to the date, by account and year, of (at least) every capital account."""
    found: dict[tuple[int, str], Decimal] = {}
    for (account, year), total in totals.items():
        if is_capital(account):
            # Equity is credited: a receipt is a negative posting.
            found[year, account[len(CAPITAL_ROOT) :]] = -total
    return tuple(
        CapitalReceived(year=year, source=source, amount=amount)
        for (year, source), amount in sorted(found.items())
        if amount != 0
    )
