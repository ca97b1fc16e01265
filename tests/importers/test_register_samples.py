"""The sample registers under importers/<kind>/testdata/ read as the rows they were made from,
and the committed files are what ``python tests/register_samples.py`` writes today."""

from __future__ import annotations

from pathlib import Path

import pytest
from printed_samples import write_printed_csv
from register_samples import HERE, SAMPLES, write_messy_csv

from importers.kinds import KINDS, Kind, header_table, keys, lookup_table
from importers.rows import read_register

DOCUMENTS = sorted(p for p in HERE.glob("*/testdata/*.*") if p.suffix in (".csv", ".xlsx"))


def test_every_kind_has_its_six_samples() -> None:
    names = {p.name for p in DOCUMENTS}
    for kind in KINDS:
        assert {
            f"{kind}.csv",
            f"{kind}.xlsx",
            f"{kind}-messy.csv",
            f"{kind}-messy.xlsx",
            f"{kind}-printed.csv",
            f"{kind}-printed.xlsx",
        } <= names


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_sample_reads_as_its_rows(path: Path) -> None:
    kind = path.parent.parent.name
    register = read_register(path)
    assert register.errors == ()
    assert register.kind is KINDS[kind]
    plain = [{k: v for k, v in r.model_dump().items() if k != "row"} for r in register.rows]
    assert plain == SAMPLES[kind]


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_messy_csv_is_up_to_date(tmp_path: Path, kind: str) -> None:
    fresh = tmp_path / "fresh.csv"
    write_messy_csv(KINDS[kind], fresh)
    assert (
        fresh.read_bytes() == (HERE / kind / "testdata" / f"{kind}-messy.csv").read_bytes()
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_printed_csv_is_up_to_date(tmp_path: Path, kind: str) -> None:
    fresh = tmp_path / "fresh.csv"
    write_printed_csv(KINDS[kind], fresh)
    committed = HERE / kind / "testdata" / f"{kind}-printed.csv"
    assert fresh.read_bytes() == committed.read_bytes()


def test_messy_repayments_workbook_holds_formulas_with_saved_results() -> None:
    import openpyxl

    path = HERE / "repayments" / "testdata" / "repayments-messy.xlsx"
    formulas = openpyxl.load_workbook(path).active
    values = openpyxl.load_workbook(path, data_only=True).active
    cells = [c for row in formulas.iter_rows() for c in row if c.data_type == "f"]
    assert cells, "the sample should exercise cached formula results"
    assert all(values[c.coordinate].value is not None for c in cells)


# --- the declarations themselves -------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.key)
def test_no_two_columns_of_a_kind_share_a_spelling(kind: Kind) -> None:
    seen: dict[str, str] = {}
    for column in kind.columns:
        for spelling in column.spellings():
            for key in keys(spelling):
                assert seen.setdefault(key, column.name) == column.name, spelling
    assert len(header_table(kind)) == len(seen)


@pytest.mark.parametrize(
    "column",
    [c for k in KINDS.values() for c in k.columns if c.words],
    ids=lambda c: c.name,
)
def test_words_without_diacritics_keep_their_meaning(column: object) -> None:
    words = column.words  # type: ignore[attr-defined]
    table = lookup_table(words)
    for word, meaning in words.items():
        assert table[keys(word)[1]] == meaning, word
