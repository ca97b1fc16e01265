"""The paper round trip: the collection sheet downloaded as a workbook, filled in at the
meeting, comes back through ``ledger-engine import`` as a repayments register, row by row."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from beancount.core import data
from helpers import ROOT

from importers.pipeline import import_documents
from ledger_engine.fava_ext.serving import disable_club_pages, make_app
from ledger_engine.fava_ext.sheets import COLLECTED

BOOK = ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount"
SLUG = "clb-lth-thon-1-ngok-wang"
DAY = "2025-06-15"


@pytest.fixture(autouse=True)
def _fava_as_shipped() -> Any:
    yield
    disable_club_pages()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    target = tmp_path / BOOK.name
    shutil.copyfile(BOOK, target)
    return target


def download(book: Path) -> openpyxl.Workbook:
    app = make_app([book], read_only=True, load=True)
    try:
        return _download(app, book)
    finally:
        for ledger in app.config["LEDGERS"].ledgers:
            ledger.watcher.__exit__(None, None, None)


def _download(app: Any, book: Path) -> openpyxl.Workbook:
    client = app.test_client()
    page = client.get(f"/{SLUG}/extension/ClubCollection/", query_string={"day": DAY})
    assert 'id="le-collection-xlsx"' in page.get_data(as_text=True)
    response = client.get(
        f"/{SLUG}/extension/ClubCollection/xlsx", query_string={"day": DAY}
    )
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.data))


def header_of(sheet: Any) -> tuple[int, list[str]]:
    for row in sheet.iter_rows(min_row=1, max_row=10):
        names = [c.value for c in row]
        if "Số phiếu" in names:
            return row[0].row, names
    raise AssertionError("no header row")


def test_the_filled_sheet_imports_one_repayment_per_row(book: Path, tmp_path: Path) -> None:
    workbook = download(book)
    sheet = workbook.active
    top, names = header_of(sheet)
    collected = names.index(COLLECTED) + 1
    rows = list(range(top + 1, sheet.max_row + 1))
    # The sheet lists what the collection page lists: Y Hlin's loan in arrears, Lê Thị Mai's.
    loans = [sheet.cell(r, names.index("Mã khoản vay") + 1).value for r in rows]
    assert loans == ["L2024-002", "L2025-001"]
    assert all(sheet.cell(r, collected).value is None for r in rows)
    paid = {"L2024-002": 265_000, "L2025-001": 1_015_000}  # one part, one in full
    for r, loan in zip(rows, loans, strict=True):
        sheet.cell(r, collected).value = paid[loan]
    filled = tmp_path / "bang-thu-no.xlsx"
    workbook.save(filled)

    report = import_documents(book, [filled])

    assert report.written, [str(e) for e in report.errors]
    added = [a for a in report.added if isinstance(a.entry, data.Transaction)]
    assert [a.origin.row for a in added] == rows
    vouchers = [sheet.cell(r, names.index("Số phiếu") + 1).value for r in rows]
    assert vouchers == [
        "PT-2025-006",
        "PT-2025-007",
    ]  # the book's last receipt is PT-2025-005
    assert [a.entry.meta["voucher"] for a in added] == vouchers
    assert [next(iter(a.entry.links)) for a in added] == loans
    cash = [
        p.units.number
        for a in added
        for p in a.entry.postings
        if p.account.endswith("Cash")
    ]
    assert cash == [paid[loan] for loan in loans]


def test_a_row_left_empty_is_named_and_nothing_is_imported(
    book: Path, tmp_path: Path
) -> None:
    workbook = download(book)
    sheet = workbook.active
    top, names = header_of(sheet)
    sheet.cell(top + 1, names.index(COLLECTED) + 1).value = 265_000
    filled = tmp_path / "bang-thu-no.xlsx"
    workbook.save(filled)
    before = book.read_bytes()
    report = import_documents(book, [filled])
    assert not report.written
    assert [e.row for e in report.errors] == [top + 2]
    assert book.read_bytes() == before


def test_the_filled_sheet_fills_the_meeting_form_with_the_same_result(
    book: Path, tmp_path: Path, closing: Any
) -> None:
    workbook = download(book)
    sheet = workbook.active
    top, names = header_of(sheet)
    sheet.cell(top + 1, names.index(COLLECTED) + 1).value = 265_000
    sheet.cell(top + 2, names.index(COLLECTED) + 1).value = "1.015.000"
    filled = tmp_path / "bang-thu-no.xlsx"
    workbook.save(filled)
    imported = tmp_path / "imported.beancount"
    shutil.copyfile(book, imported)
    assert import_documents(imported, [filled]).written

    client = closing(make_app([book], read_only=False, load=True)).test_client()
    base = f"/{SLUG}/extension/ClubMeeting"
    answer = client.put(f"{base}/sheet?name=bang-thu-no.xlsx", data=filled.read_bytes())
    assert answer.status_code == 200
    rows = answer.get_json()["rows"]
    assert [(r["row"], r["loan"], r["amount"], r["voucher"]) for r in rows] == [
        (top + 1, "L2024-002", "265000", "PT-2025-006"),
        (top + 2, "L2025-001", "1.015.000", "PT-2025-007"),
    ]
    payments = [{k: r[k] for k in ("loan", "amount", "voucher")} for r in rows]
    saved = client.put(f"{base}/meeting", json={"date": DAY, "payments": payments})
    assert saved.status_code == 200, saved.get_json()
    assert len(printed(book)) == 2
    assert printed(book) == printed(imported)


def printed(path: Path) -> list[str]:
    """The book's repayments of the meeting day, without where they were read from."""
    from beancount import loader
    from beancount.parser import printer

    entries, errors, _ = loader.load_file(str(path))
    assert not errors
    return [
        printer.format_entry(
            e._replace(
                meta={
                    k: v
                    for k, v in e.meta.items()
                    if k not in ("source_file", "source_row")
                }
            )
        )
        for e in entries
        if isinstance(e, data.Transaction) and str(e.date) == DAY
    ]
