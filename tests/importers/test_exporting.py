"""The registers ``export`` writes from the example book books/examples/thon-1-ngok-wang,
read against the book's own text."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import ROOT

from importers.exporting import export_rows
from ledger_engine.book import ClubBook
from ledger_engine.loading import load_book

D = datetime.date
EXAMPLE = ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount"


@pytest.fixture(scope="module")
def example() -> ClubBook:
    return load_book(EXAMPLE)


def by_voucher(rows: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {row["voucher"]: row for row in rows}


def test_members_with_their_exit(example: ClubBook) -> None:
    rows, notes = export_rows("members", example)
    assert [r["code"] for r in rows] == [f"M{n:03d}" for n in range(1, 11)]
    (binh,) = [r for r in rows if r["code"] == "M002"]
    assert binh == {
        "code": "M002",
        "name": "Trần Văn Bình",
        "gender": "M",
        "born": 1948,
        "ethnicity": "Kinh",
        "household": "none",
        "joined": D(2016, 5, 1),
        "left": D(2025, 3, 1),
        "exit_reason": "moved",
    }
    assert notes == []


def test_loans_with_the_terms_their_disbursement_overrides(example: ClubBook) -> None:
    rows, notes = export_rows("loans", example)
    assert [r["loan"] for r in rows] == ["L2024-001", "L2024-002", "L2025-001"]
    assert by_voucher(rows)["PC-2025-001"] == {
        "date": D(2025, 2, 15),
        "voucher": "PC-2025-001",
        "loan": "L2025-001",
        "member": "M005",
        "name": "Lê Thị Mai",
        "amount": Decimal(6000000),
        "term": 6,
        "rate": None,
        "method": "equal-principal",
        "purpose": "trade",
    }
    assert notes == []


def test_repayments_with_both_parts(example: ClubBook) -> None:
    rows, _ = export_rows("repayments", example)
    assert len(rows) == 15
    assert by_voucher(rows)["PT-2024-012"] == {
        "date": D(2024, 11, 12),
        "voucher": "PT-2024-012",
        "loan": "L2024-002",
        "member": "M003",
        "name": "Y Hlin",
        "principal": Decimal(500000),
        "interest": Decimal(30000),
        "total": Decimal(530000),
        "note": "Trả nợ kỳ 4 và kỳ 5",
    }


def test_cashbook_names_categories_or_accounts(example: ClubBook) -> None:
    rows, notes = export_rows("cashbook", example)
    found = {
        v: (r["fund"], r["category"], r["receipt"], r["payment"])
        for v, r in by_voucher(rows).items()
    }
    assert found == {
        "PT-2024-001": ("igf", "Equity:IGF:Capital:Donor-HelpAge", Decimal(5000000), None),
        "PT-2024-002": ("activity", "Hội phí", Decimal(600000), None),
        "PC-2024-001": ("igf", "Gửi ngân hàng", None, Decimal(8000000)),
        "PC-2024-003": ("activity", "Chăm sóc sức khỏe", None, Decimal(400000)),
        "PC-2024-005": ("igf", "Trích lãi cho quỹ hoạt động", None, Decimal(22500)),
        "PC-2024-006": ("activity", "Văn hóa văn nghệ", None, Decimal(300000)),
        "PC-2024-007": ("igf", "Trích lãi cho quỹ hoạt động", None, Decimal(57000)),
        "PT-2025-002": ("activity", "Hội phí", Decimal(500000), None),
    }
    assert notes == []


def test_loans_brought_forward_are_left_out_and_counted(
    write_book: Callable[..., Path],
) -> None:
    book = write_book(
        """
        2016-01-01 custom "member" "M001" "Hoa"
          gender: "F"
          born: 1950
        2016-01-01 open Assets:IGF:Loans:M001 VND
        2016-01-01 open Equity:Opening-Balances VND
        2024-01-01 * "Hoa" "Số dư đầu kỳ khoản vay L2023-001" ^L2023-001
          Assets:IGF:Loans:M001   1000000 VND
          Equity:Opening-Balances  -1000000 VND
        """
    )
    rows, notes = export_rows("loans", load_book(book))
    assert rows == []
    assert notes == [
        "left out 1 loans (brought forward, not paid out in cash, or with terms such as "
        "grace) that the register cannot hold"
    ]
