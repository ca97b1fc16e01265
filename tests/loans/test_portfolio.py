"""Portfolio figures of tests/data/loans/portfolio.beancount, computed by hand.

As of 2021-06-30, period 2021-04-01 … 2021-06-30 (91 days):

- L1 (M001, woman, 69, poor, Kinh): 1,200,000; 5 of 12 installments of 100,000 + 6,000
  paid on their due dates (10th, Feb–Jun) → 700,000 outstanding, DPD 0.
- L2 (M002, man, 36, near-poor, Xơ Đăng): 600,000; 100,000 + 3,000 due on the 1st from
  March; only March paid → installments of Apr, May, Jun overdue: 300,000 + 9,000,
  DPD = 2021-06-30 − 2021-04-01 = 90; 500,000 outstanding; a 5,000 penalty paid in June.
- L3 (M003): 2,400,000; February's 200,000 + 12,000 paid, 2,200,000 written off on
  2021-04-30, 200,000 recovered on 2021-06-15 → off the books.
- L4 (M004, man, 71, Kinh): 3,000,000 lent on 2021-06-20, nothing due yet.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from helpers import ROOT

from ledger_engine.book import ClubBook
from ledger_engine.loading import load_book
from ledger_engine.loans.portfolio import Portfolio, club_portfolio, portfolio_of
from ledger_engine.targets import load_plan

BOOK = ROOT / "tests" / "data" / "loans" / "portfolio.beancount"
AS_OF = date(2021, 6, 30)
START = date(2021, 4, 1)
D = Decimal

OLDER_AGE = load_plan().t3.older_age
GLP = D(700000 + 500000 + 3000000)
# GLP at the end of 2021-03-31: L1 after two installments, L2 after one, L3 after one.
OPENING_GLP = D(1000000 + 500000 + 2200000)
AVERAGE_GLP = (OPENING_GLP + GLP) / 2


@pytest.fixture(scope="module")
def book() -> ClubBook:
    return load_book(BOOK)


@pytest.fixture(scope="module")
def figures(book: ClubBook) -> Portfolio:
    return club_portfolio(book, AS_OF, START, older_age=OLDER_AGE)


def test_book_is_clean(book: ClubBook) -> None:
    assert list(book.errors) == []


def test_glp_leaves_out_the_written_off_loan(figures: Portfolio) -> None:
    assert figures.glp == GLP
    assert figures.loans_outstanding == 3


def test_par_counts_whole_balances_of_late_loans(figures: Portfolio) -> None:
    # L2 is 90 days late: above 1 and 30, not above 90.
    assert (figures.par1, figures.par30, figures.par90) == (
        D(500000) / GLP,
        D(500000) / GLP,
        D(0),
    )
    assert figures.at_risk_30 == 500000  # the amount itself, not rebuilt from the ratio


def test_arrears_rate_is_overdue_principal_over_outstanding(figures: Portfolio) -> None:
    assert (figures.overdue_principal, figures.overdue_interest) == (300000, 9000)
    assert figures.arrears_rate == D(300000) / GLP


def test_on_time_collection_rate(figures: Portfolio) -> None:
    # Due in the period: L1 3 x 106,000 (all on time), L2 3 x 103,000 (none paid),
    # L3 212,000 on 2021-04-05 (unpaid; its later installments fall after the write-off).
    fell_due = 3 * 106000 + 3 * 103000 + 212000
    assert (figures.collected_on_time, figures.fell_due) == (3 * 106000, fell_due)
    assert figures.on_time_rate == D(318000) / D(839000)


def test_write_off_ratio_and_loan_loss_rate(figures: Portfolio) -> None:
    assert figures.average_glp == AVERAGE_GLP == D(3950000)
    assert figures.write_off_ratio == D(2200000) / AVERAGE_GLP
    assert figures.loan_loss_rate == D(2200000 - 200000) / AVERAGE_GLP


def test_portfolio_yield_is_annualised(figures: Portfolio) -> None:
    # Interest of L1's three installments and L2's penalty, over 91 days.
    assert (figures.interest_received, figures.penalties_received) == (18000, 5000)
    assert figures.portfolio_yield == D(23000) / AVERAGE_GLP * 365 / 91


def test_average_loan_size_of_the_period(figures: Portfolio) -> None:
    assert (figures.loans_disbursed, figures.disbursed) == (1, 3000000)
    assert figures.average_loan_size == 3000000


def test_borrower_groups(figures: Portfolio) -> None:
    assert figures.active_borrowers == 3  # M001, M002, M004
    groups = (
        figures.women,
        figures.older,
        figures.poor,
        figures.near_poor,
        figures.ethnic_minority,
    )
    assert [(g.active_borrowers, g.share) for g in groups] == [
        (1, D(1) / 3),  # M001
        (2, D(2) / 3),  # M001 and M004
        (1, D(1) / 3),  # M001 poor
        (1, D(1) / 3),  # M002 near-poor: a group of its own
        (1, D(1) / 3),  # M002
    ]


def test_older_borrowers_follow_the_plans_age(book: ClubBook) -> None:
    younger_plan = club_portfolio(book, AS_OF, START, older_age=200)
    assert younger_plan.older.active_borrowers == 0
    assert club_portfolio(book, AS_OF, START, older_age=0).older.active_borrowers == 3


def test_entries_after_the_date_are_ignored(book: ClubBook) -> None:
    # On 2021-06-19, L4 is not lent yet and L1's June installment is paid.
    earlier = club_portfolio(book, date(2021, 6, 19), START, older_age=OLDER_AGE)
    assert earlier.glp == 700000 + 500000
    assert earlier.active_borrowers == 2


def test_default_period_is_the_year_up_to_the_date(book: ClubBook) -> None:
    assert club_portfolio(book, AS_OF, older_age=OLDER_AGE).period_start == date(2020, 7, 1)


def test_ratios_without_a_denominator_are_none() -> None:
    empty = portfolio_of([], {}, AS_OF, older_age=OLDER_AGE)
    assert (empty.glp, empty.par30, empty.on_time_rate, empty.portfolio_yield) == (
        0,
        None,
        None,
        None,
    )
    assert empty.women.share is None
