"""The loans page shows what ``ledger-engine loans --json`` says, and one loan in detail."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import ROOT

from ledger_engine.cli import main
from ledger_engine.fava_ext import labels

BOOKS = ["thon-1-ngok-wang.beancount", "lang-kon-bi-dak-ruong.beancount"]
DATES = ["2024-06-15", "2025-06-15"]
THON_1 = BOOKS[0]


def cli_loans(book: str, as_of: str) -> list[dict[str, Any]]:
    path = ROOT / "books" / "examples" / book
    result = CliRunner().invoke(main, ["loans", str(path), "--as-of", as_of, "--json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)["loans"]
    return rows


def shown_rows(page: Any) -> list[dict[str, Any]]:
    """The loans table as the page shows it, read back into the CLI's terms."""
    status_of = {label: key for key, label in labels.STATUS.items()}
    rows = []
    for tr in page.all("#le-loan-table tbody tr"):
        cell = {td["data-field"]: page.text(td) for td in tr.select("td[data-field]")}
        rows.append(
            {
                "loan": page.text(tr.select_one("td")),
                "member": page.text(tr.select_one("td[data-member]")).split()[0],
                "principal": page.amount(cell["principal"]),
                "outstanding": page.amount(cell["outstanding"]),
                "overdue": page.amount(cell["overdue"]),
                "dpd": int(cell["dpd"]),
                "bucket": cell["bucket"],
                "status": status_of[cell["status"]],
                "next_due": page.day(cell["next_due"]),
                "next_amount": None
                if cell["next_amount"] == "–"
                else page.amount(cell["next_amount"]),
            }
        )
    return rows


def expected_rows(cli: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "loan": row["loan"],
            "member": row["member"],
            "principal": row["principal"],
            "outstanding": row["outstanding"],
            "overdue": row["overdue"],
            "dpd": row["dpd"],
            "bucket": labels.bucket_of_state(row["status"], row["bucket"]),
            "status": row["status"],
            "next_due": datetime.date.fromisoformat(row["next_due"])
            if row["next_due"]
            else None,
            "next_amount": row["next_amount"] if row["next_due"] else None,
        }
        for row in cli
    ]


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("book", BOOKS)
def test_loans_page_shows_the_figures_of_the_loans_command(
    get_page: Any, book: str, as_of: str
) -> None:
    cli = cli_loans(book, as_of)
    assert cli, "the example book lends by then"
    page = get_page(book, "ClubLoans", as_of=as_of, status="all")
    assert shown_rows(page) == expected_rows(cli)


def test_loans_page_opens_on_the_open_loans(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", as_of="2025-06-15")
    shown = [tr["data-loan"] for tr in page.all("#le-loan-table tbody tr")]
    assert shown == ["L2024-002", "L2025-001"]


def test_status_filter_keeps_only_that_status(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", as_of="2025-06-15", status="repaid")
    shown = [tr["data-loan"] for tr in page.all("#le-loan-table tbody tr")]
    # The book's comments: L2024-001 closes with its sixth installment on 2024-09-05.
    assert shown == ["L2024-001"]


def test_open_filter_leaves_out_repaid_loans(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", as_of="2025-06-15", status="open")
    shown = [tr["data-loan"] for tr in page.all("#le-loan-table tbody tr")]
    assert shown == ["L2024-002", "L2025-001"]


def test_each_loan_links_to_its_detail(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", as_of="2025-06-15")
    link = page.one('tr[data-loan="L2024-002"] td a')
    assert "loan=L2024-002" in link["href"]
    assert "/extension/ClubLoans/" in link["href"]


def test_time_filter_sets_the_date_to_the_end_of_the_period(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", time="2024")
    assert page.one("[data-as-of]")["data-as-of"] == "2024-12-31"
    shown = [tr["data-loan"] for tr in page.all("#le-loan-table tbody tr")]
    assert "L2025-001" not in shown  # disbursed 2025-02-15, after the period


def test_detail_shows_the_schedule_of_the_book_comment(get_page: Any) -> None:
    # The book: 5,000,000 over 6 months flat 0.5 %/month rounded to 1,000 gives
    # 858,000 (833,000 + 25,000) five times, then 860,000 (835,000 + 25,000).
    page = get_page(THON_1, "ClubLoans", as_of="2025-06-15", loan="L2024-001")
    rows = page.all("table.le-schedule tbody tr")
    totals = [page.amount(page.text(tr.select("td")[4])) for tr in rows]
    assert totals == [858_000] * 5 + [860_000]
    assert {tr["data-mark"] for tr in rows} == {"paid"}


def test_detail_marks_late_and_overdue_installments(get_page: Any) -> None:
    # L2024-002: installment 4 (due 2024-10-10) was paid on 2024-11-12; nothing was paid
    # after installment 7, so 8 to 12 (due 10 Feb to 10 Jun 2025) are overdue on 15 June.
    page = get_page(THON_1, "ClubLoans", as_of="2025-06-15", loan="L2024-002")
    marks = {
        int(tr["data-installment"]): tr["data-mark"]
        for tr in page.all("table.le-schedule tbody tr")
    }
    assert marks[4] == "paid-late"
    assert [marks[n] for n in range(8, 13)] == ["overdue"] * 5
    assert (
        page.amount(page.text_of('#le-loan-summary [data-field="overdue"]')) == 5 * 265_000
    )


def test_detail_lists_repayments_with_links_to_their_entries(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", as_of="2025-06-15", loan="L2024-001")
    rows = page.all("#le-repayments tbody tr")
    assert [page.text(tr.select("td")[1]) for tr in rows] == [
        f"PT-2024-{n:03d}" for n in (3, 4, 5, 6, 8, 10)
    ]
    assert all(tr.select_one('a[href^="#context-"]') for tr in rows)


def test_detail_links_to_the_journal_filtered_by_the_loan(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", loan="L2024-001")
    href = page.one("a[data-journal-link]")["href"]
    assert "/journal/" in href
    assert "filter=%5EL2024-001" in href


def test_detail_shows_both_schedules_of_a_rescheduled_loan(get_page: Any) -> None:
    page = get_page(
        "lang-kon-bi-dak-ruong.beancount", "ClubLoans", as_of="2024-06-15", loan="L2023-002"
    )
    schedules = page.all("table.le-schedule")
    assert len(schedules) == 2
    first = {tr["data-mark"] for tr in schedules[0].select("tbody tr")}
    assert "rescheduled" in first


def test_unknown_loan_is_not_found(apps: Any) -> None:
    client = apps[THON_1].test_client()
    response = client.get("/clb-lth-thon-1-ngok-wang/extension/ClubLoans/?loan=L1999-999")
    assert response.status_code == 404


def test_bad_date_is_refused(apps: Any) -> None:
    client = apps[THON_1].test_client()
    response = client.get("/clb-lth-thon-1-ngok-wang/extension/ClubLoans/?as_of=15/06/2025")
    assert response.status_code == 400


def test_served_province_book_shows_the_figures_of_the_loans_command(
    served_page: Any,
) -> None:
    """`ledger-engine serve books/kon-tum`: a shipped province book, which does not declare
    the pages itself, shows on its loans page what `loans --json` says of it."""
    book = ROOT / "books" / "kon-tum" / "dak-ha" / "kt-dh-001.beancount"
    result = CliRunner().invoke(
        main, ["loans", str(book), "--as-of", "2025-12-15", "--json"]
    )
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)["loans"]
    assert len(cli) > 20
    page = served_page(book, "ClubLoans", as_of="2025-12-15", status="all")
    assert shown_rows(page) == expected_rows(cli)
