"""Opening registers: encodings, delimiters, title blocks, formulas, kinds and columns."""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from register_samples import encode_cp1258, store_cached_values

from importers.document import Document, read_document
from importers.values import RowError, Uncomputed

LOANS_CSV = (
    "Ngày,Số phiếu,Mã khoản vay,Mã TV,Họ và tên,Số tiền\n"
    '05/03/2024,PC-2024-001,L2024-001,M001,Nguyễn Thị Hoa,"5,000,000"\n'
)
HOA = "Nguyễn Thị Hoa"


def _write(tmp_path: Path, data: bytes, name: str = "sổ cho vay.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _open(path: Path, kind: str | None = None) -> Document:
    document, errors = read_document(path, kind)
    assert errors == []
    assert document is not None
    return document


def _errors(path: Path, kind: str | None = None) -> list[str]:
    document, errors = read_document(path, kind)
    assert document is None
    return [str(e) for e in errors]


# --- encodings and delimiters ----------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_bom(tmp_path: Path, encoding: str) -> None:
    document = _open(_write(tmp_path, LOANS_CSV.encode(encoding)))
    assert document.kind.key == "loans"
    assert document.rows[0].cells["Họ và tên"] == HOA


def test_utf16_tab_separated_as_excel_unicode_text_writes_it(tmp_path: Path) -> None:
    text = LOANS_CSV.replace(",", "\t").replace('"5\t000\t000"', "5.000.000")
    document = _open(_write(tmp_path, text.encode("utf-16")))
    assert document.source == "UTF-16"
    assert document.rows[0].cells["Số tiền"] == "5.000.000"


def test_windows_1258_with_semicolons(tmp_path: Path) -> None:
    text = LOANS_CSV.replace(",", ";").replace('"5;000;000"', "5.000.000")
    data = encode_cp1258(text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test must exercise the fallback
    document = _open(_write(tmp_path, data))
    assert document.source == "Windows-1258"
    assert unicodedata.normalize("NFC", str(document.rows[0].cells["Họ và tên"])) == HOA


def test_quoted_commas_do_not_fool_delimiter_detection(tmp_path: Path) -> None:
    text = LOANS_CSV.replace(",", ";").replace('"5;000;000"', '"5,000,000"')
    document = _open(_write(tmp_path, text.encode("utf-8")))
    assert document.rows[0].cells["Số tiền"] == "5,000,000"


def test_bytes_neither_utf8_nor_windows_1258_are_refused(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1258 and invalid as a UTF-8 start byte.
    data = LOANS_CSV.encode("utf-8") + b"\x81\x8a\n"
    [message] = _errors(_write(tmp_path, data))
    assert "neither UTF-8 nor Windows-1258 (byte 0x81 on line 3)" in message


def test_utf16_without_bom_is_named(tmp_path: Path) -> None:
    [message] = _errors(_write(tmp_path, LOANS_CSV.encode("utf-16-le")))
    assert "UTF-16 without a byte-order mark" in message


def test_legacy_vietnamese_font_encoding_is_an_unknown_register_with_a_hint(
    tmp_path: Path,
) -> None:
    # TCVN3 (ABC) bytes for "Ngày,Số phiếu": read as Windows-1258 they make no header.
    data = b"Ng\xb5y,S\xe8 phi\xd5u,M\xcb TV\n01/01/2024,1,M001\n"
    [message] = _errors(_write(tmp_path, data))
    assert "not a known register" in message
    assert "Windows-1258" in message and "TCVN3" in message


def test_control_characters_mean_not_a_text_file(tmp_path: Path) -> None:
    [message] = _errors(_write(tmp_path, b"\x01\x02\x03binary"))
    assert "not a text (CSV) file" in message


# --- headers, kinds, rows --------------------------------------------------------------------


def test_header_tolerates_case_spacing_nfd_and_missing_diacritics(tmp_path: Path) -> None:
    headers = [
        "  NGÀY ",
        unicodedata.normalize("NFD", "Số phiếu"),
        "ma khoan vay",
        "Mã  tv",
        "Ho va ten",
        "SO TIEN",
    ]
    text = ",".join(headers) + "\n05/03/2024,PC-1,L1,M001,Hoa,5000000\n"
    document = _open(_write(tmp_path, text.encode("utf-8")))
    assert document.headers == (
        "Ngày",
        "Số phiếu",
        "Mã khoản vay",
        "Mã TV",
        "Họ và tên",
        "Số tiền",
    )


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Mã TV,Họ và tên,Giới tính,Năm sinh,Ngày vào", "members"),
        ("Ngày,Số phiếu,Mã khoản vay,Mã TV,Số tiền", "loans"),
        ("Ngày,Số phiếu,Mã khoản vay,Mã TV,Tổng cộng", "repayments"),
        ("Ngày,Số phiếu,Mã khoản vay,Mã TV,Tiền gốc,Tiền lãi", "repayments"),
        ("Ngày,Số phiếu,Quỹ,Nội dung,Thu,Chi", "cashbook"),
    ],
)
def test_kind_is_identified_from_headers(tmp_path: Path, header: str, kind: str) -> None:
    document = _open(_write(tmp_path, f"{header}\n".encode()))
    assert document.kind.key == kind


def test_unknown_kind_names_headers_and_the_four_kinds(tmp_path: Path) -> None:
    [message] = _errors(_write(tmp_path, "Tên,Tuổi,Địa chỉ\nAn,30,Kon Tum\n".encode()))
    assert message.endswith(
        "not a known register: headers Tên, Tuổi, Địa chỉ match none of members, loans, "
        "repayments, cashbook"
    )


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    text = "Ngày,Số phiếu,Mã khoản vay,Mã TV,Họ và tên,Kỳ hạn (tháng)\n"
    path = _write(tmp_path, text.encode())
    assert _errors(path) == [
        f"{path}:1: Số tiền: missing column; a loans register (Sổ cho vay) needs it "
        "(headings accepted: Số tiền, Số tiền vay, Số tiền cho vay, Thành tiền, "
        "Số tiền giải ngân)"
    ]


def test_missing_total_and_parts_is_named_as_alternatives(tmp_path: Path) -> None:
    path = _write(tmp_path, "Ngày,Số phiếu,Mã khoản vay,Mã TV,Tiền gốc\n".encode())
    [message] = _errors(path, "repayments")
    assert "Tổng cộng or Tiền gốc and Tiền lãi: missing column" in message


def test_column_given_twice_is_an_error(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "Ngày,Số phiếu,Mã khoản vay,Mã TV,Số tiền,Ngày tháng\n".encode()
    )
    assert _errors(path) == [
        f"{path}:1: Ngày: appears in two columns (A and F); keep only one"
    ]


AMBIGUOUS = "Ngày,Số phiếu,Mã KV,Mã TV,Thành tiền\n"


def test_headers_fitting_two_kinds_equally_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, AMBIGUOUS.encode())
    assert _errors(path) == [
        f"{path}:1: the headers fit several registers: loans (Sổ cho vay), repayments "
        "(Sổ thu nợ); remove the other's columns or put the register's name in the title"
    ]


def test_a_title_naming_the_register_settles_an_ambiguous_header(tmp_path: Path) -> None:
    path = _write(tmp_path, ("SỔ THU NỢ NĂM 2024\n" + AMBIGUOUS).encode())
    assert _open(path).kind.key == "repayments"


def test_a_column_given_twice_under_two_names_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "Ngày,Số phiếu,Mã khoản vay,Mã TV,Số tiền,Tổng cộng\n".encode())
    assert _errors(path) == [
        f"{path}:1: Tổng cộng: appears in two columns (E and F); keep only one"
    ]


def test_the_loans_register_keeps_its_own_so_tien(tmp_path: Path) -> None:
    path = _write(tmp_path, "Ngày,Số phiếu,Mã khoản vay,Mã TV,Số tiền\n".encode())
    assert _open(path).kind.key == "loans"


def test_insisting_on_a_kind_settles_an_ambiguous_header(tmp_path: Path) -> None:
    path = _write(tmp_path, AMBIGUOUS.encode())
    assert _open(path, "repayments").kind.key == "repayments"


def test_insisting_on_a_kind_the_document_is_not(tmp_path: Path) -> None:
    [message] = _errors(_write(tmp_path, LOANS_CSV.encode()), "members")
    assert "do not match members" in message


def test_rows_are_numbered_as_the_spreadsheet_shows_them_and_blank_rows_skipped(
    tmp_path: Path,
) -> None:
    text = (
        "SỔ CHO VAY\n"
        "\n"
        "STT,Ngày,Số phiếu,Mã khoản vay,Mã TV,Số tiền,Ghi chép riêng\n"
        "1,05/03/2024,PC-1,L1,M001,5000000,\n"
        "2,,,,,,   \n"  # numbered in advance but never filled in
        ",,,,,,\n"
        "3,06/03/2024,PC-2,L2,M002,3000000,x\n"
    )
    document = _open(_write(tmp_path, text.encode()))
    assert document.header_row == 3
    assert [r.row for r in document.rows] == [4, 7]
    assert "STT" not in document.rows[0].cells


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    [message] = _errors(tmp_path / "none.csv")
    assert "cannot be read" in message


def test_old_xls_is_refused_with_advice(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert "save it as .xlsx or CSV" in _errors(_write(tmp_path, data, "so.xls"))[0]


def test_unknown_kind_word_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, LOANS_CSV.encode())
    assert "unknown register kind 'savings'" in _errors(path, "savings")[0]


# --- XLSX ----------------------------------------------------------------------------------

HEADER = [
    "Ngày",
    "Số phiếu",
    "Mã khoản vay",
    "Mã TV",
    "Họ và tên",
    "Tiền gốc",
    "Tiền lãi",
    "Tổng cộng",
]


def _workbook(rows: list[list[object]], title_block: bool = True) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    if title_block:
        sheet["A1"] = "CÂU LẠC BỘ LIÊN THẾ HỆ TỰ GIÚP NHAU THÔN 1"
        sheet.merge_cells("A1:H1")
        sheet["A2"] = "SỔ THU NỢ"
        sheet.merge_cells("A2:H2")
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    return book


ROW = [
    datetime.datetime(2024, 4, 5),
    "PT-2024-001",
    "L2024-001",
    "M001",
    HOA,
    417000,
    25000,
]


def test_xlsx_header_below_a_merged_title_block(tmp_path: Path) -> None:
    path = tmp_path / "thu-no.xlsx"
    _workbook([[*ROW, 442000]]).save(path)
    document = _open(path)
    assert (document.kind.key, document.header_row) == ("repayments", 4)
    assert document.rows[0].row == 5
    assert document.rows[0].cells["Ngày"] == datetime.datetime(2024, 4, 5)


def test_xlsx_formula_without_saved_result_is_marked_with_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "thu-no.xlsx"
    _workbook([[*ROW, "=F5+G5"]]).save(path)
    document = _open(path)
    assert document.rows[0].cells["Tổng cộng"] == Uncomputed("H5", "=F5+G5")


def test_xlsx_formula_with_saved_result_gives_the_result(tmp_path: Path) -> None:
    path = tmp_path / "thu-no.xlsx"
    _workbook([[*ROW, "=F5+G5"]]).save(path)
    store_cached_values(path, {"H5": 442000})
    assert _open(path).rows[0].cells["Tổng cộng"] == 442000


def test_xlsx_text_typed_numbers_arrive_as_text(tmp_path: Path) -> None:
    path = tmp_path / "thu-no.xlsx"
    _workbook([[*ROW[:5], "417.000", "25000", "442,000 đ"]]).save(path)
    cells = _open(path).rows[0].cells
    assert (cells["Tiền gốc"], cells["Tổng cộng"]) == ("417.000", "442,000 đ")


def test_xlsx_percent_formatted_rate_reads_as_the_percentage_shown(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ngày", "Số phiếu", "Mã khoản vay", "Mã TV", "Số tiền", "Lãi suất"])
    sheet.append([datetime.datetime(2024, 3, 5), "PC-1", "L1", "M001", 5000000, 0.005])
    sheet["F2"].number_format = "0.0%"
    book.save(tmp_path / "vay.xlsx")
    assert _open(tmp_path / "vay.xlsx").rows[0].cells["Lãi suất"] == pytest.approx(0.5)


def test_xlsx_sheet_named_after_the_kind_is_preferred(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Ghi chú của thủ quỹ"])
    loans = book.create_sheet("Sổ cho vay")
    loans.append(["Ngày", "Số phiếu", "Mã khoản vay", "Mã TV", "Số tiền"])
    book.save(tmp_path / "so.xlsx")
    document = _open(tmp_path / "so.xlsx")
    assert (document.kind.key, document.source) == ("loans", "Sổ cho vay")


def test_xlsx_missing_column_error_uses_the_sheet_row(tmp_path: Path) -> None:
    book = _workbook([])
    book.active.delete_cols(2)  # no Số phiếu
    book.save(tmp_path / "thu-no.xlsx")
    errors = read_document(tmp_path / "thu-no.xlsx")[1]
    assert errors == [
        RowError(
            str(tmp_path / "thu-no.xlsx"),
            4,
            "Số phiếu",
            "missing column; a repayments register (Sổ thu nợ) needs it "
            "(headings accepted: Số phiếu, Số chứng từ, Phiếu số)",
        )
    ]


def test_broken_xlsx_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, b"PK\x03\x04 not really a zip", "so.xlsx")
    assert "cannot be opened as an Excel workbook" in _errors(path)[0]
