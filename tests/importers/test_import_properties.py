"""Invariant: whatever the rows, an import never crashes and leaves the book either exactly
as it was or with every row added; a corrupted row always leaves it as it was, and is named.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from beancount.core import data
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from register_samples import HERE

from importers.pipeline import import_documents
from ledger_engine.loading import load_book

CASHBOOK = "Ngày,Số phiếu,Quỹ,Nội dung,Khoản mục,Thu,Chi,Ghi chú"
REPAYMENTS = (
    "Ngày,Số phiếu,Mã khoản vay,Mã TV,Họ và tên,Tiền gốc,Tiền lãi,Tổng cộng,Ghi chú"
)
CATEGORIES = {"HĐ": ("Hội phí", "Ủng hộ", "Văn hóa"), "TTN": ("Vốn nhà nước", "Vốn góp")}
BORROWERS = {"L2024-001": "M001", "L2024-002": "M002", "L2024-003": "M003"}
CORRUPTIONS = (
    "impossible date",
    "garbage amount",
    "unknown category",
    "no voucher",
    "repeated voucher",
)

#: Most rows are good, so that many examples exercise a whole import.
MOSTLY_GOOD = st.sampled_from([None] * 24 + list(CORRUPTIONS))


@pytest.fixture(scope="module")
def base_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = tmp_path_factory.mktemp("base") / "club.beancount"
    shutil.copy(HERE / "testdata" / "club.beancount", book)
    samples = [HERE / k / "testdata" / f"{k}.csv" for k in ("members", "loans")]
    assert import_documents(book, samples).written
    return book


@dataclass
class Row:
    cells: list[str]
    corruption: str | None


@st.composite
def cashbook_rows(draw: st.DrawFn) -> list[Row]:
    rows = []
    for number in range(draw(st.integers(1, 5))):
        fund = draw(st.sampled_from(sorted(CATEGORIES)))
        category = draw(st.sampled_from(CATEGORIES[fund]))
        amount = draw(st.integers(1, 400)) * 1000
        receipt = draw(st.booleans()) or fund == "TTN"
        cells = [
            f"{draw(st.integers(2, 28)):02d}/0{draw(st.integers(1, 6))}/2024",
            f"P{'T' if receipt else 'C'}-2024-{500 + number}",
            fund,
            "Ghi sổ",
            category,
            str(amount) if receipt else "",
            "" if receipt else f"{amount:,}".replace(",", "."),
            "",
        ]
        rows.append(Row(cells, draw(MOSTLY_GOOD)))
    return rows


@st.composite
def repayment_rows(draw: st.DrawFn) -> list[Row]:
    rows = []
    for number in range(draw(st.integers(0, 4))):
        loan = draw(st.sampled_from(sorted(BORROWERS)))
        total = draw(st.integers(1, 600)) * 1000
        cells = [
            f"{draw(st.integers(1, 28)):02d}/{draw(st.integers(5, 12)):02d}/2024",
            f"PT-2024-{700 + number}",
            loan,
            BORROWERS[loan],
            "",
            "",
            "",
            str(total),
            "",
        ]
        rows.append(
            Row(cells, draw(MOSTLY_GOOD.filter(lambda c: c in (None, *CORRUPTIONS[:2]))))
        )
    return rows


def _corrupt(rows: list[Row], amount_columns: tuple[int, ...]) -> None:
    for index, row in enumerate(rows):
        if row.corruption == "impossible date":
            row.cells[0] = "31/02/2024"
        elif row.corruption == "garbage amount":
            column = next(c for c in amount_columns if row.cells[c])
            row.cells[column] = "ba trăm nghìn"
        elif row.corruption == "unknown category":
            row.cells[4] = "Chi phí lạ"
        elif row.corruption == "no voucher":
            row.cells[1] = ""
        elif row.corruption == "repeated voucher":
            if index == 0:
                row.corruption = None
            else:
                row.cells[1] = rows[index - 1].cells[1]


def _write(folder: Path, name: str, header: str, rows: list[Row]) -> Path:
    path = folder / name
    lines = [header, *(",".join(f'"{c}"' for c in row.cells) for row in rows), ",,,"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _vouchers(book: Path) -> set[str]:
    return {
        str(e.meta["voucher"])
        for e in load_book(book).entries
        if isinstance(e, data.Transaction) and "voucher" in e.meta
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(cash=cashbook_rows(), repaid=repayment_rows())
def test_import_is_all_or_nothing(
    base_book: Path, cash: list[Row], repaid: list[Row]
) -> None:
    _corrupt(cash, (5, 6))
    _corrupt(repaid, (7,))
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "club.beancount"
        shutil.copy(base_book, book)
        before, known = book.read_bytes(), _vouchers(book)
        documents = [
            _write(Path(folder), "cashbook.csv", CASHBOOK, cash),
            *(
                [_write(Path(folder), "repayments.csv", REPAYMENTS, repaid)]
                if repaid
                else []
            ),
        ]
        report = import_documents(book, documents)
        event("written" if report.written else "refused")
        bad = [
            (doc, number)
            for doc, rows in zip(documents, (cash, repaid), strict=False)
            for number, row in enumerate(rows, start=2)
            if row.corruption is not None
        ]
        if report.written:
            assert not bad and not report.errors
            wanted = {row.cells[1] for row in (*cash, *repaid)}
            assert _vouchers(book) == known | wanted
            assert book.read_bytes().startswith(before)
        else:
            assert report.errors
            assert book.read_bytes() == before
            named = {str(e).split(": ")[0] for e in report.errors}
            assert {f"{doc}:{number}" for doc, number in bad} <= named
