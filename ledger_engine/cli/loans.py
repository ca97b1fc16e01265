"""``ledger-engine loans BOOK``: every loan of a club at a date, and the portfolio figures.

    ledger-engine loans books/examples/thon-1-ngok-wang.beancount --as-of 2025-06-15

prints one row per loan disbursed by the date (outstanding principal, what is overdue, days
past due, aging bucket, status) and the club's figures (GLP, PAR, arrears, collection, yield,
borrowers); ``--json`` gives the same as one JSON object, ratios as fractions of 1.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import click

from ledger_engine.book import ClubBook
from ledger_engine.cli.common import DAY, as_of_option, dump_json, resolve_as_of
from ledger_engine.cli.tables import text_table
from ledger_engine.i18n import _
from ledger_engine.loading import load_book
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.portfolio import Portfolio, club_portfolio
from ledger_engine.targets import load_plan

COLUMNS = (
    "loan",
    "member",
    "name",
    "disbursed",
    "principal",
    "term",
    "method",
    "outstanding",
    "overdue",
    "dpd",
    "bucket",
    "status",
)
NUMERIC = {"principal", "term", "outstanding", "overdue", "dpd"}


def loan_row(book: ClubBook, loan: Loan, as_of: datetime.date) -> dict[str, Any]:
    """The loan and its state on ``as_of`` (``ledger_engine.loans.state``), as a row."""
    state = loan.state(as_of)
    member = book.members_by_code.get(loan.member)
    return {
        "loan": loan.id,
        "member": loan.member,
        "name": member.name if member else None,
        "disbursed": loan.date,
        "principal": loan.principal,
        "term": loan.term,
        "method": loan.method.value if loan.method else None,
        "outstanding": state.outstanding,
        "overdue": state.overdue,
        "overdue_principal": state.overdue_principal,
        "overdue_interest": state.overdue_interest,
        "dpd": state.dpd,
        "bucket": state.bucket,
        "status": state.status.value,
        "next_due": state.next_due,
        "next_amount": state.next_amount,
        "principal_paid": state.principal_paid,
        "interest_paid": state.interest_paid,
        "penalties_paid": state.penalties_paid,
        "written_off": state.written_off,
        "recovered": state.recovered,
    }


def loan_rows(book: ClubBook, as_of: datetime.date) -> list[dict[str, Any]]:
    """One row per loan disbursed on or before ``as_of``, in disbursement order."""
    return [
        loan_row(book, loan, as_of)
        for loan in loans_of(book).loans.values()
        if loan.date <= as_of
    ]


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    left = [name for name in COLUMNS if name not in NUMERIC]
    return "\n".join(text_table(COLUMNS, rows, left=left))


def _percent(value: Decimal | None) -> str:
    return "-" if value is None else f"{value * 100:.1f} %"


def format_portfolio(figures: Portfolio, older_age: int) -> str:
    money = "{:,} VND".format
    lines = [
        f"Portfolio at {figures.as_of} (period {figures.period_start} to {figures.as_of})",
        f"  gross loan portfolio   {money(figures.glp)} in {figures.loans_outstanding} loans",
        f"  PAR>1 / >30 / >90      {_percent(figures.par1)} / {_percent(figures.par30)} / "
        f"{_percent(figures.par90)}",
        f"  overdue                {money(figures.overdue_principal)} principal, "
        f"{money(figures.overdue_interest)} interest; arrears rate "
        f"{_percent(figures.arrears_rate)}",
        f"  collected on time      {_percent(figures.on_time_rate)} "
        f"({money(figures.collected_on_time)} of {money(figures.fell_due)} due)",
        f"  written off            {money(figures.written_off)}, recovered "
        f"{money(figures.recovered)}; write-off ratio {_percent(figures.write_off_ratio)}, "
        f"loan-loss rate {_percent(figures.loan_loss_rate)}",
        f"  portfolio yield        {_percent(figures.portfolio_yield)} a year "
        f"({money(figures.interest_received + figures.penalties_received)} received)",
        f"  loans disbursed        {figures.loans_disbursed}, average size "
        f"{'-' if figures.average_loan_size is None else money(round(figures.average_loan_size))}",
        f"  active borrowers       {figures.active_borrowers}",
    ]
    for label, group in (
        ("women", figures.women),
        (f"older ({older_age}+)", figures.older),
        ("poor", figures.poor),
        ("near-poor", figures.near_poor),
        ("ethnic minority", figures.ethnic_minority),
    ):
        lines.append(f"    {label:<20} {group.active_borrowers} ({_percent(group.share)})")
    return "\n".join(lines)


@click.command()
@click.argument("book", type=click.Path(exists=True, dir_okay=False))
@as_of_option
@click.option(
    "--from",
    "start",
    type=DAY,
    default=None,
    help="First day of the period for collection, write-offs and yield (YYYY-MM-DD); "
    "the year up to the as-of date when omitted.",
)
@click.option("--json", "as_json", is_flag=True, help="Write loans and figures as JSON.")
def loans(
    book: str,
    as_of: datetime.datetime | None,
    start: datetime.datetime | None,
    as_json: bool,
) -> None:
    """The loans of the club in BOOK at a date, and its portfolio figures."""
    day = resolve_as_of(as_of)
    first = start.date() if start is not None else None
    if first is not None and first > day:
        raise click.BadParameter(
            _("{first} is after the as-of date {day}").format(first=first, day=day),
            param_hint="--from",
        )
    club = load_book(book)
    rows = loan_rows(club, day)
    older_age = load_plan(near=book).t3.older_age
    figures = club_portfolio(club, day, first, older_age=older_age)
    if club.errors:
        click.echo(
            _(
                "warning: {book} has {count} error(s); the figures may be wrong until "
                "`ledger-engine check` passes"
            ).format(book=book, count=len(club.errors)),
            err=True,
        )
    if as_json:
        dump_json({"as_of": day, "loans": rows, "portfolio": dataclasses.asdict(figures)})
        return
    click.echo(
        format_table(rows) if rows else _("No loans disbursed by {day}.").format(day=day)
    )
    click.echo()
    click.echo(format_portfolio(figures, older_age))
