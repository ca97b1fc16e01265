"""``schedule BOOK LOAN --as-of D``: the loan's state and its installments' statuses agree."""

from __future__ import annotations

import json

from click.testing import CliRunner
from helpers import ROOT

from ledger_engine.cli import main

BOOK = str(ROOT / "tests" / "data" / "loans" / "one-truth.beancount")


def schedule(*args: str) -> str:
    result = CliRunner().invoke(main, ["schedule", BOOK, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_early_repaid_flat_loan_shows_no_overdue_installment() -> None:
    payload = json.loads(schedule("L2024-002", "--as-of", "2024-12-31", "--json"))
    assert (payload["status"], payload["outstanding"], payload["overdue"]) == (
        "repaid",
        0,
        0,
    )
    assert [row["status"] for row in payload["installments"]] == ["paid"] * 2 + [
        "closed"
    ] * 10
    text = schedule("L2024-002", "--as-of", "2024-12-31")
    assert "repaid, 0 VND outstanding, 0 VND overdue (0 days) on 2024-12-31" in text
    assert "overdue\n" not in text


def test_the_json_carries_the_whole_loan_state() -> None:
    payload = json.loads(schedule("L2024-001", "--as-of", "2024-12-31", "--json"))
    assert {
        key: payload[key] for key in ("status", "bucket", "written_off", "recovered")
    } == {
        "status": "written-off",
        "bucket": None,
        "written_off": 2_500_000,
        "recovered": 500_000,
    }
    assert payload["as_of"] == "2024-12-31"


def test_the_same_loan_on_an_earlier_date_is_late() -> None:
    payload = json.loads(schedule("L2024-001", "--as-of", "2024-09-10", "--json"))
    assert (payload["status"], payload["dpd"], payload["bucket"]) == (
        "active",
        153,
        "91-180",
    )
    statuses = [row["status"] for row in payload["installments"]]
    assert statuses == ["paid"] * 2 + ["overdue"] * 5 + ["upcoming"] * 5
