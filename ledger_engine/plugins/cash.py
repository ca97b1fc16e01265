"""Rule 5: no cash or bank account of either fund ever goes negative.

    plugin "ledger_engine.plugins.cash"

    2024-03-05 * "Nguyễn Thị Hoa" "Vay nuôi heo" ^L2024-007
      Assets:IGF:Loans:M001     5000000 VND
      Assets:IGF:Cash          -5000000 VND     ; error here if the fund held less

Balances are checked at the end of each day, so money received and lent on the same day may
stand in the book in either order; the error names the day's first transaction that left the
account below zero.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from beancount.core import data

from ledger_engine.account_words import account_words
from ledger_engine.book import ClubBook
from ledger_engine.errors import CashError
from ledger_engine.i18n import _, grouped
from ledger_engine.plugins.base import standalone

CASH_ACCOUNTS = ("Assets:IGF:Cash", "Assets:IGF:Bank")
ACTIVITY_ROOT = "Assets:Activity:"
ZERO = Decimal(0)


def is_fund_cash(account: str) -> bool:
    return account in CASH_ACCOUNTS or account.startswith(ACTIVITY_ROOT)


def cash_never_negative(book: ClubBook) -> Iterator[CashError]:
    balances: dict[str, Decimal] = {}
    culprits: dict[str, data.Transaction] = {}
    negative: set[str] = set()
    is_cash: dict[str, bool] = {}  # by account: asked of every posting, answered once
    day = None
    for entry in book.entries:
        if not isinstance(entry, data.Transaction):
            continue
        if entry.date != day:
            if culprits:
                yield from _close_day(balances, culprits, negative)
            elif negative:
                _recovered(balances, negative)
            day = entry.date
        for posting in entry.postings:
            account = posting.account
            cash = is_cash.get(account)
            if cash is None:
                cash = is_cash[account] = is_fund_cash(account)
            if not cash or posting.units is None:
                continue
            number = posting.units.number
            if number is None:
                continue
            total = balances.get(account, ZERO) + number
            balances[account] = total
            if total < 0 and account not in culprits:
                culprits[account] = entry
    yield from _close_day(balances, culprits, negative)


def _close_day(
    balances: dict[str, Decimal],
    culprits: dict[str, data.Transaction],
    negative: set[str],
) -> Iterator[CashError]:
    for account, entry in culprits.items():
        if balances[account] < 0 and account not in negative:
            negative.add(account)
            yield CashError(
                entry.meta,
                _(
                    "{account} goes negative: {amount} VND at the end of {date}; this "
                    "transaction is the first to overdraw it"
                ).format(
                    account=account_words(account),
                    amount=grouped(balances[account]),
                    date=entry.date,
                ),
                entry,
            )
    _recovered(balances, negative)
    culprits.clear()


def _recovered(balances: dict[str, Decimal], negative: set[str]) -> None:
    """Forget the accounts back at zero or above: they are reported again if they fall."""
    for account in list(negative):
        if balances[account] >= 0:
            negative.discard(account)


plugin = standalone(cash_never_negative)
__plugins__ = ("plugin",)
