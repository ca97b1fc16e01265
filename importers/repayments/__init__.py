"""The repayments register (Sổ thu nợ) → repayments of known loans.

A row becomes the repayment of SPEC §2, linked to its loan::

    2024-04-05 * "Nguyễn Thị Hoa" "Kỳ 1" ^L2024-001
      voucher: "PT-2024-001"
      Assets:IGF:Cash            442000 VND
      Assets:IGF:Loans:M001     -417000 VND
      Income:IGF:Interest        -25000 VND

When the row gives only *Tổng cộng*, the allocation rule of SPEC §3 splits it: installments
due by the day and the current one, oldest first, interest before principal within each;
what exceeds them is prepaid principal. This is the split ``split_total`` computes for the
rule chain's strict-split check, over the repayments recorded before the row (in the book and
earlier in the document). When the row gives the principal and the interest, they stand as
written (the register reader has checked them against the total).

The loan must be known and lent to the row's member, not written off, and the principal paid
may not exceed what is still owed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from importers.base import RegisterImporter
from importers.categories import FUND_CASH
from importers.entries import transaction
from importers.extraction import Problem, RowOutcome, known_voucher, same_name
from importers.kinds import Fund
from importers.rows import RepaymentRow
from importers.state import BookState, Origin
from importers.values import day, vnd
from ledger_engine.i18n import _
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.movements import INTEREST

CASH = FUND_CASH[Fund.IGF]
NARRATION = "Trả nợ"


def total_of(row: RepaymentRow) -> Decimal:
    if row.total is not None:
        return row.total
    assert row.principal is not None and row.interest is not None
    return row.principal + row.interest


def _loan_checks(row: RepaymentRow, loan: Loan | None, state: BookState) -> list[Problem]:
    if loan is None:
        return [
            (
                "Mã khoản vay",
                _(
                    "no loan {loan} in the book; import the loans register (Sổ cho vay) first, or correct the loan id"
                ).format(loan=row.loan),
            )
        ]
    name = state.member_name(loan.member) or loan.member
    if row.member != loan.member:
        return [
            (
                "Mã TV",
                _("{member}, but loan {loan} was lent to {member2} {name}").format(
                    member=row.member, loan=row.loan, member2=loan.member, name=name
                ),
            )
        ]
    if row.name and not same_name(name, row.name):
        return [
            (
                "Họ và tên",
                _("{name!r}, but {member} is {name2} in the book").format(
                    name=row.name, member=row.member, name2=name
                ),
            )
        ]
    if row.date < loan.date:
        return [
            (
                "Ngày",
                _("{date} is before loan {loan} was disbursed on {date2}").format(
                    date=day(row.date), loan=row.loan, date2=day(loan.date)
                ),
            )
        ]
    if loan.is_written_off(row.date):
        return [
            (
                "Mã khoản vay",
                _(
                    "loan {loan} is written off; money received after a write-off is a "
                    "recovery of a lost loan, not a repayment"
                ).format(loan=row.loan),
            )
        ]
    return []


def _split(
    row: RepaymentRow, loan: Loan, state: BookState
) -> tuple[Decimal, Decimal] | None:
    """(principal, interest) of the row; ``None`` when only a total is given and the loan
    has no schedule to split it by."""
    total = total_of(row)
    if row.principal is not None:
        return row.principal, total - row.principal
    if row.interest is not None:
        return total - row.interest, row.interest
    split = state.split(loan, total, row.date)
    if split is None:
        return None
    return split.principal, split.interest


def _amount_checks(
    row: RepaymentRow, loan: Loan, state: BookState
) -> tuple[tuple[Decimal, Decimal] | None, list[Problem]]:
    parts = _split(row, loan, state)
    if parts is None:
        return None, [
            (
                "Tổng cộng",
                _(
                    "loan {loan} has no schedule to split {total} by (its terms are not "
                    "known); give Tiền gốc and Tiền lãi"
                ).format(loan=loan.id, total=vnd(total_of(row))),
            )
        ]
    principal, interest = parts
    owed = state.owed(loan)
    if principal > owed:
        column = "Tiền gốc" if row.principal is not None else "Tổng cộng"
        return None, [
            (
                column,
                _(
                    "repays {principal} of principal (and {interest} interest), more than "
                    "the {owed} still owed on loan {loan} (lent {lent} on {date})"
                ).format(
                    principal=vnd(principal),
                    interest=vnd(interest),
                    owed=vnd(owed),
                    loan=loan.id,
                    lent=vnd(loan.principal),
                    date=day(loan.date),
                ),
            )
        ]
    return parts, []


def build(row: RepaymentRow, state: BookState, origin: Origin) -> RowOutcome:
    duplicate = known_voucher(state, row.voucher, row, total_of(row))
    if duplicate is not None:
        return duplicate
    loan = state.loans.get(row.loan)
    problems = _loan_checks(row, loan, state)
    if problems or loan is None:
        return RowOutcome(problems=problems)
    parts, problems = _amount_checks(row, loan, state)
    if parts is None:
        return RowOutcome(problems=problems)
    principal, interest = parts
    entry = transaction(
        origin,
        row.date,
        state.member_name(loan.member),
        row.note or NARRATION,
        [(CASH, principal + interest), (loan.account, -principal), (INTEREST, -interest)],
        link=loan.id,
        fields={"voucher": row.voucher},
    )
    return RowOutcome(entries=[entry])


class Importer(RegisterImporter):
    """Sổ thu nợ (repayments register) → repayments, split by the allocation rule."""

    kind = "repayments"

    def build(self, row: Any, state: BookState, origin: Origin) -> RowOutcome:
        return build(row, state, origin)
