"""``ledger-engine record loan|repayment|member|capital BOOK ...``: one entry typed on the
command line.

The entry is checked and appended exactly as an imported row is (``importers.pipeline``):
nothing is written unless the book still passes every rule. Without ``--date`` the entry is
dated today, and the command says so first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from importers.kinds import KINDS
from importers.pipeline import import_sources
from importers.recording import COMMAND_LINE, INTO, as_options, recorded
from importers.state import BookState
from importers.values import CellError, parse_date
from ledger_engine.cli.common import today
from ledger_engine.cli.importing import (
    allow_future_option,
    guarded,
    lock_timeout_option,
    print_report,
    run_options,
)
from ledger_engine.i18n import _

book_argument = click.argument(
    "book", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
date_option = click.option(
    "--date", help="dd/mm/yyyy or YYYY-MM-DD; today when omitted (the command says so)."
)
voucher_option = click.option(
    "--voucher", help="Số phiếu; the next free one of the year when omitted."
)
dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Check and show the entry; write nothing."
)


def _date(text: str | None, option: str = "--date") -> datetime.date:
    if not text:
        used = today()
        click.echo(
            _("No {option} given: the entry is dated today, {date}.").format(
                option=option, date=f"{used:%d/%m/%Y}"
            )
        )
        return used
    try:
        return parse_date(text, KINDS["loans"].column("Ngày"))
    except CellError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


HEADINGS = {
    "loans": "Recorded loan",
    "repayments": "Recorded repayment",
    "members": "Recorded member",
    "capital": "Recorded capital",
}


@dataclass(frozen=True)
class Run:
    """What every record command takes besides its entry's values."""

    book: Path
    dry_run: bool
    allow_future: bool
    lock_timeout: float | None


def _record(
    kind: str, run: Run, given: dict[str, Any], on: datetime.date, into: str = "cash"
) -> None:
    def sources(state: BookState) -> Any:
        return recorded(kind, given, on, state, into=into)

    options = run_options(
        run.book, allow_future=run.allow_future, lock_timeout=run.lock_timeout
    )
    report = guarded(
        options,
        lambda chosen: import_sources(
            run.book, sources, heading=HEADINGS[kind], dry_run=run.dry_run, options=chosen
        ),
    )
    report.errors = as_options(kind, report.errors)
    for extraction in report.extractions:
        extraction.errors = as_options(kind, extraction.errors)
        extraction.file = COMMAND_LINE
    print_report(report, dry_run=run.dry_run)
    if report.errors:
        raise SystemExit(1)


def common_options(function: Any) -> Any:
    """BOOK and the options every record command shares, gathered into ``run``."""
    for decorate in (dry_run_option, allow_future_option, lock_timeout_option):
        function = decorate(function)
    return book_argument(function)


def _run(book: Path, dry_run: bool, allow_future: bool, lock_timeout: float | None) -> Run:
    return Run(book, dry_run, allow_future, lock_timeout)


@click.group()
def record() -> None:
    """Record one loan, repayment, member or capital in a club book, checked like an
    imported row."""


@record.command()
@common_options
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
def loan(
    book: Path,
    dry_run: bool,
    allow_future: bool,
    lock_timeout: float | None,
    member: str,
    amount: str,
    date: str | None,
    term: str | None,
    rate: str | None,
    method: str | None,
    purpose: str | None,
    voucher: str | None,
    loan_id: str | None,
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
    run = _run(book, dry_run, allow_future, lock_timeout)
    _record("loans", run, given, _date(date))


@record.command()
@common_options
@click.option("--loan", "loan_id", required=True, help="Mã khoản vay being repaid.")
@click.option(
    "--amount", required=True, help="Tổng cộng received; split by the allocation rule."
)
@date_option
@voucher_option
@click.option("--note", help="Ghi chú, e.g. Kỳ 3.")
def repayment(
    book: Path,
    dry_run: bool,
    allow_future: bool,
    lock_timeout: float | None,
    loan_id: str,
    amount: str,
    date: str | None,
    voucher: str | None,
    note: str | None,
) -> None:
    """Record a repayment of a loan of BOOK, split into principal and interest by the rule."""
    given = {"--loan": loan_id, "--amount": amount, "--voucher": voucher, "--note": note}
    run = _run(book, dry_run, allow_future, lock_timeout)
    _record("repayments", run, given, _date(date))


@record.command()
@common_options
@click.option("--code", required=True, help="Mã TV, e.g. M011.")
@click.option("--name", required=True, help="Họ và tên.")
@click.option("--gender", required=True, help="F or M (Nữ or Nam).")
@click.option("--born", required=True, help="Năm sinh, e.g. 1956.")
@click.option("--ethnicity", help="Dân tộc, e.g. Kinh, Xơ Đăng.")
@click.option("--household", help="poor, near-poor or none (nghèo, cận nghèo, không).")
@click.option("--joined", required=True, help="Ngày vào: dd/mm/yyyy or YYYY-MM-DD.")
def member(
    book: Path,
    dry_run: bool,
    allow_future: bool,
    lock_timeout: float | None,
    code: str,
    name: str,
    gender: str,
    born: str,
    ethnicity: str | None,
    household: str | None,
    joined: str,
) -> None:
    """Record a new member of the club in BOOK."""
    given = {
        "--code": code,
        "--name": name,
        "--gender": gender,
        "--born": born,
        "--ethnicity": ethnicity,
        "--household": household,
        "--joined": joined,
    }
    run = _run(book, dry_run, allow_future, lock_timeout)
    _record("members", run, given, _date(joined, "--joined"))


@record.command()
@common_options
@click.option(
    "--source", required=True, help="State, Members or Donor-<Name> (e.g. Donor-HelpAge)."
)
@click.option("--amount", required=True, help="Số tiền, e.g. 20.000.000.")
@date_option
@click.option(
    "--into",
    type=click.Choice(sorted(INTO)),
    default="cash",
    show_default=True,
    help="Where the money is: the income-generation fund's cash or bank account.",
)
@voucher_option
@click.option("--note", help="Ghi chú, e.g. the decision granting it.")
def capital(
    book: Path,
    dry_run: bool,
    allow_future: bool,
    lock_timeout: float | None,
    source: str,
    amount: str,
    date: str | None,
    into: str,
    voucher: str | None,
    note: str | None,
) -> None:
    """Record capital received by the income-generation fund of BOOK.

    It is posted to Equity:IGF:Capital:<source> (opened if the book lacks it) and to the
    fund's cash, or bank with --into bank.
    """
    given = {"--source": source, "--amount": amount, "--voucher": voucher, "--note": note}
    run = _run(book, dry_run, allow_future, lock_timeout)
    _record("capital", run, given, _date(date), into)
