"""The plan's report as a workbook: a cover sheet laid out as the document (heading, title,
scope, recipients and signature), then one sheet per table, each ready to print."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reports.labels import Lang, date_line, label
from reports.render.table import Table
from reports.render.xlsx import Sheet, add_sheet, page_setup, to_bytes
from reports.settings import ReportSettings

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: The sheet of each table, in the order of ``plan_render``'s tables.
SHEETS = (
    "sheet_targets",
    "sheet_late",
    "sheet_capital",
    "sheet_province",
    "sheet_districts",
    "sheet_misses",
    "sheet_gap",
    "sheet_clubs",
    "sheet_loans",
    "sheet_members",
)
COVER_COLUMNS = 8


def _merged(
    ws: Worksheet, row: int, first: int, last: int, text: str, **style: object
) -> None:
    from openpyxl.styles import Alignment, Font

    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = ws.cell(row=row, column=first, value=text)
    cell.font = Font(**style)
    cell.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)


def cover(
    ws: Worksheet,
    subtitle: str,
    issued: datetime.date,
    scope: Sequence[str],
    settings: ReportSettings,
    lang: Lang,
) -> None:
    from openpyxl.styles import Alignment, Font

    half, issuer = COVER_COLUMNS // 2, settings.issuer
    _merged(ws, 1, 1, half, issuer.parent.upper())
    _merged(ws, 1, half + 1, COVER_COLUMNS, label(lang, "national_name"), bold=True)
    _merged(ws, 2, 1, half, issuer.name.upper(), bold=True)
    _merged(ws, 2, half + 1, COVER_COLUMNS, label(lang, "national_motto"), bold=True)
    _merged(ws, 3, 1, half, f"{label(lang, 'number')}: {issuer.number}")
    _merged(
        ws, 3, half + 1, COVER_COLUMNS, date_line(issuer.place, issued, lang), italic=True
    )
    _merged(ws, 5, 1, COVER_COLUMNS, label(lang, "doc_title"), bold=True, size=14)
    _merged(ws, 6, 1, COVER_COLUMNS, subtitle, bold=True)
    row = 8
    for line in scope:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COVER_COLUMNS)
        cell = ws.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 15 * (1 + len(line) // 95)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=f"{label(lang, 'recipients')}:").font = Font(
        bold=True, italic=True
    )
    signer = settings.signer
    for k, text in enumerate((signer.on_behalf, signer.title)):
        _merged(ws, row + k, half + 1, COVER_COLUMNS, text, bold=True)
    _merged(ws, row + 6, half + 1, COVER_COLUMNS, signer.name, bold=True)
    for k, recipient in enumerate(settings.recipients, 1):
        end = "." if k == len(settings.recipients) else ";"
        ws.cell(row=row + k, column=1, value=f"- {recipient}{end}")
    for col in range(1, COVER_COLUMNS + 1):
        ws.column_dimensions[chr(64 + col)].width = 14
    page_setup(ws, landscape=False)


def report_workbook(
    title: str,
    subtitle: str,
    as_of: datetime.date,
    scope: Sequence[str],
    tables: Sequence[Table],
    settings: ReportSettings,
    lang: Lang,
    skipped: Table | None = None,
) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = label(lang, "sheet_report")
    cover(first, subtitle, as_of, scope, settings, lang)
    titles = (title, (label(lang, "as_of"), as_of))
    for key, table in zip(SHEETS, tables, strict=True):
        add_sheet(book, Sheet(label(lang, key), titles, (table,)), lang)
    if skipped is not None:  # files in the folders that are no club's book
        add_sheet(book, Sheet(label(lang, "sheet_skipped"), titles, (skipped,)), lang)
    return to_bytes(book)
