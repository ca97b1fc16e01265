"""A club book's data as the treasurer's registers (``ledger-engine export``).

``export_rows(kind, book)`` gives the rows of one register, keyed by field, in book order, and
notes on what the register cannot hold. Only entries that importing the row would give back
exactly are written, so that exporting and importing again is an identity:

- members: every member, with the exit if any;
- loans: disbursements from ``Assets:IGF:Cash`` carrying a voucher (loans brought forward
  from earlier books against ``Equity:Opening-Balances`` are left out, as are loans with
  terms the register has no column for: grace, interest grace, first due date);
- repayments: repayments of principal and interest into ``Assets:IGF:Cash`` with a voucher;
- cashbook: every other transaction with a voucher that one cashbook row describes: one
  fund's cash against a category of the club's map, or against a single account named as
  the *Khoản mục* itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from beancount.core import data

from importers.categories import FUND_CASH, Category, CategoryMap, category_map
from importers.kinds import Fund
from importers.repayments import NARRATION
from ledger_engine.book import ClubBook
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.movements import INTEREST

Row = dict[str, Any]
UNREGISTERED_TERMS = ("grace", "interest_grace", "first_due")


def _postings(entry: data.Transaction) -> Counter[tuple[str, Decimal]] | None:
    """The entry's postings as (account, VND amount), ``None`` if any is not plain VND."""
    found: Counter[tuple[str, Decimal]] = Counter()
    for posting in entry.postings:
        units = posting.units
        if units is None or units.currency != "VND" or posting.cost or posting.price:
            return None
        if not isinstance(units.number, Decimal):
            return None
        found[(posting.account, units.number)] += 1
    return found


def _voucher(entry: data.Transaction) -> str | None:
    voucher = entry.meta.get("voucher")
    return voucher if isinstance(voucher, str) and not entry.tags else None


def _whole(value: Any) -> int | None:
    return int(value) if isinstance(value, Decimal) and value == int(value) else None


# --- members -------------------------------------------------------------------------------


def member_rows(book: ClubBook) -> tuple[list[Row], list[str]]:
    rows = []
    for member in book.registry.members:
        leaving = book.exits_by_code.get(member.code)
        rows.append(
            {
                "code": member.code,
                "name": member.name,
                "gender": member.gender.value,
                "born": member.born,
                "ethnicity": member.ethnicity,
                "household": member.household.value,
                "joined": member.joined,
                "left": leaving.date if leaving else None,
                "exit_reason": leaving.reason.value if leaving else None,
            }
        )
    return rows, []


# --- loans and repayments ------------------------------------------------------------------


def _name(book: ClubBook, code: str) -> str | None:
    member = book.members_by_code.get(code)
    return member.name if member else None


def _loan_row(book: ClubBook, loan: Loan) -> Row | None:
    entry = loan.disbursement
    voucher = _voucher(entry)
    expected = Counter(
        {(loan.account, loan.principal): 1, (FUND_CASH[Fund.IGF], -loan.principal): 1}
    )
    if voucher is None or _postings(entry) != expected or entry.links != {loan.id}:
        return None
    if any(key in entry.meta for key in UNREGISTERED_TERMS):
        return None
    term = entry.meta.get("term")
    if term is not None and _whole(term) is None:
        return None
    rate = entry.meta.get("rate")
    return {
        "date": entry.date,
        "voucher": voucher,
        "loan": loan.id,
        "member": loan.member,
        "name": _name(book, loan.member),
        "amount": loan.principal,
        "term": _whole(term),
        "rate": rate if isinstance(rate, Decimal) else None,
        "method": entry.meta.get("method"),
        "purpose": entry.meta.get("purpose"),
    }


def _repayment_row(book: ClubBook, loan: Loan, entry: data.Transaction) -> Row | None:
    voucher = _voucher(entry)
    postings = _postings(entry)
    if voucher is None or postings is None or entry.links != {loan.id}:
        return None
    principal = -sum((n for (a, n), k in postings.items() if a == loan.account), Decimal(0))
    interest = -sum((n for (a, n), k in postings.items() if a == INTEREST), Decimal(0))
    expected = Counter(
        {
            (a, n): 1
            for a, n in (
                (FUND_CASH[Fund.IGF], principal + interest),
                (loan.account, -principal),
                (INTEREST, -interest),
            )
            if n
        }
    )
    if postings != expected:
        return None
    return {
        "date": entry.date,
        "voucher": voucher,
        "loan": loan.id,
        "member": loan.member,
        "name": _name(book, loan.member),
        "principal": principal,
        "interest": interest,
        "total": principal + interest,
        "note": entry.narration if entry.narration != NARRATION else None,
    }


def _rows_of_loans(
    book: ClubBook,
    row: Callable[[Loan], Iterable[tuple[data.Transaction, Row | None]]],
    what: str,
) -> tuple[list[Row], list[str]]:
    rows: list[tuple[tuple[Any, ...], Row]] = []
    left_out = 0
    for loan in loans_of(book).loans.values():
        for entry, made in row(loan):
            if made is None:
                left_out += 1
            else:
                rows.append(((entry.date, entry.meta.get("lineno", 0)), made))
    notes = (
        [f"left out {left_out} {what} that the register cannot hold"] if left_out else []
    )
    return [r for _, r in sorted(rows, key=lambda pair: pair[0])], notes


def loan_rows(book: ClubBook) -> tuple[list[Row], list[str]]:
    return _rows_of_loans(
        book,
        lambda loan: [(loan.disbursement, _loan_row(book, loan))],
        "loans (brought forward, not paid out in cash, or with terms such as grace)",
    )


def repayment_rows(book: ClubBook) -> tuple[list[Row], list[str]]:
    return _rows_of_loans(
        book,
        lambda loan: [
            (r.entry, _repayment_row(book, loan, r.entry)) for r in loan.repayments
        ],
        "repayments (penalties, no voucher, or not into Assets:IGF:Cash)",
    )


# --- the cashbook --------------------------------------------------------------------------


def _describe(
    entry: data.Transaction, categories: CategoryMap
) -> tuple[Fund, Category, Decimal] | None:
    """The fund, category and signed amount of the one cashbook row that gives ``entry``."""
    postings = _postings(entry)
    if postings is None:
        return None
    for fund, cash in FUND_CASH.items():
        moves = [n for (a, n), k in postings.items() if a == cash for _ in range(k)]
        if len(moves) != 1:
            continue
        others = [a for (a, _), k in postings.items() if a != cash]
        candidates = [*categories.categories, *(Category(a, a, None) for a in others)]
        for category in candidates:
            if (
                category.fund in (None, fund)
                and Counter(category.postings(fund, moves[0])) == postings
            ):
                return fund, category, moves[0]
    return None


def cashbook_rows(book: ClubBook) -> tuple[list[Row], list[str]]:
    categories, _ = category_map(book.entries)
    rows, left_out = [], 0
    for entry in book.entries:
        if (
            not isinstance(entry, data.Transaction)
            or entry.links
            or _voucher(entry) is None
        ):
            continue
        if any(p.account.startswith("Assets:IGF:Loans:") for p in entry.postings):
            continue
        found = _describe(entry, categories)
        if found is None:
            left_out += 1
            continue
        fund, category, signed = found
        rows.append(
            {
                "date": entry.date,
                "voucher": entry.meta["voucher"],
                "fund": fund.value,
                "content": entry.narration or entry.payee or category.name,
                "category": category.name,
                "receipt": signed if signed > 0 else None,
                "payment": -signed if signed < 0 else None,
                "note": entry.meta.get("note"),
            }
        )
    notes = [f"left out {left_out} transactions that no single cashbook row describes"]
    return rows, notes if left_out else []


EXPORTERS: dict[str, Callable[[ClubBook], tuple[list[Row], list[str]]]] = {
    "members": member_rows,
    "loans": loan_rows,
    "repayments": repayment_rows,
    "cashbook": cashbook_rows,
}


def export_rows(kind: str, book: ClubBook) -> tuple[list[Row], list[str]]:
    """The rows of the ``kind`` register for ``book``, and what was left out."""
    return EXPORTERS[kind](book)
