"""What every rule module shares: the rule signature and the never-raise wrapper."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from beancount.core import data

from ledger_engine.book import ClubBook
from ledger_engine.errors import LedgerEngineError
from ledger_engine.gc_pause import collector_paused
from ledger_engine.i18n import _
from ledger_engine.loans.ledger import stash_loans

#: A rule reads the book and returns its errors; it must not change entries.
Rule = Callable[[ClubBook], Iterable[LedgerEngineError]]


class ChainError(LedgerEngineError):
    """A rule itself failed; the ledger is reported, never left unchecked in silence."""


def run_rules(
    rules: Sequence[Rule], entries: list[data.Directive], options_map: dict[str, Any]
) -> tuple[list[data.Directive], list[Any]]:
    """Run ``rules`` over one shared view of the book; a failing rule becomes an error."""
    errors: list[Any] = []
    entries = _without_bare_customs(entries)
    with collector_paused():
        try:
            book = ClubBook.from_entries(
                entries, (), options_map, options_map.get("filename")
            )
        except Exception:
            return entries, [_internal_error(_("reading the registry"), options_map)]
        for rule in rules:
            try:
                errors.extend(rule(book))
            except Exception:
                errors.append(_internal_error(rule.__name__, options_map))
        stash_loans(book, options_map)
    return entries, errors


def _without_bare_customs(entries: list[data.Directive]) -> list[data.Directive]:
    """The entries with an empty value list on every ``custom`` directive that has none.

    Beancount parses ``custom "x"`` with ``values=None``, and its own ``pad`` plugin (and any
    reader that walks the values) then fails on the whole book; the registry reports the
    directive at its line, and the rest of the book is checked as usual.
    """
    if not any(isinstance(e, data.Custom) and e.values is None for e in entries):
        return entries
    return [
        e._replace(values=[]) if isinstance(e, data.Custom) and e.values is None else e
        for e in entries
    ]


def _internal_error(what: str, options_map: dict[str, Any]) -> ChainError:
    last = traceback.format_exc(limit=-1).strip().splitlines()[-1]
    source = data.new_metadata(str(options_map.get("filename", "<ledger-engine>")), 0)
    message = _(
        "ledger-engine failed while {what}: {error}; the rest of the book is checked, "
        "but please report this"
    ).format(what=what, error=last)
    return ChainError(source, message, None)


def standalone(rule: Rule) -> Callable[..., tuple[list[data.Directive], list[Any]]]:
    """A Beancount plugin function that runs ``rule`` alone."""

    def plugin(
        entries: list[data.Directive], options_map: dict[str, Any], config: Any = None
    ) -> tuple[list[data.Directive], list[Any]]:
        return run_rules((rule,), entries, options_map)

    plugin.__name__ = rule.__name__
    return plugin
