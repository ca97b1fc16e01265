"""Numbers and dates the Vietnamese way."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from ledger_engine.fava_ext import fmt


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal(150_000_000), "150.000.000"),
        (Decimal(0), "0"),
        (Decimal(999), "999"),
        (Decimal(1000), "1.000"),
        (Decimal(-1_250_000), "-1.250.000"),
        (Decimal("0.5"), "0,5"),
        (Decimal("-0.25"), "-0,25"),
        (7, "7"),
        (None, "–"),
    ],
)
def test_money(value: Decimal | int | None, shown: str) -> None:
    assert fmt.money(value) == shown


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (Decimal("0.2222"), 1, "22,2 %"),
        (Decimal("0.5"), 0, "50 %"),
        (Decimal(1), 1, "100,0 %"),
        (None, 1, "–"),
    ],
)
def test_percent(value: Decimal | None, digits: int, shown: str) -> None:
    assert fmt.percent(value, digits) == shown


def test_day_puts_the_day_first() -> None:
    assert fmt.day(datetime.date(2024, 3, 5)) == "05/03/2024"
    assert fmt.day(None) == "–"
