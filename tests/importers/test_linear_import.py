"""Totals split row by row with each loan's allocation carried forward give exactly what
allocating every earlier repayment again for each row gives (the rule of SPEC §3)."""

from __future__ import annotations

import csv
import datetime
import random
from bisect import bisect_right
from decimal import Decimal
from pathlib import Path

from beancount.core import data

from importers.pipeline import import_documents
from importers.state import BookState
from ledger_engine.loading import load_book
from ledger_engine.loans.allocation import Payment, allocate
from ledger_engine.loans.schedule import Installment

LOANS = 20
ROWS = 2_000
PRINCIPAL = 10_000_000
START = datetime.date(2024, 1, 10)

HEAD = """option "title" "Linear"
option "operating_currency" "VND"
plugin "ledger_engine.plugins"

2020-01-01 custom "club" "LIN-001"
  name: "CLB"
  province: "Kon Tum"
  district: "Đắk Hà"
  commune: "Ngọk Wang"
2020-01-01 open Assets:IGF:Cash VND
2020-01-01 open Equity:IGF:Capital:State VND
2020-01-01 open Income:IGF:Interest VND
2020-01-01 custom "loan-policy" "standard"
  max_principal: 10000000 VND
  max_term: 24
  rate: 0.5
  method: "declining"
  rounding: 1000 VND
  max_active_loans: 1
  min_membership_days: 90
2020-01-02 * "Vốn"
  Assets:IGF:Cash  1000000000 VND
  Equity:IGF:Capital:State  -1000000000 VND
"""


def _book(folder: Path) -> Path:
    parts = [HEAD]
    for n in range(1, LOANS + 1):
        parts.append(
            f'2020-01-05 custom "member" "M{n:03d}" "TV {n}"\n  gender: "F"\n  born: 1955\n'
            f"2020-01-05 open Assets:IGF:Loans:M{n:03d} VND\n"
            f'{START} * "TV {n}" "Vay" ^L{n:03d}\n'
            f"  Assets:IGF:Loans:M{n:03d}  {PRINCIPAL} VND\n"
            f"  Assets:IGF:Cash  -{PRINCIPAL} VND\n"
        )
    book = folder / "club.beancount"
    book.write_text("\n".join(parts), encoding="utf-8")
    return book


def _register(folder: Path) -> tuple[Path, set[str]]:
    """2,000 rows over 20 loans in no order; most give only a total, some both parts.

    Returns the register and the vouchers of the rows that give both parts.
    """
    chance = random.Random(20241203)
    rows = []
    explicit = set()
    for index in range(ROWS):
        loan = chance.randint(1, LOANS)
        day = START + datetime.timedelta(days=chance.randint(0, 700))
        total = chance.choice([5_000, 20_000, 43_000, 60_000, 120_000])
        voucher = f"PT-{index:05d}"
        parts = ("", "")
        if chance.random() < 0.1:
            parts = (str(total - 1_000), "1000")
            explicit.add(voucher)
        rows.append(
            [f"{day:%d/%m/%Y}", voucher, f"L{loan:03d}", f"M{loan:03d}", *parts, str(total)]
        )
    path = folder / "so-thu-no.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Ngày",
                "Số phiếu",
                "Mã khoản vay",
                "Mã TV",
                "Tiền gốc",
                "Tiền lãi",
                "Tổng cộng",
            ]
        )
        writer.writerows(rows)
    return path, explicit


def _split_from_scratch(
    schedule: tuple[Installment, ...],
    before: list[Payment],
    amount: Decimal,
    on: datetime.date,
) -> tuple[Decimal, Decimal]:
    """The rule as first written: allocate everything before, then walk the window."""
    states = allocate(schedule, before)
    window = min(bisect_right([s.due for s in schedule], on) + 1, len(schedule))
    interest = Decimal(0)
    left = amount
    for state in states[:window]:
        if left <= 0:
            break
        take = min(left, state.interest_due)
        interest += take
        left -= take + min(left - take, state.principal_due)
    return amount - interest, interest


def _posted(entry: data.Transaction, account: str) -> Decimal:
    return sum(
        (p.units.number for p in entry.postings if p.account.startswith(account)),
        Decimal(0),
    )


def test_a_2000_row_register_splits_as_the_rule_computed_row_by_row(tmp_path: Path) -> None:
    book = _book(tmp_path)
    register, explicit = _register(tmp_path)
    report = import_documents(book, [register], dry_run=True)
    assert report.errors == [], report.errors[:3]
    loans = BookState.of(load_book(book)).loans
    added = [a.entry for a in report.added if isinstance(a.entry, data.Transaction)]
    assert len(added) == ROWS
    # Rows of one day keep the register's order: the order the rule sees them in.
    ordered = sorted(added, key=lambda e: (e.date, int(e.meta["source_row"])))
    paid: dict[str, list[Payment]] = {}
    compared = 0
    for entry in ordered:
        (loan_id,) = entry.links
        principal = -_posted(entry, "Assets:IGF:Loans:")
        interest = -_posted(entry, "Income:IGF:Interest")
        if entry.meta["voucher"] not in explicit:
            schedule = loans[loan_id].segments[0].schedule
            cash = _posted(entry, "Assets:IGF:Cash")
            assert (principal, interest) == _split_from_scratch(
                schedule, paid.get(loan_id, []), cash, entry.date
            ), entry.meta["voucher"]
            compared += 1
        paid.setdefault(loan_id, []).append(Payment(entry.date, principal, interest))
    assert compared > ROWS * 0.8
