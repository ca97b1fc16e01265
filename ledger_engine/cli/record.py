"""``ledger-engine record loan|repayment BOOK ...``: one entry typed on the command line.

The entry is checked and appended exactly as an imported row is (``importers.pipeline``):
nothing is written unless the book still passes every rule.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import click

from importers.kinds import KINDS
from importers.pipeline import import_sources
from importers.recording import COMMAND_LINE, as_options, recorded
from importers.state import BookState
from importers.values import CellError, parse_date
from ledger_engine.cli.common import today
from ledger_engine.cli.importing import print_report

book_argument = click.argument(
    "book", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
date_option = click.option("--date", help="dd/mm/yyyy or YYYY-MM-DD; today when omitted.")
voucher_option = click.option(
    "--voucher", help="Số phiếu; the next free one of the year when omitted."
)
dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Check and show the entry; write nothing."
)


def _date(text: str | None) -> datetime.date:
    if not text:
        return today()
    try:
        return parse_date(text, KINDS["loans"].column("Ngày"))
    except CellError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from None


def _record(
    kind: str, book: Path, given: dict[str, Any], on: datetime.date, dry_run: bool
) -> None:
    def sources(state: BookState) -> Any:
        return recorded(kind, given, on, state)

    what = "loan" if kind == "loans" else "repayment"
    report = import_sources(book, sources, heading=f"Recorded {what}", dry_run=dry_run)
    report.errors = as_options(kind, report.errors)
    for extraction in report.extractions:
        extraction.errors = as_options(kind, extraction.errors)
        extraction.file = COMMAND_LINE
    print_report(report, dry_run=dry_run)
    if report.errors:
        raise SystemExit(1)


@click.group()
def record() -> None:
    """Record one loan or one repayment in a club book, checked like an imported row."""


@record.command()
@book_argument
@click.option("--member", required=True, help="Mã TV of the borrower.")
@click.option("--amount", required=True, help="Số tiền, e.g. 5.000.000 or 5000000.")
@date_option
@click.option("--term", help="Kỳ hạn in months; the policy's when omitted.")
@click.option("--rate", help="Lãi suất in %/month; the policy's when omitted.")
@click.option("--method", help="Phương thức (lãi phẳng, trả góp đều, gốc đều, …).")
@click.option("--purpose", help="Mục đích, e.g. Nuôi heo.")
@voucher_option
@click.option(
    "--loan", "loan_id", help="Mã khoản vay; the next free L<year>-NNN when omitted."
)
@dry_run_option
def loan(
    book: Path,
    member: str,
    amount: str,
    date: str | None,
    term: str | None,
    rate: str | None,
    method: str | None,
    purpose: str | None,
    voucher: str | None,
    loan_id: str | None,
    dry_run: bool,
) -> None:
    """Record the disbursement of a loan to a member of BOOK."""
    given = {
        "--member": member,
        "--amount": amount,
        "--term": term,
        "--rate": rate,
        "--method": method,
        "--purpose": purpose,
        "--voucher": voucher,
        "--loan": loan_id,
    }
    _record("loans", book, given, _date(date), dry_run)


@record.command()
@book_argument
@click.option("--loan", "loan_id", required=True, help="Mã khoản vay being repaid.")
@click.option(
    "--amount", required=True, help="Tổng cộng received; split by the allocation rule."
)
@date_option
@voucher_option
@click.option("--note", help="Ghi chú, e.g. Kỳ 3.")
@dry_run_option
def repayment(
    book: Path,
    loan_id: str,
    amount: str,
    date: str | None,
    voucher: str | None,
    note: str | None,
    dry_run: bool,
) -> None:
    """Record a repayment of a loan of BOOK, split into principal and interest by the rule."""
    given = {"--loan": loan_id, "--amount": amount, "--voucher": voucher, "--note": note}
    _record("repayments", book, given, _date(date), dry_run)
