"""Three of Beancount's own steps of every load, decided by exact sums first.

Beancount ends every load with steps that cost a club book about a quarter of its load:
``pad`` sorts every posting by account even where there is nothing to pad; ``balance``
keeps inventories to test the ``balance`` assertions; and the last check of every
transaction builds an inventory of its postings and infers tolerances. A club's book is
whole VND: its transactions sum to exactly zero, its assertions are met exactly, and it has no
``pad``. Each step here answers such a book by exact sums and hands anything else, whole, to
Beancount's own step, so the entries and the errors are always Beancount's:

- ``transactions.transactions_balance`` for ``validate_check_transaction_balances``;
- ``pad.pad`` for ``beancount.ops.pad``;
- ``balance.check`` for ``beancount.ops.balance``.

``quick_checks()`` runs a block (the engine's loads) with these in the place of Beancount's,
in the two lists Beancount reads on every load: ``beancount.ops.validation.VALIDATIONS``
(which Beancount documents as the place to change the checks that run) and
``beancount.loader.PLUGINS_POST``. Both lists are restored after. Loads may overlap in threads
(a local Dask cluster of threads): the first to enter puts the lists in place, the last to
leave restores Beancount's; a Beancount load that runs meanwhile gets the same answer
either way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from beancount import loader
from beancount.ops import validation

from ledger_engine.quick_checks import transactions

#: Beancount's plugin steps after the book's own, and what stands in for each here.
PLUGIN_STEPS = {
    "beancount.ops.pad": "ledger_engine.quick_checks.pad",
    "beancount.ops.balance": "ledger_engine.quick_checks.balance",
}

_lock = threading.Lock()
_depth = 0
_saved: tuple[list[Any], list[Any]] | None = None


@contextmanager
def quick_checks() -> Iterator[None]:
    """Run the block with the quick steps in the place of Beancount's (see the module)."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = validation.VALIDATIONS, loader.PLUGINS_POST
            validation.VALIDATIONS = [
                transactions.transactions_balance
                if check is transactions.BEANCOUNTS
                else check
                for check in _saved[0]
            ]
            loader.PLUGINS_POST = [
                (PLUGIN_STEPS.get(name, name), config) for name, config in _saved[1]
            ]
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                validation.VALIDATIONS, loader.PLUGINS_POST = _saved
                _saved = None
