"""Writing registers: empty templates for treasurers, and rows exported from a book.

``write_register(kind, rows, path)`` writes CSV or XLSX by the path's suffix, in the form the
readers accept: a CSV in UTF-8 with a byte-order mark (without it, Excel shows Vietnamese as
mojibake), or a workbook with the register's name as a title above the header row, dates as
dd/mm/yyyy and amounts with thousands separators.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel

from importers.kinds import KINDS, Column, ColumnType, Kind

#: Blank rows of a template that get the date and amount formats, ready to be typed in.
TEMPLATE_ROWS = 200
TITLE_ROW, HEADER_ROW = 1, 2
_FORMATS = {
    ColumnType.DATE: "dd/mm/yyyy",
    ColumnType.AMOUNT: "#,##0",
    ColumnType.INT: "0",
    ColumnType.RATE: "0.00",
}
_WIDTHS = {ColumnType.DATE: 12, ColumnType.AMOUNT: 14, ColumnType.CODE: 12}
_WIDE = {"Họ và tên": 26, "Nội dung": 36, "Mục đích": 24, "Ghi chú": 24, "Khoản mục": 18}

Row = Mapping[str, Any] | BaseModel


def _fields(kind: Kind, row: Row) -> dict[str, Any]:
    """A row keyed by column name; rows may be keyed by field or by column name."""
    given = row.model_dump(exclude={"row"}) if isinstance(row, BaseModel) else dict(row)
    by_field = {c.field: c.name for c in kind.columns}
    names = {c.name for c in kind.columns}
    unknown = [k for k in given if k not in by_field and k not in names]
    if unknown:
        raise ValueError(f"{kind.key} register has no column for {', '.join(unknown)}")
    return {by_field.get(k, k): v for k, v in given.items()}


def _cell_value(column: Column, value: Any) -> Any:
    """A value as a spreadsheet cell holds it: words for meanings, whole numbers for VND."""
    if value is None:
        return None
    if column.type is ColumnType.ENUM:
        return column.word_for(str(value))
    if column.type in (ColumnType.AMOUNT, ColumnType.INT):
        return int(value)
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _write_csv(kind: Kind, rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.title for c in kind.columns])
        for row in rows:
            writer.writerow([_text(_cell_value(c, row.get(c.name))) for c in kind.columns])


def _title(sheet: Any, kind: Kind) -> None:
    last = get_column_letter(len(kind.columns))
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    cell = sheet.cell(TITLE_ROW, 1, kind.title.upper())
    cell.font = Font(bold=True, size=14)
    cell.alignment = Alignment(horizontal="center")


def _headers(sheet: Any, kind: Kind) -> None:
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(kind.columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column.title)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        width = _WIDE.get(column.name, _WIDTHS.get(column.type, 12))
        sheet.column_dimensions[get_column_letter(index)].width = max(
            width, len(column.title) + 2
        )
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)


def _choices(sheet: Any, kind: Kind, last_row: int) -> None:
    """Drop-down lists of the accepted words, so a template is filled in with known words."""
    for index, column in enumerate(kind.columns, start=1):
        if column.type is not ColumnType.ENUM:
            continue
        words = ",".join(dict.fromkeys(column.word_for(m) for m in column.words.values()))
        check = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
        letter = get_column_letter(index)
        check.add(f"{letter}{HEADER_ROW + 1}:{letter}{last_row}")
        sheet.add_data_validation(check)


def _write_xlsx(kind: Kind, rows: list[dict[str, Any]], path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = kind.title
    _title(sheet, kind)
    _headers(sheet, kind)
    last_row = HEADER_ROW + max(len(rows), TEMPLATE_ROWS if not rows else 0)
    for offset in range(last_row - HEADER_ROW):
        row = rows[offset] if offset < len(rows) else {}
        for index, column in enumerate(kind.columns, start=1):
            value = _cell_value(column, row.get(column.name))
            cell = sheet.cell(HEADER_ROW + 1 + offset, index, value)
            if column.type in _FORMATS:
                cell.number_format = _FORMATS[column.type]
    _choices(sheet, kind, last_row)
    book.save(path)


def write_register(kind: str, rows: Iterable[Row], path: str | Path) -> None:
    """Write ``rows`` (typed rows, or dicts keyed by field or column name) as a register."""
    spec = KINDS[kind]
    path = Path(path)
    by_name = [_fields(spec, row) for row in rows]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _write_csv(spec, by_name, path)
    elif suffix == ".xlsx":
        _write_xlsx(spec, by_name, path)
    else:
        raise ValueError(f"{path.name}: a register is written as .csv or .xlsx")


def write_template(kind: str, path: str | Path) -> None:
    """An empty register of ``kind``, ready to be filled in."""
    write_register(kind, [], path)
