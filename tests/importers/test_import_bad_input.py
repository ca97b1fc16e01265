"""Bad input: nothing is written, and every problem is listed as ``file:row: column: what``.

The books are copies of the sample club (importers/testdata/club.beancount) with the sample
member list and loans imported: members M001–M010 (M009 left on 29/02/2024), loans
L2024-001…006 of 35,000,000 VND in all, so 5,000,000 VND is left in Assets:IGF:Cash; the
policy allows at most 10,000,000 VND over at most 24 months.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from register_samples import store_cached_values

from importers.pipeline import import_documents
from ledger_engine.loading import load_book

LOANS = (
    "Ngày,Số phiếu,Mã khoản vay,Mã TV,Họ và tên,Số tiền,Kỳ hạn (tháng),"
    "Lãi suất (%/tháng),Phương thức,Mục đích"
)
REPAYMENTS = (
    "Ngày,Số phiếu,Mã khoản vay,Mã TV,Họ và tên,Tiền gốc,Tiền lãi,Tổng cộng,Ghi chú"
)
CASHBOOK = "Ngày,Số phiếu,Quỹ,Nội dung,Khoản mục,Thu,Chi,Ghi chú"
GOOD_LOAN = "01/08/2024,PC-2024-050,L2024-050,M004,Trần Văn Nam,3000000,12,,,Nuôi gà"

WriteCsv = Callable[..., Path]


def refused(book: Path, *documents: Path) -> list[str]:
    """The problems of an import that must write nothing; checks the book is untouched."""
    before = book.read_bytes()
    files = set(book.parent.iterdir())
    report = import_documents(book, documents)
    assert not report.written
    assert report.errors
    assert book.read_bytes() == before
    assert set(book.parent.iterdir()) <= files | {book.with_name(book.name + ".lock")}
    return [str(e) for e in report.errors]


def vouchers(book: Path) -> set[str]:
    return {str(e.meta["voucher"]) for e in load_book(book).entries if "voucher" in e.meta}


# --- cells -----------------------------------------------------------------------------------


def test_impossible_date(club_with_loans: Path, write_csv: WriteCsv) -> None:
    doc = write_csv(LOANS, GOOD_LOAN.replace("01/08/2024", "31/02/2024"))
    assert refused(club_with_loans, doc) == [
        f"{doc}:2: Ngày: '31/02/2024' is not a date: month 2/2024 has 29 days"
    ]


@pytest.mark.parametrize(
    "amount",
    ["3.000.000", '"3,000,000"', "3000000", "3.000.000 đ", '"3,000,000 VND"', "3 000 000"],
)
def test_every_amount_notation_reads_as_the_same_amount(
    club_with_loans: Path, write_csv: WriteCsv, amount: str
) -> None:
    doc = write_csv(LOANS, GOOD_LOAN.replace(",3000000,", f",{amount},"))
    report = import_documents(club_with_loans, [doc])
    assert report.written, [str(e) for e in report.errors]
    (loan,) = [
        e
        for e in load_book(club_with_loans).entries
        if "L2024-050" in getattr(e, "links", ())
    ]
    assert [p.units.number for p in loan.postings] == [3000000, -3000000]


@pytest.mark.parametrize("amount", ["3tr", "ba triệu", "3.00.000", "-3000000", "3000000.5"])
def test_garbage_amount(club_with_loans: Path, write_csv: WriteCsv, amount: str) -> None:
    doc = write_csv(LOANS, GOOD_LOAN.replace(",3000000,", f",{amount},"))
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Số tiền: ")


def test_every_bad_row_is_listed_with_its_own_row(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(
        LOANS,
        GOOD_LOAN,
        GOOD_LOAN.replace("PC-2024-050,L2024-050", "PC-2024-051,L2024-051").replace(
            "01/08/2024", "32/08/2024"
        ),
        GOOD_LOAN.replace("PC-2024-050,L2024-050", "PC-2024-052,L2024-052").replace(
            "3000000", "abc"
        ),
    )
    problems = refused(club_with_loans, doc)
    assert [p.split(": ")[0:2] for p in problems] == [
        [f"{doc}:3", "Ngày"],
        [f"{doc}:4", "Số tiền"],
    ]


# --- the book --------------------------------------------------------------------------------


def test_unknown_member(club_with_loans: Path, write_csv: WriteCsv) -> None:
    doc = write_csv(LOANS, GOOD_LOAN.replace("M004,Trần Văn Nam", "M099,"))
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Mã TV: M099 is not a member in the book")


def test_unknown_loan(club_with_loans: Path, write_csv: WriteCsv) -> None:
    doc = write_csv(REPAYMENTS, "05/08/2024,PT-2024-050,L2024-099,M001,,,,442000,")
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Mã khoản vay: no loan L2024-099 in the book")


def test_repayment_by_another_member(club_with_loans: Path, write_csv: WriteCsv) -> None:
    doc = write_csv(REPAYMENTS, "05/04/2024,PT-2024-050,L2024-001,M002,,,,442000,")
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Mã TV: M002, but loan L2024-001 was lent to M001")


def test_total_above_what_is_owed(club_with_loans: Path, write_csv: WriteCsv) -> None:
    # L2024-002 lent 3,000,000 on 05/03/2024 and nothing repaid yet.
    doc = write_csv(REPAYMENTS, "05/04/2024,PT-2024-050,L2024-002,M002,,,,4000000,")
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Tổng cộng: ")
    assert "more than the 3,000,000 VND still owed on loan L2024-002" in problem


def test_principal_above_what_is_owed_counts_earlier_rows(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(
        REPAYMENTS,
        "05/04/2024,PT-2024-050,L2024-002,M002,,2000000,15000,,",
        "05/05/2024,PT-2024-051,L2024-002,M002,,1500000,15000,,",
    )
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}:3: Tiền gốc: ")
    assert "more than the 1,000,000 VND still owed" in problem


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        (
            (",3000000,12,", ",2000000,36,"),
            "Kỳ hạn",
            "term 36 months exceeds the policy maximum 24",
        ),
        (
            ("M004,Trần Văn Nam", "M009,Phạm Thị Mai"),
            "Mã TV",
            "left the club on 2024-02-29",
        ),
        (
            (",3000000,", ",12000000,"),
            "Số tiền",
            "exceeds the policy maximum 10,000,000 VND",
        ),
    ],
    ids=["term", "membership", "principal"],
)
def test_a_loan_that_breaks_the_policy_is_placed_on_its_row(
    club_with_loans: Path,
    write_csv: WriteCsv,
    change: tuple[str, str],
    column: str,
    words: str,
) -> None:
    doc = write_csv(LOANS, GOOD_LOAN, GOOD_LOAN.replace("050", "051").replace(*change))
    problems = refused(club_with_loans, doc)
    assert any(p.startswith(f"{doc}:3: {column}: ") and words in p for p in problems)
    assert not any(p.startswith(f"{doc}:2:") for p in problems)


def test_cash_overdrawn_by_a_cashbook_row(club: Path, write_csv: WriteCsv) -> None:
    # The activity fund holds 1,500,000 VND.
    doc = write_csv(
        CASHBOOK, "10/02/2024,PC-2024-201,HĐ,Khám sức khỏe,Chăm sóc sức khỏe,,2000000,"
    )
    (problem,) = refused(club, doc)
    assert problem.startswith(
        f"{doc}:2: Chi: the activity fund's cash goes negative: -500,000 VND"
    )


def test_unknown_category(club: Path, write_csv: WriteCsv) -> None:
    doc = write_csv(CASHBOOK, "10/02/2024,PC-2024-201,HĐ,Tiền điện,Điện nước,,100000,")
    (problem,) = refused(club, doc)
    assert problem.startswith(f"{doc}:2: Khoản mục: 'Điện nước' is not a known category")


def test_category_of_the_other_fund(club: Path, write_csv: WriteCsv) -> None:
    doc = write_csv(CASHBOOK, "10/02/2024,PT-2024-201,TTN,Thu hội phí,Hội phí,100000,,")
    (problem,) = refused(club, doc)
    assert problem == (
        f"{doc}:2: Khoản mục: 'Hội phí' (Income:Activity:Fees) belongs to the HĐ fund, but "
        "the row is in the TTN fund (Quỹ)"
    )


# --- the document ----------------------------------------------------------------------------


def test_duplicate_voucher_within_a_document(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(LOANS, GOOD_LOAN, GOOD_LOAN.replace("L2024-050", "L2024-051"))
    assert refused(club_with_loans, doc) == [
        f"{doc}:3: Số phiếu: PC-2024-050 is already used on row 2"
    ]


def test_voucher_of_another_entry_in_the_book(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    doc = write_csv(LOANS, GOOD_LOAN.replace("PC-2024-050", "PC-2024-001"))
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(
        f"{doc}:2: Số phiếu: PC-2024-001 is already used by another entry"
    )


def test_missing_required_column(club_with_loans: Path, write_csv: WriteCsv) -> None:
    header = LOANS.replace(",Số tiền", "")
    doc = write_csv(header, GOOD_LOAN.replace(",3000000", ""))
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}:1: Số tiền: missing column")


def test_empty_rows_are_skipped_not_errors(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    # M009 was still a member on 15/01/2024 (she left on 29/02/2024).
    second = "15/01/2024,PC-2024-051,L2024-051,M009,,1000000,6,,,Nuôi gà"
    doc = write_csv(LOANS, GOOD_LOAN, ",,,,,,,,,", "  ,, ,,,,,,,", second)
    report = import_documents(club_with_loans, [doc])
    assert report.written, [str(e) for e in report.errors]
    assert [a.origin.row for a in report.added] == [2, 5]


def test_wrong_encoding(club_with_loans: Path, tmp_path: Path) -> None:
    doc = tmp_path / "loans.csv"
    doc.write_bytes(f"{LOANS}\n{GOOD_LOAN}\n".encode("utf-16-le"))
    (problem,) = refused(club_with_loans, doc)
    assert problem == (
        f"{doc}: looks like UTF-16 without a byte-order mark; save it as CSV UTF-8"
    )


def test_old_excel_file(club_with_loans: Path, tmp_path: Path) -> None:
    doc = tmp_path / "loans.xls"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert refused(club_with_loans, doc) == [
        f"{doc}: is an old Excel .xls file; save it as .xlsx or CSV"
    ]


def test_unknown_kind_of_document(club_with_loans: Path, write_csv: WriteCsv) -> None:
    doc = write_csv("Tên,Tuổi,Địa chỉ", "Hoa,70,Thôn 1")
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}: not a known register: headers Tên, Tuổi, Địa chỉ")


def test_one_bad_document_stops_the_good_ones(
    club_with_loans: Path, write_csv: WriteCsv
) -> None:
    good = write_csv(LOANS, GOOD_LOAN, name="good.csv")
    bad = write_csv(
        REPAYMENTS, "05/04/2024,PT-2024-050,L2024-099,M001,,,,442000,", name="bad.csv"
    )
    (problem,) = refused(club_with_loans, good, bad)
    assert problem.startswith(f"{bad}:2: Mã khoản vay:")


# --- workbooks -------------------------------------------------------------------------------


def _workbook(path: Path, amount: object, date: object = datetime.date(2024, 8, 1)) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(LOANS.split(","))
    sheet.append([date, "PC-2024-050", "L2024-050", "M004", "Trần Văn Nam", amount, "12"])
    book.save(path)
    return path


def test_formulas_are_read_as_their_saved_values(
    club_with_loans: Path, tmp_path: Path
) -> None:
    doc = _workbook(tmp_path / "loans.xlsx", "=1000000*3")
    store_cached_values(doc, {"F2": 3000000})
    report = import_documents(club_with_loans, [doc])
    assert report.written, [str(e) for e in report.errors]
    (entry,) = [a.entry for a in report.added]
    assert entry.postings[0].units.number == 3000000


def test_formula_without_a_saved_value(club_with_loans: Path, tmp_path: Path) -> None:
    doc = _workbook(tmp_path / "loans.xlsx", "=1000000*3")
    (problem,) = refused(club_with_loans, doc)
    assert problem.startswith(f"{doc}:2: Số tiền: cell F2 holds the formula =1000000*3")


def test_numbers_and_dates_typed_as_text(club_with_loans: Path, tmp_path: Path) -> None:
    doc = _workbook(tmp_path / "loans.xlsx", "3.000.000", "01/08/2024")
    report = import_documents(club_with_loans, [doc])
    assert report.written, [str(e) for e in report.errors]
    (entry,) = [a.entry for a in report.added]
    assert (entry.date, entry.meta["term"]) == (datetime.date(2024, 8, 1), 12)
    assert "PC-2024-050" in vouchers(club_with_loans)
