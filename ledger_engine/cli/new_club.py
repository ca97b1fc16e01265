"""``ledger-engine new-club OUT``: a starter book for a new club."""

from __future__ import annotations

import datetime
import os

import click

from ledger_engine.cli.common import today
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
        f"wrote {out}; edit its loan policy, add members, then: ledger-engine check {out}"
    )
