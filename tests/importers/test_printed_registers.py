"""Registers as clubs print them: title block, two-row merged header, column numbers, a
totals row and the signature block. They import row for row, and the rows that are no data
are left out and listed, never summed in."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from register_samples import HERE, SAMPLES

from importers.printed import is_column_numbers, is_signature, is_totals
from importers.rows import read_register
from ledger_engine.cli import main

PRINTED = sorted(HERE.glob("*/testdata/*-printed.*"))
PRINTED = [p for p in PRINTED if p.suffix in (".csv", ".xlsx")]


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("path", PRINTED, ids=lambda p: p.name)
def test_printed_register_reads_row_for_row(path: Path) -> None:
    kind = path.parent.parent.name
    register = read_register(path)
    assert register.errors == ()
    assert register.kind is not None and register.kind.key == kind
    plain = [{k: v for k, v in r.model_dump().items() if k != "row"} for r in register.rows]
    assert plain == SAMPLES[kind]
    reasons = " ".join(register.ignored)
    assert "totals row" in reasons and "signature block" in reasons


def test_the_merged_money_heading_is_read_from_two_header_rows() -> None:
    path = HERE / "repayments" / "testdata" / "repayments-printed.xlsx"
    sheet = openpyxl.load_workbook(path).active
    assert "G5:I5" in {str(r) for r in sheet.merged_cells.ranges}  # Số tiền thu
    rows = read_register(path).rows
    assert [r.row for r in rows] == [7, 8, 9, 10, 11, 12]
    assert getattr(rows[0], "principal", None) == 417000


def test_totals_row_is_listed_with_its_row_and_never_summed(club: Path) -> None:
    members = HERE / "members" / "testdata" / "members-printed.csv"
    loans = HERE / "loans" / "testdata" / "loans-printed.xlsx"
    result = run("import", club, members, loans)
    assert result.exit_code == 0, result.output
    assert f"{loans}:13: totals row, not imported" in result.output
    assert f"{loans}:15-17: signature block, not imported" in result.output
    assert f"{members}:6: column numbers under the header, not imported" in result.output
    assert "Entries added to" in result.output
    lent = sum(r["amount"] for r in SAMPLES["loans"])
    text = club.read_text(encoding="utf-8")
    assert f"{lent}" not in text.replace(",", "")  # the total is in no entry


@pytest.mark.parametrize(
    ("cells", "totals"),
    [
        (["", "Tổng cộng", "", "5.000.000"], True),
        (["Cộng tháng 3", None, 1000], True),
        (["Tổng cộng: 10 thành viên"], True),
        (["Cộng đồng giúp nhau"], False),
        (["Tổng hợp ý kiến"], False),
    ],
)
def test_totals_labels(cells: list[Any], totals: bool) -> None:
    assert is_totals(cells) is totals


def test_signature_lines() -> None:
    assert is_signature(["", "Người lập biểu", "", "Thủ quỹ", "Chủ nhiệm"])
    assert is_signature(["Ngọk Wang, ngày 31 tháng 12 năm 2024"])
    assert is_signature(["Ngày ... tháng ... năm ..."])
    assert not is_signature(["Thu hội phí tháng 1"])


def test_column_numbers() -> None:
    assert is_column_numbers(["(1)", "(2)", "(3)", "(4)"])
    assert is_column_numbers([1, 2, 3, 4, 5])
    assert not is_column_numbers(["05/03/2024", "PC-1", "L1", 5000000])


def test_units_under_the_header_are_left_out(write_csv: Any) -> None:
    path = write_csv(
        "Ngày,Số phiếu,Mã khoản vay,Mã TV,Số tiền,Kỳ hạn",
        ",,,,(đồng),(tháng)",
        "05/03/2024,PC-2024-001,L2024-001,M001,5000000,12",
    )
    register = read_register(path)
    assert register.errors == ()
    assert [r.row for r in register.rows] == [3]
    assert register.ignored == (f"{path}:2: units under the header, not imported",)


def test_a_data_row_without_voucher_is_still_reported_not_dropped(
    club: Path, write_csv: Any
) -> None:
    path = write_csv(
        "Ngày,Số phiếu,Quỹ,Nội dung,Khoản mục,Thu,Chi",
        "20/01/2024,,HĐ,Cộng đồng giúp nhau,Hội phí,520000,",
    )
    before = sha256(club)
    result = run("import", club, path)
    assert result.exit_code == 1
    assert f"{path}:2: Số phiếu: empty; every row needs it" in result.stderr
    assert sha256(club) == before


def test_so_tien_in_a_repayments_register_is_the_total(
    club_with_loans: Path, write_csv: Any
) -> None:
    path = write_csv(
        "Ngày,Số phiếu,Mã khoản vay,Mã TV,Tiền gốc,Tiền lãi,Số tiền",
        "05/04/2024,PT-2024-050,L2024-002,M002,,,265000",
        name="so-thu-no.csv",
    )
    result = run("import", club_with_loans, path)
    assert result.exit_code == 0, result.output
    assert "Sổ thu nợ (repayments), 1 to add" in result.output


def test_an_unknown_money_heading_is_refused_with_the_accepted_names(
    club_with_loans: Path, write_csv: Any
) -> None:
    path = write_csv(
        "Ngày,Số phiếu,Mã khoản vay,Mã TV,Tiền gốc,Tiền lãi,Tiền phạt",
        "05/04/2024,PT-2024-050,L2024-002,M002,235000,30000,5000",
    )
    before = sha256(club_with_loans)
    result = run("import", club_with_loans, path)
    assert result.exit_code == 1
    assert (
        f"{path}:1: Tiền phạt: this heading speaks of money but is not a column of the "
        "repayments register (Sổ thu nợ); name it as one of: Tiền gốc, Gốc" in result.stderr
    )
    assert sha256(club_with_loans) == before
