"""The cashbook (Sổ quỹ) → fees, donations, capital, spending and transfers between funds.

A row moves money in (*Thu*) or out (*Chi*) of one fund's cash: ``Assets:IGF:Cash`` for TTN,
``Assets:Activity:Cash`` for HĐ. Its *Khoản mục* names the other side through the club's
category map (``importers.categories``: defaults in code, extended by ``custom
"import-category"`` directives in the book)::

    2024-02-15 * "Khám sức khỏe định kỳ"
      voucher: "PC-2024-101"
      note: "52 người"
      Expenses:Activity:Health        1200000 VND
      Assets:Activity:Cash           -1200000 VND

A transfer between funds is recorded once, in the paying fund's cashbook (TTN, Chi,
"Trích lãi cho quỹ hoạt động" moves the interest share to the activity fund).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from importers.base import RegisterImporter
from importers.categories import FUND_WORDS, Category
from importers.entries import transaction
from importers.extraction import Problem, RowOutcome, known_voucher
from importers.rows import CashbookRow
from importers.state import BookState, Origin
from ledger_engine.i18n import _

ZERO = Decimal(0)


def _category(row: CashbookRow, state: BookState) -> tuple[Category | None, list[Problem]]:
    known = state.categories.examples()
    if row.category is None:
        return None, [
            (
                "Khoản mục",
                _("empty; say what the money is for (e.g. {known})").format(known=known),
            )
        ]
    category = state.categories.find(row.category)
    if category is None:
        return None, [
            (
                "Khoản mục",
                _(
                    '{category!r} is not a known category (e.g. {known}) nor an account; declare it in the book: custom "import-category" "{category}" <Account>'
                ).format(category=row.category, known=known),
            )
        ]
    if category.fund is not None and category.fund != row.fund:
        return None, [
            (
                "Khoản mục",
                _(
                    "{category!r} ({account}) belongs to the {fund} fund, but the row is in "
                    "the {row_fund} fund (Quỹ)"
                ).format(
                    category=row.category,
                    account=category.account,
                    fund=FUND_WORDS[category.fund],
                    row_fund=FUND_WORDS[row.fund],
                ),
            )
        ]
    return category, []


def build(row: CashbookRow, state: BookState, origin: Origin) -> RowOutcome:
    signed = row.receipt if row.receipt is not None else -(row.payment or ZERO)
    duplicate = known_voucher(state, row.voucher, row, abs(signed))
    if duplicate is not None:
        return duplicate
    category, problems = _category(row, state)
    if category is None:
        return RowOutcome(problems=problems)
    entry = transaction(
        origin,
        row.date,
        None,
        row.content,
        category.postings(row.fund, signed),
        fields={"voucher": row.voucher, "note": row.note},
    )
    return RowOutcome(entries=[entry])


class Importer(RegisterImporter):
    """Sổ quỹ (cashbook) → fee, donation, capital, spending and fund-transfer entries."""

    kind = "cashbook"

    def build(self, row: Any, state: BookState, origin: Origin) -> RowOutcome:
        return build(row, state, origin)
