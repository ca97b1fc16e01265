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
from importers.values import vnd
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.movements import INTEREST
from ledger_engine.loans.state import repayment_split

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
                f"no loan {row.loan} in the book; import the loans register (Sổ cho vay) "
                "first, or correct the loan id",
            )
        ]
    name = state.member_name(loan.member) or loan.member
    if row.member != loan.member:
        return [
            ("Mã TV", f"{row.member}, but loan {row.loan} was lent to {loan.member} {name}")
        ]
    if row.name and not same_name(name, row.name):
        return [("Họ và tên", f"{row.name!r}, but {row.member} is {name} in the book")]
    if row.date < loan.date:
        return [
            (
                "Ngày",
                f"{row.date:%d/%m/%Y} is before loan {row.loan} was disbursed on {loan.date:%d/%m/%Y}",
            )
        ]
    if loan.is_written_off(row.date):
        return [
            (
                "Mã khoản vay",
                f"loan {row.loan} is written off; money received after a write-off is a "
                "recovery (Income:IGF:Recoveries), not a repayment",
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
    before = [r.payment for r in loan.repayments if r.date <= row.date]
    before += [p for p in state.payments.get(loan.id, ()) if p.date <= row.date]
    split = repayment_split(loan, total, row.date, before)
    return None if split is None else (split.principal, split.interest)


def _amount_checks(
    row: RepaymentRow, loan: Loan, state: BookState
) -> tuple[tuple[Decimal, Decimal] | None, list[Problem]]:
    parts = _split(row, loan, state)
    if parts is None:
        return None, [
            (
                "Tổng cộng",
                f"loan {loan.id} has no schedule to split {vnd(total_of(row))} by (its terms "
                "are not known); give Tiền gốc and Tiền lãi",
            )
        ]
    principal, interest = parts
    owed = state.owed(loan)
    if principal > owed:
        column = "Tiền gốc" if row.principal is not None else "Tổng cộng"
        return None, [
            (
                column,
                f"repays {vnd(principal)} of principal (and {vnd(interest)} interest), more "
                f"than the {vnd(owed)} still owed on loan {loan.id} (lent "
                f"{vnd(loan.principal)} on {loan.date:%d/%m/%Y})",
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
