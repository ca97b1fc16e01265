"""Plain-text tables for the terminal: thousands separators, numbers aligned right."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any


def cell(value: Any) -> str:
    """A value as a table shows it: ``-`` for nothing, 1,250,000 for money, ISO dates."""
    if value is None:
        return "-"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def text_table(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    *,
    headers: Sequence[str] | None = None,
    left: Collection[str] = (),
) -> list[str]:
    """Lines of a table of ``rows`` (mappings by column name): a header, a rule, a line a
    row; the ``left`` columns are aligned left, every other one right."""
    head = list(headers or columns)
    body = [[cell(row[name]) for name in columns] for row in rows]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(columns))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            text.ljust(width) if name in left else text.rjust(width)
            for text, width, name in zip(cells, widths, columns, strict=True)
        ).rstrip()

    return [line(head), "  ".join("-" * w for w in widths), *map(line, body)]
