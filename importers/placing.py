"""The text an import appends, and the rule chain's verdict placed back on its rows.

``render`` prints the new entries as the block appended to the book and remembers the lines
each row's entry takes.

The chain reports on entries (``file:line: message``); a treasurer corrects a row and a
column. Each imported entry knows its row; the column is read from what the rule says, by the
table below (first match wins). A message no pattern knows is placed on the row alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from beancount.core import data
from beancount.parser import printer

from importers.extraction import Added, Extraction
from importers.values import RowError
from ledger_engine.append import BookProblem

#: (register kind, pattern in the rule's message, column the treasurer corrects).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("loans", r"principal [\d,]+ VND exceeds", "Số tiền"),
    ("loans", r"\bterm [\d,]+ months", "Kỳ hạn"),
    ("loans", r"\brate\b", "Lãi suất"),
    ("loans", r"\bmethod\b", "Phương thức"),
    ("loans", r"no loan policy is in force", "Ngày"),
    ("loans", r"member|borrower|overdue|active loans", "Mã TV"),
    ("loans", r"goes negative", "Số tiền"),
    ("repayments", r"balance to|strict splits", "Tiền gốc"),
    ("repayments", r"before its disbursement", "Ngày"),
    ("repayments", r"the account of", "Mã TV"),
    ("repayments", r"no transaction disburses", "Mã khoản vay"),
    ("cashbook", r"goes negative", "Chi"),
    ("cashbook", r"tied to no single loan", "Khoản mục"),
    ("members", r"duplicate member code", "Mã TV"),
    ("members", r"has already exited|exit of unknown member", "Ngày ra"),
)


def column_for(kind: str, message: str) -> str:
    """The column of a ``kind`` register that ``message`` is about, or ``""``."""
    for key, pattern, column in COLUMNS:
        if key == kind and re.search(pattern, message):
            return column
    return ""


Span = tuple[int, int, Added | None, str]  # first line, line after, row's entry, its kind


def render(
    heading: str, opens: Sequence[data.Open], extractions: Sequence[Extraction]
) -> tuple[str, list[Span]]:
    """The block appended to the book and where each entry sits in it (the heading is
    line 0)."""
    parts = [f"; {heading}\n"]
    spans: list[Span] = []
    line = 1
    items: list[tuple[data.Directive, Added | None, str]] = [(o, None, "") for o in opens]
    items += [(a.entry, a, x.kind.key) for x in extractions for a in x.added]
    for entry, added, kind in items:
        text = printer.format_entry(entry)
        count = text.count("\n")
        spans.append((line, line + count, added, kind))
        parts.append(text)
        line += count
        if not isinstance(entry, data.Open):
            parts.append("\n")
            line += 1
    return "".join(parts).rstrip("\n") + "\n", spans


def place(
    problem: BookProblem, book: str, first: int, spans: Sequence[Span]
) -> RowError | BookProblem:
    """A problem on an imported entry as ``document:row: column: message``."""
    if problem.file != book:
        return problem
    for start, end, added, kind in spans:
        if added is not None and first + start <= problem.line < first + end:
            origin = added.origin
            column = column_for(kind, problem.message)
            return RowError(origin.file, origin.row, column, problem.message)
    return problem
