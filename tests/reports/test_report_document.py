"""The annual report as a document to sign: heading, date line, units, workbook for printing."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from report_runs import report_args, tables_of

from ledger_engine.cli import main
from reports.labels import Lang, date_line


def test_the_heading_blocks_stand_side_by_side(report_html: str) -> None:
    heading = re.search(r'<table class="heading">.*?</table>', report_html, re.S)
    assert heading is not None
    left, right = re.findall(r"<td class=\"[a-z-]+\">(.*?)</td>", heading.group(0), re.S)
    assert "BAN ĐẠI DIỆN HỘI NGƯỜI CAO TUỔI TỈNH KON TUM" in left and "Số:" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    assert "Kon Tum, ngày 15 tháng 12 năm 2025" in right


def test_the_date_line_is_written_in_words() -> None:
    day = datetime.date(2025, 2, 5)
    assert date_line("Kon Tum", day, Lang.VI) == "Kon Tum, ngày 05 tháng 02 năm 2025"
    assert date_line("Kon Tum", day, Lang.EN) == "Kon Tum, 5 February 2025"


def test_the_document_closes_with_recipients_and_signature(report_html: str) -> None:
    closing = re.search(r'<table class="closing">.*?</table>', report_html, re.S)
    assert closing is not None
    assert "Nơi nhận:" in closing.group(0) and "- Lưu: VT." in closing.group(0)
    assert "TM. BAN ĐẠI DIỆN" in closing.group(0) and "TRƯỞNG BAN" in closing.group(0)


def test_dates_a_person_reads_are_day_first(report_html: str) -> None:
    text = re.sub(r"<[^>]+>", " ", report_html)
    assert "15/12/2025" in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text)


def test_every_unit_row_has_a_name_and_one_set_of_units(report_html: str) -> None:
    units = next(
        rows for caption, rows in tables_of(report_html).items() if "Biểu 05" in caption
    )
    assert units
    names = [row[0] for row in units]
    assert all(names) and not any("không có" in name for name in names)
    assert "theo đơn vị trong kỳ kế hoạch" in report_html


def plan_without_units_day(province: Path) -> Path:
    """The shipped plan without ``units_as_of``, in a folder of its own."""
    dated = province.parent / "dated"
    dated.mkdir(exist_ok=True)
    lines = (province.parent / "plan.toml").read_text("utf-8").splitlines(True)
    path = dated / "plan.toml"
    path.write_text("".join(line for line in lines if "units_as_of" not in line), "utf-8")
    return path


def test_the_units_of_the_report_date_through_the_map(province: Path) -> None:
    dated = plan_without_units_day(province).parent
    units = str(province.parent / "units-2025.toml")
    args = report_args(
        province, "json", "--plan", str(dated / "plan.toml"), "--units", units
    )
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert '"basis": "report-date"' in result.stdout
    assert '"map_name": "units-2025.toml"' in result.stdout
    assert '"unit_level": "commune"' in result.stdout


def test_a_mix_of_units_is_refused_with_the_clubs_named(province: Path) -> None:
    dated = plan_without_units_day(province).parent
    empty = dated / "report.toml"
    empty.write_text("", encoding="utf-8")
    args = report_args(
        province, "html", "--plan", str(dated / "plan.toml"), "--settings", str(empty)
    )
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "different sets of units" in result.output and "--units" in result.output


def test_targets_that_do_not_apply_show_a_dash(report_html: str) -> None:
    clubs = next(
        rows for caption, rows in tables_of(report_html).items() if "Biểu 08" in caption
    )
    t1, t2 = 9, 10
    assert all("–" in (row[t1], row[t2]) for row in clubs)


def test_the_names_of_areas_are_vietnamese(report_html: str) -> None:
    assert "home-care" not in report_html and "self-help" not in report_html


def test_the_workbook_prints_well(report_xlsx: Path) -> None:
    book = openpyxl.load_workbook(report_xlsx)
    assert book.sheetnames[0] == "Báo cáo"
    cover = [c for row in book["Báo cáo"].iter_rows(values_only=True) for c in row if c]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cover
    assert "Kon Tum, ngày 15 tháng 12 năm 2025" in cover
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes, sheet.title
        assert sheet.auto_filter.ref, sheet.title
        header = int(sheet.freeze_panes[1:]) - 1
        assert sheet.print_title_rows == f"${header}:${header}", sheet.title
        assert sheet["B2"].value == datetime.datetime(2025, 12, 15), sheet.title
        assert sheet["B2"].number_format == "dd/mm/yyyy"


def test_the_actual_column_holds_numbers(report_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(report_xlsx)["Chỉ tiêu"]
    header = int(sheet.freeze_panes[1:]) - 1
    titles = [c.value for c in sheet[header]]
    column = titles.index("Thực hiện") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(header + 1, sheet.max_row + 1)]
    assert cells and all(isinstance(c.value, int | float) for c in cells)
    assert {c.number_format for c in cells} == {"#,##0", "0.0%"}


def test_column_widths_fit_the_club_names(report_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(report_xlsx)["CLB"]
    header = int(sheet.freeze_panes[1:]) - 1
    names = [
        sheet.cell(row=r, column=2).value for r in range(header + 1, sheet.max_row + 1)
    ]
    assert sheet.column_dimensions["B"].width >= max(len(n) for n in names)


def test_coverage_states_its_units(province: Path) -> None:
    shipped = CliRunner().invoke(main, ["coverage", str(province), "--as-of", "2025-12-15"])
    assert shipped.exit_code == 0, shipped.output
    assert "theo đơn vị trong kỳ kế hoạch" in shipped.stdout
    assert "không có" not in shipped.stdout
    dated = plan_without_units_day(province).parent
    args = [
        "coverage",
        str(province),
        "--as-of",
        "2025-12-15",
        "--plan",
        str(dated / "plan.toml"),
    ]
    # Without the plan's units day, the settings' units map places every club in today's.
    today = CliRunner().invoke(main, args)
    assert today.exit_code == 0, today.output
    assert "theo tệp units-2025.toml" in today.stdout


def test_without_chromium_the_pdf_is_refused_with_what_to_install(
    province: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_ENGINE_CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "bao-cao.pdf"
    result = CliRunner().invoke(main, report_args(province, "pdf", "-o", str(out)))
    assert result.exit_code == 1
    assert "apt-get install chromium" in result.output
    assert not out.exists()
