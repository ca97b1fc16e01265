"""``ledger-engine schedule``: a loan's repayment schedule, from its terms or from a book.

    ledger-engine schedule --principal 5000000 --rate 0.5 --term 12 --method flat \\
        --start 2024-03-05 --rounding-unit 1000

prints one row per installment (n, due date, principal, interest, total, balance) and a
totals row; ``--json`` gives the rows as a JSON list instead. ``schedule BOOK LOAN [--as-of D]``
shows a loan of a book instead, beside what was paid (``ledger_engine.cli.loan_detail``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import click
from click.core import ParameterSource

from ledger_engine.bounds import MAX_DIGITS, MAX_TERM_MONTHS
from ledger_engine.cli.common import DAY, Between, as_of_option, dump_json, resolve_as_of
from ledger_engine.cli.loan_detail import show_book_loan
from ledger_engine.i18n import _
from ledger_engine.loans.schedule import Installment, Terms, build_schedule
from ledger_engine.registry import Method, RatePeriod, RoundingMode

#: Options without which the arithmetic form cannot run (the book form takes them from it).
REQUIRED = ("principal", "rate", "term", "method", "start")

COLUMNS = ("n", "due", "principal", "interest", "total", "balance")


def _decimal(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> Decimal | None:
    """A decimal number as typed on the command line; never passed through float."""
    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", "").replace("_", ""))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise click.BadParameter(
            _("{value} is not a number").format(value=repr(value)), ctx, param
        )
    return number


DATE = DAY
METHODS = click.Choice([member.value for member in Method])
RATE_PERIODS = click.Choice([member.value for member in RatePeriod])
ROUNDING_MODES = click.Choice([member.value for member in RoundingMode])


def schedule_rows(schedule: tuple[Installment, ...]) -> list[dict[str, Any]]:
    """The installments as plain rows, in the order of ``COLUMNS``."""
    return [
        {
            "n": row.n,
            "due": row.due,
            "principal": row.principal,
            "interest": row.interest,
            "total": row.total,
            "balance": row.balance,
        }
        for row in schedule
    ]


def _money(value: Decimal) -> str:
    return f"{value:,}"


def format_table(schedule: tuple[Installment, ...]) -> str:
    """A plain-text table of the schedule with thousands separators and a totals row."""
    body = [
        [
            str(r.n),
            r.due.isoformat(),
            *map(_money, (r.principal, r.interest, r.total, r.balance)),
        ]
        for r in schedule
    ]
    sums = [
        sum((getattr(r, k) for r in schedule), Decimal(0))
        for k in ("principal", "interest")
    ]
    body.append(["", "Total", *map(_money, (sums[0], sums[1], sums[0] + sums[1])), ""])
    header = list(COLUMNS)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(COLUMNS))]

    def line(cells: list[str]) -> str:
        due = cells[1].ljust(widths[1])
        numbers = [cell.rjust(width) for cell, width in zip(cells, widths, strict=True)]
        return "  ".join([numbers[0], due, *numbers[2:]]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *map(line, body[:-1]), rule, line(body[-1])])


def show_schedule(terms: Terms, as_json: bool) -> None:
    """Print the schedule of ``terms``; bad terms are a usage error, not a crash."""
    problems = terms.problems()
    if problems:
        raise click.UsageError("; ".join(problems))
    schedule = build_schedule(terms)
    if as_json:
        dump_json(schedule_rows(schedule))
    else:
        click.echo(format_table(schedule))


def _date(value: datetime.datetime | None) -> datetime.date | None:
    return value.date() if value is not None else None


@click.command()
@click.argument("book", required=False, type=click.Path(dir_okay=False))
@click.argument("loan", required=False)
@click.option("--principal", callback=_decimal, help="Amount lent, e.g. 5000000.")
@click.option("--rate", callback=_decimal, help="Interest rate in percent, e.g. 0.5.")
@click.option(
    "--rate-period",
    type=RATE_PERIODS,
    default="month",
    show_default=True,
    help="Period the rate is quoted for; a yearly rate is divided by 12.",
)
@click.option(
    "--term",
    type=Between(1, MAX_TERM_MONTHS),
    help="Number of monthly installments.",
)
@click.option("--method", type=METHODS, help="Repayment method.")
@click.option("--start", type=DATE, help="Disbursement date (YYYY-MM-DD).")
@click.option("--first-due", type=DATE, help="Explicit first due date (YYYY-MM-DD).")
@click.option(
    "--grace",
    type=Between(0, MAX_TERM_MONTHS),
    default=0,
    help="Interest-only periods.",
)
@click.option(
    "--interest-grace",
    type=Between(0, MAX_TERM_MONTHS),
    default=0,
    help="Periods whose interest is deferred to the period after them.",
)
@click.option("--digits", type=Between(0, MAX_DIGITS), default=0, help="Interest decimals.")
@click.option(
    "--rounding-unit",
    callback=_decimal,
    default="1",
    show_default=True,
    help="Unit installment totals are rounded to (flat and declining).",
)
@click.option(
    "--rounding",
    type=ROUNDING_MODES,
    default="half-even",
    show_default=True,
)
@as_of_option
@click.option("--json", "as_json", is_flag=True, help="Write the rows as JSON.")
def schedule(
    book: str | None,
    loan: str | None,
    as_of: datetime.datetime | None,
    as_json: bool,
    **options: Any,
) -> None:
    """The repayment schedule of a loan: from its terms, or BOOK LOAN from a club's book."""
    if book is not None:
        if loan is None:
            raise click.UsageError(
                _("give the loan's link after the book, e.g. BOOK L2024-007")
            )
        context = click.get_current_context()
        given = [
            "--" + name.replace("_", "-")
            for name in options
            if context.get_parameter_source(name) is ParameterSource.COMMANDLINE
        ]
        if given:
            raise click.UsageError(
                _("{options}: a book's loan takes its terms from the book").format(
                    options=", ".join(given)
                )
            )
        show_book_loan(book, loan, resolve_as_of(as_of), as_json)
        return
    if as_of is not None:
        raise click.UsageError(
            "--as-of: the state on a date is that of a book's loan (BOOK LOAN)"
        )
    missing = [name for name in REQUIRED if options[name] is None]
    if missing:
        flags = ", ".join("--" + name for name in missing)
        raise click.UsageError(
            _("missing {options} (needed unless BOOK and LOAN are given)").format(
                options=flags
            )
        )
    terms = Terms(
        principal=options["principal"],
        rate=options["rate"],
        term=options["term"],
        method=Method(options["method"]),
        start=options["start"].date(),
        rate_period=RatePeriod(options["rate_period"]),
        first_due=_date(options["first_due"]),
        grace=options["grace"],
        interest_grace=options["interest_grace"],
        digits=options["digits"],
        rounding_unit=options["rounding_unit"],
        rounding=RoundingMode(options["rounding"]),
    )
    show_schedule(terms, as_json)
