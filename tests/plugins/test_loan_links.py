from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers import line_of

from ledger_engine.errors import LoanLinkError
from ledger_engine.loading import load_book

MEMBERS = """
2016-01-01 custom "member" "M001" "Hoa"
  gender: "F"
  born: 1950
2016-01-01 custom "member" "M002" "Lan"
  gender: "F"
  born: 1951
2016-01-01 open Assets:IGF:Loans:M001 VND
2016-01-01 open Assets:IGF:Loans:M002 VND
2016-01-01 custom "loan-policy" "standard"
  max_principal: 10000000 VND
  max_term: 24
  rate: 0.5
2020-01-01 * "Vốn"
  Assets:IGF:Cash            20000000 VND
  Equity:IGF:Capital:State  -20000000 VND
"""


def _link_errors(path: Path) -> list[LoanLinkError]:
    return [e for e in load_book(path).errors if isinstance(e, LoanLinkError)]


def test_disbursement_without_link_is_an_error(write_book: Callable[..., Path]) -> None:
    path = write_book(
        MEMBERS
        + """
2020-03-01 * "Hoa" "Vay không ghi mã"
  Assets:IGF:Loans:M001   1000000 VND
  Assets:IGF:Cash        -1000000 VND
"""
    )
    (error,) = _link_errors(path)
    assert error.source["lineno"] == line_of(path, "Vay không ghi mã")
    assert "the loans of member M001" in error.message


def test_two_links_without_posting_metadata_is_an_error(
    write_book: Callable[..., Path],
) -> None:
    path = write_book(
        MEMBERS
        + """
2020-03-01 * "Vay hai khoản" ^L1 ^L2
  Assets:IGF:Loans:M001   1000000 VND
  Assets:IGF:Cash        -1000000 VND
"""
    )
    (error,) = _link_errors(path)
    assert "L1, L2" in error.message


def test_posting_metadata_ties_each_posting(write_book: Callable[..., Path]) -> None:
    path = write_book(
        MEMBERS
        + """
2020-03-01 * "Vay hai khoản" ^L1 ^L2
  Assets:IGF:Loans:M001   1000000 VND
    loan: "L1"
  Assets:IGF:Loans:M002   1000000 VND
    loan: "L2"
  Assets:IGF:Cash        -2000000 VND
"""
    )
    assert _link_errors(path) == []


def test_single_link_ties_the_posting(write_book: Callable[..., Path]) -> None:
    path = write_book(
        MEMBERS
        + """
2020-03-01 * "Hoa" "Vay" ^L2020-001
  term: 6
  Assets:IGF:Loans:M001   1000000 VND
  Assets:IGF:Cash        -1000000 VND
"""
    )
    assert _link_errors(path) == []
