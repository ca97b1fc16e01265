"""Typed rows of the four registers, and the checks that span a row or the whole document.

``validate(document)`` reads every row of a document into its typed record and returns
``(rows, errors)``: it never stops at the first bad row, so a treasurer sees every problem of
the document at once. ``read_register(path)`` opens and validates in one step.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from importers.document import Document, RawRow, read_document
from importers.kinds import Fund, Kind
from importers.printed import describe
from importers.values import CellError, RowError, day, is_blank, parse_cell, shown, vnd
from ledger_engine.i18n import _
from ledger_engine.registry import ExitReason, Gender, Household, Method


class RegisterRow(BaseModel):
    """One row of a register; ``row`` is its number as the spreadsheet shows it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    row: int


class MemberRow(RegisterRow):
    code: str
    name: str
    gender: Gender
    born: int
    ethnicity: str | None = None
    household: Household | None = None
    joined: datetime.date
    left: datetime.date | None = None
    exit_reason: ExitReason | None = None


class LoanRow(RegisterRow):
    date: datetime.date
    voucher: str
    loan: str
    member: str
    name: str | None = None
    amount: Decimal
    term: int | None = None
    rate: Decimal | None = None  # % per month
    method: Method | None = None
    purpose: str | None = None


class RepaymentRow(RegisterRow):
    date: datetime.date
    voucher: str
    loan: str
    member: str
    name: str | None = None
    principal: Decimal | None = None
    interest: Decimal | None = None
    total: Decimal | None = None
    note: str | None = None


class CashbookRow(RegisterRow):
    date: datetime.date
    voucher: str
    fund: Fund
    content: str
    category: str | None = None
    receipt: Decimal | None = None
    payment: Decimal | None = None
    note: str | None = None


Cells = dict[str, Any]  # column name → typed value, blank cells left out
Problem = tuple[str, str]  # (column name, what is wrong)


# --- checks across the columns of one row --------------------------------------------------


def _member_checks(cells: Cells) -> list[Problem]:
    problems = []
    left, reason = cells.get("Ngày ra"), cells.get("Lý do ra")
    if left is not None and reason is None:
        problems.append(
            (
                "Lý do ra",
                _("the member left but no reason is given (chuyển đi, mất or xin ra)"),
            )
        )
    if reason is not None and left is None:
        problems.append(("Ngày ra", _("a reason to leave is given but not the date")))
    joined = cells.get("Ngày vào")
    if left is not None and joined is not None and left < joined:
        problems.append(
            (
                "Ngày ra",
                _("{left} is before Ngày vào {joined}").format(
                    left=day(left), joined=day(joined)
                ),
            )
        )
    born = cells.get("Năm sinh")
    if born is not None and joined is not None and born > joined.year:
        problems.append(
            (
                "Năm sinh",
                _("{born} is after the year the member joined ({year})").format(
                    born=born, year=joined.year
                ),
            )
        )
    return problems


def _loan_checks(cells: Cells) -> list[Problem]:
    if cells.get("Số tiền") == 0:
        return [("Số tiền", "a loan of 0 VND lends nothing")]
    return []


def _repayment_checks(cells: Cells) -> list[Problem]:
    principal, interest = cells.get("Tiền gốc"), cells.get("Tiền lãi")
    total = cells.get("Tổng cộng")
    if total is None:
        if principal is None or interest is None:
            return [("Tổng cộng", _("give the total, or both Tiền gốc and Tiền lãi"))]
        total = principal + interest
    elif principal is not None and interest is not None and principal + interest != total:
        return [
            (
                "Tổng cộng",
                _(
                    "{total} is not Tiền gốc {principal} + Tiền lãi {interest} = {sum}"
                ).format(
                    total=vnd(total),
                    principal=vnd(principal),
                    interest=vnd(interest),
                    sum=vnd(principal + interest),
                ),
            )
        ]
    for name, part in (("Tiền gốc", principal), ("Tiền lãi", interest)):
        if part is not None and part > total:
            return [
                (
                    name,
                    _("{part} is more than Tổng cộng {total}").format(
                        part=vnd(part), total=vnd(total)
                    ),
                )
            ]
    if total == 0:
        return [("Tổng cộng", "a repayment of 0 VND repays nothing")]
    return []


def _cashbook_checks(cells: Cells) -> list[Problem]:
    # Registers often write 0 (or a dash) in the column that does not apply.
    receipt, payment = cells.get("Thu") or None, cells.get("Chi") or None
    if receipt is not None and payment is not None:
        return [
            (
                "Chi",
                _(
                    "a row is either Thu or Chi, not both (Thu {receipt}, Chi {payment})"
                ).format(receipt=vnd(receipt), payment=vnd(payment)),
            )
        ]
    if receipt is None and payment is None:
        return [("Thu", _("give the amount received (Thu) or paid (Chi)"))]
    cells["Thu"], cells["Chi"] = receipt, payment
    return []


_CHECKS: dict[str, Callable[[Cells], list[Problem]]] = {
    "members": _member_checks,
    "loans": _loan_checks,
    "repayments": _repayment_checks,
    "cashbook": _cashbook_checks,
}
MODELS: dict[str, type[RegisterRow]] = {
    "members": MemberRow,
    "loans": LoanRow,
    "repayments": RepaymentRow,
    "cashbook": CashbookRow,
}
#: The column that identifies a row: importing a document twice must add nothing.
IDENTITY = {
    "members": "Mã TV",
    "loans": "Số phiếu",
    "repayments": "Số phiếu",
    "cashbook": "Số phiếu",
}


# --- validation ----------------------------------------------------------------------------


def _cells(document: Document, raw: RawRow) -> tuple[Cells, list[Problem]]:
    cells: Cells = {}
    problems: list[Problem] = []
    for column in document.kind.columns:
        value = raw.cells.get(column.name)
        if is_blank(value):
            if column.required:
                problems.append((column.name, _("empty; every row needs it")))
            continue
        try:
            cells[column.name] = parse_cell(value, column, document.epoch)
        except CellError as exc:
            problems.append((column.name, str(exc)))
    return cells, problems


def _identity(kind: Kind, cells: Cells, raw: RawRow, seen: dict[str, int]) -> list[Problem]:
    name = IDENTITY[kind.key]
    value = cells.get(name)
    if value is None:
        return []
    if value in seen:
        return [
            (
                name,
                _("{value} is already used on row {seen}").format(
                    value=value, seen=seen[value]
                ),
            )
        ]
    seen[value] = raw.row
    return []


def _record(kind: Kind, cells: Cells, row: int) -> tuple[RegisterRow | None, list[Problem]]:
    fields = {kind.column(name).field: value for name, value in cells.items()}
    try:
        return MODELS[kind.key].model_validate({"row": row, **fields}), []
    except ValidationError as exc:
        by_field = {c.field: c.name for c in kind.columns}
        return None, [
            (
                by_field.get(str(e["loc"][0]), str(e["loc"][0])),
                f"{shown(e['input'])}: {e['msg']}",
            )
            for e in exc.errors()
        ]


def validate(document: Document) -> tuple[list[RegisterRow], list[RowError]]:
    """Every row of ``document`` as a typed record, or every problem found in it."""
    kind = document.kind
    rows: list[RegisterRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for raw in document.rows:
        cells, problems = _cells(document, raw)
        problems += _identity(kind, cells, raw, seen)
        if not problems:
            problems = _CHECKS[kind.key](cells)
        record = None
        if not problems:
            record, problems = _record(kind, cells, raw.row)
        errors.extend(RowError(document.file, raw.row, c, m) for c, m in problems)
        if record is not None:
            rows.append(record)
    return rows, errors


@dataclass(frozen=True)
class Register:
    """A register read from a file: its kind (``None`` if unknown), rows and problems."""

    file: str
    kind: Kind | None
    rows: tuple[RegisterRow, ...]
    errors: tuple[RowError, ...]
    ignored: tuple[str, ...] = ()  # rows that are no data, as ``file:rows: why``


def read_register(path: str | Path, kind: str | None = None) -> Register:
    """Open and validate a register; ``errors`` empty means every row is good."""
    document, errors = read_document(path, kind)
    if document is None:
        return Register(str(path), None, (), tuple(errors))
    rows, row_errors = validate(document)
    ignored = tuple(describe(document.file, document.ignored))
    return Register(document.file, document.kind, tuple(rows), tuple(row_errors), ignored)
