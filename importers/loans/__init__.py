"""The loans register (Sổ cho vay) → disbursements.

A row becomes the disbursement of SPEC §2, named by its loan id::

    2024-03-05 * "Nguyễn Thị Hoa" "Vay nuôi heo" ^L2024-001
      voucher: "PC-2024-001"
      term: 12                       ; only what the row gives: blank cells leave the
      rate: 0.5                      ; policy in force to decide
      method: "flat"
      purpose: "Nuôi heo"
      source_file: "loans.csv"
      source_row: 2
      Assets:IGF:Loans:M001     5000000 VND
      Assets:IGF:Cash          -5000000 VND

The borrower must be a member in the book (or in a member list imported before), and the loan
id new. Whether the loan keeps the club's regulation (membership days, principal, term, other
loans, arrears) is the rule chain's to say; ``ledger-engine import`` reports its verdict on the
row.
"""

from __future__ import annotations

from typing import Any

from beancount.core import data

from importers.base import RegisterImporter
from importers.categories import FUND_CASH
from importers.entries import transaction
from importers.extraction import Problem, RowOutcome, known_voucher, same_name
from importers.kinds import Fund
from importers.rows import LoanRow
from importers.state import BookState, Origin, where
from importers.values import day
from ledger_engine.book import loan_account
from ledger_engine.i18n import _

CASH = FUND_CASH[Fund.IGF]


def narration(purpose: str | None) -> str:
    """ "Vay nuôi heo" for the purpose "Nuôi heo", as treasurers write it."""
    if not purpose:
        return "Vay vốn quỹ tăng thu nhập"
    return f"Vay {purpose[:1].lower()}{purpose[1:]}"


def _existing(state: BookState, loan_id: str) -> data.Transaction | None:
    loan = state.loans.get(loan_id)
    return loan.disbursement if loan is not None else state.new_loans.get(loan_id)


def _checks(row: LoanRow, state: BookState) -> list[Problem]:
    name = state.member_name(row.member)
    if name is None:
        return [
            (
                "Mã TV",
                _(
                    "{member} is not a member in the book; import the member list (Danh sách thành viên) first, or correct the code"
                ).format(member=row.member),
            )
        ]
    problems: list[Problem] = []
    if row.name and not same_name(name, row.name):
        problems.append(
            (
                "Họ và tên",
                _("{name!r}, but {member} is {name2} in the book").format(
                    name=row.name, member=row.member, name2=name
                ),
            )
        )
    existing = _existing(state, row.loan)
    if existing is not None:
        problems.append(
            (
                "Mã khoản vay",
                _(
                    "{loan} is already a loan in the book, disbursed on {date} ({where}); each loan needs an id of its own"
                ).format(loan=row.loan, date=day(existing.date), where=where(existing)),
            )
        )
    return problems


def build(row: LoanRow, state: BookState, origin: Origin) -> RowOutcome:
    duplicate = known_voucher(state, row.voucher, row, row.amount)
    if duplicate is not None:
        return duplicate
    problems = _checks(row, state)
    if problems:
        return RowOutcome(problems=problems)
    account = state.book.loan_accounts.get(row.member, loan_account(row.member))
    fields = {
        "voucher": row.voucher,
        "term": row.term,
        "rate": row.rate,
        "method": row.method,
        "purpose": row.purpose,
    }
    entry = transaction(
        origin,
        row.date,
        state.member_name(row.member),
        narration(row.purpose),
        [(account, row.amount), (CASH, -row.amount)],
        link=row.loan,
        fields=fields,
    )
    return RowOutcome(entries=[entry])


class Importer(RegisterImporter):
    """Sổ cho vay (loans register) → disbursements linked by loan id."""

    kind = "loans"

    def build(self, row: Any, state: BookState, origin: Origin) -> RowOutcome:
        return build(row, state, origin)
