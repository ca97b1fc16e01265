"""The beangulp importer every register kind shares.

An importer is given the club book it imports into (a path, at construction): rows are
checked against it (members, loans, what is still owed, vouchers already used). When
beangulp or Fava pass the ledger's entries as ``existing``, those are the book instead.

``extract`` gives the entries of every row (and the ``open`` entries they need); a row whose
voucher is already in the book comes back as the book's own entry marked ``__duplicate__``,
which beangulp and Fava show as a duplicate. A document with any bad row gives nothing:
``extract`` raises ``RegisterRejected`` listing every problem as ``file:row: column: what``.
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import beangulp
from beancount import loader
from beancount.core import data

from importers.document import read_document
from importers.extraction import Builder, Extraction, RowOutcome, extract_rows
from importers.kinds import KINDS, Kind
from importers.rows import Register, read_register
from importers.state import BookState, Origin
from importers.values import RowError
from ledger_engine.book import ClubBook

DUPLICATE = "__duplicate__"

#: The account under which ``beangulp archive`` files a register.
ARCHIVE_ACCOUNTS = {
    "members": "Assets:IGF:Loans",
    "loans": "Assets:IGF:Loans",
    "repayments": "Assets:IGF:Loans",
    "cashbook": "Assets:IGF:Cash",
}


class RegisterRejected(ValueError):
    """A document with bad rows: nothing of it may be imported."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@functools.lru_cache(maxsize=256)
def _kind_of(path: str, mtime: int, size: int) -> str | None:
    try:
        document, _ = read_document(path)
    except Exception:
        # Fava asks about every file of its import folders; one the reader cannot make
        # sense of is simply not a register.
        return None
    return document.kind.key if document is not None else None


def kind_of(path: str | Path) -> str | None:
    """The register kind of a document, or ``None``; cached while the file is unchanged."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _kind_of(str(path), stat.st_mtime_ns, stat.st_size)


def marked(entry: data.Directive) -> data.Directive:
    return entry._replace(meta={**entry.meta, DUPLICATE: True})


def extract_register(register: Register, state: BookState, build: Builder) -> Extraction:
    """The entries of a validated register; its reading errors come first."""
    assert register.kind is not None
    result = extract_rows(register.file, register.kind, register.rows, state, build)
    result.errors[:0] = register.errors
    return result


class RegisterImporter(beangulp.Importer):  # type: ignore[misc]
    """A treasurer's register of one kind; subclasses set ``kind`` and ``build``."""

    kind: ClassVar[str]

    def __init__(self, book: str | os.PathLike[str] | None = None) -> None:
        self.book = Path(book) if book is not None else None

    @property
    def register(self) -> Kind:
        return KINDS[self.kind]

    def build(self, row: Any, state: BookState, origin: Origin) -> RowOutcome:
        raise NotImplementedError

    def identify(self, filepath: str) -> bool:
        return kind_of(filepath) == self.kind

    def account(self, filepath: str) -> str:
        return ARCHIVE_ACCOUNTS[self.kind]

    def date(self, filepath: str) -> datetime.date | None:
        """The latest date the register records: the day it was brought up to."""
        register = read_register(filepath, self.kind)
        dates = [
            value
            for row in register.rows
            for value in row.model_dump().values()
            if isinstance(value, datetime.date)
        ]
        return max(dates, default=None)

    def _state(self, existing: data.Entries) -> BookState:
        if existing:
            return BookState.of(ClubBook.from_entries(list(existing)))
        if self.book is not None:
            entries, errors, options = loader.load_file(str(self.book))
            return BookState.of(
                ClubBook.from_entries(entries, errors, options, str(self.book))
            )
        return BookState.of(ClubBook.from_entries([]))

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        register = read_register(filepath, self.kind)
        if register.kind is None:
            raise RegisterRejected(register.errors)
        state = self._state(existing)
        result = extract_register(register, state, self.build)
        errors = list(result.errors)
        if self.kind == "cashbook":
            errors[:0] = state.book_errors  # the club's own categories must be readable
        if errors:
            raise RegisterRejected(errors)
        return [
            *state.open_entries(),
            *(a.entry for a in result.added),
            *(marked(s.existing) for s in result.skipped),
        ]

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Mark entries whose voucher the ledger already holds (exact, not fuzzy)."""
        known = {
            e.meta.get("voucher") for e in existing if isinstance(e, data.Transaction)
        } - {None}
        for index, entry in enumerate(entries):
            voucher = entry.meta.get("voucher")
            if voucher in known and not entry.meta.get(DUPLICATE):
                entries[index] = marked(entry)
