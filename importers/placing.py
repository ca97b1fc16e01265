"""Placing the rule chain's verdict on an imported entry back on the row it came from.

The chain reports on entries (``file:line: message``); a treasurer corrects a row and a
column. Each imported entry knows its row; the column is read from what the rule says, by the
table below (first match wins). A message no pattern knows is placed on the row alone.
"""

from __future__ import annotations

import re

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
