"""Books and registers for the importer tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from register_samples import HERE

from importers.pipeline import import_documents

SAMPLE_BOOK = HERE / "testdata" / "club.beancount"


def sample(kind: str, name: str | None = None) -> Path:
    """A sample register: ``importers/<kind>/testdata/<name or kind.csv>``."""
    return HERE / kind / "testdata" / (name or f"{kind}.csv")


@pytest.fixture
def club(tmp_path: Path) -> Path:
    """A copy of the sample club book: club, regulation, money brought forward."""
    book = tmp_path / "club.beancount"
    shutil.copy(SAMPLE_BOOK, book)
    return book


@pytest.fixture
def club_with_loans(club: Path) -> Path:
    """The sample club once the sample member list and loans register are imported."""
    report = import_documents(club, [sample("members"), sample("loans")])
    assert report.written and not report.errors
    return club


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write a register as CSV text: the header line, then one line per row."""

    def write(header: str, *rows: str, name: str = "register.csv") -> Path:
        path = tmp_path / name
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        return path

    return write
