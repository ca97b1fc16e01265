"""Pausing Python's cyclic garbage collector around bulk reading of a loaded ledger."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off.

    Reading a book allocates tens of thousands of small objects while the whole ledger is
    alive, and each full collection walks every entry: the passes cost more than the reading.
    What the engine builds forms no reference cycles, so reference counting frees it all.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def settle_start_up() -> None:
    """Take every object alive now out of the collector's sight for the rest of the process.

    Called once by a command after its imports and before it reads books: the modules it
    imported (the rules, the records, Beancount) live as long as the process, and every full
    collection during a long book's load would otherwise walk them all again.
    """
    gc.freeze()
