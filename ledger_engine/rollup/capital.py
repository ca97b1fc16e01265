"""Capital the income-generation fund received, by source and year (SPEC §2).

Resource mobilisation is read from the capital accounts ``Equity:IGF:Capital:<source>``
(``State``, ``Donor-…``, ``Members``): what they were credited, year by year, up to the date.
Opening balances are not capital received in a year and are left out.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from beancount.core import data
from pydantic import BaseModel, ConfigDict

CAPITAL_ROOT = "Equity:IGF:Capital:"


class CapitalReceived(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    source: str  # the last part of the account: State, Donor-…, Members
    amount: Decimal


def capital_received(
    entries: Iterable[data.Directive], as_of: datetime.date
) -> tuple[CapitalReceived, ...]:
    """Capital credited to each source in each year, up to ``as_of``; net of returns."""
    found: dict[tuple[int, str], Decimal] = {}
    for entry in entries:
        if not isinstance(entry, data.Transaction) or entry.date > as_of:
            continue
        for posting in entry.postings:
            if not posting.account.startswith(CAPITAL_ROOT) or posting.units is None:
                continue
            number = posting.units.number
            if not isinstance(number, Decimal):
                continue
            key = (entry.date.year, posting.account[len(CAPITAL_ROOT) :])
            # Equity is credited: a receipt is a negative posting.
            found[key] = found.get(key, Decimal(0)) - number
    return tuple(
        CapitalReceived(year=year, source=source, amount=amount)
        for (year, source), amount in sorted(found.items())
        if amount != 0
    )
