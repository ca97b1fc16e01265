"""What single rows become, or why they are refused, against the sample club with its members
(M001–M010) and loans (L2024-001…006) imported."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from beancount.core import data

from importers.pipeline import ImportReport, import_documents

MEMBERS = "Mã TV,Họ và tên,Giới tính,Năm sinh,Dân tộc,Hộ,Ngày vào,Ngày ra,Lý do ra"
LOANS = "Ngày,Số phiếu,Mã khoản vay,Mã TV,Số tiền,Kỳ hạn,Mục đích"
REPAYMENTS = "Ngày,Số phiếu,Mã khoản vay,Mã TV,Tiền gốc,Tiền lãi,Tổng cộng,Ghi chú"

WriteCsv = Callable[..., Path]


def imported(book: Path, document: Path) -> ImportReport:
    report = import_documents(book, [document])
    assert report.written, [str(e) for e in report.errors]
    return report


def problems(book: Path, document: Path) -> list[str]:
    report = import_documents(book, [document])
    assert not report.written
    return [str(e) for e in report.errors]


def postings(report: ImportReport) -> list[tuple[str, Decimal]]:
    (added,) = report.added
    assert isinstance(added.entry, data.Transaction)
    return sorted((p.account, p.units.number) for p in added.entry.postings)


# --- members ---------------------------------------------------------------------------------


def test_exit_of_a_known_member_is_added_alone(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(
        MEMBERS, "M004,Trần Văn Nam,Nam,1985,Kinh,không,01/05/2016,15/09/2024,xin ra"
    )
    report = imported(club_with_loans, doc)
    (added,) = report.added
    assert isinstance(added.entry, data.Custom)
    assert (added.entry.type, [v.value for v in added.entry.values]) == (
        "member-exit",
        ["M004", "withdrew"],
    )
    (skipped,) = [s for x in report.extractions for s in x.skipped]
    assert skipped.reason.startswith("member M004 Trần Văn Nam is already in the book")


def test_a_name_typed_without_diacritics_is_the_same_member(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(MEMBERS, "M004,tran van nam,Nam,1985,Kinh,không,01/05/2016,,")
    report = import_documents(club_with_loans, [doc])
    assert (report.errors, report.added) == ([], [])


def test_a_code_of_another_person_is_refused(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(MEMBERS, "M004,Y Bình,Nữ,1955,Ba Na,nghèo,01/05/2016,,")
    (problem,) = problems(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Họ và tên: M004 is Trần Văn Nam in the book")


def test_another_joining_date_is_refused(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(MEMBERS, "M004,Trần Văn Nam,Nam,1985,Kinh,không,01/06/2016,,")
    (problem,) = problems(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Ngày vào: 01/06/2016, but the book has M004")


# --- loans -----------------------------------------------------------------------------------


def test_loan_id_already_in_the_book(club_with_loans: Path, write_csv: WriteCsv) -> None:
    doc = write_csv(LOANS, "01/08/2024,PC-2024-050,L2024-001,M004,1000000,6,Nuôi gà")
    (problem,) = problems(club_with_loans, doc)
    assert problem.startswith(
        f"{doc}:2: Mã khoản vay: L2024-001 is already a loan in the book"
    )


def test_blank_term_and_rate_leave_the_policy_to_decide(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(LOANS, "01/08/2024,PC-2024-050,L2024-050,M004,1000000,,")
    (added,) = imported(club_with_loans, doc).added
    assert not {"term", "rate", "method", "purpose"} & set(added.entry.meta)
    assert added.entry.narration == "Vay vốn quỹ tăng thu nhập"


# --- repayments ------------------------------------------------------------------------------


def test_interest_alone_posts_nothing_to_the_loans_account(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(
        REPAYMENTS, "20/07/2024,PT-2024-050,L2024-005,M008,0,50000,50000,Lãi kỳ 1"
    )
    assert postings(imported(club_with_loans, doc)) == [
        ("Assets:IGF:Cash", 50000),
        ("Income:IGF:Interest", -50000),
    ]


def test_total_and_interest_give_the_principal(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(REPAYMENTS, "05/04/2024,PT-2024-050,L2024-001,M001,,25000,442000,")
    assert postings(imported(club_with_loans, doc)) == [
        ("Assets:IGF:Cash", 442000),
        ("Assets:IGF:Loans:M001", -417000),
        ("Income:IGF:Interest", -25000),
    ]


def test_later_rows_are_split_after_earlier_ones(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    # L2024-001: 5,000,000 over 12 months flat at 0.5 %: 417,000 + 25,000 a month. The first
    # row pays installment 1 in full; the second, on installment 2's due date, pays its
    # interest first: 25,000 interest and 75,000 principal.
    doc = write_csv(
        REPAYMENTS,
        "05/04/2024,PT-2024-050,L2024-001,M001,,,442000,",
        "05/05/2024,PT-2024-051,L2024-001,M001,,,100000,",
    )
    report = imported(club_with_loans, doc)
    second = report.added[1].entry
    assert isinstance(second, data.Transaction)
    assert sorted((p.account, p.units.number) for p in second.postings) == [
        ("Assets:IGF:Cash", 100000),
        ("Assets:IGF:Loans:M001", -75000),
        ("Income:IGF:Interest", -25000),
    ]


def test_repayment_before_the_loan(club_with_loans: Path, write_csv: WriteCsv) -> None:
    doc = write_csv(REPAYMENTS, "01/03/2024,PT-2024-050,L2024-001,M001,,,442000,")
    (problem,) = problems(club_with_loans, doc)
    assert problem == (
        f"{doc}:2: Ngày: 01/03/2024 is before loan L2024-001 was disbursed on 05/03/2024"
    )


def test_repayment_of_a_written_off_loan(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    with club_with_loans.open("a", encoding="utf-8") as book:
        book.write(
            "\n2016-05-01 open Expenses:IGF:Loan-Losses VND\n"
            '2024-07-01 * "Xóa nợ" #write-off ^L2024-002\n'
            "  Expenses:IGF:Loan-Losses  3000000 VND\n"
            "  Assets:IGF:Loans:M002    -3000000 VND\n"
        )
    doc = write_csv(REPAYMENTS, "05/08/2024,PT-2024-050,L2024-002,M002,,,100000,")
    (problem,) = problems(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Mã khoản vay: loan L2024-002 is written off")
