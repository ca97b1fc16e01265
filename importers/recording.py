"""One entry typed on the command line (``ledger-engine record``), as a register row.

A loan, a repayment or a member is the row of its register; the fund's capital is a cashbook
row of the IGF (``Equity:IGF:Capital:<source>`` against its cash or bank). The values given
are read exactly as the register's cells (``3.000.000``, ``05/03/2024``, ``0,5``) and checked
like a row of a document, so the command and the import agree on what a good row is. What is
not given is chosen from the book, under its write lock: the next free loan id
``L<year>-NNN`` and voucher ``PC-<year>-NNN`` (money paid out) or ``PT-<year>-NNN`` (money
received).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from importers.document import Document, RawRow
from importers.entries import transaction
from importers.extraction import RowOutcome, known_voucher
from importers.kinds import KINDS
from importers.pipeline import Source
from importers.rows import CashbookRow, validate
from importers.state import BookState, Origin
from importers.values import RowError
from ledger_engine.i18n import _

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
    "members": {
        "--code": "Mã TV",
        "--name": "Họ và tên",
        "--gender": "Giới tính",
        "--born": "Năm sinh",
        "--ethnicity": "Dân tộc",
        "--household": "Hộ",
        "--joined": "Ngày vào",
    },
    "capital": {
        "--date": "Ngày",
        "--voucher": "Số phiếu",
        "--amount": "Thu",
        "--source": "Khoản mục",
        "--fund": "Quỹ",
        "--note": "Ghi chú",
        "--content": "Nội dung",
    },
}
#: The register whose row each recorded kind is.
REGISTER = {
    "loans": "loans",
    "repayments": "repayments",
    "members": "members",
    "capital": "cashbook",
}
ZERO = Decimal(0)

CAPITAL_ROOT = "Equity:IGF:Capital"
_SOURCE = re.compile(r"^(State|Members|Donor-[A-Z][A-Za-z0-9-]*)$")
INTO = {"cash": "Assets:IGF:Cash", "bank": "Assets:IGF:Bank"}


def capital_account(source: str) -> str | None:
    """``Equity:IGF:Capital:<source>`` for State, Members or Donor-<Name>; else ``None``."""
    return f"{CAPITAL_ROOT}:{source}" if _SOURCE.match(source) else None


def capital_narration(source: str) -> str:
    if source == "State":
        return "Vốn nhà nước hỗ trợ"
    if source == "Members":
        return "Vốn thành viên góp"
    return f"Vốn tài trợ {source.removeprefix('Donor-')}"


def next_free(taken: Iterable[str], prefix: str) -> str:
    """``prefix`` followed by one more than the highest number already used with it."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    numbers = [int(m.group(1)) for t in taken if (m := pattern.match(t))]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _defaults(
    kind: str, given: Mapping[str, str | None], state: BookState, on: datetime.date
) -> tuple[dict[str, str | None], list[RowError]]:
    if kind == "members":
        return dict(given), []
    cells = {**given, "--date": on.isoformat()}
    if kind == "capital":
        source = (cells.get("--source") or "").strip()
        account = capital_account(source)
        if account is None:
            message = _(
                "{source!r} is not a source of capital; write State, Members or "
                "Donor-<Name> (ASCII, e.g. Donor-HelpAge)"
            ).format(source=source)
            return cells, [RowError(COMMAND_LINE, 0, "--source", message)]
        cells["--source"] = account
        cells["--fund"] = "TTN"
        cells["--content"] = cells.get("--content") or capital_narration(source)
        prefix = f"PT-{on.year}-"
    elif kind == "loans":
        if not cells.get("--loan"):
            cells["--loan"] = next_free(state.loan_ids(), f"L{on.year}-")
        prefix = f"PC-{on.year}-"
    else:
        loan_id = (cells.get("--loan") or "").strip().upper()
        loan = state.loans.get(loan_id)
        if loan is None:
            message = _("no loan {loan} in the book").format(loan=loan_id)
            return cells, [RowError(COMMAND_LINE, 0, "--loan", message)]
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


def capital_builder(into: str) -> Any:
    """The builder of a capital row: ``Equity:IGF:Capital:<source>`` against ``into``."""

    def build(row: CashbookRow, state: BookState, origin: Origin) -> RowOutcome:
        amount = row.receipt or ZERO
        duplicate = known_voucher(state, row.voucher, row, amount)
        if duplicate is not None:
            return duplicate
        assert row.category is not None
        entry = transaction(
            origin,
            row.date,
            None,
            row.content,
            [(into, amount), (row.category, -amount)],
            fields={"voucher": row.voucher, "note": row.note},
        )
        return RowOutcome(entries=[entry])

    return build


def recorded(
    kind: str,
    given: Mapping[str, str | None],
    on: datetime.date,
    state: BookState,
    *,
    into: str = "cash",
) -> tuple[list[Source], list[RowError]]:
    """The one-row source for ``record`` (dated ``on``); problems name the options.

    ``kind`` is ``loans``, ``repayments``, ``members`` or ``capital``; ``into`` says where
    capital goes: the IGF's ``cash`` or ``bank``.
    """
    cells, errors = _defaults(kind, given, state, on)
    if errors:
        return [], errors
    spec = KINDS[REGISTER[kind]]
    raw = {
        OPTIONS[kind][option]: value for option, value in cells.items() if value is not None
    }
    document = Document(COMMAND_LINE, spec, 0, tuple(raw), (RawRow(0, dict(raw)),))
    rows, errors = validate(document)
    if errors:
        return [], as_options(kind, errors)
    build = capital_builder(INTO[into]) if kind == "capital" else None
    return [Source("", spec, tuple(rows), build)], []
