"""The generator's own light records of what goes into a book, before it is written as text.

Writing text directly (rather than building Beancount entries and printing them) keeps the
generator fast and its output byte-for-byte stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

CASH = "Assets:IGF:Cash"
ACTIVITY_CASH = "Assets:Activity:Cash"
INTEREST = "Income:IGF:Interest"
RECOVERIES = "Income:IGF:Recoveries"
LOSSES = "Expenses:IGF:Loan-Losses"
OPENING = "Equity:Opening-Balances"
ACTIVITY_CAPITAL = "Equity:Activity:Capital"
MEMBERS_CAPITAL = "Equity:IGF:Capital:Members"
STATE_CAPITAL = "Equity:IGF:Capital:State"
FEES = "Income:Activity:Fees"
DONATIONS = "Income:Activity:Donations"
SHARE_RECEIVED = "Income:Activity:Interest-Share"
SHARE_PAID = "Expenses:IGF:Interest-Share"


class Money(NamedTuple):
    """An amount in VND, written ``5000000 VND`` (metadata and custom values)."""

    number: int


MetaValue = str | int | Decimal | date | Money


@dataclass(slots=True)
class Txn:
    """A transaction; ``voucher`` is the kind (PC paid out, PT received), numbered on writing."""

    date: date
    payee: str | None
    narration: str
    postings: list[tuple[str, int]]
    voucher: str | None = None
    meta: dict[str, MetaValue] = field(default_factory=dict)
    links: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(slots=True)
class Custom:
    date: date
    type: str
    values: tuple[str | int | Decimal | Money, ...]
    meta: dict[str, MetaValue] = field(default_factory=dict)


Entry = Txn | Custom


def round_down(amount: int | Decimal, unit: int = 1000) -> int:
    """Whole thousands, as cash changes hands at the meeting."""
    return int(amount) // unit * unit


def part_of(amount: int, fraction: float, unit: int = 1000) -> int:
    """A drawn share of an amount, in whole units (the draw is a float, the money is not)."""
    return round_down(Decimal(amount) * Decimal(fraction), unit)
