"""``ledger-engine schedule BOOK LOAN``: one loan's schedule beside what was paid.

    ledger-engine schedule books/examples/thon-1-ngok-wang.beancount L2024-002

prints each installment (n, due date, principal, interest, total) with the principal and
interest allocated to it, the day it was fully paid and its state today: paid, paid late,
overdue, partly paid, upcoming, written off, or rescheduled when a later reschedule replaced
it. A rescheduled loan shows each of its schedules in turn.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import click

from ledger_engine.book import load_book
from ledger_engine.cli.common import dump_json, today
from ledger_engine.cli.text import text_table
from ledger_engine.i18n import _
from ledger_engine.loans.allocation import InstallmentState
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan, Segment

COLUMNS = (
    "n",
    "due",
    "principal",
    "interest",
    "total",
    "paid_principal",
    "paid_interest",
    "paid_on",
    "state",
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
    "state",
)
TEXT = {"due", "paid_on", "state"}


def installment_state(
    state: InstallmentState,
    as_of: datetime.date,
    tolerance_days: int,
    replaced: bool,
    written_off: bool = False,
) -> str:
    """The installment in a treasurer's words at ``as_of``."""
    due = state.installment.due
    if state.is_paid:
        return "paid" if state.paid_on is None or state.paid_on <= due else "paid late"
    if written_off:
        return "written off"
    if replaced:
        return "rescheduled"
    if (as_of - due).days > tolerance_days:
        return "overdue"
    if state.principal_paid or state.interest_paid:
        return "partly paid"
    return "upcoming"


def installment_rows(loan: Loan, as_of: datetime.date) -> list[dict[str, Any]]:
    """Every installment of every schedule of ``loan`` with what was paid on it."""
    rows = []
    segments = list(loan.segment_states(as_of))
    written_off = loan.is_written_off(as_of)
    for k, (_start, ended, states) in enumerate(segments):
        for state in states:
            row = state.installment
            rows.append(
                {
                    "schedule": k,
                    "n": row.n,
                    "due": row.due,
                    "principal": row.principal,
                    "interest": row.interest,
                    "total": row.total,
                    "paid_principal": state.principal_paid,
                    "paid_interest": state.interest_paid,
                    "paid_on": state.paid_on if state.is_paid else None,
                    "state": installment_state(
                        state, as_of, loan.tolerance_days, ended is not None, written_off
                    ),
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


def _summary(loan: Loan, as_of: datetime.date, name: str | None) -> dict[str, Any]:
    state = loan.state(as_of)
    return {
        "loan": loan.id,
        "member": loan.member,
        "name": name,
        "disbursed": loan.date,
        "principal": loan.principal,
        "term": loan.term,
        "method": loan.method.value if loan.method else None,
        "as_of": as_of,
        "status": state.status.value,
        "outstanding": state.outstanding,
        "overdue": state.overdue,
        "dpd": state.dpd,
    }


def show_book_loan(book_path: str, loan: str, as_json: bool) -> None:
    """Print the schedule of ``loan`` in the book at ``book_path`` beside its repayments."""
    book = load_book(book_path)
    found = loans_of(book).loans.get(loan)
    if found is None:
        raise click.ClickException(
            _("loan {loan} is not in {book}: no transaction disburses it").format(
                loan=loan, book=book_path
            )
        )
    as_of = today()
    member = book.members_by_code.get(found.member)
    summary = _summary(found, as_of, member.name if member else None)
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
