"""How the club's pages write numbers and dates: the Vietnamese way.

Vietnamese writes thousands with dots and decimals with a comma (150.000.000; 52,3 %) and
dates day first (05/03/2024). Pure functions, used as Jinja filters.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_DOWN, Decimal


def money(value: Decimal | int | None) -> str:
    """Whole VND with dot separators: 150000000 → "150.000.000"; None → "–"."""
    if value is None:
        return "–"
    number = Decimal(value)
    sign = "-" if number < 0 else ""
    size = abs(number)
    whole = size.to_integral_value(rounding=ROUND_DOWN)
    text = f"{whole:,.0f}".replace(",", ".")
    if size != whole:
        fraction = f"{size - whole:f}".split(".")[1].rstrip("0")
        text = f"{text},{fraction}"
    return sign + text


def percent(value: Decimal | None, digits: int = 1) -> str:
    """A fraction as a percentage with a decimal comma: 0.523 → "52,3 %"; None → "–"."""
    if value is None:
        return "–"
    scaled = (Decimal(value) * 100).quantize(Decimal(1).scaleb(-digits))
    return f"{scaled:f}".replace(".", ",") + " %"


def day(value: datetime.date | None) -> str:
    """A date as treasurers write it: 2024-03-05 → "05/03/2024"; None → "–"."""
    if value is None:
        return "–"
    return value.strftime("%d/%m/%Y")
