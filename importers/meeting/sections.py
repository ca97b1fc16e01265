"""A meeting's sections as register documents, and the meeting entry itself.

What a section does not give is chosen the way ``ledger-engine record`` chooses it, under
the book's lock: the next free loan id ``L<year>-NNN``, voucher ``PT-<year>-NNN`` (money
received) or ``PC-<year>-NNN`` (money paid out), and member code ``MNNN``. Numbers a client
typed for other rows of the same meeting are never chosen again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data
from beancount.parser.grammar import ValueType

from importers.document import Document, RawRow
from importers.entries import metadata
from importers.kinds import KINDS
from importers.meeting.form import (
    SECTIONS,
    CashIn,
    LoanIn,
    MeetingError,
    MeetingForm,
    PaymentIn,
)
from importers.recording import next_free
from importers.state import BookState, Origin
from importers.values import is_blank
from ledger_engine.book import ClubBook
from ledger_engine.i18n import _

RECEIPT, PAYMENT = "PT", "PC"


def _texts(values: Iterable[Any]) -> set[str]:
    return {str(v).strip().upper() for v in values if not is_blank(v)}


@dataclass
class Chooser:
    """The numbers already taken, in the book or by the meeting's own rows."""

    vouchers: set[str]
    loans: set[str]
    members: set[str]

    @classmethod
    def of(cls, form: MeetingForm, state: BookState) -> Chooser:
        rows: list[PaymentIn | LoanIn | CashIn] = [*form.payments, *form.loans, *form.cash]
        return cls(
            vouchers=set(state.vouchers) | _texts(r.voucher for r in rows),
            loans=set(state.loan_ids()) | _texts(r.loan for r in form.loans),
            members=set(state.members) | _texts(m.code for m in form.members),
        )

    def _next(self, taken: set[str], prefix: str) -> str:
        chosen = next_free(taken, prefix)
        taken.add(chosen)
        return chosen

    def voucher(self, kind: str, day: datetime.date) -> str:
        return self._next(self.vouchers, f"{kind}-{day.year}-")

    def loan(self, day: datetime.date) -> str:
        return self._next(self.loans, f"L{day.year}-")

    def member(self) -> str:
        return self._next(self.members, "M")


def _cells(section: str, item: Any) -> dict[str, Any]:
    columns = SECTIONS[section][1]
    return {
        columns[name]: value
        for name, value in item.model_dump().items()
        if name in columns and not is_blank(value)
    }


def _payment(
    cells: dict[str, Any], day: datetime.date, state: BookState, pick: Chooser
) -> None:
    cells.setdefault("Số phiếu", pick.voucher(RECEIPT, day))
    loan = state.loans.get(str(cells.get("Mã khoản vay", "")).strip().upper())
    if loan is not None:
        cells["Mã TV"] = loan.member


def _loan(
    cells: dict[str, Any], day: datetime.date, state: BookState, pick: Chooser
) -> None:
    cells.setdefault("Mã khoản vay", pick.loan(day))
    cells.setdefault("Số phiếu", pick.voucher(PAYMENT, day))


def _member(
    cells: dict[str, Any], day: datetime.date, state: BookState, pick: Chooser
) -> None:
    cells.setdefault("Mã TV", pick.member())
    cells.setdefault("Ngày vào", day)


def _cash(
    cells: dict[str, Any], day: datetime.date, state: BookState, pick: Chooser
) -> None:
    kind = RECEIPT if "Thu" in cells else PAYMENT
    cells.setdefault("Số phiếu", pick.voucher(kind, day))
    if "Khoản mục" in cells:
        cells.setdefault("Nội dung", cells["Khoản mục"])


_DEFAULTS = {"payments": _payment, "loans": _loan, "members": _member, "cash": _cash}


def documents_of(
    form: MeetingForm, day: datetime.date, state: BookState, pick: Chooser
) -> dict[str, Document]:
    """Each non-empty section as a document of its register kind, keyed by the kind."""
    found: dict[str, Document] = {}
    for section, (kind, _columns) in SECTIONS.items():
        items = getattr(form, section)
        if not items:
            continue
        rows = []
        for number, item in enumerate(items, start=1):
            cells = _cells(section, item)
            if section != "members":
                cells["Ngày"] = day
            _DEFAULTS[section](cells, day, state, pick)
            rows.append(RawRow(number, cells))
        headers = tuple(dict.fromkeys(name for row in rows for name in row.cells))
        found[kind] = Document("", KINDS[kind], 0, headers, tuple(rows))
    return found


# --- the meeting entry -------------------------------------------------------------------


def _attendance_errors(
    form: MeetingForm, day: datetime.date, state: BookState
) -> tuple[list[str], list[MeetingError]]:
    codes: list[str] = []
    errors: list[MeetingError] = []
    for number, given in enumerate(form.attendance, start=1):
        code = given.strip().upper()
        joined = state.joined(code)
        left = state.exits.get(code)
        if joined is None or joined > day or (left is not None and left.date <= day):
            message = _("{code} is not a member of the club on {day}")
            text = message.format(code=code or "''", day=f"{day:%d/%m/%Y}")
            errors.append(MeetingError("attendance", number, "member", text))
        elif code in codes:
            message = _("{code} is listed twice")
            errors.append(
                MeetingError("attendance", number, "member", message.format(code=code))
            )
        else:
            codes.append(code)
    return codes, errors


def _held(club: ClubBook, day: datetime.date, kind: str) -> data.Custom | None:
    for entry in club.entries:
        if (
            isinstance(entry, data.Custom)
            and entry.type == "meeting"
            and entry.date == day
            and entry.values
            and entry.values[0].value == kind
        ):
            return entry
    return None


def meeting_entry(
    form: MeetingForm, day: datetime.date, state: BookState, club: ClubBook
) -> tuple[tuple[Origin, data.Custom] | None, list[MeetingError]]:
    """``custom "meeting" "<kind>" <count>`` with ``attendance: "M001 M002"``, when the
    meeting gives its attendance; a meeting of that kind on that day is recorded only once."""
    if not form.attendance:
        return None, []
    codes, errors = _attendance_errors(form, day, state)
    known = _held(club, day, form.kind)
    if known is not None:
        message = _("a {kind} meeting on {day} is already in the book ({where})")
        where = f"{known.meta.get('filename')}:{known.meta.get('lineno')}"
        text = message.format(kind=form.kind, day=f"{day:%d/%m/%Y}", where=where)
        errors.append(MeetingError("meeting", 0, "date", text))
    if errors:
        return None, errors
    origin = Origin("", 1)
    meta = metadata(origin, {"attendance": " ".join(codes)})
    values = [ValueType(form.kind, str), ValueType(Decimal(len(codes)), Decimal)]
    return (origin, data.Custom(meta, day, "meeting", values)), []
