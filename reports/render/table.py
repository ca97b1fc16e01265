"""A report's tables, typed by column so that each renderer formats numbers its own way."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from reports.labels import Lang, day, label, number, percent


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    MONEY = "money"
    SHARE = "share"
    FLAG = "flag"
    DATE = "date"
    MIXED = "mixed"  # each cell a ``Measure`` that says how it reads


@dataclass(frozen=True)
class Measure:
    """A number that carries its own kind, for a column of counts and shares alike."""

    value: Decimal | int | None
    kind: Kind


Cell = str | int | Decimal | bool | datetime.date | Measure | None


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: int = 12  # characters, for the workbook


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    notes: tuple[str, ...] = field(default=())
    number: int | None = None  # "Biểu 01": the table's number in the document
    row_ids: tuple[str | None, ...] = ()  # an anchor per row, for links into the table
    links: tuple[tuple[str | None, ...], ...] = ()  # an address per cell of each row

    def caption(self, lang: Lang) -> str:
        if self.number is None:
            return self.title
        return f"{label(lang, 'table_no', no=self.number)}. {self.title}"


def cell_text(value: Cell, kind: Kind, lang: Lang) -> str:
    if isinstance(value, Measure):
        return cell_text(value.value, value.kind, lang)
    if isinstance(value, datetime.date):
        return day(value)
    if value is None:
        return "–" if kind is not Kind.TEXT else ""
    if kind is Kind.FLAG or isinstance(value, bool):
        return label(lang, "yes" if value else "no")
    if kind is Kind.SHARE and isinstance(value, Decimal):
        return percent(value, lang)
    if kind in (Kind.COUNT, Kind.MONEY) and isinstance(value, int | Decimal):
        return number(value, lang)
    return str(value)


def _is_numeric(kind: Kind) -> bool:
    return kind in (Kind.COUNT, Kind.MONEY, Kind.SHARE, Kind.MIXED, Kind.DATE)


def _line(cells: Sequence[str], widths: Sequence[int], columns: Sequence[Column]) -> str:
    parts = [
        cell.rjust(w) if _is_numeric(col.kind) else cell.ljust(w)
        for cell, w, col in zip(cells, widths, columns, strict=True)
    ]
    return "  ".join(parts).rstrip()


def _cells(row: Sequence[Cell], columns: Sequence[Column], lang: Lang) -> list[str]:
    return [cell_text(v, c.kind, lang) for v, c in zip(row, columns, strict=True)]


def text_table(table: Table, lang: Lang) -> list[str]:
    """One table as lines: numbers right-aligned, a double rule above the total."""
    columns = table.columns
    body = [_cells(row, columns, lang) for row in table.rows]
    total = _cells(table.total, columns, lang) if table.total else None
    every = [*body, *([total] if total else [])]
    widths = [
        max([len(col.header), *(len(line[i]) for line in every)])
        for i, col in enumerate(columns)
    ]
    out = [table.caption(lang), _line([c.header for c in columns], widths, columns)]
    out.append("  ".join("-" * w for w in widths))
    out.extend(_line(line, widths, columns) for line in body)
    if total:
        out.append("  ".join("=" * w for w in widths))
        out.append(_line(total, widths, columns))
    out.extend(table.notes)
    return out


def render_text(tables: Sequence[Table], lang: Lang) -> str:
    return "\n".join("\n".join(text_table(t, lang)) + "\n" for t in tables)


def csv_cell(value: Cell) -> str:
    """Raw values: shares as fractions, amounts unformatted, flags as 1/0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Measure):
        return csv_cell(value.value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def render_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    if table.total:
        writer.writerow([csv_cell(v) for v in table.total])
    return buffer.getvalue()
