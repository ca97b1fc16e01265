"""Validating whole documents into typed rows: every bad row reported, never a crash."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.document import Document, RawRow
from importers.kinds import KINDS, Fund
from importers.rows import (
    CashbookRow,
    LoanRow,
    MemberRow,
    RepaymentRow,
    read_register,
    validate,
)
from importers.values import RowError
from ledger_engine.registry import ExitReason, Gender, Household, Method

D = datetime.date


def _document(kind: str, *rows: dict[str, Any]) -> Document:
    raw = tuple(RawRow(number, dict(cells)) for number, cells in enumerate(rows, start=2))
    headers = tuple(c.name for c in KINDS[kind].columns)
    return Document("so.csv", KINDS[kind], 1, headers, raw)


def _loan(voucher: str = "PC-2024-001", **cells: Any) -> dict[str, Any]:
    return {
        "Ngày": "05/03/2024",
        "Số phiếu": voucher,
        "Mã khoản vay": "L2024-001",
        "Mã TV": "M001",
        "Họ và tên": "Nguyễn Thị Hoa",
        "Số tiền": "5.000.000 đ",
        **cells,
    }


def _repayment(**cells: Any) -> dict[str, Any]:
    return {
        "Ngày": "05/04/2024",
        "Số phiếu": "PT-2024-001",
        "Mã khoản vay": "L2024-001",
        "Mã TV": "M001",
        **cells,
    }


def _cash(**cells: Any) -> dict[str, Any]:
    return {
        "Ngày": "20/01/2024",
        "Số phiếu": "PT-2024-102",
        "Quỹ": "HĐ",
        "Nội dung": "Thu hội phí",
        **cells,
    }


def _messages(document: Document) -> list[str]:
    rows, errors = validate(document)
    assert rows == [] or errors
    return [str(e) for e in errors]


# --- typed rows ----------------------------------------------------------------------------


def test_loan_row_is_typed() -> None:
    document = _document(
        "loans",
        _loan(
            **{
                "Kỳ hạn": "12",
                "Lãi suất": "0,5",
                "Phương thức": "lãi phẳng",
                "Mục đích": "Nuôi heo",
            }
        ),
    )
    assert validate(document) == (
        [
            LoanRow(
                row=2,
                date=D(2024, 3, 5),
                voucher="PC-2024-001",
                loan="L2024-001",
                member="M001",
                name="Nguyễn Thị Hoa",
                amount=Decimal(5000000),
                term=12,
                rate=Decimal("0.5"),
                method=Method.FLAT,
                purpose="Nuôi heo",
            )
        ],
        [],
    )


def test_blank_term_rate_and_method_are_left_to_the_policy() -> None:
    [row], _ = validate(_document("loans", _loan() | {"Kỳ hạn": "", "Lãi suất": None}))
    assert isinstance(row, LoanRow)
    assert (row.term, row.rate, row.method) == (None, None, None)


def test_member_row_with_exit() -> None:
    cells = {
        "Mã TV": "M006",
        "Họ và tên": "Lê Thị Thu",
        "Giới tính": "Nữ",
        "Năm sinh": "1990",
        "Dân tộc": "Kinh",
        "Hộ": "không",
        "Ngày vào": "10/01/2018",
        "Ngày ra": "01/08/2023",
        "Lý do ra": "chuyển đi",
    }
    assert validate(_document("members", cells))[0] == [
        MemberRow(
            row=2,
            code="M006",
            name="Lê Thị Thu",
            gender=Gender.F,
            born=1990,
            ethnicity="Kinh",
            household=Household.NONE,
            joined=D(2018, 1, 10),
            left=D(2023, 8, 1),
            exit_reason=ExitReason.MOVED,
        )
    ]


def test_english_exit_reasons_are_accepted() -> None:
    cells = {
        "Mã TV": "M007",
        "Họ và tên": "A Blong",
        "Giới tính": "Nam",
        "Năm sinh": 1944,
        "Ngày vào": "01/05/2016",
        "Ngày ra": "20/11/2022",
        "Lý do ra": "deceased",
    }
    [row], _ = validate(_document("members", cells))
    assert isinstance(row, MemberRow) and row.exit_reason is ExitReason.DECEASED


def test_cashbook_row_with_dash_in_the_unused_column() -> None:
    [row], errors = validate(_document("cashbook", _cash(Thu="520.000", Chi="-")))
    assert errors == []
    assert row == CashbookRow(
        row=2,
        date=D(2024, 1, 20),
        voucher="PT-2024-102",
        fund=Fund.ACTIVITY,
        content="Thu hội phí",
        receipt=Decimal(520000),
    )


# --- every bad row, once each ----------------------------------------------------------------


def test_every_bad_row_is_reported_not_only_the_first() -> None:
    document = _document(
        "loans",
        _loan("PC-1", **{"Số tiền": "ba triệu"}),
        _loan("PC-2"),
        _loan("PC-3", **{"Ngày": "31/02/2024"}),
    )
    rows, errors = validate(document)
    assert [r.row for r in rows] == [3]
    assert [(e.row, e.column) for e in errors] == [(2, "Số tiền"), (4, "Ngày")]


def test_all_problems_of_one_row_are_reported() -> None:
    document = _document(
        "loans", _loan(**{"Ngày": "hôm qua", "Số tiền": "-1", "Mã TV": ""})
    )
    assert {e.column for e in validate(document)[1]} == {"Ngày", "Số tiền", "Mã TV"}


def test_required_cell_left_blank() -> None:
    assert _messages(_document("loans", _loan(**{"Số phiếu": "  "}))) == [
        "so.csv:2: Số phiếu: empty; every row needs it"
    ]


def test_duplicate_voucher_is_reported_on_the_second_row_naming_the_first() -> None:
    document = _document(
        "loans", _loan("PC-2024-001"), _loan("PC-2024-002"), _loan("PC-2024-001")
    )
    rows, errors = validate(document)
    assert [r.row for r in rows] == [2, 3]
    assert [str(e) for e in errors] == [
        "so.csv:4: Số phiếu: PC-2024-001 is already used on row 2"
    ]


def test_duplicate_member_code_in_a_member_list() -> None:
    member = {
        "Mã TV": "M001",
        "Họ và tên": "Hoa",
        "Giới tính": "Nữ",
        "Năm sinh": 1952,
        "Ngày vào": "01/05/2016",
    }
    assert _messages(_document("members", member, member)) == [
        "so.csv:3: Mã TV: M001 is already used on row 2"
    ]


def test_zero_loan_is_an_error() -> None:
    assert _messages(_document("loans", _loan(**{"Số tiền": "0"}))) == [
        "so.csv:2: Số tiền: a loan of 0 VND lends nothing"
    ]


def test_exit_date_without_reason_and_reason_without_date() -> None:
    base = {
        "Mã TV": "M1",
        "Họ và tên": "Hoa",
        "Giới tính": "Nữ",
        "Năm sinh": 1952,
        "Ngày vào": "01/05/2016",
    }
    document = _document(
        "members",
        {**base, "Ngày ra": "01/08/2023"},
        {**base, "Mã TV": "M2", "Lý do ra": "mất"},
    )
    assert [(e.row, e.column) for e in validate(document)[1]] == [
        (2, "Lý do ra"),
        (3, "Ngày ra"),
    ]


def test_leaving_before_joining_and_born_after_joining() -> None:
    member = {
        "Mã TV": "M1",
        "Họ và tên": "Hoa",
        "Giới tính": "Nữ",
        "Năm sinh": 2017,
        "Ngày vào": "01/05/2016",
        "Ngày ra": "01/01/2015",
        "Lý do ra": "xin ra",
    }
    assert _messages(_document("members", member)) == [
        "so.csv:2: Ngày ra: 01/01/2015 is before Ngày vào 01/05/2016",
        "so.csv:2: Năm sinh: 2017 is after the year the member joined (2016)",
    ]


# --- repayments ------------------------------------------------------------------------------


def test_repayment_with_total_only_leaves_the_split_to_the_allocation_rule() -> None:
    [row], _ = validate(_document("repayments", _repayment(**{"Tổng cộng": "442.000"})))
    assert isinstance(row, RepaymentRow)
    assert (row.principal, row.interest, row.total) == (None, None, Decimal(442000))


def test_repayment_with_principal_and_interest_only() -> None:
    cells = _repayment(**{"Tiền gốc": "417.000", "Tiền lãi": "25.000"})
    [row], _ = validate(_document("repayments", cells))
    assert isinstance(row, RepaymentRow)
    assert (row.principal, row.interest, row.total) == (
        Decimal(417000),
        Decimal(25000),
        None,
    )


def test_repayment_parts_must_add_up_to_the_total() -> None:
    cells = _repayment(
        **{"Tiền gốc": "417.000", "Tiền lãi": "25.000", "Tổng cộng": "450.000"}
    )
    assert _messages(_document("repayments", cells)) == [
        "so.csv:2: Tổng cộng: 450,000 VND is not Tiền gốc 417,000 VND + Tiền lãi 25,000 VND "
        "= 442,000 VND"
    ]


def test_repayment_needs_a_total_or_both_parts() -> None:
    cells = _repayment(**{"Tiền gốc": "417.000"})
    assert _messages(_document("repayments", cells)) == [
        "so.csv:2: Tổng cộng: give the total, or both Tiền gốc and Tiền lãi"
    ]


def test_repayment_part_larger_than_total() -> None:
    cells = _repayment(**{"Tiền lãi": "25.000", "Tổng cộng": "20.000"})
    assert _messages(_document("repayments", cells)) == [
        "so.csv:2: Tiền lãi: 25,000 VND is more than Tổng cộng 20,000 VND"
    ]


# --- cashbook --------------------------------------------------------------------------------


def test_cashbook_row_with_both_receipt_and_payment() -> None:
    assert _messages(_document("cashbook", _cash(Thu="100.000", Chi="50.000"))) == [
        "so.csv:2: Chi: a row is either Thu or Chi, not both (Thu 100,000 VND, Chi 50,000 VND)"
    ]


def test_cashbook_row_with_neither() -> None:
    assert _messages(_document("cashbook", _cash(Thu="0", Chi=""))) == [
        "so.csv:2: Thu: give the amount received (Thu) or paid (Chi)"
    ]


def test_cashbook_fund_words() -> None:
    document = _document(
        "cashbook",
        _cash(Thu="1", **{"Quỹ": "Quỹ TTN"}),
        _cash(Thu="1", **{"Số phiếu": "PT-2", "Quỹ": "hoat dong"}),
    )
    rows, _ = validate(document)
    assert [r.fund for r in rows if isinstance(r, CashbookRow)] == [Fund.IGF, Fund.ACTIVITY]


# --- from a file -----------------------------------------------------------------------------


def test_read_register_reports_unknown_documents_without_rows(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    register = read_register(path)
    assert (register.kind, register.rows) == (None, ())
    assert len(register.errors) == 1


def test_formula_without_result_is_a_row_error_naming_the_cell(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["Ngày", "Số phiếu", "Mã khoản vay", "Mã TV", "Tiền gốc", "Tiền lãi", "Tổng cộng"]
    )
    sheet.append(["05/04/2024", "PT-1", "L1", "M001", 417000, 25000, "=E2+F2"])
    book.save(tmp_path / "thu.xlsx")
    [error] = read_register(tmp_path / "thu.xlsx").errors
    assert (error.row, error.column) == (2, "Tổng cộng")
    assert "cell G2 holds the formula =E2+F2 but no saved result" in error.message


# --- never a crash -------------------------------------------------------------------------

CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        ["05/03/2024", "31/02/2024", "3.000.000 đ", "Nữ", "-", "0", "TTN", "M001"]
    ),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(),
    st.booleans(),
)


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(list(KINDS)), data=st.data())
def test_random_cells_give_rows_or_row_errors(kind: str, data: st.DataObject) -> None:
    columns = KINDS[kind].columns
    cells = {c.name: data.draw(CELLS, label=c.name) for c in columns}
    rows, errors = validate(_document(kind, cells, cells))
    assert all(isinstance(e, RowError) and e.row in (2, 3) for e in errors)
    assert len(rows) <= 2 and (rows or errors)
