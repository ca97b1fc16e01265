"""``ledger-engine members BOOK``: the club's composition at a date against the plan's T3."""

from __future__ import annotations

import datetime
from decimal import Decimal

import click

from ledger_engine.cli.common import as_of_option, dump_json, resolve_as_of
from ledger_engine.composition import Composition, compose
from ledger_engine.loading import load_book
from ledger_engine.targets import T3, load_plan


def t3_labels(t3: T3) -> dict[str, str]:
    """The T3 lines, with the plan's own figures in their names."""
    return {
        "members": f"members ({t3.members_min}–{t3.members_max})",
        "women": "women share",
        "older": f"older ({t3.older_age}+) share",
        "younger": "younger share",
    }


def _pct(value: object) -> str:
    return f"{value * 100:.1f} %" if isinstance(value, Decimal) else "–"


def _print_table(title: str, result: Composition, t3: T3) -> None:
    rows = [
        ("active members", result.active),
        ("women", result.women),
        ("men", result.men),
        (f"older ({t3.older_age}+)", result.older),
        ("younger", result.younger),
        ("poor households", result.poor),
        ("near-poor households", result.near_poor),
        ("ethnic minority", result.ethnic_minority),
        ("joined in the last year", result.joined_last_year),
        ("exited in the last year", result.exited_last_year),
    ]
    click.echo(f"{title} — composition at {result.as_of}")
    for label, value in rows:
        click.echo(f"  {label:<26}{value:>6}")
    click.echo("  by ethnicity:")
    for name, count in result.by_ethnicity.items():
        click.echo(f"    {name:<24}{count:>6}")
    click.echo("T3 (plan target):")
    labels = t3_labels(t3)
    for key, target in result.t3.items():
        actual = target.actual if key == "members" else _pct(target.actual)
        state = "met" if target.met else "NOT met"
        click.echo(f"  {labels[key]:<26}{actual!s:>8}  {state}")


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@as_of_option
@click.option(
    "--plan",
    "plan_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Targets file; by default the nearest plan.toml above the book.",
)
@click.option("--json", "as_json", is_flag=True, help="Counts and T3 checks as JSON.")
def members(
    book: str, as_of: datetime.datetime | None, plan_path: str | None, as_json: bool
) -> None:
    """The club's active members by group at a date, and each T3 target as met or not."""
    date = resolve_as_of(as_of)
    loaded = load_book(book)
    plan = load_plan(near=book, explicit=plan_path)
    result = compose(loaded.registry.members, loaded.registry.exits, date, plan.t3)
    club = loaded.club_at(date)
    if as_json:
        payload = result.model_dump(mode="json")
        payload["club"] = club.code if club else None
        payload["t3_met"] = result.t3_met
        dump_json(payload)
    else:
        _print_table(club.name if club else loaded.title, result, plan.t3)
