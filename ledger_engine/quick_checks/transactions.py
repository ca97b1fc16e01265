"""Beancount's check that every transaction balances, with a quick answer for exact sums.

After the plugins, Beancount checks every transaction once more
(``validate_check_transaction_balances``): it adds up the weights of the postings into an
inventory and compares the residual with tolerances inferred from the numbers. That one check
is about a seventh of a club book's whole load, although a club's transactions are whole VND
that sum to exactly zero.

``transactions_balance`` gives the same errors as Beancount's check, in the same order, and
decides most transactions more cheaply. For a transaction whose postings have neither a cost
nor a price, the weight of a posting is its units, so the residual is the sum of the units of
each currency, added in posting order exactly as Beancount's inventory adds them (a position
that reaches zero is dropped; a zero amount creates none). When every sum is exactly zero the
residual is empty, and an empty residual is small under every tolerance: the transaction
balances, whatever tolerances Beancount would have inferred. Every other transaction (a
non-zero sum, a cost, a price, a posting whose amount booking left missing) is handed to
Beancount's own check, which decides it and words its error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.core.interpolate import AUTOMATIC_RESIDUAL
from beancount.ops import validation

#: A check of Beancount's list: entries and options in, errors out.
Check = Callable[[Sequence[data.Directive], dict[str, Any]], list[Any]]
#: Beancount's own check, as its list of checks holds it.
BEANCOUNTS = validation.validate_check_transaction_balances
#: What decides every transaction the quick sum does not: Beancount's check (a name of its
#: own, so that a test can count what reaches it).
beancount_check: Check = BEANCOUNTS


def sums_to_zero(postings: Sequence[data.Posting]) -> bool:
    """Whether the postings have neither cost nor price and their units sum to exactly zero
    in every currency; ``False`` also when the quick sum cannot tell (Beancount decides)."""
    running: dict[str, Decimal] = {}
    for posting in postings:
        meta = posting.meta
        if meta and meta.get(AUTOMATIC_RESIDUAL, False):
            continue  # Beancount leaves these out of the residual too
        units = posting.units
        if posting.cost is not None or posting.price is not None or units is None:
            return False
        number = units.number
        if type(number) is not Decimal or not number.is_finite():
            return False
        currency = units.currency
        held = running.get(currency)
        if held is None:
            if number:  # a zero amount makes no position
                running[currency] = number
        else:
            total = held + number  # the very addition Beancount's inventory makes
            if total:
                running[currency] = total
            else:
                del running[currency]
    return not running


def transactions_balance(
    entries: Sequence[data.Directive], options_map: dict[str, Any]
) -> list[Any]:
    """The errors of Beancount's ``validate_check_transaction_balances``, the same ones in
    the same order: transactions that sum to exactly zero balance, the rest are Beancount's
    to decide."""
    errors: list[Any] = []
    for entry in entries:
        if isinstance(entry, data.Transaction) and not sums_to_zero(entry.postings):
            errors.extend(beancount_check([entry], options_map))
    return errors
