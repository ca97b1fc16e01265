"""Club books for the loan tests (importable as ``loans.loanbooks``).

Every book has four members who joined on 2020-01-01 and 100,000,000 VND of state capital;
tests add a policy and transactions. A line ending in ``; <- error`` marks where a rule must
report, so expected locations are read from the ledger text itself.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from ledger_engine.book import ClubBook
from ledger_engine.errors import LedgerEngineError, LoanRuleError
from ledger_engine.loading import load_book

MARK = "; <- error"

HEADER = """\
option "title" "Loan test club"
option "operating_currency" "VND"
plugin "ledger_engine.plugins"

2020-01-01 custom "club" "KT-DH-998"
  name: "CLB thử nghiệm cho vay"
  province: "Kon Tum"
  district: "Đắk Hà"
  commune: "Ngọk Wang"
2020-01-01 open Assets:IGF:Cash VND
2020-01-01 open Assets:IGF:Loans:M001 VND
2020-01-01 open Assets:IGF:Loans:M002 VND
2020-01-01 open Assets:IGF:Loans:M003 VND
2020-01-01 open Assets:IGF:Loans:M004 VND
2020-01-01 open Equity:IGF:Capital:State VND
2020-01-01 open Income:IGF:Interest VND
2020-01-01 open Income:IGF:Penalties VND
2020-01-01 open Income:IGF:Recoveries VND
2020-01-01 open Expenses:IGF:Loan-Losses VND
2020-01-01 custom "member" "M001" "Nguyễn Thị Hoa"
  gender: "F"
  born: 1952
  ethnicity: "Kinh"
  household: "poor"
2020-01-01 custom "member" "M002" "A Thút"
  gender: "M"
  born: 1985
  ethnicity: "Xơ Đăng"
  household: "near-poor"
2020-01-01 custom "member" "M003" "Y Hlin"
  gender: "F"
  born: 1970
  ethnicity: "Ba Na"
  household: "none"
2020-01-01 custom "member" "M004" "Trần Văn Bình"
  gender: "M"
  born: 1950
  ethnicity: "Kinh"
  household: "none"
2020-01-01 * "Vốn nhà nước hỗ trợ"
  Assets:IGF:Cash            100000000 VND
  Equity:IGF:Capital:State
"""

#: The club regulation most tests use; ``policy(...)`` changes single lines of it.
POLICY = {
    "max_principal": "10000000 VND",
    "max_term": "24",
    "rate": "0.5",
    "method": '"flat"',
    "rounding": "1000 VND",
    "tolerance_days": "0",
    "max_active_loans": "1",
    "min_membership_days": "90",
}


def policy(date: str = "2020-01-01", **changes: str) -> str:
    fields = {**POLICY, **changes}
    lines = [f'{date} custom "loan-policy" "standard"']
    lines += [f"  {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


Body = str | Sequence[str]


def write(tmp_path: Path, body: Body, *, rules: str | None = None) -> Path:
    """The header, a policy (the standard one unless ``rules`` is given) and ``body``, whose
    parts are each dedented."""
    path = tmp_path / "club.beancount"
    parts = [body] if isinstance(body, str) else body
    text = HEADER + (policy() if rules is None else rules)
    text += "".join(textwrap.dedent(part) for part in parts)
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, body: Body, *, rules: str | None = None) -> tuple[Path, ClubBook]:
    """Write and load a book that Beancount itself accepts (only the club's rules may fail)."""
    path = write(tmp_path, body, rules=rules)
    book = load_book(path)
    beancount_errors = [e for e in book.errors if not isinstance(e, LedgerEngineError)]
    assert beancount_errors == [], beancount_errors
    return path, book


def marked_lines(path: Path) -> list[int]:
    text = path.read_text(encoding="utf-8")
    return [
        n for n, line in enumerate(text.splitlines(), 1) if line.rstrip().endswith(MARK)
    ]


def loan_errors(book: ClubBook) -> list[LoanRuleError]:
    return [e for e in book.errors if isinstance(e, LoanRuleError)]


def located(book: ClubBook) -> list[tuple[str, int]]:
    return sorted((e.source["filename"], e.source["lineno"]) for e in loan_errors(book))


# 1,200,000 VND flat over 12 months at 0.5 %: 100,000 principal + 6,000 interest a month,
# due on the 10th from February 2021.
LOAN_A = """
    2021-01-10 * "Nguyễn Thị Hoa" "Vay nuôi heo" ^A
      term: 12
      Assets:IGF:Loans:M001     1200000 VND
      Assets:IGF:Cash
    """


def expect_errors(
    tmp_path: Path, body: Body, *words: str, rules: str | None = None
) -> None:
    """Errors exactly at the lines marked ``; <- error``, each message naming ``words``."""
    path, book = load(tmp_path, body, rules=rules)
    assert located(book) == [(str(path), line) for line in marked_lines(path)]
    for error in loan_errors(book):
        for word in words:
            assert word in error.message


def expect_none(tmp_path: Path, body: Body, rules: str | None = None) -> None:
    """No loan rule fires."""
    _, book = load(tmp_path, body, rules=rules)
    assert loan_errors(book) == []
