"""Beancount's ``pad`` step, skipped when the book has no ``pad`` directive.

Beancount's ``beancount.ops.pad`` first sorts every posting of the book by account, then
works through the ``pad`` directives. A book without any (a club's book has none: its cash
is counted, never padded) comes out of it as the same entries in a new list, with no error;
so does it here, without the sorting. A book with a ``pad`` directive goes to Beancount's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from beancount.core import data
from beancount.ops import pad as beancounts

__plugins__ = ("pad",)

#: What pads a book that has ``pad`` directives: Beancount's own step.
beancount_pad: Callable[..., tuple[list[data.Directive], list[Any]]] = beancounts.pad


def pad(
    entries: list[data.Directive], options_map: dict[str, Any]
) -> tuple[list[data.Directive], list[Any]]:
    """What Beancount's ``pad`` returns: the entries with the padding they call for."""
    if any(isinstance(entry, data.Pad) for entry in entries):
        return beancount_pad(entries, options_map)
    return list(entries), []
