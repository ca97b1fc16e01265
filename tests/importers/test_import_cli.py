"""The import, export and record commands: what they print, write and refuse."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount.core import data
from click.testing import CliRunner
from register_samples import HERE

from importers.rows import read_register
from ledger_engine.append import book_lock
from ledger_engine.cli import main
from ledger_engine.loading import load_book

SAMPLES = {kind: HERE / kind / "testdata" / f"{kind}.csv" for kind in ("members", "loans")}
LEDGER_ENGINE = Path(sys.executable).with_name("ledger-engine")


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def transactions(book: Path) -> dict[str, data.Transaction]:
    """The book's transactions by voucher."""
    return {
        str(e.meta["voucher"]): e
        for e in load_book(book).entries
        if isinstance(e, data.Transaction) and "voucher" in e.meta
    }


# --- import ----------------------------------------------------------------------------------


def test_import_reports_added_rows_and_writes_them(club: Path) -> None:
    result = run("import", club, SAMPLES["members"])
    assert result.exit_code == 0, result.output
    assert (
        "members.csv: Danh sách thành viên (members), 13 to add, 0 already" in result.output
    )
    assert "  + row 2: 01/05/2016 member M001 Nguyễn Thị Hoa" in result.output
    assert "  + row 7: 01/08/2023 member-exit M006 moved" in result.output
    assert f"Entries added to {club}: 13." in result.output
    assert len(load_book(club).registry.members) == 10


def test_import_reports_skipped_rows(club_with_loans: Path) -> None:
    before = club_with_loans.read_bytes()
    result = run("import", club_with_loans, SAMPLES["loans"])
    assert result.exit_code == 0
    assert (
        "  = row 2: skipped, Số phiếu PC-2024-001 is already in the book" in result.output
    )
    assert "Nothing new to add" in result.output
    assert club_with_loans.read_bytes() == before


def test_documents_are_imported_members_first_whatever_their_order(club: Path) -> None:
    result = run("import", club, SAMPLES["loans"], SAMPLES["members"])
    assert result.exit_code == 0, result.output
    assert {f"PC-2024-00{n}" for n in range(1, 7)} <= set(transactions(club))


def test_dry_run_writes_nothing_and_shows_the_entries(club: Path) -> None:
    before = club.read_bytes()
    result = run("import", "--dry-run", club, SAMPLES["members"])
    assert result.exit_code == 0
    assert club.read_bytes() == before
    assert f"Dry run: entries that would be added to {club}: 13" in result.output
    assert '2016-05-01 custom "member" "M001" "Nguyễn Thị Hoa"' in result.output


def test_import_problems_go_to_stderr_and_exit_1(club: Path) -> None:
    result = run("import", club, SAMPLES["loans"])
    assert result.exit_code == 1
    assert "Nothing was written" in result.stderr
    assert f"{SAMPLES['loans']}:2: Mã TV: M001 is not a member in the book" in result.stderr
    # The sample loans register has six rows, and the bare club has no members at all.
    assert "rows good: 0, already in the book: 0, with problems: 6" in result.stdout


def test_appended_block_follows_the_book_after_a_blank_line(club: Path) -> None:
    before = club.read_text(encoding="utf-8")
    assert run("import", club, SAMPLES["members"]).exit_code == 0
    after = club.read_text(encoding="utf-8")
    assert after.startswith(
        before + "\n; Imported from members.csv (Danh sách thành viên)\n"
    )
    assert after.endswith("\n") and not after.endswith("\n\n")


# --- record ----------------------------------------------------------------------------------


def test_record_loan_takes_the_next_free_loan_id_and_voucher(club_with_loans: Path) -> None:
    result = run(
        "record", "loan", club_with_loans, "--member", "m004", "--amount", "2.000.000",
        "--date", "01/08/2024", "--term", "12", "--purpose", "Nuôi gà",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    entry = transactions(club_with_loans)["PC-2024-007"]
    assert entry.links == {"L2024-007"}
    assert entry.meta["term"] == 12 and "source_file" not in entry.meta
    assert [(p.account, p.units.number) for p in entry.postings] == [
        ("Assets:IGF:Loans:M004", 2000000),
        ("Assets:IGF:Cash", -2000000),
    ]


def test_record_repayment_is_split_by_the_allocation_rule(club_with_loans: Path) -> None:
    # L2024-002: 3,000,000 over the policy's 24 months, flat 0.5 %/month, rounded to 1,000:
    # each installment 125,000 principal + 15,000 interest. 200,000 paid on 05/04/2024 pays
    # installment 1 (15,000 + 125,000), then installment 2's interest (15,000); the last
    # 45,000 is principal: 170,000 principal and 30,000 interest.
    result = run(
        "record", "repayment", club_with_loans, "--loan", "L2024-002", "--amount", "200000",
        "--date", "2024-04-05",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    entry = transactions(club_with_loans)["PT-2024-001"]
    assert sorted((p.account, p.units.number) for p in entry.postings) == [
        ("Assets:IGF:Cash", Decimal(200000)),
        ("Assets:IGF:Loans:M002", Decimal(-170000)),
        ("Income:IGF:Interest", Decimal(-30000)),
    ]
    assert (entry.payee, entry.narration) == ("A Thút", "Trả nợ")


def test_record_problems_name_the_options(club_with_loans: Path) -> None:
    before = club_with_loans.read_bytes()
    result = run(
        "record", "loan", club_with_loans, "--member", "M004", "--amount", "12000000",
        "--date", "2024-01-10", "--term", "abc",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "command line: --term: 'abc' is not a whole number" in result.stderr
    assert club_with_loans.read_bytes() == before


def test_record_loan_breaking_the_policy_is_refused(club_with_loans: Path) -> None:
    before = club_with_loans.read_bytes()
    result = run(
        "record", "loan", club_with_loans, "--member", "M004", "--amount", "12000000",
        "--date", "2024-01-10",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "command line: --amount: Loan L2024-007 (M004 Trần Văn Nam): principal" in (
        result.stderr
    )
    assert club_with_loans.read_bytes() == before


def test_record_repayment_of_an_unknown_loan(club_with_loans: Path) -> None:
    result = run(
        "record", "repayment", club_with_loans, "--loan", "L2030-001", "--amount", "1"
    )
    assert result.exit_code == 1
    assert "command line: --loan: no loan L2030-001 in the book" in result.stderr


def test_record_rejects_an_impossible_date(club_with_loans: Path) -> None:
    result = run(
        "record", "repayment", club_with_loans, "--loan", "L2024-002", "--amount", "1000",
        "--date", "30/02/2024",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "month 2/2024 has 29 days" in result.output


# --- export ----------------------------------------------------------------------------------


def test_export_writes_the_register_import_reads(
    club_with_loans: Path, tmp_path: Path
) -> None:
    out = tmp_path / "loans.xlsx"
    result = run("export", "loans", club_with_loans, out)
    assert result.exit_code == 0, result.output
    register = read_register(out)
    assert register.errors == ()
    assert [r.model_dump()["voucher"] for r in register.rows] == [
        f"PC-2024-00{n}" for n in range(1, 7)
    ]


def test_export_refuses_to_overwrite(club: Path, tmp_path: Path) -> None:
    out = tmp_path / "members.csv"
    out.write_text("keep me", encoding="utf-8")
    result = run("export", "members", club, out)
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "keep me"


# --- two writers -----------------------------------------------------------------------------


def _import_process(book: Path, document: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(LEDGER_ENGINE), "import", str(book), str(document)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_an_import_waits_for_the_book_lock(club: Path) -> None:
    with book_lock(club):
        process = _import_process(club, SAMPLES["members"])
        time.sleep(1.5)
        assert process.poll() is None, "the import ran while another writer held the lock"
    assert process.wait(timeout=60) == 0
    assert len(load_book(club).registry.members) == 10


def test_two_imports_at_once_both_land_whole(
    club_with_loans: Path, write_csv: Callable[..., Path]
) -> None:
    header = "Ngày,Số phiếu,Quỹ,Nội dung,Khoản mục,Thu,Chi,Ghi chú"
    first = write_csv(
        header, "10/01/2024,PT-2024-301,HĐ,Hội phí,Hội phí,100000,,", name="a.csv"
    )
    second = write_csv(
        header, "11/01/2024,PT-2024-302,HĐ,Ủng hộ,Ủng hộ,200000,,", name="b.csv"
    )
    processes = [_import_process(club_with_loans, d) for d in (first, second)]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    assert {"PT-2024-301", "PT-2024-302"} <= set(transactions(club_with_loans))
    assert run("check", club_with_loans).exit_code == 0
