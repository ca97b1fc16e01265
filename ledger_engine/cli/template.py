"""``ledger-engine template KIND FILE``: an empty register for a treasurer to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from importers.kinds import KINDS
from importers.templates import write_template
from ledger_engine.i18n import _


@click.command()
@click.argument("kind", type=click.Choice(list(KINDS)), metavar="KIND")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it already exists.")
def template(kind: str, file: Path, force: bool) -> None:
    """Write an empty register of KIND to FILE (.csv or .xlsx).

    KIND is members (Danh sách thành viên), loans (Sổ cho vay), repayments (Sổ thu nợ) or
    cashbook (Sổ quỹ).
    """
    if file.suffix.lower() not in (".csv", ".xlsx"):
        raise click.BadParameter(_("the file must end in .csv or .xlsx"), param_hint="FILE")
    if file.exists() and not force:
        raise click.ClickException(
            _("{file} already exists; use --force to replace it").format(file=file)
        )
    write_template(kind, file)
    title = KINDS[kind].title
    click.echo(f"Wrote an empty {kind} register ({title}) to {file}")
