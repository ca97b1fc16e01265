"""Beancount's ``balance`` assertions, met exactly, decided without its inventories.

Beancount's ``beancount.ops.balance`` keeps an inventory for every account under an
assertion and, at each ``balance`` directive, sums the account and its sub-accounts in the
asserted currency; a sum that differs from the assertion by more than its tolerance is an
error, and the directive is replaced by one that records the difference.

``check`` first sums the units of the same postings, in a walk of plain dictionaries. When
every assertion of the book is met *exactly* (a whole-VND club book: its counted cash is what
the postings say), no tolerance of zero or more can make any of them fail, so the book comes out as
Beancount's step gives it: the same entries in a new list, no error. Any other book (an
assertion off by anything, an account never opened, a currency the account does not take, a
posting whose amount is not a whole number below 10¹⁵) goes whole to Beancount's step, which
decides and words every error.

Whole numbers below 10¹⁵ keep the two sums equal: Beancount adds them grouped by account and
lot, this walk in book order, and below 10²⁸ (Decimal's precision) every such sum is exact
whatever the grouping.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, getcontext
from typing import Any

from beancount.core import data
from beancount.ops import balance as beancounts

__plugins__ = ("check",)

#: What decides a book whose assertions are not all met exactly: Beancount's own step.
beancount_balance: Callable[..., tuple[list[data.Directive], list[Any]]] = beancounts.check
#: Amounts the quick sum takes: whole numbers below this in size (see the module's text).
LIMIT = Decimal(10**15)
_BELOW = -LIMIT
#: Decimal's precision that keeps every sum of such amounts exact.
_DIGITS = 28


def check(
    entries: list[data.Directive], options_map: dict[str, Any]
) -> tuple[list[data.Directive], list[Any]]:
    """What Beancount's ``balance`` step returns: the entries, failed assertions marked,
    and an error for each."""
    if options_map.get("tolerance_multiplier", 0) >= 0 and all_met_exactly(entries):
        return list(entries), []
    return beancount_balance(entries, options_map)


def all_met_exactly(entries: list[data.Directive]) -> bool:
    """Whether every ``balance`` directive names an opened account that takes its currency
    and states exactly the sum of the postings before it on the account and its
    sub-accounts; ``False`` also whenever the quick sum cannot tell."""
    asserted = {entry.account for entry in entries if isinstance(entry, data.Balance)}
    if not asserted:
        return True
    if getcontext().prec < _DIGITS:
        return False
    opened: dict[str, data.Open] = {}
    into: dict[str, tuple[str, ...]] = {}  # posting account → the asserted ones it adds to
    sums: dict[tuple[str, str], Decimal] = {}
    for entry in entries:
        if isinstance(entry, data.Transaction):
            for posting in entry.postings:
                account = posting.account
                targets = into.get(account)
                if targets is None:
                    targets = into[account] = _asserted_over(account, asserted)
                if not targets:
                    continue
                units = posting.units
                if units is None:
                    return False
                number = units.number
                if (
                    type(number) is not Decimal
                    or not number.is_finite()
                    or not _BELOW < number < LIMIT
                    or number != number.to_integral_value()
                ):
                    return False
                for target in targets:
                    key = (target, units.currency)
                    held = sums.get(key)
                    sums[key] = number if held is None else held + number
        elif isinstance(entry, data.Open):
            if entry.account in opened:  # Beancount takes the earliest: let it choose
                return False
            opened[entry.account] = entry
        elif isinstance(entry, data.Balance):
            expected = entry.amount
            found = opened.get(entry.account)
            if found is None or expected is None:
                return False
            if entry.tolerance is not None and entry.tolerance < 0:
                return False  # a difference of nothing would still fail
            if found.currencies and expected.currency not in found.currencies:
                return False
            if sums.get((entry.account, expected.currency), Decimal(0)) != expected.number:
                return False
    return True


def _asserted_over(account: str, asserted: set[str]) -> tuple[str, ...]:
    """The asserted accounts ``account`` counts toward: itself and its parents."""
    parts = account.split(":")
    return tuple(
        name
        for name in (":".join(parts[:k]) for k in range(1, len(parts) + 1))
        if name in asserted
    )
