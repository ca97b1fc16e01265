"""The register importers on Fava's import page, through importers/fava_config.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fava.application import create_app
from register_samples import HERE

CONFIG = HERE / "fava_config.py"


def fava_club(book: Path, *documents: Path) -> Any:
    """A Fava test client for ``book`` with the sample importers and a registers folder."""
    folder = book.parent / "registers"
    folder.mkdir()
    for document in documents:
        shutil.copy(document, folder)
    (folder / "notes.txt").write_text("not a register\n", encoding="utf-8")
    with book.open("a", encoding="utf-8") as handle:
        handle.write(f'\n2016-05-01 custom "fava-option" "import-config" "{CONFIG}"\n')
        handle.write('2016-05-01 custom "fava-option" "import-dirs" "registers"\n')
    return create_app([str(book)], load=True).test_client()


@pytest.fixture
def loans_register() -> Path:
    return HERE / "loans" / "testdata" / "loans-messy.xlsx"


def test_import_page_lists_each_register_with_its_importer(
    club: Path, loans_register: Path
) -> None:
    client = fava_club(club, HERE / "members" / "testdata" / "members.csv", loans_register)
    response = client.get("/clb-lth-mau/api/imports")
    assert response.status_code == 200
    found = {
        f["basename"]: [i["importer_name"] for i in f["importers"]]
        for f in response.get_json()["data"]
    }
    assert found == {
        "loans-messy.xlsx": ["importers.loans.Importer"],
        "members.csv": ["importers.members.Importer"],
        "notes.txt": [],
    }


def test_extract_checks_rows_against_the_open_ledger(
    club_with_loans: Path, loans_register: Path
) -> None:
    client = fava_club(club_with_loans, loans_register)
    response = client.get(
        "/clb-lth-mau/api/extract",
        query_string={
            "filename": str(club_with_loans.parent / "registers" / loans_register.name),
            "importer": "importers.loans.Importer",
        },
    )
    assert response.status_code == 200
    entries = response.get_json()["data"]
    # Every loan of the register is already in the ledger: each comes back as a duplicate.
    assert len(entries) == 6
    assert all(e["meta"].get("__duplicate__") for e in entries)


def test_extract_of_a_register_with_bad_rows_shows_every_problem(
    club: Path, loans_register: Path
) -> None:
    client = fava_club(club, loans_register)
    response = client.get(
        "/clb-lth-mau/api/extract",
        query_string={
            "filename": str(club.parent / "registers" / loans_register.name),
            "importer": "importers.loans.Importer",
        },
    )
    assert response.status_code != 200
    message = response.get_json()["error"]
    assert "loans-messy.xlsx:6: Mã TV: M001 is not a member in the book" in message
    assert "loans-messy.xlsx:12: Mã TV: M010 is not a member in the book" in message
