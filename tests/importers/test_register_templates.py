"""Templates and written registers: they open in Excel as intended and read back exactly."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from register_samples import SAMPLES

from importers.kinds import KINDS
from importers.rows import LoanRow, read_register
from importers.templates import write_register, write_template
from ledger_engine.cli import main


def _plain(rows: tuple[object, ...]) -> list[dict[str, object]]:
    return [{k: v for k, v in r.model_dump().items() if k != "row"} for r in rows]  # type: ignore[attr-defined]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_template_reads_back_as_its_kind_with_no_rows(
    tmp_path: Path, kind: str, suffix: str
) -> None:
    path = tmp_path / f"{kind}{suffix}"
    write_template(kind, path)
    register = read_register(path)
    assert register.kind is KINDS[kind]
    assert (register.rows, register.errors) == ((), ())


def test_csv_template_is_utf8_with_bom_and_the_spec_headers(tmp_path: Path) -> None:
    write_template("members", tmp_path / "tv.csv")
    data = (tmp_path / "tv.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").splitlines() == [
        "Mã TV,Họ và tên,Giới tính (Nam/Nữ),Năm sinh,Dân tộc,Hộ (nghèo/cận nghèo/không),"
        "Ngày vào,Ngày ra,Lý do ra"
    ]


def test_xlsx_template_layout(tmp_path: Path) -> None:
    write_template("loans", tmp_path / "vay.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "vay.xlsx").active
    assert sheet.title == "Sổ cho vay"
    assert sheet["A1"].value == "SỔ CHO VAY"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:J1"]
    assert [c.value for c in sheet[2]][:3] == ["Ngày", "Số phiếu", "Mã khoản vay"]
    assert all(c.font.b for c in sheet[2])
    assert sheet.freeze_panes == "A3"
    assert sheet["A3"].number_format == "dd/mm/yyyy"  # Ngày
    assert sheet["F3"].number_format == "#,##0"  # Số tiền
    assert sheet.column_dimensions["E"].width >= 20  # Họ và tên


def test_xlsx_template_offers_the_accepted_words(tmp_path: Path) -> None:
    write_template("members", tmp_path / "tv.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "tv.xlsx").active
    lists = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"Nữ,Nam"' in lists
    assert '"nghèo,cận nghèo,không"' in lists


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_written_rows_read_back_unchanged(tmp_path: Path, kind: str, suffix: str) -> None:
    path = tmp_path / f"{kind}{suffix}"
    write_register(kind, SAMPLES[kind], path)
    register = read_register(path)
    assert register.errors == ()
    assert _plain(register.rows) == SAMPLES[kind]


def test_typed_rows_and_column_names_are_accepted(tmp_path: Path) -> None:
    row = LoanRow(
        row=9,
        date=datetime.date(2024, 3, 5),
        voucher="PC-1",
        loan="L1",
        member="M001",
        amount=Decimal(5000000),
    )
    write_register(
        "loans",
        [
            row,
            {
                "Ngày": datetime.date(2024, 3, 6),
                "Số phiếu": "PC-2",
                "Mã khoản vay": "L2",
                "Mã TV": "M002",
                "Số tiền": 3000000,
            },
        ],
        tmp_path / "vay.csv",
    )
    rows = read_register(tmp_path / "vay.csv").rows
    assert [(r.row, r.voucher) for r in rows if isinstance(r, LoanRow)] == [
        (2, "PC-1"),
        (3, "PC-2"),
    ]


def test_xlsx_cells_are_typed(tmp_path: Path) -> None:
    write_register("loans", SAMPLES["loans"][:1], tmp_path / "vay.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "vay.xlsx").active
    assert sheet["A3"].value == datetime.datetime(2024, 3, 5)
    assert sheet["F3"].value == 5000000
    assert sheet["I3"].value == "lãi phẳng"


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no column for colour"):
        write_register("loans", [{"colour": "red"}], tmp_path / "vay.csv")


def test_other_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        write_register("loans", [], tmp_path / "vay.ods")


# --- the command -------------------------------------------------------------------------


def test_template_command_writes_the_register(tmp_path: Path) -> None:
    path = tmp_path / "so-quy.xlsx"
    result = CliRunner().invoke(main, ["template", "cashbook", str(path)])
    assert result.exit_code == 0, result.output
    assert "Sổ quỹ" in result.output
    assert read_register(path).kind is KINDS["cashbook"]


def test_template_command_does_not_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "so-quy.csv"
    path.write_text("giữ nguyên", encoding="utf-8")
    result = CliRunner().invoke(main, ["template", "cashbook", str(path)])
    assert result.exit_code != 0
    assert "--force" in result.output
    assert path.read_text(encoding="utf-8") == "giữ nguyên"


def test_template_command_force_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "so-quy.csv"
    path.write_text("cũ", encoding="utf-8")
    result = CliRunner().invoke(main, ["template", "cashbook", "--force", str(path)])
    assert result.exit_code == 0, result.output
    assert read_register(path).kind is KINDS["cashbook"]


@pytest.mark.parametrize(
    ("args", "hint"),
    [(["savings", "x.csv"], "savings"), (["loans", "x.ods"], ".csv or .xlsx")],
)
def test_template_command_usage_errors(tmp_path: Path, args: list[str], hint: str) -> None:
    result = CliRunner().invoke(main, ["template", args[0], str(tmp_path / args[1])])
    assert result.exit_code == 2
    assert hint in result.output
