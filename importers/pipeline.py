"""Importing registers into a club book: every row, or nothing at all.

``import_documents(book, documents)`` is what ``ledger-engine import`` runs:

1. read each document and tell its kind; any unreadable document or bad cell stops here;
   rows dated after the day of the import are refused unless ``allow_future``;
2. under the book's write lock (``ledger_engine.append``), load the book — a book that
   already has errors takes nothing, and its own errors are reported first — and build each
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

import datetime
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from beancount.core import data

from importers import cashbook, loans, members, repayments
from importers.block import place, render
from importers.extraction import Added, Builder, Extraction, Progress, extract_rows
from importers.kinds import KINDS, Kind
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
from ledger_engine.i18n import _
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
    #: How rows become entries, when not the kind's own builder (capital typed by ``record``).
    build: Builder | None = None
    #: Rows of the document that are no data: totals, signatures (``document:row: why``).
    ignored: tuple[str, ...] = ()


@dataclass
class ImportReport:
    book: Path
    extractions: list[Extraction] = field(default_factory=list)
    opens: list[data.Open] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    block: str = ""
    written: bool = False
    #: The book's own errors, found before anything was added: the import took nothing.
    book_errors: list[BookProblem] = field(default_factory=list)

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
            sources.append(
                Source(
                    register.file, register.kind, register.rows, ignored=register.ignored
                )
            )
    return sources, errors


#: The date columns of each kind's rows, by field, with the column a message names.
DATE_FIELDS = {
    "members": (("joined", "Ngày vào"), ("left", "Ngày ra")),
    "loans": (("date", "Ngày"),),
    "repayments": (("date", "Ngày"),),
    "cashbook": (("date", "Ngày"),),
}


def future_rows(sources: Sequence[Source], today: datetime.date) -> list[RowError]:
    """A problem for every date after ``today``: a register records what has happened."""
    errors = []
    for source in sources:
        for row in source.rows:
            for name, column in DATE_FIELDS[source.kind.key]:
                value = getattr(row, name, None)
                if isinstance(value, datetime.date) and value > today:
                    message = _(
                        "{date} is after today ({today}); a register records what has "
                        "already happened (if the date is right, use --allow-future)"
                    ).format(date=f"{value:%d/%m/%Y}", today=f"{today:%d/%m/%Y}")
                    errors.append(RowError(source.file, row.row, column, message))
    return errors


def _extract_all(
    sources: Sequence[Source], state: BookState, progress: Progress | None = None
) -> tuple[list[Extraction], BookState]:
    ordered = sorted(sources, key=lambda s: ORDER.index(s.kind.key))
    extractions = []
    for number, source in enumerate(ordered):
        if number:
            state = state.refreshed()  # the next document sees what the last one added
        build = source.build or BUILDERS[source.kind.key]
        extraction = extract_rows(
            source.file, source.kind, source.rows, state, build, progress
        )
        extraction.ignored = list(source.ignored)
        extractions.append(extraction)
    return extractions, state


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
    options: Options,
    dry_run: bool,
) -> None:
    """Check the book with the report's entries appended; write it if nothing is wrong.

    A book that had errors before is written only if the new entries leave it with none.
    """
    report.block, spans = render(heading, report.opens, report.extractions)
    problems, loaded = check_appended(report.book, original, report.block, before)
    first = first_line_of_block(original)
    report.errors = [place(p, str(report.book), first, spans) for p in problems]
    if before and loaded.errors:
        # The book's own errors (an unclosed quote swallows what follows it) would land on
        # the appended rows: name the book's errors only, never blame a row for them.
        report.book_errors = list(before)
        report.errors = list(before)
    if options.cancelled is not None and options.cancelled():
        raise KeyboardInterrupt
    if not report.errors and not dry_run:
        write_appended(report.book, original, report.block)
        report.written = True


@dataclass(frozen=True)
class Options:
    """How an import runs, beyond what it imports.

    ``today`` is the day of the import (the command line reads the clock); rows dated after
    it are refused unless ``allow_future``. ``on_wait`` and ``lock_timeout`` go to the
    book's lock (``ledger_engine.append.book_lock``); ``progress`` is told how many rows are
    built, out of how many.
    """

    today: datetime.date | None = None
    allow_future: bool = False
    on_wait: Callable[[], None] | None = None
    lock_timeout: float | None = None
    progress: Progress | None = None
    #: Told when every row is built and the book with them is being checked.
    on_check: Callable[[], None] | None = None
    #: Asked just before the book is written: ``True`` stops the import (Ctrl-C came).
    cancelled: Callable[[], bool] | None = None


def import_sources(
    book: str | os.PathLike[str],
    sources: Sequence[Source] | SourcesFor,
    *,
    heading: str,
    dry_run: bool = False,
    reading_errors: Sequence[RowError] = (),
    options: Options | None = None,
) -> ImportReport:
    """Add the entries of ``sources`` to ``book`` if every row and the whole book are good.

    ``sources`` may be a function of the book's state, called under the lock: that is how
    ``record`` picks the next free loan id and voucher without racing another writer.
    ``reading_errors`` are problems already found in the documents: their good rows are still
    checked against the book, so that every problem is reported at once, but nothing is
    written. A book that already has errors takes nothing, unless the new entries leave it
    with none (an import that puts back what was missing): ``book_errors`` lists them.
    """
    options = options or Options()
    path = Path(os.path.abspath(book))
    report = ImportReport(path)
    with book_lock(path, on_wait=options.on_wait, timeout=options.lock_timeout):
        original = path.read_bytes()
        club = load_book(path)
        before = problems_of(club.errors)
        state = BookState.of(club)
        chosen, early = sources(state) if callable(sources) else (list(sources), [])
        if early:
            report.errors = list(early)
            return report
        report.extractions, state = _extract_all(chosen, state, options.progress)
        report.errors.extend(reading_errors)
        if options.today is not None and not options.allow_future:
            report.errors.extend(future_rows(chosen, options.today))
        if any(s.kind.key == "cashbook" for s in chosen):
            report.errors.extend(state.book_errors)
        report.errors.extend(e for x in report.extractions for e in x.errors)
        report.errors.sort(key=_problem_order)
        if before and (report.errors or not report.added):
            # What is wrong in the rows may follow from what is wrong in the book.
            report.book_errors = before
            report.errors = [*before, *report.errors]
        if report.errors or not report.added:
            return report
        report.opens = state.open_entries()
        if options.on_check is not None:
            options.on_check()
        _append_checked(report, original, before, heading, options, dry_run)
    return report


def import_documents(
    book: str | os.PathLike[str],
    documents: Sequence[str | os.PathLike[str]],
    *,
    dry_run: bool = False,
    options: Options | None = None,
) -> ImportReport:
    """``ledger-engine import``: the documents' rows into the book, all or nothing."""
    sources, errors = read_sources(documents)
    names = ", ".join(f"{Path(s.file).name} ({s.kind.title})" for s in sources)
    heading = f"Imported from {names}"
    return import_sources(
        book,
        sources,
        heading=heading,
        dry_run=dry_run,
        reading_errors=errors,
        options=options,
    )
