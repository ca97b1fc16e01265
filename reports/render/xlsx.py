"""Workbooks for printing: one sheet per table, title rows, bold headers, number formats,
landscape pages fitted to the width."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from reports.labels import Lang, label
from reports.render.table import Cell, Kind, Table

# openpyxl is imported where a workbook is written: it takes longer to import than a
# whole roll-up of warm snapshots, and most runs write no workbook.
if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.MONEY: "#,##0",
    Kind.SHARE: "0.0%",
}
HEADER_COLOUR = "DDE6F0"
RULE_COLOUR = "A0AEC0"


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters, no []:*?/\
    titles: tuple[str, ...]  # the rows above the table: report title, date, basis
    tables: tuple[Table, ...]


def _value(value: Cell, kind: Kind, lang: Lang) -> object:
    if value is None:
        return None
    if kind is Kind.FLAG or isinstance(value, bool):
        return label(lang, "yes" if value else "no")
    if isinstance(value, Decimal):
        # openpyxl writes floats; exact money stays exact as whole numbers.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _write_table(ws: Worksheet, row: int, table: Table, lang: Lang) -> int:
    """Write ``table`` from ``row``; return the next free row."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    header_fill = PatternFill("solid", fgColor=HEADER_COLOUR)
    total_border = Border(top=Side(style="medium"))
    ws.cell(row=row, column=1, value=table.title).font = Font(bold=True, size=12)
    row += 1
    for col, column in enumerate(table.columns, 1):
        cell = ws.cell(row=row, column=col, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=Side(style="thin", color=RULE_COLOUR))
    header_row = row
    lines = [*table.rows, *([table.total] if table.total else [])]
    for k, values in enumerate(lines):
        row += 1
        is_total = table.total is not None and k == len(lines) - 1
        for col, (value, column) in enumerate(zip(values, table.columns, strict=True), 1):
            cell = ws.cell(row=row, column=col, value=_value(value, column.kind, lang))
            if column.kind in FORMATS:
                cell.number_format = FORMATS[column.kind]
            if is_total:
                cell.font = Font(bold=True)
                cell.border = total_border
    for note in table.notes:
        row += 1
        ws.cell(row=row, column=1, value=note).font = Font(italic=True)
    if not ws.print_title_rows:
        ws.print_title_rows = f"{header_row}:{header_row}"
    return row + 2


def _page_setup(ws: Worksheet, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def workbook(sheets: Sequence[Sheet], lang: Lang) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name[:31])
        for row, title in enumerate(sheet.titles, 1):
            ws.cell(row=row, column=1, value=title).font = Font(
                bold=row == 1, size=14 if row == 1 else 11
            )
        row = len(sheet.titles) + 2
        widths: list[int] = []
        for table in sheet.tables:
            row = _write_table(ws, row, table, lang)
            for i, column in enumerate(table.columns):
                if i < len(widths):
                    widths[i] = max(widths[i], column.width)
                else:
                    widths.append(column.width)
        _page_setup(ws, widths)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
