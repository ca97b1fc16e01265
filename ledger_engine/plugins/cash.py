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


def is_fund_cash(account: str) -> bool:
    return account in CASH_ACCOUNTS or account.startswith(ACTIVITY_ROOT)


def cash_never_negative(book: ClubBook) -> Iterator[CashError]:
    balances: dict[str, Decimal] = {}
    culprits: dict[str, data.Transaction] = {}
    negative: set[str] = set()
    day = None
    for entry in book.entries:
        if not isinstance(entry, data.Transaction):
            continue
        if entry.date != day:
            yield from _close_day(balances, culprits, negative)
            day = entry.date
        for posting in entry.postings:
            if posting.units is None or not is_fund_cash(posting.account):
                continue
            number = posting.units.number
            if number is None:
                continue
            total = balances.get(posting.account, Decimal(0)) + number
            balances[posting.account] = total
            if total < 0 and posting.account not in culprits:
                culprits[posting.account] = entry
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
    for account in list(negative):
        if balances[account] >= 0:
            negative.discard(account)
    culprits.clear()


plugin = standalone(cash_never_negative)
__plugins__ = ("plugin",)
