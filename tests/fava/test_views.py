"""The page builders on small books: meeting days, aging and the shared view."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from fava.application import create_app
from helpers import ROOT

from ledger_engine.book import ClubBook
from ledger_engine.fava_ext import charts, collection, views
from ledger_engine.fava_ext.club import club_view

D = datetime.date
MEMBERS = """
2016-01-01 custom "member" "M001" "Nguyễn Thị Hoa"
  gender: "F"
  born: 1952
2016-01-01 custom "loan-policy" "standard"
  max_principal: 10000000 VND
  max_term: 24
  rate: 0.5
  method: "flat"
  rounding: 1000 VND
  tolerance_days: 3
"""


def test_the_next_meeting_keeps_the_last_meetings_day_of_month(
    load_text: Callable[[str], ClubBook],
) -> None:
    book = load_text(MEMBERS + '2025-01-31 custom "meeting" "monthly" 9\n')
    assert collection.next_meeting_day(book, D(2025, 2, 10)) == D(2025, 2, 28)
    assert collection.next_meeting_day(book, D(2025, 3, 1)) == D(2025, 3, 31)
    assert collection.next_meeting_day(book, D(2025, 1, 31)) == D(2025, 1, 31)


def test_without_meetings_the_sheet_is_for_the_day_itself(
    load_text: Callable[[str], ClubBook],
) -> None:
    book = load_text(MEMBERS)
    assert collection.next_meeting_day(book, D(2025, 2, 10)) == D(2025, 2, 10)


LOAN = """
2024-03-05 * "Nguyễn Thị Hoa" "Vay" ^L1
  term: 6
  Assets:IGF:Loans:M001   6000000 VND
  Assets:IGF:Cash        -6000000 VND
2016-01-01 open Assets:IGF:Loans:M001 VND
2016-01-02 * "Vốn"
  Assets:IGF:Cash         10000000 VND
  Equity:IGF:Capital:State -10000000 VND
"""


def test_aging_puts_each_open_loan_in_its_bucket(
    load_text: Callable[[str], ClubBook],
) -> None:
    book = load_text(MEMBERS + LOAN)
    # Nothing repaid: the first installment fell due on 2024-04-05, 40 days before.
    rows = views.loan_rows(book, D(2024, 5, 15))
    bars = {bar.bucket: bar for bar in views.aging(rows)}
    assert bars["31-60"].loans == 1
    assert bars["31-60"].outstanding == Decimal(6_000_000)
    assert sum(bar.loans for bar in bars.values()) == 1


def test_aging_chart_draws_the_longest_bar_for_the_largest_amount() -> None:
    bars = [
        views.AgingBar("current", 2, Decimal(3_000_000)),
        views.AgingBar("1-30", 1, Decimal(1_500_000)),
    ]
    svg = charts.aging_svg(bars)
    assert f'width="{charts.BAR}"' in svg
    assert f'width="{charts.BAR // 2}"' in svg
    assert "3.000.000 (2)" in svg


def test_the_view_is_built_once_per_load(write_book: Callable[[str], Path]) -> None:
    path = write_book(MEMBERS + LOAN)
    app = create_app([str(path)], load=True)
    ledger = next(iter(app.config["LEDGERS"].items()))[1]
    first = club_view(ledger)
    assert club_view(ledger) is first
    ledger.load_file()
    assert club_view(ledger) is not first


REPAYMENT = """
2025-06-12 * "Y Hlin" "Trả nợ kỳ 8" ^L2024-002
  Assets:IGF:Cash            265000 VND
  Assets:IGF:Loans:M003     -250000 VND
  Income:IGF:Interest        -15000 VND
"""


def test_a_page_is_rendered_again_after_the_book_changes(tmp_path: Path) -> None:
    book = tmp_path / "club.beancount"
    book.write_text(
        (ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount").read_text("utf-8"),
        encoding="utf-8",
    )
    app = create_app([str(book)], load=True)
    client = app.test_client()
    url = "/clb-lth-thon-1-ngok-wang/extension/ClubLoans/?as_of=2025-06-15"
    cell = '<td class="le-num" data-sort-value="{}" data-field="outstanding">'
    assert cell.format(1250000) in client.get(url).get_data(as_text=True)
    with book.open("a", encoding="utf-8") as handle:
        handle.write(REPAYMENT)
    next(iter(app.config["LEDGERS"].items()))[1].load_file()
    assert cell.format(1000000) in client.get(url).get_data(as_text=True)
