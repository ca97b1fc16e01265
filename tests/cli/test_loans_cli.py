"""``ledger-engine loans`` and ``schedule BOOK LOAN`` on tests/data/loans/portfolio.beancount.

The expected figures are worked out by hand in tests/loans/test_portfolio.py's docstring.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import ROOT

from ledger_engine.cli import main

BOOK = str(ROOT / "tests" / "data" / "loans" / "portfolio.beancount")


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def loans_json(*extra: str) -> dict[str, Any]:
    result = run("loans", BOOK, "--as-of", "2021-06-30", "--json", *extra)
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def test_json_lists_loans_by_disbursement_date() -> None:
    payload = loans_json()
    assert payload["as_of"] == "2021-06-30"
    assert [row["loan"] for row in payload["loans"]] == ["L3", "L1", "L2", "L4"]


@pytest.mark.parametrize(
    ("loan", "expected"),
    [
        # five of twelve 100,000 installments paid on time
        (
            "L1",
            {
                "outstanding": 700000,
                "overdue": 0,
                "dpd": 0,
                "bucket": "current",
                "status": "active",
            },
        ),
        # April-June unpaid: 3 x (100,000 + 3,000); 90 days since 2021-04-01
        (
            "L2",
            {
                "outstanding": 500000,
                "overdue": 309000,
                "dpd": 90,
                "bucket": "61-90",
                "status": "active",
            },
        ),
        # written off on 2021-04-30
        (
            "L3",
            {
                "outstanding": 0,
                "overdue": 0,
                "dpd": 0,
                "bucket": None,
                "status": "written-off",
            },
        ),
        # lent ten days ago
        (
            "L4",
            {
                "outstanding": 3000000,
                "overdue": 0,
                "dpd": 0,
                "bucket": "current",
                "status": "active",
            },
        ),
    ],
)
def test_json_loan_rows(loan: str, expected: dict[str, Any]) -> None:
    (row,) = [r for r in loans_json()["loans"] if r["loan"] == loan]
    assert {key: row[key] for key in expected} == expected


def test_json_loan_terms() -> None:
    (row,) = [r for r in loans_json()["loans"] if r["loan"] == "L2"]
    assert (
        row["member"],
        row["disbursed"],
        row["principal"],
        row["term"],
        row["method"],
    ) == (
        "M002",
        "2021-02-01",
        600000,
        6,
        "flat",
    )


def test_json_portfolio_ratios_are_fractions_of_one() -> None:
    portfolio = loans_json("--from", "2021-04-01")["portfolio"]
    glp = Decimal(4200000)
    assert portfolio["glp"] == 4200000
    assert Decimal(portfolio["par1"]) == Decimal(500000) / glp
    assert Decimal(portfolio["par30"]) == Decimal(500000) / glp
    assert portfolio["par90"] == 0
    assert Decimal(portfolio["on_time_rate"]) == Decimal(318000) / Decimal(839000)


def test_json_borrower_groups() -> None:
    portfolio = loans_json()["portfolio"]
    assert portfolio["active_borrowers"] == 3
    assert portfolio["older"]["active_borrowers"] == 2
    assert Decimal(portfolio["women"]["share"]) == Decimal(1) / 3


def test_as_of_before_any_loan() -> None:
    result = run("loans", BOOK, "--as-of", "2020-12-31")
    assert "No loans disbursed by 2020-12-31." in result.stdout


def test_table_shows_each_loan_with_its_member() -> None:
    result = run("loans", BOOK, "--as-of", "2021-06-30")
    lines = result.stdout.splitlines()
    (l2,) = [line for line in lines if line.startswith("L2 ")]
    assert l2.split()[:3] == ["L2", "M002", "A"]
    assert "309,000" in l2 and "61-90" in l2
    assert any(
        line.strip().startswith("gross loan portfolio   4,200,000 VND") for line in lines
    )


def test_period_start_after_the_date_is_refused() -> None:
    result = CliRunner().invoke(
        main, ["loans", BOOK, "--as-of", "2021-06-30", "--from", "2021-07-01"]
    )
    assert result.exit_code == 2
    assert "after the as-of date" in result.output


# --- schedule BOOK LOAN ---------------------------------------------------------------------


def test_book_loan_installments_beside_payments() -> None:
    result = run("schedule", BOOK, "L2", "--as-of", "2021-06-30", "--json")
    payload = json.loads(result.stdout)
    rows = payload["installments"]
    assert [row["due"] for row in rows] == [f"2021-{m:02d}-01" for m in range(3, 9)]
    assert [row["status"] for row in rows] == ["paid"] + ["overdue"] * 3 + ["upcoming"] * 2
    assert (rows[0]["paid_principal"], rows[0]["paid_interest"], rows[0]["paid_on"]) == (
        100000,
        3000,
        "2021-03-01",
    )
    assert (payload["status"], payload["dpd"]) == ("active", 90)


def test_book_loan_written_off() -> None:
    rows = json.loads(
        run("schedule", BOOK, "L3", "--as-of", "2021-06-30", "--json").stdout
    )["installments"]
    assert [row["status"] for row in rows] == ["paid"] + ["written-off"] * 11


def test_book_loan_table() -> None:
    result = run("schedule", BOOK, "L1", "--as-of", "2021-06-30")
    assert "Schedule from 2021-01-10 (12 months, flat, 0.5 %)" in result.stdout
    assert result.stdout.count(" paid\n") == 5


def test_unknown_book_loan_is_named() -> None:
    result = CliRunner().invoke(main, ["schedule", BOOK, "L99"])
    assert result.exit_code == 1
    assert "loan L99 is not in" in result.output
