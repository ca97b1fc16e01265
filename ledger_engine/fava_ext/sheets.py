"""The club's pages as workbooks: the loans list, and the collection sheet to fill in.

The collection sheet's workbook is a repayments register (Sổ thu nợ) as the importers read
it: the meeting day, a voucher number from the book's sequence, the loan, the member and
what is due, with an empty *Đã thu / Collected* column (read as *Tổng cộng*). Filled in at
the meeting, it comes back through ``ledger-engine import`` one repayment per row; the rows
of borrowers who paid nothing are deleted first (the sheet says so above its header).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ledger_engine.fava_ext import labels
from ledger_engine.fava_ext.collection import CollectionLine
from ledger_engine.fava_ext.views import LoanRow

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY, DAY = "#,##0", "dd/mm/yyyy"
COLLECTED = "Đã thu / Collected"

#: (header, width, number format) of the loans list.
LOAN_COLUMNS: tuple[tuple[str, int, str | None], ...] = (
    ("Khoản vay / Loan", 12, None),
    ("Mã TV / Member", 9, None),
    ("Họ và tên / Name", 24, None),
    ("Ngày vay / Disbursed", 12, DAY),
    ("Gốc vay / Principal", 14, MONEY),
    ("Dư nợ / Outstanding", 14, MONEY),
    ("Kỳ tới / Next due", 12, DAY),
    ("Số tiền kỳ tới / Next amount", 14, MONEY),
    ("Quá hạn / Overdue", 14, MONEY),
    ("Số ngày quá hạn / DPD", 10, "0"),
    ("Nhóm nợ / Bucket", 16, None),
    ("Trạng thái / Status", 20, None),
)
#: (header, width, number format) of the collection sheet; the first five and COLLECTED are
#: the repayments register's columns, the others are read past by the importer.
COLLECTION_COLUMNS: tuple[tuple[str, int, str | None], ...] = (
    ("Ngày", 12, DAY),
    ("Số phiếu", 13, None),
    ("Mã khoản vay", 12, None),
    ("Mã TV", 8, None),
    ("Họ và tên", 24, None),
    ("Dư nợ / Outstanding", 14, MONEY),
    ("Phải thu / To collect", 14, MONEY),
    (COLLECTED, 16, MONEY),
    ("Ghi chú", 20, None),
)


def _cell(value: Any) -> Any:
    return int(value) if isinstance(value, Decimal) else value


def _sheet(
    title: str,
    notes: Sequence[str],
    columns: Sequence[tuple[str, int, str | None]],
    rows: Sequence[Sequence[Any]],
) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for number, note in enumerate(notes, start=1):
        sheet.cell(number, 1, note).font = Font(
            bold=number == 1, size=13 if number == 1 else 11
        )
    header = len(notes) + 1
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, (name, width, _) in enumerate(columns, start=1):
        cell = sheet.cell(header, index, name)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    for offset, row in enumerate(rows, start=1):
        for index, (value, (_, _, number_format)) in enumerate(
            zip(row, columns, strict=True), 1
        ):
            cell = sheet.cell(header + offset, index, _cell(value))
            if number_format:
                cell.number_format = number_format
    sheet.freeze_panes = sheet.cell(header + 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bucket_label(row: LoanRow) -> str:
    return labels.bucket_of_state(row.state.status.value, row.state.bucket)


def loans_workbook(rows: Sequence[LoanRow], club: str, as_of: datetime.date) -> bytes:
    """The loans list as the page shows it (same filter, same order)."""
    table = [
        (
            r.loan.id,
            r.loan.member,
            r.name,
            r.loan.date,
            r.loan.principal,
            r.state.outstanding,
            r.state.next_due,
            r.state.next_amount if r.state.next_due else None,
            r.state.overdue,
            r.state.dpd,
            bucket_label(r),
            labels.STATUS.get(r.state.status.value, r.state.status.value),
        )
        for r in rows
    ]
    notes = (
        f"DANH SÁCH KHOẢN VAY / LOANS — {club}",
        f"Tính đến ngày / as of {as_of:%d/%m/%Y}",
    )
    return _sheet("Khoản vay", notes, LOAN_COLUMNS, table)


def collection_workbook(
    lines: Sequence[CollectionLine], vouchers: Sequence[str], club: str, day: datetime.date
) -> bytes:
    """The collection sheet of ``day`` as a repayments register to fill in."""
    table = [
        (
            day,
            voucher,
            ln.loan.id,
            ln.loan.member,
            ln.name,
            ln.outstanding,
            ln.to_collect,
            None,
            None,
        )
        for ln, voucher in zip(lines, vouchers, strict=True)
    ]
    notes = (
        f"BẢNG THU NỢ / COLLECTION SHEET — {club} — {day:%d/%m/%Y}",
        f"Ghi số tiền đã thu vào cột '{COLLECTED}'; xóa dòng của người không trả rồi nhập "
        "bằng ledger-engine import / write what was paid, delete the rows of those who paid "
        "nothing, then import the file.",
    )
    return _sheet("Sổ thu nợ", notes, COLLECTION_COLUMNS, table)
