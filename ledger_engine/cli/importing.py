"""``ledger-engine import BOOK DOC...`` and ``ledger-engine export KIND BOOK FILE``.

``import`` adds the rows of the treasurer's registers to a club book, all of them or none
(``importers.pipeline``); ``export`` writes a book's data as one register, in the form
``import`` reads back.
"""

from __future__ import annotations

import dataclasses
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from beancount.core import data

from importers.exporting import export_rows
from importers.extraction import Extraction
from importers.kinds import KINDS
from importers.pipeline import ImportReport, Options, import_documents
from importers.state import Origin
from importers.templates import write_register
from importers.values import RowError
from ledger_engine.append import LockTimeout, waiting_message
from ledger_engine.cli.common import today
from ledger_engine.cli.progress import ProgressBar
from ledger_engine.i18n import _
from ledger_engine.loading import load_book


def describe(entry: data.Directive) -> str:
    """One line for an entry in the import report."""
    if isinstance(entry, data.Custom):
        values = " ".join(str(v.value) for v in entry.values)
        return f"{entry.date:%d/%m/%Y} {entry.type} {values}"
    if isinstance(entry, data.Open):
        return f"{entry.date:%d/%m/%Y} open {entry.account}"
    assert isinstance(entry, data.Transaction)
    voucher = entry.meta.get("voucher", "")
    numbers = [p.units.number for p in entry.postings if p.units is not None]
    cash = max((abs(n) for n in numbers if n is not None), default=0)
    links = " ".join(f"^{link}" for link in sorted(entry.links))
    who = f"{entry.payee}: " if entry.payee else ""
    return f"{entry.date:%d/%m/%Y} {voucher} {who}{entry.narration} {links}".rstrip() + (
        f" — {cash:,} VND"
    )


def _row(origin: Origin) -> str:
    return _("row {row}: ").format(row=origin.row) if origin.file else ""


def _summary(report: ImportReport, extraction: Extraction) -> str:
    """One line per document; while anything is wrong nothing is "to add"."""
    kind = extraction.kind
    bad = {
        e.row
        for e in report.errors
        if isinstance(e, RowError) and e.file == extraction.file
    }
    counts = {"file": extraction.file, "title": kind.title, "kind": kind.key}
    known = len(extraction.skipped)
    if report.errors:
        good = len({a.origin.row for a in extraction.added} - bad)
        return _(
            "{file}: {title} ({kind}), rows good: {good}, already in the book: {known}, "
            "with problems: {bad}"
        ).format(**counts, good=good, known=known, bad=len(bad))
    added = len(extraction.added)
    return _(
        "{file}: {title} ({kind}), {added} to add, {known} already in the book"
    ).format(**counts, added=added, known=known)


def _print_book_errors(report: ImportReport) -> None:
    click.echo(
        _(
            "{book} already has errors; nothing was written. Correct them first "
            "(ledger-engine check {book}):"
        ).format(book=report.book),
        err=True,
    )
    for book_problem in report.book_errors:
        click.echo(str(book_problem), err=True)
    others = [p for p in report.errors if p not in report.book_errors]
    if others:
        click.echo(
            _("Problems in the documents (some may follow from the book's errors):"),
            err=True,
        )
        for problem in others:
            click.echo(str(problem), err=True)


def print_report(report: ImportReport, *, dry_run: bool) -> None:
    """What was (or would be) added and skipped; every problem, on stderr."""
    if report.book_errors:
        _print_book_errors(report)
        return
    for extraction in report.extractions:
        click.echo(_summary(report, extraction))
        for ignored in extraction.ignored:
            click.echo(f"  - {ignored}")
        if report.errors:
            continue
        for added in extraction.added:
            click.echo(f"  + {_row(added.origin)}{describe(added.entry)}")
        for skipped in extraction.skipped:
            click.echo(
                "  = "
                + _("{row}skipped, {reason}").format(
                    row=_row(skipped.origin), reason=skipped.reason
                )
            )
    if report.errors:
        click.echo(
            _("Nothing was written; {book} is unchanged. Problems:").format(
                book=report.book
            ),
            err=True,
        )
        for problem in report.errors:
            click.echo(str(problem), err=True)
        return
    for opened in report.opens:
        click.echo(f"  + {describe(opened)}")
    count = len(report.added) + len(report.opens)
    if not report.added:
        click.echo(_("Nothing new to add; {book} is unchanged.").format(book=report.book))
    elif report.written:
        click.echo(
            _("Entries added to {book}: {count}.").format(count=count, book=report.book)
        )
    elif dry_run:
        click.echo(
            _("Dry run: entries that would be added to {book}: {count}").format(
                count=count, book=report.book
            )
            + "\n"
        )
        click.echo(report.block, nl=False)


# --- options and running shared by import and record ---------------------------------------


class LockTimeoutError(click.ClickException):
    """The book stayed locked by another change for longer than --lock-timeout."""


class NotWritableError(click.ClickException):
    """The book's folder refuses the lock or the checked copy (a read-only folder)."""


def lock_timeout_option(function: Any) -> Any:
    return click.option(
        "--lock-timeout",
        type=click.FloatRange(min=0),
        default=None,
        metavar="SECONDS",
        help="Give up after waiting this long for another change to the book; "
        "wait as long as it takes when omitted.",
    )(function)


def allow_future_option(function: Any) -> Any:
    return click.option(
        "--allow-future",
        is_flag=True,
        help="Accept dates after today (a register records what has happened).",
    )(function)


def run_options(
    book: Path,
    *,
    allow_future: bool,
    lock_timeout: float | None,
    progress: bool | None = None,
) -> Options:
    """The import's options as the command line gives them; the clock is read here."""

    def on_wait() -> None:
        click.echo(waiting_message(book), err=True)

    bar = ProgressBar(force=bool(progress)) if progress is not False else None
    return Options(
        today=today(),
        allow_future=allow_future,
        on_wait=on_wait,
        lock_timeout=lock_timeout,
        progress=bar,
        on_check=bar.checking if bar is not None else None,
    )


def _interrupted() -> NoReturn:
    click.echo("", err=True)
    click.echo(_("interrupted; nothing was written"), err=True)
    raise SystemExit(130)


def guarded(options: Options, run: Callable[[Options], ImportReport]) -> ImportReport:
    """Run an import or record; Ctrl-C or a lock timeout is one line, the book untouched.

    Beancount turns an exception raised while it parses or runs plugins into one of the
    book's errors, so Ctrl-C is also remembered here: the import then writes nothing
    (``Options.cancelled``) and the command says it was interrupted, whatever became of
    the exception.
    """
    caught: list[int] = []

    def on_interrupt(number: int, frame: Any) -> None:
        caught.append(number)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        report = run(dataclasses.replace(options, cancelled=lambda: bool(caught)))
    except KeyboardInterrupt:
        _interrupted()
    except LockTimeout as exc:
        raise LockTimeoutError(str(exc)) from None
    except PermissionError as exc:
        # The lock and the checked copy live beside the book, even for --dry-run.
        raise NotWritableError(
            _(
                "cannot write in the folder of the book ({path}: {reason}); nothing was written"
            ).format(path=exc.filename, reason=exc.strerror)
        ) from None
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and not report.written:
        _interrupted()
    return report


@click.command("import")
@click.argument("book", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Check everything and show the entries; write nothing."
)
@allow_future_option
@lock_timeout_option
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr (by default only on a terminal, past a few seconds).",
)
def import_(
    book: Path,
    documents: tuple[Path, ...],
    dry_run: bool,
    allow_future: bool,
    lock_timeout: float | None,
    progress: bool | None,
) -> None:
    """Add the rows of the registers DOCUMENTS (CSV or XLSX) to BOOK.

    Each document's kind (members, loans, repayments, cashbook) is told by its headers. Rows
    already in the book (same Số phiếu, or same Mã TV for members) are skipped. Nothing is
    written unless every row is good and the book still passes every rule; problems are
    listed as document:row: column: what is wrong, and the exit status is 1.
    """
    options = run_options(
        book, allow_future=allow_future, lock_timeout=lock_timeout, progress=progress
    )
    # Reading the documents is guarded too: Ctrl-C there is as harmless as later.
    report = guarded(
        options,
        lambda chosen: import_documents(book, documents, dry_run=dry_run, options=chosen),
    )
    if isinstance(options.progress, ProgressBar):
        options.progress.close()
    print_report(report, dry_run=dry_run)
    if report.errors:
        raise SystemExit(1)


@click.command()
@click.argument("kind", type=click.Choice(list(KINDS)), metavar="KIND")
@click.argument("book", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it already exists.")
def export(kind: str, book: Path, file: Path, force: bool) -> None:
    """Write BOOK's KIND register to FILE (.csv or .xlsx), as import reads it back.

    KIND is members, loans, repayments or cashbook.
    """
    if file.suffix.lower() not in (".csv", ".xlsx"):
        raise click.BadParameter("the file must end in .csv or .xlsx", param_hint="FILE")
    if file.exists() and not force:
        raise click.ClickException(f"{file} already exists; use --force to replace it")
    rows, notes = export_rows(kind, load_book(book))
    write_register(kind, rows, file)
    click.echo(
        f"Wrote {len(rows)} rows of the {kind} register ({KINDS[kind].title}) to {file}"
    )
    for note in notes:
        click.echo(f"  ({note})")
