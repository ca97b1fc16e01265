"""``ledger-engine new-club OUT``: a starter book for a new club."""

from __future__ import annotations

import datetime
import os
import shlex

import click

from ledger_engine.cli.common import today
from ledger_engine.i18n import _
from ledger_engine.starter import starter_book


@click.command("new-club")
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
@click.option("--code", required=True, help="Club code, e.g. KT-DH-001.")
@click.option("--name", required=True, help="The club's full name (Vietnamese is fine).")
@click.option("--province", required=True)
@click.option(
    "--district", default=None, help="District; omit where districts are abolished."
)
@click.option("--commune", required=True)
@click.option(
    "--founded",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Founding date (YYYY-MM-DD); today when omitted.",
)
def new_club(
    out: str,
    code: str,
    name: str,
    province: str,
    district: str | None,
    commune: str,
    founded: datetime.datetime | None,
) -> None:
    """Write a starter book for a new club to OUT (refuses to overwrite a file)."""
    if os.path.exists(out):
        raise click.ClickException(f"{out} already exists; not overwriting a club's books")
    text = starter_book(
        code=code,
        name=name,
        province=province,
        district=district,
        commune=commune,
        founded=founded.date() if founded else today(),
        filename=os.path.basename(out),
    )
    with open(out, "x", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(
        _("Wrote {out}. Edit its loan policy (quy chế) to match the club's, then:").format(
            out=out
        )
    )
    for step in next_steps(out):
        click.echo(step)


def next_steps(out: str) -> list[str]:
    """The three steps that make a new book lend: capital, members, the first loan."""
    book = shlex.quote(out)
    return [
        _(
            "  1. the fund's capital:  ledger-engine record capital {book} --source State "
            "--amount 20.000.000 --date DD/MM/YYYY"
        ).format(book=book),
        _(
            "  2. each member:         ledger-engine record member {book} --code M001 "
            '--name "…" --gender F --born 1955 --household poor --joined DD/MM/YYYY '
            "(or ledger-engine import {book} members.xlsx)"
        ).format(book=book),
        _(
            "  3. the first loan:      ledger-engine record loan {book} --member M001 "
            "--amount 5.000.000 --date DD/MM/YYYY"
        ).format(book=book),
        _("Check the book after every change: ledger-engine check {book}").format(
            book=book
        ),
    ]
