"""A treasurer's bad day: a book that already has errors, dates in the future, a record
without a date. Each case shows its message and leaves the book's bytes as they were."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from register_samples import HERE

from ledger_engine.cli import common as cli_common
from ledger_engine.cli import main

MEMBERS = HERE / "members" / "testdata" / "members.csv"
LOANS = HERE / "loans" / "testdata" / "loans.csv"


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- a book that already fails check -----------------------------------------------------


def test_a_book_with_errors_takes_nothing_and_its_errors_come_first(club: Path) -> None:
    with club.open("a", encoding="utf-8") as handle:
        handle.write('\n2016-06-01 * "Chi sai"\n  Assets:IGF:Cash  -99000000000 VND\n'
                     "  Expenses:Activity:Health  99000000000 VND\n")  # fmt: skip
    lines = club.read_text(encoding="utf-8").count("\n")
    before = sha256(club)
    result = run("import", club, MEMBERS)
    assert result.exit_code == 1
    first, second = result.stderr.splitlines()[:2]
    assert first.startswith(f"{club} already has errors; nothing was written")
    assert second.startswith(f"{club}:{lines - 2}:")
    assert sha256(club) == before


def test_an_unclosed_quote_in_the_book_blames_the_book_not_a_row(club: Path) -> None:
    with club.open("a", encoding="utf-8") as handle:
        handle.write('\n2016-06-01 * "Unclosed narration\n  Assets:IGF:Cash 1 VND\n')
    before = sha256(club)
    result = run("import", club, MEMBERS)
    assert result.exit_code == 1
    assert f"{club} already has errors; nothing was written" in result.stderr
    assert f"{club}:" in result.stderr
    assert str(MEMBERS) not in result.stderr
    assert sha256(club) == before


def test_a_record_into_a_book_with_errors_writes_nothing(club_with_loans: Path) -> None:
    with club_with_loans.open("a", encoding="utf-8") as handle:
        handle.write('\n2024-08-01 custom "member" "M099"\n')
    before = sha256(club_with_loans)
    result = run(
        "record", "repayment", club_with_loans, "--loan", "L2024-001", "--amount",
        "442.000", "--date", "05/08/2024",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "already has errors; nothing was written" in result.stderr
    assert sha256(club_with_loans) == before


def test_an_import_that_makes_the_book_whole_is_written(club: Path) -> None:
    # A loan whose borrower is missing fails check; importing the member list mends it.
    with club.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n2024-03-05 * "Nguyễn Thị Hoa" "Vay" ^L2024-001\n'
            "  Assets:IGF:Loans:M001  1000000 VND\n  Assets:IGF:Cash  -1000000 VND\n"
            "2016-05-01 open Assets:IGF:Loans:M001 VND\n"
        )
    assert run("check", club).exit_code == 1
    result = run("import", club, MEMBERS)
    assert result.exit_code == 0, result.output
    assert run("check", club).exit_code == 0


# --- dates after the day of the import ---------------------------------------------------


@pytest.fixture
def today_is(monkeypatch: pytest.MonkeyPatch) -> Any:
    import datetime

    def fix(day: datetime.date) -> None:
        monkeypatch.setattr(cli_common, "today", lambda: day)
        import ledger_engine.cli.importing as importing
        import ledger_engine.cli.record as record

        monkeypatch.setattr(importing, "today", lambda: day)
        monkeypatch.setattr(record, "today", lambda: day)

    return fix


def test_a_row_dated_after_today_is_refused(
    club: Path, write_csv: Any, today_is: Any
) -> None:
    import datetime

    today_is(datetime.date(2024, 1, 31))
    path = write_csv(
        "Ngày,Số phiếu,Quỹ,Nội dung,Khoản mục,Thu,Chi",
        "20/01/2024,PT-2024-001,HĐ,Hội phí,Hội phí,520000,",
        "20/01/2030,PT-2030-001,HĐ,Hội phí,Hội phí,520000,",
    )
    before = sha256(club)
    result = run("import", club, path)
    assert result.exit_code == 1
    assert (
        f"{path}:3: Ngày: 20/01/2030 is after today (31/01/2024); a register records what "
        "has already happened (if the date is right, use --allow-future)" in result.stderr
    )
    assert f"{path}:2" not in result.stderr
    assert sha256(club) == before
    allowed = run("import", "--allow-future", club, path)
    assert allowed.exit_code == 0, allowed.output


def test_a_member_joining_in_the_future_is_refused(
    club: Path, write_csv: Any, today_is: Any
) -> None:
    import datetime

    today_is(datetime.date(2024, 1, 31))
    before = sha256(club)
    result = run(
        "record", "member", club, "--code", "M050", "--name", "Lê Thị Mai", "--gender",
        "F", "--born", "1958", "--joined", "2024-02-01",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "--joined: 01/02/2024 is after today (31/01/2024)" in result.stderr
    assert sha256(club) == before


def test_record_without_date_says_which_date_it_used(
    club_with_loans: Path, today_is: Any
) -> None:
    import datetime

    today_is(datetime.date(2024, 8, 5))
    result = run("record", "repayment", club_with_loans, "--loan", "L2024-001",
                 "--amount", "442.000")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "No --date given: the entry is dated today, 05/08/2024."
    )
    assert "05/08/2024 PT-2024-001" in result.output or "05/08/2024" in result.output


# --- record member, record capital, new-club ---------------------------------------------


def test_record_member_adds_a_member(club: Path) -> None:
    result = run(
        "record", "member", club, "--code", "M050", "--name", "Lê Thị Mai", "--gender",
        "F", "--born", "1958", "--ethnicity", "Kinh", "--household", "near-poor",
        "--joined", "02/01/2024",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = club.read_text(encoding="utf-8")
    assert '2024-01-02 custom "member" "M050" "Lê Thị Mai"' in text
    assert 'household: "near-poor"' in text and 'gender: "F"' in text
    again = run(
        "record", "member", club, "--code", "M050", "--name", "Lê Thị Mai", "--gender",
        "F", "--born", "1958", "--joined", "02/01/2024",
    )  # fmt: skip
    assert "1 already in the book" in again.output


def test_record_member_with_a_bad_gender_names_the_option(club: Path) -> None:
    before = sha256(club)
    result = run(
        "record", "member", club, "--code", "M050", "--name", "Lê Thị Mai", "--gender",
        "X", "--born", "1958", "--joined", "02/01/2024",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "command line: --gender: 'X' is not one of" in result.stderr
    assert sha256(club) == before


def test_record_capital_opens_the_equity_account_and_posts_cash(club: Path) -> None:
    result = run(
        "record", "capital", club, "--source", "Donor-HelpAge", "--amount", "20.000.000",
        "--date", "05/01/2024",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = club.read_text(encoding="utf-8")
    assert "open Equity:IGF:Capital:Donor-HelpAge" in text
    assert '2024-01-05 * "Vốn tài trợ HelpAge"' in text
    words = " ".join(text.split())
    assert "Assets:IGF:Cash 20000000 VND" in words
    assert "Equity:IGF:Capital:Donor-HelpAge -20000000 VND" in words
    assert run("check", club).exit_code == 0


def test_record_capital_into_the_bank(club: Path) -> None:
    result = run(
        "record", "capital", club, "--source", "State", "--amount", "5000000", "--date",
        "2024-01-05", "--into", "bank", "--voucher", "PT-NH-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = club.read_text(encoding="utf-8")
    assert 'voucher: "PT-NH-01"' in text
    assert "Assets:IGF:Bank" in text and "Equity:IGF:Capital:State" in text


def test_record_capital_from_an_unknown_source_is_refused(club: Path) -> None:
    before = sha256(club)
    result = run("record", "capital", club, "--source", "donor", "--amount", "5000000",
                 "--date", "2024-01-05")  # fmt: skip
    assert result.exit_code == 1
    assert (
        "command line: --source: 'donor' is not a source of capital; write State, Members "
        "or Donor-<Name>" in result.stderr
    )
    assert sha256(club) == before


def test_new_club_ends_with_the_next_three_steps(tmp_path: Path) -> None:
    out = tmp_path / "thon-5.beancount"
    result = run(
        "new-club", out, "--code", "KT-DH-050", "--name", "CLB thôn 5", "--province",
        "Kon Tum", "--commune", "Hà Mòn", "--founded", "2025-03-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "ledger-engine record capital" in lines[1]
    assert "ledger-engine record member" in lines[2]
    assert "ledger-engine record loan" in lines[3]


def test_new_club_speaks_vietnamese_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_LANG", "vi")
    out = tmp_path / "thon-5.beancount"
    result = run(
        "new-club", out, "--code", "KT-DH-050", "--name", "CLB thôn 5", "--province",
        "Kon Tum", "--commune", "Hà Mòn", "--founded", "2025-03-01",
    )  # fmt: skip
    assert "vốn" in result.output.lower()
