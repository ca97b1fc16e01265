"""Write the sample registers under ``importers/<kind>/testdata/``.

Run ``.venv/bin/python tests/register_samples.py`` to regenerate them. Each kind gets six
documents holding the same rows (``SAMPLES``): a clean CSV and XLSX as ``ledger-engine
template`` would write them, a printed pair (``printed_samples``), and a messy pair as
treasurers really send them: a title block above the header, a
numbering column, headers in odd case and spacing (some decomposed, some without diacritics),
columns in another order, a blank row, mixed date notations, amounts with ``đ``/``VND``
suffixes and thousands separators, and each CSV in another encoding and delimiter.

The rows fit the sample club book ``importers/testdata/club.beancount`` (its regulation, its
money), so that each register imports cleanly; after changing them, regenerate the golden
``<document>.beancount`` files (see importers/README.md).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from importers.kinds import KINDS, Column, ColumnType, Kind, strip_accents
from importers.templates import write_register

HERE = Path(__file__).resolve().parents[1] / "importers"  # where the importers live
D = datetime.date
N = Decimal

# fmt: off
_MEMBER_KEYS = ("code", "name", "gender", "born", "ethnicity", "household", "joined", "left",
                "exit_reason")
_LOAN_KEYS = ("date", "voucher", "loan", "member", "name", "amount", "term", "rate", "method",
              "purpose")
_REPAYMENT_KEYS = ("date", "voucher", "loan", "member", "name", "principal", "interest",
                   "total", "note")
_CASH_KEYS = ("date", "voucher", "fund", "content", "category", "receipt", "payment", "note")


def _rows(keys: tuple[str, ...], *values: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(zip(keys, row, strict=True)) for row in values]


#: The rows every sample of a kind holds, typed as the validated rows carry them.
SAMPLES: dict[str, list[dict[str, Any]]] = {
    "members": _rows(
        _MEMBER_KEYS,
        ("M001", "Nguyễn Thị Hoa", "F", 1952, "Kinh", "poor", D(2016, 5, 1), None, None),
        ("M002", "A Thút", "M", 1948, "Xơ Đăng", "poor", D(2016, 5, 1), None, None),
        ("M003", "Y Blăng", "F", 1960, "Xơ Đăng", "near-poor", D(2016, 5, 1), None, None),
        ("M004", "Trần Văn Nam", "M", 1985, "Kinh", "none", D(2016, 5, 1), None, None),
        ("M005", "Y Hnuê", "F", 1957, "Ba Na", "poor", D(2017, 3, 15), None, None),
        ("M006", "Lê Thị Thu", "F", 1990, "Kinh", "none", D(2018, 1, 10), D(2023, 8, 1),
         "moved"),
        ("M007", "A Blong", "M", 1944, "Xơ Đăng", "none", D(2016, 5, 1), D(2022, 11, 20),
         "deceased"),
        ("M008", "Đinh Thị Lan", "F", 1963, "Giẻ Triêng", "near-poor", D(2019, 6, 1), None,
         None),
        ("M009", "Phạm Thị Mai", "F", 1975, "Kinh", "none", D(2020, 2, 1), D(2024, 2, 29),
         "withdrew"),
        ("M010", "Y Ngọc", "F", 1954, "Xơ Đăng", "poor", D(2021, 9, 1), None, None),
    ),
    "loans": _rows(
        _LOAN_KEYS,
        (D(2024, 3, 5), "PC-2024-001", "L2024-001", "M001", "Nguyễn Thị Hoa", N(5000000), 12,
         N("0.5"), "flat", "Nuôi heo"),
        (D(2024, 3, 5), "PC-2024-002", "L2024-002", "M002", "A Thút", N(3000000), None, None,
         None, "Trồng cà phê"),
        (D(2024, 4, 10), "PC-2024-003", "L2024-003", "M003", "Y Blăng", N(7000000), 24,
         N("0.5"), "declining", "Buôn bán nhỏ"),
        (D(2024, 5, 15), "PC-2024-004", "L2024-004", "M005", "Y Hnuê", N(4000000), 12,
         N("0.6"), "equal-principal", "Nuôi bò"),
        (D(2024, 6, 20), "PC-2024-005", "L2024-005", "M008", "Đinh Thị Lan", N(10000000), 18,
         None, "bullet", "Trồng mì"),
        (D(2024, 7, 1), "PC-2024-006", "L2024-006", "M010", "Y Ngọc", N(6000000), None,
         N("0.5"), None, "Dệt thổ cẩm"),
    ),
    "repayments": _rows(
        _REPAYMENT_KEYS,
        (D(2024, 4, 5), "PT-2024-001", "L2024-001", "M001", "Nguyễn Thị Hoa", N(417000),
         N(25000), N(442000), "Kỳ 1"),
        (D(2024, 4, 5), "PT-2024-002", "L2024-002", "M002", "A Thút", None, None, N(265000),
         "Chỉ ghi tổng"),
        (D(2024, 5, 6), "PT-2024-003", "L2024-001", "M001", "Nguyễn Thị Hoa", N(417000),
         N(25000), N(442000), "Kỳ 2"),
        (D(2024, 5, 10), "PT-2024-004", "L2024-003", "M003", "Y Blăng", N(275000), N(35000),
         N(310000), None),
        (D(2024, 6, 15), "PT-2024-005", "L2024-004", "M005", "Y Hnuê", N(333000), N(24000),
         N(357000), None),
        (D(2024, 7, 5), "PT-2024-006", "L2024-002", "M002", "A Thút", N(250000), N(15000),
         None, "Con trả thay"),
    ),
    "cashbook": _rows(
        _CASH_KEYS,
        (D(2024, 1, 5), "PT-2024-101", "igf", "Nhận vốn hỗ trợ của tỉnh", "Vốn nhà nước",
         N(50000000), None, None),
        (D(2024, 1, 20), "PT-2024-102", "activity", "Thu hội phí tháng 1", "Hội phí",
         N(520000), None, None),
        (D(2024, 2, 15), "PC-2024-101", "activity", "Khám sức khỏe định kỳ",
         "Chăm sóc sức khỏe", None, N(1200000), "52 người"),
        (D(2024, 3, 10), "PT-2024-103", "activity", "Ủng hộ của nhà hảo tâm", "Ủng hộ",
         N(2000000), None, None),
        (D(2024, 4, 30), "PC-2024-102", "activity", "Thăm hỏi thành viên ốm",
         "Chăm sóc tại nhà", None, N(300000), None),
        (D(2024, 5, 20), "PC-2024-103", "activity", "Văn nghệ mừng ngày 1/6", "Văn hóa",
         None, N(450000), None),
    ),
}
# fmt: on

TITLE_BLOCK = ("CÂU LẠC BỘ LIÊN THẾ HỆ TỰ GIÚP NHAU THÔN 1", "Xã Ngọk Wang, huyện Đắk Hà")


# --- helpers shared with the tests ---------------------------------------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters precomposed, tone marks combining."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        tones = "".join(p for p in parts if p in _TONES)
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def store_cached_values(path: Path, values: Mapping[str, object], sheet: int = 1) -> None:
    """Give formula cells the saved results Excel would store (openpyxl stores none)."""
    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with (
        tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle,
        zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info, data in items:
            if info.filename == member:
                xml = data.decode()
                for ref, value in values.items():
                    pattern = rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)'
                    xml = re.sub(pattern, rf"\g<1><v>{value}</v>", xml)
                data = xml.encode()
            target.writestr(info, data)
    mode = path.stat().st_mode
    shutil.move(handle.name, path)
    path.chmod(mode)


# --- messy notations -----------------------------------------------------------------------

Notation = Callable[[Any, int], Any]


def _messy_date(value: D, index: int, text_only: bool) -> Any:
    notations: list[Any] = [
        value.strftime("%d/%m/%Y"),
        f"{value.day}/{value.month}/{value.year}",
        value.isoformat(),
    ]
    if not text_only:
        notations.append((value - D(1899, 12, 30)).days)  # a date cell in General format
        notations.append(datetime.datetime.combine(value, datetime.time()))
    return notations[index % len(notations)]


def _messy_amount(value: Decimal, index: int) -> Any:
    whole = int(value)
    return [
        f"{whole:,}".replace(",", ".") + " đ",
        f"{whole:,} VND",
        f"{whole:,}".replace(",", "\u00a0"),
        whole,
        str(whole),
        float(whole),
    ][index % 6]


def _messy_word(column: Column, value: str, index: int) -> str:
    word = column.word_for(value)
    return [word, f" {word.upper()} ", strip_accents(word)][index % 3]


def _messy(column: Column, value: Any, index: int, text_only: bool) -> Any:
    if value is None:
        return None
    if column.type is ColumnType.DATE:
        return _messy_date(value, index, text_only)
    if column.type is ColumnType.AMOUNT:
        return _messy_amount(value, index)
    if column.type is ColumnType.ENUM:
        return _messy_word(column, value, index)
    if column.type is ColumnType.RATE:
        return [str(value).replace(".", ","), f"{value}%", float(value)][index % 3]
    if column.type is ColumnType.INT:
        return [f"{value} tháng" if column.field == "term" else str(value), value][
            index % 2
        ]
    return f"  {value} " if index % 2 else str(value)


def _messy_header(column: Column, index: int) -> str:
    spelling = (column.title, *column.aliases)[index % (1 + len(column.aliases))]
    return [
        f"  {spelling}",
        unicodedata.normalize("NFD", spelling),
        spelling.upper().replace(" ", "  "),
        strip_accents(spelling),
    ][index % 4]


def messy_table(kind: Kind, rows: list[dict[str, Any]], text_only: bool) -> list[list[Any]]:
    """The rows as a treasurer's sheet: STT column, reversed columns, a blank row."""
    columns = list(reversed(kind.columns))
    table: list[list[Any]] = [
        ["STT", *(_messy_header(c, i) for i, c in enumerate(columns))]
    ]
    for number, row in enumerate(rows, start=1):
        cells = [
            _messy(c, row[c.field], number + i, text_only) for i, c in enumerate(columns)
        ]
        if text_only:
            cells = ["" if v is None else _as_text(v) for v in cells]
        table.append([number, *cells])
        if number == 3:
            table.append([None] * (len(columns) + 1))
    return table


def _as_text(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


# --- writers -------------------------------------------------------------------------------

_CSV_FORMS: dict[str, tuple[str, str]] = {
    "members": ("cp1258", ";"),
    "loans": ("utf-16", "\t"),  # Excel's "Unicode text"
    "repayments": ("utf-8", ","),
    "cashbook": ("utf-8-sig", ";"),
}


def write_messy_csv(kind: Kind, path: Path) -> None:
    encoding, delimiter = _CSV_FORMS[kind.key]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([kind.title.upper()])
    writer.writerow([])
    writer.writerows(messy_table(kind, SAMPLES[kind.key], text_only=True))
    text = buffer.getvalue()
    data = encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    path.write_bytes(data)


def write_messy_xlsx(kind: Kind, path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    table = messy_table(kind, SAMPLES[kind.key], text_only=False)
    width = len(table[0])
    for number, title in enumerate((*TITLE_BLOCK, kind.title.upper()), start=1):
        sheet.cell(number, 1, title).font = Font(bold=True)
        sheet.merge_cells(
            start_row=number, start_column=1, end_row=number, end_column=width
        )
    first = len(TITLE_BLOCK) + 3  # a blank row between the title block and the header
    for offset, line in enumerate(table):
        for column, value in enumerate(line, start=1):
            cell = sheet.cell(first + offset, column, value)
            if isinstance(value, datetime.datetime):
                cell.number_format = "dd/mm/yyyy"
    cached = _formulas(kind, sheet, first, table)
    book.save(path)
    if cached:
        store_cached_values(path, cached)


def _formulas(kind: Kind, sheet: Any, first: int, table: list[list[Any]]) -> dict[str, int]:
    """Turn the repayments' totals into =principal+interest, as a treasurer's sheet has them."""
    if kind.key != "repayments":
        return {}
    names = ["STT", *(c.name for c in reversed(kind.columns))]
    at = {name: get_column_letter(i + 1) for i, name in enumerate(names)}
    cached = {}
    for offset, line in enumerate(table[1:], start=1):
        if line[0] is None:
            continue
        row = SAMPLES["repayments"][line[0] - 1]
        if row["principal"] is None or row["total"] is None:
            continue
        ref, number = f"{at['Tổng cộng']}{first + offset}", first + offset
        sheet[ref] = f"={at['Tiền gốc']}{number}+{at['Tiền lãi']}{number}"
        cached[ref] = int(row["total"])
    return cached


def main() -> None:
    # The printed samples are made from the rows above: imported here, not at the top.
    from printed_samples import write_printed_csv, write_printed_xlsx

    for key, kind in KINDS.items():
        folder = HERE / key / "testdata"
        folder.mkdir(parents=True, exist_ok=True)
        write_register(key, SAMPLES[key], folder / f"{key}.csv")
        write_register(key, SAMPLES[key], folder / f"{key}.xlsx")
        write_messy_csv(kind, folder / f"{key}-messy.csv")
        write_messy_xlsx(kind, folder / f"{key}-messy.xlsx")
        write_printed_csv(kind, folder / f"{key}-printed.csv")
        write_printed_xlsx(kind, folder / f"{key}-printed.xlsx")
        print(f"wrote {folder}")


if __name__ == "__main__":
    main()
