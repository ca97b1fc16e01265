"""The text an import appends to a book, and the rule chain's verdict placed back on rows.

``render`` prints the new entries as the block appended to the book and remembers the lines
each row's entry takes; ``place`` turns a rule's error on one of those lines into
``document:row: column: message`` (the column from ``importers.placing``).
"""

from __future__ import annotations

from collections.abc import Sequence

from beancount.core import data
from beancount.parser import printer

from importers.extraction import Added, Extraction
from importers.placing import column_for
from importers.values import RowError
from ledger_engine.append import BookProblem

Span = tuple[int, int, Added | None, str]  # first line, line after, row's entry, its kind


def render(
    heading: str, opens: Sequence[data.Open], extractions: Sequence[Extraction]
) -> tuple[str, list[Span]]:
    """The block appended to the book and where each entry sits in it (the heading is
    line 0)."""
    parts = [f"; {heading}\n"]
    spans: list[Span] = []
    line = 1
    items: list[tuple[data.Directive, Added | None, str]] = [(o, None, "") for o in opens]
    items += [(a.entry, a, x.kind.key) for x in extractions for a in x.added]
    for entry, added, kind in items:
        text = printer.format_entry(entry)
        count = text.count("\n")
        spans.append((line, line + count, added, kind))
        parts.append(text)
        line += count
        if not isinstance(entry, data.Open):
            parts.append("\n")
            line += 1
    return "".join(parts).rstrip("\n") + "\n", spans


def place(
    problem: BookProblem, book: str, first: int, spans: Sequence[Span]
) -> RowError | BookProblem:
    """A problem on an imported entry as ``document:row: column: message``."""
    if problem.file != book:
        return problem
    for start, end, added, kind in spans:
        if added is not None and first + start <= problem.line < first + end:
            origin = added.origin
            column = column_for(kind, problem.message)
            return RowError(origin.file, origin.row, column, problem.message)
    return problem
