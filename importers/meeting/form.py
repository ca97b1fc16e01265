"""A club meeting as a client sends it, and its sections as register rows.

The meeting page (and any other client) sends one JSON object::

    {"date": "2026-01-15", "attendance": ["M001", "M002"],
     "payments": [{"loan": "L2025-011", "amount": "350.000", "voucher": "PT-2026-001"}],
     "loans": [{"member": "M004", "amount": 5000000, "term": 12, "voucher": "PC-2026-001"}],
     "members": [{"name": "Y Blơng", "gender": "Nữ", "born": 1958}],
     "cash": [{"fund": "HĐ", "category": "Hội phí", "received": 500000}]}

Each section is read exactly as the matching register would be (``importers.rows``): a
payment is a row of the repayments register, a new loan a row of the loans register, a new
member a row of the member list, other cash a row of the cashbook. Cells are given as the
treasurer typed them (``350.000``, ``350000``, ``0,5``, ``Nữ``), so the page, the command line
and the registers agree on what a good value is. ``row`` in an error is the position of the
item in its section's list, counted from 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

Cell = str | int | float | None

#: JSON field → register column, per section; the register kind each section is read as.
SECTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "members": (
        "members",
        {
            "code": "Mã TV",
            "name": "Họ và tên",
            "gender": "Giới tính",
            "born": "Năm sinh",
            "ethnicity": "Dân tộc",
            "household": "Hộ",
            "joined": "Ngày vào",
        },
    ),
    "loans": (
        "loans",
        {
            "date": "Ngày",
            "voucher": "Số phiếu",
            "loan": "Mã khoản vay",
            "member": "Mã TV",
            "amount": "Số tiền",
            "term": "Kỳ hạn",
            "rate": "Lãi suất",
            "method": "Phương thức",
            "purpose": "Mục đích",
        },
    ),
    "payments": (
        "repayments",
        {
            "date": "Ngày",
            "voucher": "Số phiếu",
            "loan": "Mã khoản vay",
            "member": "Mã TV",
            "amount": "Tổng cộng",
            "principal": "Tiền gốc",
            "interest": "Tiền lãi",
            "note": "Ghi chú",
        },
    ),
    "cash": (
        "cashbook",
        {
            "date": "Ngày",
            "voucher": "Số phiếu",
            "fund": "Quỹ",
            "content": "Nội dung",
            "category": "Khoản mục",
            "received": "Thu",
            "paid": "Chi",
            "note": "Ghi chú",
        },
    ),
}
SECTION_OF_KIND = {kind: section for section, (kind, _) in SECTIONS.items()}


#: Columns a section fills from another field: a payment's member comes from its loan.
_FILLED_FROM = {("payments", "Mã TV"): "loan", ("payments", "Họ và tên"): "loan"}


def field_of(section: str, column: str) -> str:
    """The JSON field a register column of ``section`` is written as (``""`` if none)."""
    if (section, column) in _FILLED_FROM:
        return _FILLED_FROM[section, column]
    for field, name in SECTIONS.get(section, ("", {}))[1].items():
        if name == column:
            return field
    return ""


@dataclass(frozen=True)
class MeetingError:
    """A problem at one field of one row of a section; ``row`` 0 is the section as a whole."""

    section: str
    row: int
    field: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"{self.section}[{self.row}]" if self.row else self.section
        return (
            f"{where}.{self.field}: {self.message}"
            if self.field
            else f"{where}: {self.message}"
        )


class Item(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PaymentIn(Item):
    loan: Cell = None
    amount: Cell = None
    principal: Cell = None
    interest: Cell = None
    voucher: Cell = None
    note: Cell = None


class LoanIn(Item):
    member: Cell = None
    amount: Cell = None
    term: Cell = None
    rate: Cell = None
    method: Cell = None
    purpose: Cell = None
    voucher: Cell = None
    loan: Cell = None


class MemberIn(Item):
    code: Cell = None
    name: Cell = None
    gender: Cell = None
    born: Cell = None
    ethnicity: Cell = None
    household: Cell = None
    joined: Cell = None


class CashIn(Item):
    fund: Cell = None
    category: Cell = None
    content: Cell = None
    received: Cell = None
    paid: Cell = None
    voucher: Cell = None
    note: Cell = None


class MeetingForm(Item):
    date: Cell
    kind: str = "monthly"
    attendance: tuple[str, ...] = ()
    payments: tuple[PaymentIn, ...] = ()
    loans: tuple[LoanIn, ...] = ()
    members: tuple[MemberIn, ...] = ()
    cash: tuple[CashIn, ...] = ()


def _place_validation(error: Any) -> MeetingError:
    location = [str(part) for part in error["loc"]]
    section = location[0] if location else "meeting"
    if section in SECTIONS or section == "attendance":
        row = int(location[1]) + 1 if len(location) > 1 and location[1].isdigit() else 0
        field = location[2] if len(location) > 2 else ""
        if section == "attendance":
            field = "member"
        return MeetingError(section, row, field, str(error["msg"]))
    return MeetingError("meeting", 0, section, str(error["msg"]))


def read_form(given: Any) -> tuple[MeetingForm | None, list[MeetingError]]:
    """The meeting a client sent, or every problem of its shape (unknown fields, no date)."""
    try:
        return MeetingForm.model_validate(given), []
    except ValidationError as exc:
        return None, [_place_validation(e) for e in exc.errors()]
