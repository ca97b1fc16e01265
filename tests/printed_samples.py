"""Write the printed sample registers: ``importers/<kind>/testdata/<kind>-printed.csv|xlsx``.

Run by ``.venv/bin/python tests/register_samples.py``. A printed register is what a club keeps for
signing: the club's name and the register's title above, a numbering column, a two-row header
where money columns sit under a merged group heading (*Số tiền thu* over *Tiền gốc · Tiền
lãi · Tổng cộng*, *Số tiền* over *Thu · Chi*) or, for the others, a row of column numbers
under the header, then the rows, a totals row, the place and date, and the signature block.
The rows are the kind's ``SAMPLES``: the register must import exactly as the clean one.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from register_samples import SAMPLES, TITLE_BLOCK

from importers.kinds import Column, ColumnType, Kind

#: The group heading over the money columns of a two-row header, per kind.
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "repayments": ("Số tiền thu", ("Tiền gốc", "Tiền lãi", "Tổng cộng")),
    "cashbook": ("Số tiền", ("Thu", "Chi")),
}
SIGNERS = ("Người lập biểu", "Thủ quỹ", "Chủ nhiệm")
SIGNER_NAMES = ("Lê Thị Thu", "Y Blăng", "Nguyễn Thị Hoa")
Table = list[list[Any]]


def _header(kind: Kind) -> Table:
    """One or two header rows, with the numbering column first."""
    group = GROUPS.get(kind.key)
    top: list[Any] = ["STT"]
    below: list[Any] = [None]
    for column in kind.columns:
        if group is not None and column.name in group[1]:
            first = column.name == group[1][0]
            top.append(group[0] if first else None)
            below.append(column.name)
        else:
            top.append(column.title)
            below.append(None)
    if group is not None:
        return [top, below]
    return [top, [f"({n})" for n in range(1, len(top) + 1)]]


def _cell(column: Column, value: Any, as_text: bool) -> Any:
    if value is None:
        return None
    if column.type is ColumnType.ENUM:
        value = column.word_for(str(value))
    elif column.type in (ColumnType.AMOUNT, ColumnType.INT):
        value = int(value)
    if not as_text:
        return value
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int) and column.type is ColumnType.AMOUNT:
        return f"{value:,}".replace(",", ".")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def _totals(kind: Kind, as_text: bool) -> list[Any]:
    """The totals row: its label where the date or code is, the sums of the money columns."""
    line: list[Any] = [None, "Tổng cộng"]
    for column in kind.columns[1:]:
        if column.type is ColumnType.AMOUNT:
            total = sum(int(r[column.field] or 0) for r in SAMPLES[kind.key])
            line.append(f"{total:,}".replace(",", ".") if as_text else total)
        else:
            line.append(None)
    return line


def _signatures(width: int) -> Table:
    def spread(words: tuple[str, ...]) -> list[Any]:
        line: list[Any] = [None] * width
        for index, word in enumerate(words):
            line[1 + index * 3] = word
        return line

    dated: list[Any] = [None] * width
    dated[width - 3] = "Ngọk Wang, ngày 31 tháng 12 năm 2024"
    signed = spread(tuple("(Ký, ghi rõ họ tên)" for _ in SIGNERS))
    return [[], dated, spread(SIGNERS), signed, [], [], spread(SIGNER_NAMES)]


def printed_table(kind: Kind, as_text: bool) -> Table:
    """Every line of the printed register, from the title block down."""
    width = 1 + len(kind.columns)
    title = f"{kind.title.upper()} NĂM 2024"
    table: Table = [[line] for line in (*TITLE_BLOCK, title)] + [[]]
    table += _header(kind)
    for number, row in enumerate(SAMPLES[kind.key], start=1):
        table.append([number, *(_cell(c, row[c.field], as_text) for c in kind.columns)])
    table.append(_totals(kind, as_text))
    return table + _signatures(width)


def write_printed_csv(kind: Kind, path: Path) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(printed_table(kind, as_text=True))
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _merge_group(sheet: Any, kind: Kind, header_row: int) -> None:
    group = GROUPS.get(kind.key)
    names = [c.name for c in kind.columns]
    for index in range(1, len(names) + 2):
        top = sheet.cell(header_row, index)
        if group is not None and index > 1 and names[index - 2] in group[1]:
            continue
        if group is not None:  # headings outside the group span both header rows
            sheet.merge_cells(
                start_row=header_row,
                start_column=index,
                end_row=header_row + 1,
                end_column=index,
            )
        top.font = Font(bold=True)
        top.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if group is not None:
        first = names.index(group[1][0]) + 2
        sheet.merge_cells(
            start_row=header_row,
            start_column=first,
            end_row=header_row,
            end_column=first + len(group[1]) - 1,
        )


def write_printed_xlsx(kind: Kind, path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    table = printed_table(kind, as_text=False)
    header_row = len(TITLE_BLOCK) + 3
    for number, line in enumerate(table, start=1):
        for index, value in enumerate(line, start=1):
            if value is None:
                continue
            cell = sheet.cell(number, index, value)
            if isinstance(value, datetime.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, int) and index > 1:
                cell.number_format = "#,##0"
    for number in range(1, len(TITLE_BLOCK) + 2):
        sheet.merge_cells(
            start_row=number,
            start_column=1,
            end_row=number,
            end_column=len(table[header_row]),
        )
    _merge_group(sheet, kind, header_row)
    totals = header_row + 2 + len(SAMPLES[kind.key])
    sheet.merge_cells(start_row=totals, start_column=2, end_row=totals, end_column=3)
    book.save(path)
