"""``ledger-engine demo OUT``: write a demo province, one book per club."""

from __future__ import annotations

from pathlib import Path

import click

from ledger_engine.demo import PROVINCES, generate


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--province",
    type=click.Choice(sorted(PROVINCES)),
    default="kon-tum",
    show_default=True,
    help="Which province's units, communes and peoples.",
)
@click.option(
    "--clubs",
    type=click.IntRange(min=1),
    default=72,
    show_default=True,
    help="Number of clubs (the plan's 72: 22 from 2016–2020, 50 from 2021–2025).",
)
@click.option(
    "--years",
    type=click.IntRange(min=1, max=10),
    default=10,
    show_default=True,
    help="Each book covers at most the last YEARS years up to 31 Dec 2025; "
    "older clubs start with opening balances.",
)
@click.option(
    "--members",
    type=click.IntRange(min=5),
    default=None,
    help="Members per club instead of the usual 50–70 (e.g. 400 for benchmarks).",
)
@click.option(
    "--seed",
    type=int,
    default=327,
    show_default=True,
    help="The same seed always writes the same books.",
)
def demo(
    out: Path, province: str, clubs: int, years: int, members: int | None, seed: int
) -> None:
    """Write realistic demo books for a province's clubs under OUT/<district>/."""
    written = generate(
        out, PROVINCES[province], clubs=clubs, years=years, members=members, seed=seed
    )
    lines = sum(w.entries for w in written)
    districts = len({w.plan.district.code for w in written})
    click.echo(
        f"Wrote {len(written)} club books in {districts} districts under {out} "
        f"({lines:,} lines)."
    )
