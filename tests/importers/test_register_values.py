"""Reading single cells: every notation treasurers use, and every kind of garbage."""

from __future__ import annotations

import datetime
import math
import unicodedata
from decimal import Decimal

import pytest

from importers.kinds import KINDS, Column
from importers.values import (
    CellError,
    RowError,
    Uncomputed,
    parse_amount,
    parse_cell,
    parse_date,
    parse_int,
    parse_rate,
    parse_text,
    parse_word,
)

LOANS = KINDS["loans"]
MEMBERS = KINDS["members"]
AMOUNT = LOANS.column("Số tiền")
DATE = LOANS.column("Ngày")
TERM = LOANS.column("Kỳ hạn")
RATE = LOANS.column("Lãi suất")
GENDER = MEMBERS.column("Giới tính")
HOUSEHOLD = MEMBERS.column("Hộ")
CODE = LOANS.column("Mã khoản vay")
NAME = LOANS.column("Họ và tên")
D = datetime.date
EPOCH_1904 = D(1904, 1, 1)


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("05/03/2024", D(2024, 3, 5)),
        ("5/3/2024", D(2024, 3, 5)),
        ("31/12/2023", D(2023, 12, 31)),
        (" 05-03-2024 ", D(2024, 3, 5)),
        ("05.03.2024", D(2024, 3, 5)),
        ("2024-03-05", D(2024, 3, 5)),
        ("2024-3-5", D(2024, 3, 5)),
        ("2024-03-05 00:00:00", D(2024, 3, 5)),
        ("29/02/2024", D(2024, 2, 29)),
    ],
)
def test_date_notations(raw: str, expected: datetime.date) -> None:
    assert parse_date(raw, DATE) == expected


def test_spreadsheet_datetime_cell_gives_its_date() -> None:
    assert parse_date(datetime.datetime(2024, 3, 5, 0, 0), DATE) == D(2024, 3, 5)


def test_spreadsheet_date_cell_is_taken_as_is() -> None:
    assert parse_date(D(2024, 3, 5), DATE) == D(2024, 3, 5)


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (45356, D(2024, 3, 5)),  # Excel shows 45356 formatted as a date as 05/03/2024
        (45356.0, D(2024, 3, 5)),
        (1, D(1900, 1, 1)),
        (59, D(1900, 2, 28)),
        (61, D(1900, 3, 1)),
    ],
)
def test_excel_serial_numbers_in_a_date_column(
    serial: float, expected: datetime.date
) -> None:
    assert parse_date(serial, DATE) == expected


def test_excel_serial_in_a_1904_workbook() -> None:
    # 1904 system: day 0 is 1 January 1904, so 2 is 3 January 1904.
    assert parse_date(2, DATE, EPOCH_1904) == D(1904, 1, 3)


def test_excel_phantom_29_february_1900_is_an_error() -> None:
    with pytest.raises(CellError, match="month 2/1900 has 28 days"):
        parse_date(60, DATE)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31/02/2024", "month 2/2024 has 29 days"),
        ("29/02/2023", "month 2/2023 has 28 days"),
        ("31/04/2024", "month 4/2024 has 30 days"),
        ("00/03/2024", "month 3/2024 has 31 days"),
        ("05/13/2024", "there is no month 13"),
        ("2024-02-30", "month 2/2024 has 29 days"),
        ("5/3/24", "four digits"),
        ("05/03/1024", "not a plausible date"),
        ("ngày 5 tháng 3", "not a date"),
        ("2024/03/05", "not a date"),
        ("03-2024", "not a date"),
    ],
)
def test_impossible_or_garbled_dates_are_errors(raw: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_date(raw, DATE)


@pytest.mark.parametrize("raw", [45356.5, -3, 0, True, datetime.time(8, 0)])
def test_numbers_that_are_no_day_are_errors(raw: object) -> None:
    with pytest.raises(CellError):
        parse_date(raw, DATE)  # type: ignore[arg-type]


# --- amounts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "3.000.000",
        "3,000,000",
        "3000000",
        "3.000.000 đ",
        "3.000.000đ",
        "3,000,000 VND",
        "3,000,000 vnđ",
        "3 000 000",
        "3\u00a0000\u00a0000",
        " 3000000 ",
        "3.000.000 đồng",
        "3.000.000,00",
        "3,000,000.00",
        "3000000.0",
        "₫3,000,000",
        3000000,
        3000000.0,
        Decimal("3000000"),
        Decimal("3E+6"),
    ],
)
def test_amount_notations(raw: object) -> None:
    assert parse_amount(raw, AMOUNT) == Decimal(3000000)  # type: ignore[arg-type]


def test_one_group_of_thousands_with_a_dot_is_thousands() -> None:
    # In VND nobody writes 1.5 đồng: 1.500 is one thousand five hundred.
    assert parse_amount("1.500", AMOUNT) == Decimal(1500)


def test_float_noise_of_a_cached_formula_is_dropped() -> None:
    # A cached result one binary step below 300000: Excel shows 300,000.
    noisy = math.nextafter(300000.0, 0.0)
    assert noisy != 300000.0
    assert parse_amount(noisy, AMOUNT) == Decimal(300000)


@pytest.mark.parametrize(("raw", "zero"), [("-", 0), ("–", 0), ("0", 0), (0, 0)])
def test_dash_and_zero_are_zero(raw: object, zero: int) -> None:
    assert parse_amount(raw, AMOUNT) == zero  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("ba triệu", "not an amount"),
        ("3.00.0", "not an amount"),
        ("3.0000.000", "not an amount"),
        ("3,000.000", "not an amount"),
        ("1,5", "not a whole number of VND"),
        ("1.50", "not a whole number of VND"),
        ("3.000.000,5", "not a whole number of VND"),
        (2500.5, "not a whole number of VND"),
        ("-500.000", "negative"),
        ("(500.000)", "negative"),
        (-500000, "negative"),
        ("3 triệu", "not an amount"),
        ("", "not an amount"),
        ("#VALUE!", "not an amount"),
        (float("nan"), "not a number"),
        (float("inf"), "not a number"),
        (True, "not a number"),
        ("9" * 40, "larger than any club fund"),
        (D(2024, 3, 5), "not an amount"),
    ],
)
def test_garbage_amounts_are_errors(raw: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_amount(raw, AMOUNT)  # type: ignore[arg-type]


# --- counts, rates, words, codes, text -----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [("12", 12), ("12 tháng", 12), (12, 12), (12.0, 12), (" 6 ", 6)]
)
def test_term_notations(raw: object, expected: int) -> None:
    assert parse_int(raw, TERM) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("12,5", "not a whole number"),
        (12.5, "not a whole number"),
        ("0", "below 1"),
        ("mười hai", "whole number"),
        ("601", "above 600"),
    ],
)
def test_bad_terms_are_errors(raw: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_int(raw, TERM)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "raw", ["0,5", "0.5", "0,5%", "0.5 %", "0,5 %/tháng", 0.5, Decimal("0.50")]
)
def test_rate_notations(raw: object) -> None:
    assert parse_rate(raw, RATE) == Decimal("0.5")  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["nửa phần trăm", "0,5,1", "150", -0.5])
def test_bad_rates_are_errors(raw: object) -> None:
    with pytest.raises(CellError):
        parse_rate(raw, RATE)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "meaning"),
    [
        ("Nữ", "F"),
        ("nữ", "F"),
        (" NỮ ", "F"),
        ("Nu", "F"),
        ("Nam", "M"),
        ("nam", "M"),
        (unicodedata.normalize("NFD", "Nữ"), "F"),
    ],
)
def test_gender_words(raw: str, meaning: str) -> None:
    assert parse_word(raw, GENDER) == meaning


@pytest.mark.parametrize(
    ("raw", "meaning"),
    [
        ("nghèo", "poor"),
        ("cận nghèo", "near-poor"),
        ("Cận  nghèo", "near-poor"),
        ("can ngheo", "near-poor"),
        ("không", "none"),
        ("khong", "none"),
    ],
)
def test_household_words(raw: str, meaning: str) -> None:
    assert parse_word(raw, HOUSEHOLD) == meaning


def test_unknown_word_lists_the_accepted_ones() -> None:
    with pytest.raises(CellError, match="not one of Nữ, Nam"):
        parse_word("khác", GENDER)


@pytest.mark.parametrize(
    ("raw", "code"), [("L2024-001", "L2024-001"), (" l2024-001 ", "L2024-001")]
)
def test_codes_are_upper_cased(raw: str, code: str) -> None:
    assert parse_cell(raw, CODE) == code


@pytest.mark.parametrize("raw", ["L 2024", "L2024/7", "-L1", "Lđ1"])
def test_codes_that_cannot_be_links_or_accounts_are_errors(raw: str) -> None:
    with pytest.raises(CellError, match="not a code"):
        parse_cell(raw, CODE)


def test_text_is_composed_and_spaces_collapsed() -> None:
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị Hoa ")
    assert parse_text(decomposed, NAME) == "Nguyễn Thị Hoa"


def test_number_in_a_text_column_reads_without_decimals() -> None:
    assert parse_text(123.0, NAME) == "123"


def test_formula_without_saved_result_names_the_cell() -> None:
    with pytest.raises(CellError, match=r"cell H7 holds the formula =F7\+G7"):
        parse_cell(Uncomputed("H7", "=F7+G7"), AMOUNT)


def test_overflowing_number_is_an_error_not_a_crash() -> None:
    column = Column("Ghi chú", "note", LOANS.column("Mục đích").type)
    with pytest.raises(CellError):
        parse_cell(1e300, column)


# --- where a problem is --------------------------------------------------------------------


def test_row_error_prints_file_row_column_message() -> None:
    error = RowError("so-cho-vay.csv", 7, "Số tiền", "'1,5' is not a whole number of VND")
    assert str(error) == "so-cho-vay.csv:7: Số tiền: '1,5' is not a whole number of VND"


def test_file_error_prints_without_row_and_column() -> None:
    assert (
        str(RowError("x.csv", 0, "", "not a known register"))
        == "x.csv: not a known register"
    )
