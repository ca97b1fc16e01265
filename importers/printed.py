"""Rows of a printed register that are not data: totals, column numbers and signatures.

A register kept for printing ends with a totals row (*Tổng cộng*, *Cộng tháng 3*), then the
place and date (*Ngọk Wang, ngày 31 tháng 12 năm 2024*) and the signature block (*Người lập
biểu · Thủ quỹ · Chủ nhiệm*, *(Ký, ghi rõ họ tên)*, the names). Some number the columns
under the header (*1 2 3 …* or *(1) (2) …*) or give their units there (*(đồng)*, *(tháng)*). None of these rows is an entry: each is
recognised and left out, never summed in, and the import says which rows it left out.

A row is only taken for a totals row or the start of the signature block when its identity
cell (*Số phiếu*, or *Mã TV* for members) is empty or holds the label itself: a real row
always has one, and one without it must still be reported as a bad row. Once the signature
block has begun (names of the signers may fall in any column), a row is data again only if
it fills every column a row needs: what stands below the signatures is not in the register. Column numbers are looked for only on the first row under the header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from importers.kinds import Kind, keys
from importers.values import Value, is_blank
from ledger_engine.i18n import _

#: The column a real row always fills.
IDENTITY = {"members": "Mã TV"}
DEFAULT_IDENTITY = "Số phiếu"

_TOTALS = re.compile(
    r"^(tong cong|tong so|tong|cong|cong don|luy ke|so du|ton quy|mang sang|chuyen sang)"
    r"(\s*[:.]|\s*$|\s+(thang|quy|nam|phat sinh|luy ke|trang|ky|cuoi|dau|sang|tu)\b)"
)
_SIGNATURE = re.compile(
    r"\b(nguoi lap|lap bieu|thu quy|ke toan|chu nhiem|truong ban|chu tich|pho chu nhiem"
    r"|ky ten|ky,? ghi ro|ky va ghi ro|ghi ro ho ten|xac nhan)\b"
    r"|\bngay\s*\S*\s*thang\s*\S*\s*nam\b"
)
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$")
_UNITS = re.compile(r"^\((dong|vnd|d|thang|nam|%|%/thang|%/nam|nguoi|lan)\)$")


@dataclass(frozen=True)
class Ignored:
    """A row left out, with why: printed as ``file:row: why``."""

    row: int
    reason: str


def _texts(cells: Sequence[Value]) -> list[str]:
    return [keys(c)[1] for c in cells if isinstance(c, str) and c.strip()]


def is_totals(cells: Sequence[Value]) -> bool:
    return any(_TOTALS.match(text) for text in _texts(cells))


def is_signature(cells: Sequence[Value]) -> bool:
    return any(_SIGNATURE.search(text) for text in _texts(cells))


def is_column_numbers(cells: Sequence[Value]) -> bool:
    """``1 2 3 …``, ``(1) (2) …`` or ``A B C …`` under the header."""
    filled = [c for c in cells if not is_blank(c)]
    if len(filled) < 3:
        return False
    texts = [str(int(c)) if isinstance(c, int | float) else keys(str(c))[0] for c in filled]
    return all(_COLUMN_NUMBER.match(t) for t in texts)


def is_units(cells: Sequence[Value]) -> bool:
    """``(đồng)``, ``(tháng)``, ``(%/tháng)`` under the headings they qualify."""
    filled = [c for c in cells if not is_blank(c)]
    return bool(filled) and all(
        isinstance(c, str) and _UNITS.match(keys(c)[1]) for c in filled
    )


class RowFilter:
    """Tells the data rows of one register from its totals, numbering and signatures."""

    def __init__(self, kind: Kind) -> None:
        self.identity = IDENTITY.get(kind.key, DEFAULT_IDENTITY)
        self.required = [c.name for c in kind.required]
        self.signed = False  # the signature block has begun
        self.first = True

    def reason(self, number: int, cells: Sequence[Value], named: dict[str, Value]) -> str:
        """Why row ``number`` is no data, or ``""`` when it is data."""
        first, self.first = self.first, False
        identity = named.get(self.identity)
        if first and is_column_numbers(cells):
            return _("column numbers under the header, not imported")
        if first and is_blank(identity) and is_units(cells):
            return _("units under the header, not imported")
        # A label may stand in the identity column itself ("Tổng cộng" under Mã TV).
        free = is_blank(identity) or (
            isinstance(identity, str)
            and (is_totals([identity]) or is_signature([identity]))
        )
        if self.signed or (free and is_signature(cells)):
            self.signed = True
            if any(is_blank(named.get(name)) for name in self.required):
                return _("signature block, not imported")
            return ""
        if free and is_totals(cells):
            return _("totals row, not imported (the book adds up its own entries)")
        return ""


def describe(file: str, ignored: Sequence[Ignored]) -> list[str]:
    """``file:row: why`` lines, consecutive rows left out for the same reason as one range."""
    lines: list[str] = []
    start = previous = None
    reason = ""
    for item in [*ignored, Ignored(0, "")]:
        if previous is not None and item.row == previous + 1 and item.reason == reason:
            previous = item.row
            continue
        if start is not None:
            rows = f"{start}" if start == previous else f"{start}-{previous}"
            lines.append(f"{file}:{rows}: {reason}")
        start = previous = item.row
        reason = item.reason
    return lines
