"""Importing registers into a club book: every row, or nothing at all.

``import_documents(book, documents)`` is what ``ledger-engine import`` runs:

1. read each document and tell its kind; any unreadable document or bad cell stops here;
2. under the book's write lock (``ledger_engine.append``), load the book and build each
   document's entries against it, members first, then loans, repayments and the cashbook,
   so that a loan may name a member of a member list imported alongside it; rows whose
   voucher (or member code) the book already holds are skipped and reported;
3. check the book with the new entries appended through the club's full rule chain, from a
   copy beside the book, and place every new problem back on its ``document:row: column``;
4. only when nothing is wrong, append the entries to the book in one atomic step.

A failed import leaves the book byte for byte as it was. ``import_sources`` does the same for
rows made elsewhere (``ledger-engine record``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from beancount.core import data
from beancount.parser import printer

from importers import cashbook, loans, members, repayments
from importers.extraction import Added, Builder, Extraction, extract_rows
from importers.kinds import KINDS, Kind
from importers.placing import column_for
from importers.rows import RegisterRow, read_register
from importers.state import BookState
from importers.values import RowError
from ledger_engine.append import (
    BookProblem,
    book_lock,
    check_appended,
    first_line_of_block,
    problems_of,
    write_appended,
)
from ledger_engine.loading import load_book

BUILDERS: dict[str, Builder] = {
    "members": members.build,
    "loans": loans.build,
    "repayments": repayments.build,
    "cashbook": cashbook.build,
}
ORDER = tuple(KINDS)  # what a row may refer to is imported before it

Problem = RowError | BookProblem


@dataclass(frozen=True)
class Source:
    """Rows to import: a register read from a document, or a row typed on the command line."""

    file: str
    kind: Kind
    rows: tuple[RegisterRow, ...]


@dataclass
class ImportReport:
    book: Path
    extractions: list[Extraction] = field(default_factory=list)
    opens: list[data.Open] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    block: str = ""
    written: bool = False

    @property
    def added(self) -> list[Added]:
        return [a for e in self.extractions for a in e.added]


def read_sources(
    documents: Sequence[str | os.PathLike[str]],
) -> tuple[list[Source], list[RowError]]:
    """Every document read and validated; the problems of all of them."""
    sources: list[Source] = []
    errors: list[RowError] = []
    for path in documents:
        register = read_register(Path(path))
        errors.extend(register.errors)
        if register.kind is not None:
            sources.append(Source(register.file, register.kind, register.rows))
    return sources, errors


def _extract_all(
    sources: Sequence[Source], state: BookState
) -> tuple[list[Extraction], BookState]:
    ordered = sorted(sources, key=lambda s: ORDER.index(s.kind.key))
    extractions = []
    for number, source in enumerate(ordered):
        if number:
            state = state.refreshed()  # the next document sees what the last one added
        build = BUILDERS[source.kind.key]
        extractions.append(
            extract_rows(source.file, source.kind, source.rows, state, build)
        )
    return extractions, state


# --- the text appended to the book ---------------------------------------------------------

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


def _place(problem: BookProblem, book: str, first: int, spans: Sequence[Span]) -> Problem:
    """A problem on an imported entry as ``document:row: column: message``."""
    if problem.file != book:
        return problem
    for start, end, added, kind in spans:
        if added is not None and first + start <= problem.line < first + end:
            origin = added.origin
            column = column_for(kind, problem.message)
            return RowError(origin.file, origin.row, column, problem.message)
    return problem


def _problem_order(problem: Problem) -> tuple[str, int]:
    if isinstance(problem, RowError):
        return (problem.file, problem.row)
    return (problem.file, problem.line)


# --- the import ----------------------------------------------------------------------------

SourcesFor = Callable[[BookState], tuple[list[Source], list[RowError]]]


def _append_checked(
    report: ImportReport,
    original: bytes,
    before: Sequence[BookProblem],
    heading: str,
    dry_run: bool,
) -> None:
    """Check the book with the report's entries appended; write it if nothing is wrong."""
    report.block, spans = render(heading, report.opens, report.extractions)
    problems, _ = check_appended(report.book, original, report.block, before)
    first = first_line_of_block(original)
    report.errors = [_place(p, str(report.book), first, spans) for p in problems]
    if not report.errors and not dry_run:
        write_appended(report.book, original, report.block)
        report.written = True


def import_sources(
    book: str | os.PathLike[str],
    sources: Sequence[Source] | SourcesFor,
    *,
    heading: str,
    dry_run: bool = False,
    reading_errors: Sequence[RowError] = (),
) -> ImportReport:
    """Add the entries of ``sources`` to ``book`` if every row and the whole book are good.

    ``sources`` may be a function of the book's state, called under the lock: that is how
    ``record`` picks the next free loan id and voucher without racing another writer.
    ``reading_errors`` are problems already found in the documents: their good rows are still
    checked against the book, so that every problem is reported at once, but nothing is
    written.
    """
    path = Path(os.path.abspath(book))
    report = ImportReport(path)
    with book_lock(path):
        original = path.read_bytes()
        club = load_book(path)
        state = BookState.of(club)
        chosen, early = sources(state) if callable(sources) else (list(sources), [])
        if early:
            report.errors = list(early)
            return report
        report.extractions, state = _extract_all(chosen, state)
        report.errors.extend(reading_errors)
        if any(s.kind.key == "cashbook" for s in chosen):
            report.errors.extend(state.book_errors)
        report.errors.extend(e for x in report.extractions for e in x.errors)
        report.errors.sort(key=_problem_order)
        if report.errors or not report.added:
            return report
        report.opens = state.open_entries()
        _append_checked(report, original, problems_of(club.errors), heading, dry_run)
    return report


def import_documents(
    book: str | os.PathLike[str],
    documents: Sequence[str | os.PathLike[str]],
    *,
    dry_run: bool = False,
) -> ImportReport:
    """``ledger-engine import``: the documents' rows into the book, all or nothing."""
    sources, errors = read_sources(documents)
    names = ", ".join(f"{Path(s.file).name} ({s.kind.title})" for s in sources)
    heading = f"Imported from {names}"
    return import_sources(
        book, sources, heading=heading, dry_run=dry_run, reading_errors=errors
    )
