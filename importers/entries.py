"""Building the Beancount entries an import adds, with their origin in the metadata.

Every entry keeps where it came from: ``voucher`` (Số phiếu), ``source_file`` (the document's
name) and ``source_row`` (its row as the spreadsheet shows it). Metadata values are only ever
``str``, ``Decimal``, ``date`` or ``bool``: Beancount's printer cannot write an ``int``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from beancount.parser.grammar import ValueType

from importers.state import Origin
from ledger_engine.registry import CURRENCY

MetaValue = str | Decimal | datetime.date | bool


def plain_decimal(number: Decimal) -> Decimal:
    """``0.500`` → ``0.5``, ``12`` stays ``12`` (never ``1.2E+1``)."""
    reduced = number.normalize()
    exponent = reduced.as_tuple().exponent
    return (
        reduced.quantize(Decimal(1))
        if isinstance(exponent, int) and exponent > 0
        else reduced
    )


def meta_value(value: Any) -> MetaValue:
    """A value as metadata may hold it; raises ``TypeError`` for anything else."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool | str | datetime.date):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return plain_decimal(value)
    raise TypeError(f"metadata cannot hold {type(value).__name__}: {value!r}")


def metadata(origin: Origin, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Metadata of an imported entry: ``fields`` (``None`` left out), then its origin."""
    meta = data.new_metadata(origin.file or "<command line>", origin.row)
    for key, value in fields.items():
        if value is not None:
            meta[key] = meta_value(value)
    if origin.file:
        meta["source_file"] = origin.name
        meta["source_row"] = Decimal(origin.row)
    return meta


def vnd(number: Decimal) -> Amount:
    return Amount(number, CURRENCY)


def transaction(
    origin: Origin,
    date: datetime.date,
    payee: str | None,
    narration: str,
    postings: Sequence[tuple[str, Decimal]],
    *,
    link: str | None = None,
    fields: Mapping[str, Any] | None = None,
) -> data.Transaction:
    """A transaction; postings of zero are left out (an interest-only repayment)."""
    lines = [
        data.Posting(account, vnd(number), None, None, None, None)
        for account, number in postings
        if number
    ]
    links = frozenset({link}) if link else data.EMPTY_SET
    return data.Transaction(
        metadata(origin, fields or {}),
        date,
        "*",
        payee,
        narration,
        data.EMPTY_SET,
        links,
        lines,
    )


def custom(
    origin: Origin,
    date: datetime.date,
    kind: str,
    values: Sequence[str],
    fields: Mapping[str, Any] | None = None,
) -> data.Custom:
    return data.Custom(
        metadata(origin, fields or {}),
        date,
        kind,
        [ValueType(value, str) for value in values],
    )
