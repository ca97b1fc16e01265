"""Each sample register imports into the sample club book as its golden ``<doc>.beancount``.

The golden files sit beside the documents and are checked with beangulp's test harness. They
change only when asked: ``LEDGER_ENGINE_REGEN_GOLDEN=1 pytest tests/importers/test_golden.py``
rewrites them (members first: the books the loans and repayments are imported into include
the members' and loans' golden files).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from beangulp import testing
from register_samples import HERE

from importers import cashbook, loans, members, repayments
from importers.base import RegisterImporter
from importers.kinds import KINDS

TESTDATA = HERE / "testdata"
REGEN = os.environ.get("LEDGER_ENGINE_REGEN_GOLDEN") == "1"
IMPORTERS: dict[str, type[RegisterImporter]] = {
    "members": members.Importer,
    "loans": loans.Importer,
    "repayments": repayments.Importer,
    "cashbook": cashbook.Importer,
}
#: The book each kind is imported into: the club as it stands before that register.
BOOKS = {
    "members": TESTDATA / "club.beancount",
    "loans": TESTDATA / "club-members.beancount",
    "repayments": TESTDATA / "club-loans.beancount",
    "cashbook": TESTDATA / "club.beancount",
}
DOCUMENTS = [
    (kind, path)
    for kind in KINDS
    for path in sorted((HERE / kind / "testdata").iterdir())
    if path.suffix in (".csv", ".xlsx")
]


def _id(case: tuple[str, Path]) -> str:
    return case[1].name


@pytest.mark.parametrize("case", DOCUMENTS, ids=_id)
def test_sample_extracts_as_its_golden_file(case: tuple[str, Path]) -> None:
    kind, document = case
    importer = IMPORTERS[kind](BOOKS[kind])
    assert importer.identify(str(document))
    account, date, name, entries = testing.run_importer(importer, str(document))
    expected = str(document) + ".beancount"
    if REGEN:
        testing.write_expected_file(expected, account, date, name, entries, force=True)
    diff = testing.compare_expected(expected, account, date, name, entries)
    assert not diff, "".join(diff)


@pytest.mark.parametrize("case", DOCUMENTS, ids=_id)
def test_only_its_own_importer_identifies_a_sample(case: tuple[str, Path]) -> None:
    kind, document = case
    claimed = [k for k, importer in IMPORTERS.items() if importer().identify(str(document))]
    assert claimed == [kind]


def test_golden_files_are_valid_beancount_that_pass_the_rules() -> None:
    from ledger_engine.loading import load_book

    for book in BOOKS.values():
        assert load_book(book).errors == []


def _printed_without_origin(importer: RegisterImporter, document: Path) -> list[str]:
    from beancount.parser import printer

    origin = ("source_file", "source_row")
    entries = importer.extract(str(document), [])
    return [
        printer.format_entry(
            e._replace(meta={k: v for k, v in e.meta.items() if k not in origin})
        )
        for e in entries
    ]


@pytest.mark.parametrize("kind", list(KINDS))
def test_clean_messy_and_printed_samples_give_the_same_entries(kind: str) -> None:
    importer = IMPORTERS[kind](BOOKS[kind])
    documents = [path for k, path in DOCUMENTS if k == kind]
    assert len(documents) == 6
    first, *others = [_printed_without_origin(importer, d) for d in documents]
    assert first and all(other == first for other in others)


def test_a_total_alone_is_split_by_the_allocation_rule() -> None:
    # L2024-002 lends 3,000,000 on 05/03/2024 with the policy's terms: 24 months, flat
    # 0.5 %/month, installments rounded to 1,000 VND: 125,000 principal + 15,000 interest.
    # 265,000 paid on 05/04/2024 (installment 1 due that day, installment 2 the current
    # one): 15,000 + 125,000 for installment 1, then 15,000 interest of installment 2, and
    # the remaining 110,000 is principal: 235,000 principal, 30,000 interest.
    document = HERE / "repayments" / "testdata" / "repayments.csv"
    entries = repayments.Importer(BOOKS["repayments"]).extract(str(document), [])
    (entry,) = [e for e in entries if e.meta.get("voucher") == "PT-2024-002"]
    assert sorted((p.account, p.units.number) for p in entry.postings) == [
        ("Assets:IGF:Cash", 265000),
        ("Assets:IGF:Loans:M002", -235000),
        ("Income:IGF:Interest", -30000),
    ]


def test_identify_is_false_for_files_that_are_not_registers(tmp_path: Path) -> None:
    import zipfile

    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("a.txt", "hello")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    others = [pdf, archive, empty, BOOKS["members"], tmp_path / "missing.csv"]
    for importer in IMPORTERS.values():
        assert not any(importer().identify(str(path)) for path in others)


def test_date_of_a_register_is_its_latest_date() -> None:
    # The sample member list's latest date is M009 leaving on 29/02/2024.
    document = HERE / "members" / "testdata" / "members-messy.csv"
    assert members.Importer().date(str(document)) == datetime.date(2024, 2, 29)
