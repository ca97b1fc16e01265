"""``ledger-engine schedule BOOK LOAN``: one loan's schedule beside what was paid.

    ledger-engine schedule books/examples/thon-1-ngok-wang.beancount L2024-002 --as-of 2025-06-30

prints the loan's state on the date and each installment (n, due date, principal, interest,
total) with the principal and interest allocated to it, the day it was fully paid and its
status: paid, paid-late, overdue, due (late within the club's tolerance), upcoming,
rescheduled (a later schedule replaced it), closed (the loan is repaid) or written-off. A
rescheduled loan shows each of its schedules in turn. Every figure comes from the loan state
(``ledger_engine.loans.state``); ``--json`` gives the state and the installments.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import click

from ledger_engine.cli.common import dump_json
from ledger_engine.cli.loans import loan_row
from ledger_engine.cli.tables import text_table
from ledger_engine.i18n import _
from ledger_engine.loading import load_book
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan, Segment
from ledger_engine.loans.state import installment_lines

COLUMNS = (
    "n",
    "due",
    "principal",
    "interest",
    "total",
    "paid_principal",
    "paid_interest",
    "paid_on",
    "status",
)
HEADERS = (
    "n",
    "due",
    "principal",
    "interest",
    "total",
    "paid princ.",
    "paid int.",
    "paid on",
    "status",
)
TEXT = {"due", "paid_on", "status"}


def installment_rows(loan: Loan, as_of: datetime.date) -> list[dict[str, Any]]:
    """Every installment of every schedule of ``loan`` with what was paid on it."""
    rows = []
    for line in installment_lines(loan, as_of):
        state, row = line.state, line.state.installment
        rows.append(
            {
                "schedule": line.schedule,
                "n": row.n,
                "due": row.due,
                "principal": row.principal,
                "interest": row.interest,
                "total": row.total,
                "paid_principal": state.principal_paid,
                "paid_interest": state.interest_paid,
                "paid_on": state.paid_on if state.is_paid else None,
                "status": line.status.value,
            }
        )
    return rows


def _segment_title(segment: Segment, k: int) -> str:
    terms = segment.terms
    what = (
        f"{terms.term} months, {terms.method.value}, {terms.rate} %"
        if terms
        else "no terms"
    )
    if k == 0:
        return f"Schedule from {segment.start} ({what})"
    assert terms is not None
    return f"Rescheduled on {segment.start}: {terms.principal:,} VND over {what}"


def format_rows(rows: Sequence[dict[str, Any]]) -> list[str]:
    return text_table(COLUMNS, rows, headers=HEADERS, left=TEXT)


def show_book_loan(book_path: str, loan: str, as_of: datetime.date, as_json: bool) -> None:
    """Print the schedule of ``loan`` in the book at ``book_path`` beside its repayments."""
    book = load_book(book_path)
    found = loans_of(book).loans.get(loan)
    if found is None:
        raise click.ClickException(
            _("loan {loan} is not in {book}: no transaction disburses it").format(
                loan=loan, book=book_path
            )
        )
    summary = {**loan_row(book, found, as_of), "as_of": as_of}
    rows = installment_rows(found, as_of)
    if as_json:
        dump_json({**summary, "installments": rows})
        return
    click.echo(
        f"Loan {found.id} — {found.member} {summary['name'] or ''}: {found.principal:,} VND "
        f"lent on {found.date}; {summary['status']}, {summary['outstanding']:,} VND "
        f"outstanding, {summary['overdue']:,} VND overdue ({summary['dpd']} days) on {as_of}"
    )
    for k, segment in enumerate(found.segments):
        mine = [row for row in rows if row["schedule"] == k]
        if not mine and k:
            continue
        click.echo()
        click.echo(_segment_title(segment, k))
        click.echo("\n".join(format_rows(mine)))
