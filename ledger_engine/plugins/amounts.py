"""Amounts are whole VND (SPEC §2): no posting or balance in VND has a fraction of a đồng.

    plugin "ledger_engine.plugins.amounts"

    2024-04-05 * "Nguyễn Thị Hoa" "Trả nợ kỳ 1" ^L2024-007     ; error here: 0.5 đồng
      Assets:IGF:Cash            442000.5 VND
      Assets:IGF:Loans:M001     -417000 VND
      Income:IGF:Interest        -25000.5 VND

A fraction of a đồng is always a typing mistake (a comma read as a decimal point, a figure
copied from a calculator); Beancount balances it without complaint, so this rule names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from beancount.core.display_context import Precision

from ledger_engine.account_words import account_words
from ledger_engine.book import ClubBook
from ledger_engine.errors import LedgerEngineError
from ledger_engine.i18n import _, grouped
from ledger_engine.plugins.base import standalone
from ledger_engine.registry import CURRENCY


class AmountError(LedgerEngineError):
    """An amount in VND is not a whole number of đồng (SPEC §2)."""


def _fractional(amount: Amount | None) -> bool:
    """An amount in VND with a fraction of a đồng."""
    if amount is None or amount.currency != CURRENCY or amount.number is None:
        return False
    number: Decimal = amount.number
    return number.is_finite() and number != number.to_integral_value()


def whole_vnd(book: ClubBook) -> Iterator[AmountError]:
    if _parsed_whole(book.options.get("dcontext")):
        return
    for entry in book.entries:
        if isinstance(entry, data.Transaction):
            odd = next((p for p in entry.postings if _fractional(p.units)), None)
            if odd is not None and odd.units is not None:
                yield _error(entry, odd.account, odd.units.number)
        elif isinstance(entry, data.Balance) and _fractional(entry.amount):
            yield _error(entry, entry.account, entry.amount.number)


def _parsed_whole(dcontext: Any) -> bool:
    """Whether every number the book writes in an amount, cost or price had no fractional
    digit, in every currency (Beancount's display context counts them as it parses).

    Then no posting or balance can hold a fraction of a đồng: what Beancount fills in
    (a missing amount, a padding) is a sum of products of whole numbers. A written
    ``1000.00`` still counts as a fraction here, and the entries are read one by one.
    """
    contexts = getattr(dcontext, "ccontexts", None)
    if not isinstance(contexts, dict) or not contexts:
        return False
    return all(
        context.get_fractional(Precision.MAXIMUM) in (None, 0)
        for context in contexts.values()
    )


def _error(entry: data.Directive, account: str, number: Decimal | None) -> AmountError:
    return AmountError(
        entry.meta,
        _(
            "{amount} VND on {account} is not a whole number of đồng; amounts are whole VND"
        ).format(amount=grouped(number), account=account_words(account)),
        entry,
    )


plugin = standalone(whole_vnd)
__plugins__ = ("plugin",)
