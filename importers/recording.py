"""One loan or repayment typed on the command line (``ledger-engine record``), as a register row.

The values given are read exactly as the register's cells (``3.000.000``, ``05/03/2024``,
``0,5``) and checked like a row of a document, so the command and the import agree on what a
good row is. What is not given is chosen from the book, under its write lock: the next free
loan id ``L<year>-NNN`` and voucher ``PC-<year>-NNN`` (money paid out) or ``PT-<year>-NNN``
(money received).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from importers.document import Document, RawRow
from importers.kinds import KINDS
from importers.pipeline import Source
from importers.rows import validate
from importers.state import BookState
from importers.values import RowError

COMMAND_LINE = "command line"

#: Command-line option → register column, per kind.
OPTIONS: dict[str, dict[str, str]] = {
    "loans": {
        "--date": "Ngày",
        "--voucher": "Số phiếu",
        "--loan": "Mã khoản vay",
        "--member": "Mã TV",
        "--amount": "Số tiền",
        "--term": "Kỳ hạn",
        "--rate": "Lãi suất",
        "--method": "Phương thức",
        "--purpose": "Mục đích",
    },
    "repayments": {
        "--date": "Ngày",
        "--voucher": "Số phiếu",
        "--loan": "Mã khoản vay",
        "--member": "Mã TV",
        "--amount": "Tổng cộng",
        "--note": "Ghi chú",
    },
}


def next_free(taken: Iterable[str], prefix: str) -> str:
    """``prefix`` followed by one more than the highest number already used with it."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    numbers = [int(m.group(1)) for t in taken if (m := pattern.match(t))]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _defaults(
    kind: str, given: Mapping[str, str | None], state: BookState, on: datetime.date
) -> tuple[dict[str, str | None], list[RowError]]:
    cells = {**given, "--date": on.isoformat()}
    if kind == "loans":
        if not cells.get("--loan"):
            cells["--loan"] = next_free(state.loan_ids(), f"L{on.year}-")
        prefix = f"PC-{on.year}-"
    else:
        loan_id = (cells.get("--loan") or "").strip().upper()
        loan = state.loans.get(loan_id)
        if loan is None:
            return cells, [
                RowError(COMMAND_LINE, 0, "--loan", f"no loan {loan_id} in the book")
            ]
        cells["--member"] = loan.member
        prefix = f"PT-{on.year}-"
    if not cells.get("--voucher"):
        cells["--voucher"] = next_free(state.vouchers, prefix)
    return cells, []


def as_options(kind: str, errors: Iterable[Any]) -> list[Any]:
    """Problems of a recorded row, naming the command-line options instead of columns."""
    options = {column: option for option, column in OPTIONS[kind].items()}
    return [
        replace(e, file=COMMAND_LINE, row=0, column=options.get(e.column, e.column))
        if isinstance(e, RowError) and e.file in ("", COMMAND_LINE)
        else e
        for e in errors
    ]


def recorded(
    kind: str, given: Mapping[str, str | None], on: datetime.date, state: BookState
) -> tuple[list[Source], list[RowError]]:
    """The one-row source for ``record`` (dated ``on``); problems name the options."""
    cells, errors = _defaults(kind, given, state, on)
    if errors:
        return [], errors
    spec = KINDS[kind]
    raw = {
        OPTIONS[kind][option]: value for option, value in cells.items() if value is not None
    }
    document = Document(COMMAND_LINE, spec, 0, tuple(raw), (RawRow(0, dict(raw)),))
    rows, errors = validate(document)
    if errors:
        return [], as_options(kind, errors)
    return [Source("", spec, tuple(rows))], []
