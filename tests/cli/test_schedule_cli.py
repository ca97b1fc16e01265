"""``ledger-engine schedule``: the arithmetic form, its JSON and table, and its errors."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ledger_engine.cli import main
from ledger_engine.loans.schedule import Terms, build_schedule
from ledger_engine.registry import Method, RatePeriod, RoundingMode

FLAT_5M = [
    "--principal", "5000000", "--rate", "0.5", "--term", "12", "--method", "flat",
    "--start", "2024-03-05", "--rounding-unit", "1000",
]  # fmt: skip


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["schedule", *args])


def as_decimal(value: Any) -> Decimal:
    # Whole amounts come as JSON numbers, others as decimal strings.
    return Decimal(str(value))


def rows_of(output: str) -> list[tuple[Any, ...]]:
    return [
        (
            r["n"],
            r["due"],
            *(as_decimal(r[k]) for k in ("principal", "interest", "total", "balance")),
        )
        for r in json.loads(output)
    ]


def expected_rows(terms: Terms) -> list[tuple[Any, ...]]:
    return [
        (i.n, i.due.isoformat(), i.principal, i.interest, i.total, i.balance)
        for i in build_schedule(terms)
    ]


def test_json_rows_match_the_schedule() -> None:
    result = run(*FLAT_5M, "--json")
    assert result.exit_code == 0, result.output
    terms = Terms(Decimal(5_000_000), Decimal("0.5"), 12, Method.FLAT, date(2024, 3, 5),
                  rounding_unit=Decimal(1000))  # fmt: skip
    assert rows_of(result.output) == expected_rows(terms)


def test_json_whole_amounts_are_numbers() -> None:
    rows = json.loads(run(*FLAT_5M, "--json").output)
    assert rows[0]["total"] == 442000


def test_json_fractional_amounts_are_decimal_strings() -> None:
    # 1,000 × 0.125 % = 1.25 kept to 2 digits.
    args = ["--principal", "1000", "--rate", "0.125", "--term", "1", "--method", "flat",
            "--start", "2024-01-01", "--digits", "2", "--json"]  # fmt: skip
    assert json.loads(run(*args).output)[0]["interest"] == "1.25"


def test_json_passes_every_option_through() -> None:
    args = ["--principal", "1200000", "--rate", "12", "--rate-period", "year", "--term", "5",
            "--method", "declining", "--start", "2024-01-31", "--first-due", "2024-02-15",
            "--grace", "1", "--interest-grace", "1", "--digits", "2", "--rounding-unit", "500",
            "--rounding", "half-up", "--json"]  # fmt: skip
    result = run(*args)
    assert result.exit_code == 0, result.output
    terms = Terms(Decimal(1_200_000), Decimal(12), 5, Method.DECLINING, date(2024, 1, 31),
                  rate_period=RatePeriod.YEAR, first_due=date(2024, 2, 15), grace=1,
                  interest_grace=1, digits=2, rounding_unit=Decimal(500),
                  rounding=RoundingMode.HALF_UP)  # fmt: skip
    assert rows_of(result.output) == expected_rows(terms)
    assert rows_of(result.output)[0][1] == "2024-02-15"


def test_table_separates_thousands_and_shows_totals() -> None:
    result = run(*FLAT_5M)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["n", "due", "principal", "interest", "total", "balance"]
    # Row 1 of the worked example: 417,000 + 25,000 = 442,000, leaving 4,583,000.
    assert lines[2].split() == [
        "1",
        "2024-04-05",
        "417,000",
        "25,000",
        "442,000",
        "4,583,000",
    ]
    # Totals: 5,000,000 principal and 12 × 25,000 = 300,000 interest.
    assert lines[-1].split() == ["Total", "5,000,000", "300,000", "5,300,000"]


def test_missing_terms_are_named() -> None:
    result = run("--principal", "5000000", "--rate", "0.5")
    assert result.exit_code == 2
    assert "--term, --method, --start" in result.output


def test_a_bad_number_is_refused() -> None:
    result = run(*FLAT_5M[:1], "năm triệu", *FLAT_5M[2:])
    assert result.exit_code == 2
    assert "not a number" in result.output


def test_grace_as_long_as_the_term_is_a_usage_error() -> None:
    result = run(*FLAT_5M, "--grace", "12")
    assert result.exit_code == 2
    assert "grace 12 months" in result.output


def test_book_without_loan_is_a_usage_error() -> None:
    result = run("club.beancount")
    assert result.exit_code == 2
    assert "loan" in result.output


def test_as_of_without_a_book_loan_is_a_usage_error() -> None:
    result = run(*FLAT_5M, "--as-of", "2024-06-01")
    assert result.exit_code == 2
    assert "--as-of" in result.output


def test_a_book_loan_is_shown_on_today_without_as_of(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from helpers import EXAMPLES

    from ledger_engine.cli import common

    monkeypatch.setattr(common, "today", lambda: date(2024, 6, 1))
    book = str(next(p for p in EXAMPLES if "thon-1" in p.name))
    result = run(book, "L2024-001", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["as_of"] == "2024-06-01"


def test_terms_beside_a_book_loan_are_refused() -> None:
    from helpers import EXAMPLES

    book = str(next(p for p in EXAMPLES if "thon-1" in p.name))
    result = CliRunner().invoke(main, ["schedule", book, "L2024-001", "--term", "3"])
    assert result.exit_code == 2
    assert "--term" in result.output and "from the book" in result.output
