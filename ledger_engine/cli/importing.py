"""``ledger-engine import BOOK DOC...`` and ``ledger-engine export KIND BOOK FILE``.

``import`` adds the rows of the treasurer's registers to a club book, all of them or none
(``importers.pipeline``); ``export`` writes a book's data as one register, in the form
``import`` reads back.
"""

from __future__ import annotations

from pathlib import Path

import click
from beancount.core import data

from importers.exporting import export_rows
from importers.kinds import KINDS
from importers.pipeline import ImportReport, import_documents
from importers.state import Origin
from importers.templates import write_register
from importers.values import RowError
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
    return f"row {origin.row}: " if origin.file else ""


def print_report(report: ImportReport, *, dry_run: bool) -> None:
    """What was (or would be) added and skipped; every problem, on stderr."""
    for extraction in report.extractions:
        kind = extraction.kind
        bad = {
            e.row
            for e in report.errors
            if isinstance(e, RowError) and e.file == extraction.file
        }
        click.echo(
            f"{extraction.file}: {kind.title} ({kind.key}), {len(extraction.added)} to add, "
            f"{len(extraction.skipped)} already in the book"
            + (f", {len(bad)} rows with problems" if bad else "")
        )
        if report.errors:
            continue
        for added in extraction.added:
            click.echo(f"  + {_row(added.origin)}{describe(added.entry)}")
        for skipped in extraction.skipped:
            click.echo(f"  = {_row(skipped.origin)}skipped, {skipped.reason}")
    if report.errors:
        click.echo(f"Nothing was written; {report.book} is unchanged. Problems:", err=True)
        for problem in report.errors:
            click.echo(str(problem), err=True)
        return
    for opened in report.opens:
        click.echo(f"  + {describe(opened)}")
    count = len(report.added) + len(report.opens)
    if not report.added:
        click.echo(f"Nothing new to add; {report.book} is unchanged.")
    elif report.written:
        click.echo(f"Added {count} entries to {report.book}.")
    elif dry_run:
        click.echo(f"Dry run: {count} entries would be added to {report.book}:\n")
        click.echo(report.block, nl=False)


@click.command("import")
@click.argument("book", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Check everything and show the entries; write nothing."
)
def import_(book: Path, documents: tuple[Path, ...], dry_run: bool) -> None:
    """Add the rows of the registers DOCUMENTS (CSV or XLSX) to BOOK.

    Each document's kind (members, loans, repayments, cashbook) is told by its headers. Rows
    already in the book (same Số phiếu, or same Mã TV for members) are skipped. Nothing is
    written unless every row is good and the book still passes every rule; problems are
    listed as document:row: column: what is wrong, and the exit status is 1.
    """
    report = import_documents(book, documents, dry_run=dry_run)
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
