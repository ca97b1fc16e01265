"""Workbooks for printing: one table per sheet under its title rows, bold headers that wrap
inside their own row, numbers and dates as real cells with formats, the header row frozen and
filtered, widths from the content, the header repeated on every printed page, landscape A4
fitted to the width."""

from __future__ import annotations

import datetime
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from reports.labels import Lang, label
from reports.render.table import Cell, Kind, Measure, Table, cell_text

# openpyxl is imported where a workbook is written: it takes longer to import than a
# whole roll-up of warm snapshots, and most runs write no workbook.
if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.MONEY: "#,##0",
    Kind.SHARE: "0.0%",
    Kind.DATE: "dd/mm/yyyy",
}
HEADER_COLOUR = "DDE6F0"
RULE_COLOUR = "A0AEC0"
MAX_WIDTH = 60
LINE_HEIGHT = 15  # points per line of 11-point text

Title = str | tuple[str, Cell]  # a line of text, or a label beside a value (e.g. a date)


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters, no []:*?/\
    titles: tuple[Title, ...]  # the rows above the table: report title, date, basis
    tables: tuple[Table, ...]


def cell_value(value: Cell, kind: Kind, lang: Lang) -> tuple[object, str | None]:
    """What the cell holds and its number format: numbers stay numbers, dates dates."""
    if isinstance(value, Measure):
        return cell_value(value.value, value.kind, lang)
    if value is None:
        return ("–" if kind is not Kind.TEXT else None), None
    if kind is Kind.FLAG or isinstance(value, bool):
        return label(lang, "yes" if value else "no"), None
    if isinstance(value, datetime.date):
        return value, FORMATS[Kind.DATE]
    if isinstance(value, Decimal):
        # openpyxl writes floats; exact money stays exact as whole numbers.
        number = int(value) if value == value.to_integral_value() else float(value)
        return number, FORMATS.get(kind)
    return value, FORMATS.get(kind) if isinstance(value, int) else None


def _header_row(ws: Worksheet, row: int, table: Table, widths: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    fill = PatternFill("solid", fgColor=HEADER_COLOUR)
    lines = 1
    for col, column in enumerate(table.columns, 1):
        cell = ws.cell(row=row, column=col, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=Side(style="thin", color=RULE_COLOUR))
        lines = max(lines, _lines(column.header, widths[col - 1]))
    # A wrapped header gets the height it needs, instead of spilling over the first row.
    ws.row_dimensions[row].height = lines * LINE_HEIGHT


def _lines(text: str, width: int) -> int:
    words, lines, used = text.split(), 1, 0
    for word in words:
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return max(lines, math.ceil(max((len(w) for w in words), default=0) / max(width, 1)))


def fitted_widths(table: Table, lang: Lang) -> list[int]:
    """Each column as wide as its widest cell (headers may wrap on two lines)."""
    lines = [*table.rows, *([table.total] if table.total else [])]
    widths = []
    for k, column in enumerate(table.columns):
        longest = max(
            (len(cell_text(row[k], column.kind, lang)) for row in lines), default=0
        )
        header = max(
            math.ceil(len(column.header) / 2), *(len(w) for w in column.header.split())
        )
        widths.append(min(MAX_WIDTH, max(6, longest + 2, header + 1)))
    return widths


def write_table(ws: Worksheet, row: int, table: Table, lang: Lang) -> tuple[int, int]:
    """Write ``table`` from ``row``; return its header row and its last row."""
    from openpyxl.styles import Border, Font, Side

    widths = fitted_widths(table, lang)
    ws.cell(row=row, column=1, value=table.caption(lang)).font = Font(bold=True, size=12)
    header = row + 1
    _header_row(ws, header, table, widths)
    row = header
    lines = [*table.rows, *([table.total] if table.total else [])]
    for k, values in enumerate(lines):
        row += 1
        is_total = table.total is not None and k == len(lines) - 1
        for col, (value, column) in enumerate(zip(values, table.columns, strict=True), 1):
            shown, number_format = cell_value(value, column.kind, lang)
            cell = ws.cell(row=row, column=col, value=shown)
            if number_format:
                cell.number_format = number_format
            if is_total:
                cell.font = Font(bold=True)
                cell.border = Border(top=Side(style="medium"))
    last = row
    for note in table.notes:
        row += 1
        ws.cell(row=row, column=1, value=note).font = Font(italic=True)
    data_end = last - 1 if table.total and table.rows else last
    _frame_table(ws, header, data_end, len(table.columns))
    return header, last


def _frame_table(ws: Worksheet, header: int, last: int, columns: int) -> None:
    """Frozen header and first column, filters, the header on every printed page."""
    from openpyxl.utils import get_column_letter

    if ws.freeze_panes is None:
        ws.freeze_panes = f"B{header + 1}"
        ws.auto_filter.ref = f"A{header}:{get_column_letter(columns)}{max(last, header)}"
        ws.print_title_rows = f"{header}:{header}"


def page_setup(ws: Worksheet, landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def write_titles(ws: Worksheet, titles: Sequence[Title]) -> int:
    """The title rows; return the first free row after a blank one."""
    from openpyxl.styles import Font

    for row, title in enumerate(titles, 1):
        text, value = (title, None) if isinstance(title, str) else title
        ws.cell(row=row, column=1, value=text).font = Font(
            bold=row == 1, size=14 if row == 1 else 11
        )
        if isinstance(value, datetime.date):
            ws.cell(row=row, column=2, value=value).number_format = FORMATS[Kind.DATE]
        elif value is not None:
            ws.cell(row=row, column=2, value=str(value))
    return len(titles) + 2


def add_sheet(book: Workbook, sheet: Sheet, lang: Lang) -> Worksheet:
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(sheet.name[:31])
    row = write_titles(ws, sheet.titles)
    widths: dict[int, int] = {}
    for table in sheet.tables:
        _, last = write_table(ws, row, table, lang)
        row = last + len(table.notes) + 3
        # Several tables on a sheet: each column as wide as its widest table needs.
        for col, width in enumerate(fitted_widths(table, lang), 1):
            widths[col] = max(widths.get(col, 0), width)
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    page_setup(ws)
    return ws


def to_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook(sheets: Sequence[Sheet], lang: Lang) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        add_sheet(book, sheet, lang)
    return to_bytes(book)
