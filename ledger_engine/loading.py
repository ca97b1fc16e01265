"""Loading a club book with its rules: the entry point of every command and page.

A book names the rule chain itself (``plugin "ledger_engine.plugins"``); a book that does
not still gets every rule here, so that no command reads a book unchecked. This sits above
the rules it runs: the book view and the loan state below it never load anything.
"""

from __future__ import annotations

import os
from typing import Any

from beancount import loader
from beancount.core import data

from ledger_engine.book import ClubBook
from ledger_engine.gc_pause import collector_paused
from ledger_engine.loans.ledger import loans_kept, stashed_registry
from ledger_engine.plugins import run_chain
from ledger_engine.quick_checks import quick_checks

CHAIN_MODULE = "ledger_engine.plugins"


def declares_chain(options: dict[str, Any]) -> bool:
    """Whether the top-level file names the plugin chain (Beancount keeps only its plugins)."""
    return any(name == CHAIN_MODULE for name, _ in options.get("plugin") or ())


def load_checked(
    path: str | os.PathLike[str],
) -> tuple[list[data.Directive], list[Any], dict[str, Any]]:
    """Load a book and run the rule chain on it, whether or not the book declares it.

    Three of Beancount's own steps answer a book of exact sums more cheaply here, with
    Beancount's entries and errors (``quick_checks``).
    """
    with quick_checks():
        entries, errors, options = loader.load_file(os.path.abspath(path))
    if not declares_chain(options):
        entries, chain_errors = run_chain(entries, options)
        errors = [*errors, *chain_errors]
    return entries, errors, options


def load_book(path: str | os.PathLike[str]) -> ClubBook:
    """Load a club book with the rule chain, seen through its registry.

    The registry and the loans the chain read are reused, not read again; the collector is
    paused for the whole load (see ``gc_pause``).
    """
    where = os.path.abspath(path)
    with collector_paused(), loans_kept():
        entries, errors, options = load_checked(where)
        read = stashed_registry(options, entries)
        if read is None:
            return ClubBook.from_entries(entries, errors, options, where)
        return ClubBook.with_registry(entries, errors, options, where, *read)
