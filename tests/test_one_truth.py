"""One truth per figure: every view of a loan and of a club shows the same numbers.

Over the hand-made book ``tests/data/loans/one-truth.beancount`` (a full write-off and a
recovery, an early-repaid flat loan, a reschedule, borrowers who leave) and small demo books
(hypothesis picks the seed), at dates hypothesis picks, these views must agree:

- ``loans --json`` (each loan's row and the portfolio figures);
- ``schedule BOOK LOAN --json`` (the loan's state and its installments' statuses);
- the roll-up snapshot, ``coverage --format json`` on the three bases;
- the annual report's JSON (on its own date, 15 December);
- the Fava pages: the loans list, each loan's page and the collection sheet.

Figures compared: GLP, outstanding, overdue, DPD, aging bucket, status, installment statuses,
borrowers (and by group), PAR>30. The commands run in this process (click's runner).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from dateutil.relativedelta import relativedelta
from flask import Flask
from helpers import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_engine.cli import main
from ledger_engine.demo import PROVINCES, generate
from ledger_engine.fava_ext.serving import make_app
from ledger_engine.loading import load_book
from ledger_engine.loans.ledger import loans_of

HAND_MADE = ROOT / "tests" / "data" / "loans" / "one-truth.beancount"
OPEN = {"active", "rescheduled"}
SETTINGS = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def cli(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@cache
def fava(book: Path) -> Flask:
    return make_app([book.resolve()], read_only=True, load=True)


def page(book: Path, extension: str, **args: str) -> BeautifulSoup:
    app = fava(book)
    slug = next(iter(app.config["LEDGERS"].ledgers_by_slug))
    response = app.test_client().get(f"/{slug}/extension/{extension}/", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def amount(shown: str) -> int:
    """A whole VND amount as a page writes it (150.000.000) back to a number."""
    return int(shown.strip().replace(".", ""))


def field(node: Any, name: str) -> str:
    found = node.select_one(f'[data-field="{name}"]')
    assert found is not None, name
    return str(found.get_text(" ").strip())


# --- what each view says ---------------------------------------------------------------------


def loan_figures(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["outstanding"], row["overdue"], row["dpd"], row["bucket"], row["status"])


def fava_loan_rows(book: Path, day: str) -> dict[str, tuple[Any, ...]]:
    soup = page(book, "ClubLoans", as_of=day, status="all")
    rows = {}
    for tr in soup.select("tr[data-loan]"):
        bucket = tr.select_one('[data-field="bucket"]')
        assert bucket is not None
        rows[str(tr["data-loan"])] = (
            amount(field(tr, "outstanding")),
            amount(field(tr, "overdue")),
            int(field(tr, "dpd")),
            bucket["data-bucket"] or None,
            str(tr["data-status"]),
        )
    return rows


def fava_portfolio(book: Path, day: str) -> tuple[int, int, Decimal | None]:
    soup = page(book, "ClubLoans", as_of=day)
    par = soup.select_one('[data-field="par30"]')
    assert par is not None
    value = str(par["data-value"])
    return (
        amount(field(soup, "glp")),
        int(field(soup, "active_borrowers")),
        Decimal(value) if value else None,
    )


def fava_loan_page(book: Path, day: str, loan: str) -> tuple[int, int, list[str]]:
    soup = page(book, "ClubLoans", as_of=day, loan=loan)
    marks = [str(tr["data-mark"]) for tr in soup.select("tr[data-installment]")]
    return amount(field(soup, "outstanding")), amount(field(soup, "overdue")), marks


def fava_collection(book: Path, day: datetime.date) -> dict[str, int]:
    soup = page(book, "ClubCollection", day=day.isoformat())
    return {
        str(tr["data-loan"]): amount(field(tr, "outstanding"))
        for tr in soup.select("tr[data-loan]")
    }


def coverage(book: Path, day: str, basis: str) -> dict[str, Any]:
    payload: dict[str, Any] = cli(
        "coverage", str(book), "--as-of", day, "--basis", basis,
        "--format", "json", "--no-cache", "--workers", "1",
    )  # fmt: skip
    return payload


# --- the checks ---------------------------------------------------------------------------


def check_loan(book: Path, day: str, row: dict[str, Any]) -> None:
    """One loan: its row, ``schedule --json`` and its Fava page agree, and its
    installments' statuses say what its state says."""
    shown = cli("schedule", str(book), row["loan"], "--as-of", day, "--json")
    assert loan_figures(shown) == loan_figures(row)
    statuses = [i["status"] for i in shown["installments"]]
    outstanding, overdue, marks = fava_loan_page(book, day, row["loan"])
    assert (outstanding, overdue) == (row["outstanding"], row["overdue"])
    assert marks == statuses
    unpaid = {s for s in statuses if s not in ("paid", "paid-late")}
    if row["status"] == "written-off":
        assert row["outstanding"] == 0 and row["bucket"] is None
        assert unpaid <= {"written-off"}
    elif row["status"] == "repaid":
        assert row["outstanding"] == 0 and row["bucket"] is None
        assert unpaid <= {"closed"}
    else:
        assert row["outstanding"] > 0 and row["bucket"] is not None
        assert "closed" not in unpaid and "written-off" not in unpaid
    assert (row["overdue"] > 0) == ("overdue" in statuses) == (row["dpd"] > 0)


def check_club(book: Path, as_of: datetime.date, loans: list[str] | None = None) -> None:
    day = as_of.isoformat()
    payload = cli("loans", str(book), "--as-of", day, "--json")
    rows = {row["loan"]: row for row in payload["loans"]}
    figures = payload["portfolio"]
    for loan in rows if loans is None else [x for x in loans if x in rows]:
        check_loan(book, day, rows[loan])
    assert fava_loan_rows(book, day) == {k: loan_figures(r) for k, r in rows.items()}

    open_rows = [r for r in rows.values() if r["status"] in OPEN]
    glp = sum(r["outstanding"] for r in open_rows)
    at_risk = sum(r["outstanding"] for r in open_rows if r["dpd"] > 30)
    holders = {r["member"] for r in open_rows}
    assert figures["glp"] == glp
    assert figures["active_borrowers"] == len(holders)
    par30 = None if not glp else Decimal(at_risk) / Decimal(glp)
    assert (None if figures["par30"] is None else Decimal(str(figures["par30"]))) == par30
    assert fava_portfolio(book, day) == (glp, len(holders), par30)

    eve = as_of - datetime.timedelta(days=1)
    before = cli("loans", str(book), "--as-of", eve.isoformat(), "--json")["loans"]
    assert fava_collection(book, as_of) == {
        r["loan"]: r["outstanding"] for r in before if r["status"] in OPEN
    }
    check_roll_up(book, as_of, rows, figures, holders, at_risk)


def check_roll_up(
    book: Path,
    as_of: datetime.date,
    rows: dict[str, dict[str, Any]],
    figures: dict[str, Any],
    holders: set[str],
    at_risk: int,
) -> None:
    """The snapshot of every basis holds the same portfolio and borrowers as the loans."""
    day = as_of.isoformat()
    club = load_book(book)
    active = {m.code for m in club.members_at(as_of)}
    year_ago = as_of - relativedelta(years=1)  # SPEC §6: after d minus one year
    not_written_off = [r for r in rows.values() if r["status"] != "written-off"]
    expected = {
        "outstanding": holders & active,
        "recent": (holders | {r["member"] for r in not_written_off
                              if r["disbursed"] > year_ago.isoformat()}) & active,
        "ever": {r["member"] for r in not_written_off} & active,
    }  # fmt: skip
    for basis, borrowers in expected.items():
        snapshot = coverage(book, day, basis)
        (unit,) = snapshot["units"]
        assert (snapshot["clubs"][0]["glp"], unit["at_risk_30"]) == (
            figures["glp"],
            at_risk,
        )
        assert snapshot["clubs"][0]["borrowers"] == len(borrowers), basis
        if basis == "outstanding" and holders <= active:
            # every holder of a loan is a member: the portfolio's groups are the snapshot's
            names = ("women", "older", "poor", "near_poor", "ethnic_minority")
            groups = (unit[f"borrowers_{g}"] for g in names)
            assert list(groups) == [figures[g]["active_borrowers"] for g in names]


# --- the books -----------------------------------------------------------------------------

DAYS = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2026, 3, 31))


@SETTINGS
@given(as_of=DAYS)
def test_every_view_of_the_hand_made_book_agrees(as_of: datetime.date) -> None:
    check_club(HAND_MADE, as_of)


@pytest.mark.parametrize(
    "as_of", [datetime.date(2024, 12, 31), datetime.date(2025, 6, 30)], ids=str
)
def test_every_view_agrees_on_the_days_each_loan_path_shows(as_of: datetime.date) -> None:
    # 2024-12-31: L2024-001 written off and part recovered, L2024-002 repaid early, L2024-003
    # rescheduled and late, L2024-005's borrower gone while owing; 2025-06-30: L2025-001 late.
    check_club(HAND_MADE, as_of)


@pytest.fixture(scope="module")
def demo_books(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    made: dict[int, Path] = {}

    def book(seed: int) -> Path:
        if seed not in made:
            out = tmp_path_factory.mktemp(f"demo-{seed}")
            generate(out, PROVINCES["kon-tum"], clubs=1, years=2, members=12, seed=seed)
            made[seed] = next(out.rglob("*.beancount"))
        return made[seed]

    return book


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(min_value=0, max_value=10_000), as_of=DAYS, data=st.data())
def test_every_view_of_a_demo_book_agrees(
    demo_books: Callable[[int], Path], seed: int, as_of: datetime.date, data: st.DataObject
) -> None:
    book = demo_books(seed)
    loans = list(loans_of(load_book(book)).loans)
    chosen = (
        data.draw(st.lists(st.sampled_from(loans), max_size=3, unique=True))
        if loans
        else []
    )
    check_club(book, as_of, chosen)


@settings(max_examples=2, deadline=None)
@given(year=st.sampled_from([2024, 2025]))
def test_the_annual_report_shows_the_loans_figures(year: int) -> None:
    day = datetime.date(year, 12, 15).isoformat()
    report = cli(
        "report", "annual", str(HAND_MADE), "--year", str(year), "--format", "json",
        "--no-cache", "--workers", "1",
    )  # fmt: skip
    assert report["as_of"] == day
    figures = cli("loans", str(HAND_MADE), "--as-of", day, "--json")["portfolio"]
    snapshot = coverage(HAND_MADE, day, report["basis"])
    (club,) = report["clubs"]
    assert club["glp"] == figures["glp"] == snapshot["clubs"][0]["glp"]
    assert club["borrowers"] == snapshot["clubs"][0]["borrowers"]
    province = report["province"]["figures"]
    assert province["at_risk_30"] == snapshot["total"]["at_risk_30"]
    groups = ("women", "older", "poor", "near_poor", "ethnic_minority")
    assert [province[f"borrowers_{g}"] for g in groups] == [
        snapshot["total"][f"borrowers_{g}"] for g in groups
    ]


def test_a_partial_write_off_is_refused_and_every_view_follows_it(tmp_path: Path) -> None:
    text = HAND_MADE.read_text(encoding="utf-8")
    full = "  Expenses:IGF:Loan-Losses       2500000 VND\n  Assets:IGF:Loans:M001         -2500000 VND\n"
    part = "  Expenses:IGF:Loan-Losses       1000000 VND\n  Assets:IGF:Loans:M001         -1000000 VND\n"
    assert full in text
    book = tmp_path / "partial.beancount"
    book.write_text(text.replace(full, part), encoding="utf-8")
    line = (
        text.splitlines().index(
            '2024-09-15 * "Nguyễn Thị Hoa" "Xóa nợ" ^L2024-001 #write-off'
        )
        + 1
    )

    checked = CliRunner().invoke(main, ["check", str(book)])
    assert checked.exit_code == 1
    assert (
        f"{book}:{line}: Loan L2024-001 (M001 Nguyễn Thị Hoa): write-off of 1,000,000 VND"
        in (checked.output)
    )
    assert "2,500,000 VND is outstanding that day" in checked.output

    day = "2024-12-31"
    row = next(r for r in cli("loans", str(book), "--as-of", day, "--json")["loans"]
               if r["loan"] == "L2024-001")  # fmt: skip
    assert (row["status"], row["outstanding"], row["bucket"]) == ("written-off", 0, None)
    assert (
        coverage(book, day, "outstanding")["clubs"][0]["borrowers"]
        == (coverage(HAND_MADE, day, "outstanding")["clubs"][0]["borrowers"])
    )
    check_club(book, datetime.date(2024, 12, 31))
