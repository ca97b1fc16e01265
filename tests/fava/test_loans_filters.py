"""The loans page's overdue filter and days-past-due order, the written-off label, and the
list as a workbook: all read from ``Loan.state``."""

from __future__ import annotations

import datetime
import io
from typing import Any

import openpyxl
from fava.application import create_app
from helpers import ROOT

from ledger_engine.fava_ext import labels
from ledger_engine.loading import load_book
from ledger_engine.loans.ledger import loans_of

EXAMPLES = ROOT / "books" / "examples"
KON_BI = "lang-kon-bi-dak-ruong.beancount"
THON_1 = "thon-1-ngok-wang.beancount"


def states(book: str, as_of: str) -> dict[str, Any]:
    club = load_book(EXAMPLES / book)
    day = datetime.date.fromisoformat(as_of)
    return {
        loan.id: loan.state(day)
        for loan in loans_of(club).loans.values()
        if loan.date <= day
    }


def shown(page: Any) -> list[str]:
    return [tr["data-loan"] for tr in page.all("#le-loan-table tbody tr")]


def test_the_overdue_filter_keeps_the_loans_past_due_most_overdue_first(
    get_page: Any,
) -> None:
    for book, as_of in (
        (THON_1, "2025-06-15"),
        (KON_BI, "2024-12-31"),
        (KON_BI, "2025-06-15"),
    ):
        late = {k: s for k, s in states(book, as_of).items() if s.dpd > 0}
        page = get_page(book, "ClubLoans", as_of=as_of, status="overdue")
        assert set(shown(page)) == set(late)
        days = [
            int(page.text(td)) for td in page.all('#le-loan-table td[data-field="dpd"]')
        ]
        assert days == sorted(days, reverse=True) and all(d > 0 for d in days)
        assert page.one('[data-status="overdue"]')["class"] == ["le-here"]


def test_the_overdue_filter_leaves_out_current_loans(get_page: Any) -> None:
    page = get_page(THON_1, "ClubLoans", as_of="2025-06-15", status="overdue")
    # L2024-002 (Y Hlin) stopped paying in February; L2025-001 is paid up.
    assert shown(page) == ["L2024-002"]


def test_any_filter_can_be_sorted_by_days_past_due(get_page: Any) -> None:
    as_of = "2025-06-15"
    every = states(KON_BI, as_of)
    page = get_page(KON_BI, "ClubLoans", as_of=as_of, status="all", sort="dpd")
    order = shown(page)
    assert sorted(order) == sorted(every)
    assert [every[k].dpd for k in order] == sorted(
        (s.dpd for s in every.values()), reverse=True
    )


def test_a_written_off_loan_is_labelled_written_off_never_current(get_page: Any) -> None:
    page = get_page(KON_BI, "ClubLoans", as_of="2025-06-15", status="written-off")
    rows = page.all("#le-loan-table tbody tr")
    assert rows, "the example book writes a loan off"
    written_off = labels.STATUS["written-off"]
    assert written_off == "Đã xóa nợ / written off"
    for tr in rows:
        assert page.text(tr.select_one('[data-field="status"]')) == written_off
        assert page.text(tr.select_one('[data-field="bucket"]')) == written_off
        assert "current" not in page.text(tr)
    detail = get_page(KON_BI, "ClubLoans", as_of="2025-06-15", loan=rows[0]["data-loan"])
    assert "current" not in detail.text_of("#le-loan-summary")
    assert written_off in detail.text_of('#le-loan-summary [data-field="bucket"]')


def test_the_loans_list_downloads_as_the_page_shows_it(get_page: Any, closing: Any) -> None:
    as_of = "2025-06-15"
    page = get_page(KON_BI, "ClubLoans", as_of=as_of, status="all", sort="dpd")
    link = page.one("#le-loans-xlsx")["href"]
    assert "status=all" in link and "sort=dpd" in link and f"as_of={as_of}" in link
    client = closing(create_app([str(EXAMPLES / KON_BI)], load=True)).test_client()
    response = client.get(link)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r[0] == "Khoản vay / Loan"))
    body = rows[header + 1 :]
    assert [r[0] for r in body] == shown(page)
    every = states(KON_BI, as_of)
    assert [r[5] for r in body] == [int(every[r[0]].outstanding) for r in body]
    assert [r[9] for r in body] == [every[r[0]].dpd for r in body]
