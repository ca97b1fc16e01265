"""Resource mobilisation: capital the clubs' income-generation funds received, by source.

Two windows: the report's year up to its date, and the plan's period up to the report date
(SPEC §2, ``Equity:IGF:Capital:<source>``). Summed from each club's snapshot, year by year.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from ledger_engine.records import FrozenRecord
from ledger_engine.rollup import ClubSnapshot


class CapitalLine(FrozenRecord):
    source: str
    in_year: Decimal
    in_plan: Decimal
    clubs_in_year: int


def capital_lines(
    snapshots: Iterable[ClubSnapshot], as_of: datetime.date, plan_start: datetime.date
) -> tuple[CapitalLine, ...]:
    year: dict[str, Decimal] = {}
    plan: dict[str, Decimal] = {}
    clubs: dict[str, set[str]] = {}
    for snapshot in snapshots:
        if snapshot.figures is None:
            continue
        for received in snapshot.figures.capital:
            if plan_start.year <= received.year <= as_of.year:
                plan[received.source] = (
                    plan.get(received.source, Decimal(0)) + received.amount
                )
            if received.year == as_of.year:
                year[received.source] = (
                    year.get(received.source, Decimal(0)) + received.amount
                )
                clubs.setdefault(received.source, set()).add(snapshot.path)
    return tuple(
        CapitalLine(
            source=source,
            in_year=year.get(source, Decimal(0)),
            in_plan=plan.get(source, Decimal(0)),
            clubs_in_year=len(clubs.get(source, ())),
        )
        for source in sorted(set(plan) | set(year))
    )
