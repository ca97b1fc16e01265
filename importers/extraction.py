"""Turning the typed rows of a register into entries, row by row, against a book's state.

Each register kind has a *builder*: ``build(row, state, origin) -> RowOutcome``. A builder
checks the row against the book (a known member, a known loan, what is still owed, a known
category), and gives the row's entries, or the reason it is a duplicate of what the book
already holds, or its problems. It never changes the state: ``extract_rows`` adds the entries
of a good row, so that later rows see them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from importers.kinds import Kind, keys
from importers.state import BookState, Origin, where
from importers.values import RowError, day
from ledger_engine.i18n import _

Problem = tuple[str, str]  # (column name, what is wrong)


@dataclass
class RowOutcome:
    entries: list[data.Directive] = field(default_factory=list)
    skipped: list[tuple[str, data.Directive]] = field(default_factory=list)  # why, what
    problems: list[Problem] = field(default_factory=list)


Builder = Callable[[Any, BookState, Origin], RowOutcome]
#: Told how many rows of a document are built so far, and how many it has.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Added:
    origin: Origin
    entry: data.Directive


@dataclass(frozen=True)
class Skipped:
    """A row already in the book: skipped, and reported with the entry it duplicates."""

    origin: Origin
    reason: str
    existing: data.Directive

    def __str__(self) -> str:
        return f"{self.origin.file}:{self.origin.row}: {self.reason}"


@dataclass
class Extraction:
    """What one document gives: entries to add, rows skipped as duplicates, problems."""

    file: str
    kind: Kind
    added: list[Added] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # rows that are no data, and why


def extract_rows(
    file: str,
    kind: Kind,
    rows: Sequence[Any],
    state: BookState,
    build: Builder,
    progress: Progress | None = None,
) -> Extraction:
    """Build every row; a good row's entries go into ``state`` before the next row.

    Repayments are built in date order (rows of the same day as written), so that a total
    is split over every repayment made before it, and each loan's allocation is carried
    forward from row to row rather than computed again.
    """
    result = Extraction(file, kind)
    if kind.key == "repayments":
        rows = sorted(rows, key=lambda row: row.date)
    for done, row in enumerate(rows):
        if progress is not None:
            progress(done, len(rows))
        origin = Origin(file, row.row)
        outcome = build(row, state, origin)
        if outcome.problems:
            result.errors.extend(RowError(file, row.row, c, m) for c, m in outcome.problems)
            continue
        for reason, existing in outcome.skipped:
            result.skipped.append(Skipped(origin, reason, existing))
        for entry in outcome.entries:
            state.add(entry)
            result.added.append(Added(origin, entry))
    return result


# --- checks shared by the builders ---------------------------------------------------------


def _moves(entry: data.Transaction, amount: Decimal) -> bool:
    return any(
        p.units is not None and p.units.number is not None and abs(p.units.number) == amount
        for p in entry.postings
    )


def known_voucher(
    state: BookState, voucher: str, row: Any, amount: Decimal
) -> RowOutcome | None:
    """The outcome of a row whose voucher the book already uses, ``None`` if it is new.

    The same voucher on the same day for the same amount is the same entry: the row is a
    duplicate. Anything else is a clash a treasurer has to settle.
    """
    existing = state.vouchers.get(voucher)
    if existing is None:
        return None
    if existing.date == row.date and _moves(existing, amount):
        reason = _("Số phiếu {voucher} is already in the book ({where})").format(
            voucher=voucher, where=where(existing)
        )
        return RowOutcome(skipped=[(reason, existing)])
    what = existing.narration or existing.payee or "an entry"
    return RowOutcome(
        problems=[
            (
                "Số phiếu",
                _(
                    "{voucher} is already used by another entry: {date} {what!r} ({where}); give this row a voucher number of its own"
                ).format(
                    voucher=voucher,
                    date=day(existing.date),
                    what=what,
                    where=where(existing),
                ),
            )
        ]
    )


def same_name(a: str, b: str) -> bool:
    """Names compare without case, spacing or diacritics: registers are typed by hand."""
    return keys(a)[1] == keys(b)[1]
